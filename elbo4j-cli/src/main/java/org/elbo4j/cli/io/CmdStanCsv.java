package org.elbo4j.cli.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes draws from a variational approximation in the layout of CmdStan's {@code variational}
 * method, so that CmdStan's readers take them as they are: {@code cmdstanr::read_cmdstan_csv} /
 * {@code as_cmdstan_fit}, {@code cmdstanpy.from_csv}, and ArviZ's CmdStan converter.
 *
 * <p>The layout, as written by Stan's {@code services::experimental::advi} and
 * {@code variational::advi::run}:
 * <ol>
 *   <li>Comment lines {@code # key = value} with the run's configuration, indented as CmdStan
 *       does: {@code method = variational}, then {@code algorithm = meanfield|fullrank|...}, the
 *       settings, {@code output_samples}, {@code id = 1}, {@code data/file}, {@code random/seed}.
 *       Readers parse these lines flatly; cmdstanr needs {@code method} and {@code id}.</li>
 *   <li>The header: {@code lp__,log_p__,log_g__}, then one column per scalar element of each
 *       variable, named as CmdStan names them: {@code mu}, {@code theta.1} for
 *       {@code theta[1]}, {@code x.1.2} for {@code x[1,2]} (1-based). Within a variable the
 *       columns run in <b>column-major</b> order (first index fastest: {@code x.1.1, x.2.1, x.1.2,
 *       ...}) as in every Stan CSV file; this writer takes each variable's values row-major and
 *       reorders them.</li>
 *   <li>{@code # Stepsize adaptation complete.} and {@code # eta = <step size>}: CmdStan writes
 *       them after the header when adaptation ran; cmdstanpy requires them to read a variational
 *       file, so they are always written, with the step size the optimizer used.</li>
 *   <li>First data row: {@code 0,0,0} then the <em>mean of the approximation</em>. CmdStan maps the
 *       mean μ of the Gaussian in unconstrained space to the constrained space (it is not the mean
 *       of the constrained draws); callers should pass the same. cmdstanr and cmdstanpy drop this
 *       row from the draws (cmdstanpy keeps it as {@code variational_params}).</li>
 *   <li>One row per draw: {@code lp__ = 0}; {@code log_p__} = log density of the model at the
 *       draw, on the unconstrained space with the Jacobian ({@code log_prob<propto=false,
 *       jacobian=true>} in Stan); {@code log_g__} = log density of the approximation at the draw
 *       (Stan writes the standard-normal kernel −½‖ε‖², without constants). cmdstanr renames them
 *       {@code lp__} and {@code lp_approx__}; their difference feeds Pareto-k̂ (PSIS).</li>
 * </ol>
 * Numbers are written with {@link Double#toString(double)}, which round-trips every double
 * exactly (CmdStan's default of 6 significant digits loses precision); non-finite values as
 * {@code nan}, {@code inf}, {@code -inf} as C++ streams print them.
 *
 * <pre>{@code
 * var vars = List.of(new CmdStanCsv.Variable("mu"), new CmdStanCsv.Variable("theta", 8));
 * var run = CmdStanCsv.Run.of("eight_schools_noncentered", "meanfield", 0.1, 42L);
 * CmdStanCsv.write(dir.resolve("draws.csv"), run, vars, meanRow, draws, logP, logG);
 * }</pre>
 *
 * <blockquote>Stan Development Team, "Stan CSV File Format" and "Variational Inference using
 * ADVI", CmdStan User's Guide; stan-dev/stan, src/stan/variational/advi.hpp.</blockquote>
 */
public final class CmdStanCsv {

    /** The three method columns CmdStan's variational output starts with. */
    public static final List<String> METHOD_COLUMNS = List.of("lp__", "log_p__", "log_g__");

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.]*");

    private CmdStanCsv() {}

    /**
     * A model variable: a scalar ({@code dims} empty), vector, matrix or array.
     *
     * @param name a Stan identifier: a letter, then letters, digits or '_', not ending in "__"
     * @param dims sizes, each ≥ 0
     */
    public record Variable(String name, int... dims) {
        /** @throws IllegalArgumentException if the name is not a Stan identifier or a size is negative */
        public Variable {
            if (name == null || !IDENTIFIER.matcher(name).matches() || name.endsWith("__")) {
                throw new IllegalArgumentException("variable name '" + name + "' is not a Stan identifier"
                        + " (a letter, then letters, digits or '_', not ending in \"__\")");
            }
            dims = dims.clone();
            for (int d : dims) {
                if (d < 0) {
                    throw new IllegalArgumentException(
                            "variable '" + name + "': negative size in " + Arrays.toString(dims));
                }
            }
        }

        @Override
        public int[] dims() {
            return dims.clone();
        }

        /** @return the number of scalar elements (1 for a scalar) */
        public int size() {
            int s = 1;
            for (int d : dims) {
                s = Math.multiplyExact(s, d);
            }
            return s;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Variable v && name.equals(v.name) && Arrays.equals(dims, v.dims);
        }

        @Override
        public int hashCode() {
            return 31 * name.hashCode() + Arrays.hashCode(dims);
        }

        @Override
        public String toString() {
            return name + Arrays.toString(dims);
        }
    }

    /**
     * What ran, for the comment lines.
     *
     * @param model the model's name ({@code # model = ...})
     * @param algorithm {@code meanfield}, {@code fullrank}, ... ({@code # algorithm = ...})
     * @param settings further settings in order (e.g. iter, grad_samples, optimizer); keys are
     *     identifiers, values one line
     * @param eta the optimizer's step size, written as {@code # eta = ...}
     * @param seed the random seed ({@code # seed = ...})
     * @param dataFile the data file, or null if none
     * @param producer who wrote the file, e.g. "elbo4j 0.1.0" ({@code # producer = ...}), or null
     */
    public record Run(
            String model,
            String algorithm,
            Map<String, String> settings,
            double eta,
            long seed,
            String dataFile,
            String producer) {
        /** @throws IllegalArgumentException if a key is not an identifier or a value spans lines */
        public Run {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(algorithm, "algorithm");
            settings = new LinkedHashMap<>(settings);
            oneLine("model", model);
            oneLine("algorithm", algorithm);
            if (dataFile != null) {
                oneLine("data file", dataFile);
            }
            if (producer != null) {
                oneLine("producer", producer);
            }
            for (Map.Entry<String, String> e : settings.entrySet()) {
                if (!KEY.matcher(e.getKey()).matches()) {
                    throw new IllegalArgumentException("setting name '" + e.getKey() + "' must be an identifier");
                }
                oneLine("setting " + e.getKey(), e.getValue());
            }
            if (!Double.isFinite(eta)) {
                throw new IllegalArgumentException("eta must be finite: " + eta);
            }
        }

        /**
         * A run with no further settings, no data file and no producer.
         *
         * @return the run description
         */
        public static Run of(String model, String algorithm, double eta, long seed) {
            return new Run(model, algorithm, Map.of(), eta, seed, null, null);
        }

        @Override
        public Map<String, String> settings() {
            return new LinkedHashMap<>(settings);
        }

        private static void oneLine(String what, String value) {
            if (value == null || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                throw new IllegalArgumentException(what + " must be one line: '" + value + "'");
            }
        }
    }

    /**
     * The CmdStan column name of one element.
     *
     * @param name the variable name
     * @param index1 the 1-based subscript; empty for a scalar
     * @return e.g. {@code theta.1}, {@code x.1.2}, or {@code mu}
     */
    public static String columnName(String name, int... index1) {
        StringBuilder sb = new StringBuilder(name);
        for (int i : index1) {
            sb.append('.').append(i);
        }
        return sb.toString();
    }

    /**
     * The header row: the method columns then each variable's elements, column-major.
     *
     * @param vars the variables in output order
     * @return the column names
     * @throws IllegalArgumentException if two variables share a name
     */
    public static List<String> header(List<Variable> vars) {
        checkDistinct(vars);
        List<String> out = new ArrayList<>(METHOD_COLUMNS);
        for (Variable v : vars) {
            int[] dims = v.dims();
            int[] idx = new int[dims.length];
            for (int k = 0; k < v.size(); k++) {
                // idx = column-major multi-index of k (first index fastest)
                int rest = k;
                for (int a = 0; a < dims.length; a++) {
                    idx[a] = rest % dims[a] + 1;
                    rest /= dims[a];
                }
                out.add(columnName(v.name(), idx));
            }
        }
        return out;
    }

    /**
     * Writes the file atomically ({@link AtomicFiles}).
     *
     * @param file the CSV file to create or replace
     * @param run the configuration for the comment lines
     * @param vars the variables, in output order
     * @param mean length P = Σ sizes: the approximation's mean, each variable row-major; not modified
     * @param draws S rows of length P, each variable row-major; not modified
     * @param logP length S: log density of the model at each draw (see class doc); not modified
     * @param logG length S: log density of the approximation at each draw; not modified
     * @throws IOException if the file cannot be written (an existing file is then left intact)
     * @throws IllegalArgumentException if a length does not match (the message says which)
     */
    public static void write(
            Path file, Run run, List<Variable> vars, double[] mean, double[][] draws, double[] logP, double[] logG)
            throws IOException {
        check(vars, mean, draws, logP, logG);
        AtomicFiles.write(file, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            writeTo(w, run, vars, mean, draws, logP, logG);
            w.flush();
        });
    }

    /**
     * Writes the CSV text to {@code out} (see {@link #write}).
     *
     * @throws IOException if {@code out} fails
     * @throws IllegalArgumentException if a length does not match
     */
    public static void writeTo(
            Appendable out, Run run, List<Variable> vars, double[] mean, double[][] draws, double[] logP, double[] logG)
            throws IOException {
        check(vars, mean, draws, logP, logG);
        int[] perm = columnMajorPermutation(vars);
        out.append("# model = ").append(run.model()).append('\n');
        out.append("# method = variational\n");
        out.append("#   variational\n");
        out.append("#     algorithm = ").append(run.algorithm()).append('\n');
        out.append("#       ").append(run.algorithm()).append('\n');
        for (Map.Entry<String, String> e : run.settings().entrySet()) {
            out.append("#     ")
                    .append(e.getKey())
                    .append(" = ")
                    .append(e.getValue())
                    .append('\n');
        }
        out.append("#     eta = ").append(num(run.eta())).append('\n');
        out.append("#     output_samples = ")
                .append(Integer.toString(draws.length))
                .append('\n');
        out.append("# id = 1\n");
        out.append("# data\n");
        out.append("#   file = ")
                .append(run.dataFile() == null ? "" : run.dataFile())
                .append('\n');
        out.append("# random\n");
        out.append("#   seed = ").append(Long.toString(run.seed())).append('\n');
        if (run.producer() != null) {
            out.append("# producer = ").append(run.producer()).append('\n');
        }
        out.append(String.join(",", header(vars))).append('\n');
        out.append("# Stepsize adaptation complete.\n");
        out.append("# eta = ").append(num(run.eta())).append('\n');
        row(out, 0, 0, mean, perm);
        for (int s = 0; s < draws.length; s++) {
            row(out, logP[s], logG[s], draws[s], perm);
        }
    }

    /**
     * Writes draws of named variables without the variational method's columns and mean row (posterior predictive
     * draws, generated quantities): {@code # } comment lines, the header of CmdStan column names ({@code y.1},
     * column-major within a variable), one row per draw. Atomically ({@link AtomicFiles}).
     *
     * @param comments lines written after {@code # }, e.g. {@code model = eight_schools}
     * @param rows     S rows of length Σ sizes, each variable row-major; not modified
     * @throws IOException if the file cannot be written (an existing file is then left intact)
     * @throws IllegalArgumentException if a row's length does not match the variables
     */
    public static void writeColumns(Path file, List<String> comments, List<Variable> vars, double[][] rows)
            throws IOException {
        List<String> names = header(vars);
        names = names.subList(METHOD_COLUMNS.size(), names.size());
        int[] perm = columnMajorPermutation(vars);
        for (int s = 0; s < rows.length; s++) {
            if (rows[s].length != perm.length) {
                throw new IllegalArgumentException(
                        "row " + (s + 1) + " has " + rows[s].length + " values, the variables " + perm.length);
            }
        }
        String header = String.join(",", names);
        AtomicFiles.write(file, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            for (String c : comments) w.append("# ").append(c).append('\n');
            w.append(header).append('\n');
            for (double[] row : rows) {
                for (int c = 0; c < perm.length; c++) {
                    if (c > 0) w.append(',');
                    w.append(num(row[perm[c]]));
                }
                w.append('\n');
            }
            w.flush();
        });
    }

    private static void row(Appendable out, double logP, double logG, double[] values, int[] perm) throws IOException {
        out.append('0').append(',').append(num(logP)).append(',').append(num(logG));
        for (int c = 0; c < perm.length; c++) {
            out.append(',').append(num(values[perm[c]]));
        }
        out.append('\n');
    }

    /** perm[c] = index into a row-major row of the value written in output column c. */
    static int[] columnMajorPermutation(List<Variable> vars) {
        int total = 0;
        for (Variable v : vars) {
            total += v.size();
        }
        int[] perm = new int[total];
        int c = 0;
        int base = 0;
        for (Variable v : vars) {
            int[] dims = v.dims();
            int[] idx = new int[dims.length];
            for (int k = 0; k < v.size(); k++) {
                int rest = k;
                for (int a = 0; a < dims.length; a++) {
                    idx[a] = rest % dims[a];
                    rest /= dims[a];
                }
                int rowMajor = 0;
                for (int a = 0; a < dims.length; a++) {
                    rowMajor = rowMajor * dims[a] + idx[a];
                }
                perm[c++] = base + rowMajor;
            }
            base += v.size();
        }
        return perm;
    }

    private static String num(double x) {
        if (x == 0) {
            return "0"; // also turns -0.0 into 0, as CmdStan prints it
        }
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        return Double.toString(x);
    }

    private static void checkDistinct(List<Variable> vars) {
        Set<String> seen = new HashSet<>();
        for (Variable v : vars) {
            if (!seen.add(v.name())) {
                throw new IllegalArgumentException("variable '" + v.name() + "' appears twice");
            }
        }
    }

    private static void check(List<Variable> vars, double[] mean, double[][] draws, double[] logP, double[] logG) {
        checkDistinct(vars);
        long p = 0;
        for (Variable v : vars) {
            p += v.size();
        }
        if (mean.length != p) {
            throw new IllegalArgumentException(
                    "mean row has " + mean.length + " values but the variables " + vars + " have " + p + " elements");
        }
        for (int s = 0; s < draws.length; s++) {
            if (draws[s].length != p) {
                throw new IllegalArgumentException(
                        "draw " + s + " has " + draws[s].length + " values but the variables have " + p + " elements");
            }
        }
        if (logP.length != draws.length || logG.length != draws.length) {
            throw new IllegalArgumentException("log_p__ has " + logP.length + " and log_g__ has " + logG.length
                    + " values but there are " + draws.length + " draws");
        }
    }
}
