package org.elbo4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.elbo4j.cavi.BayesianLinearRegression;
import org.elbo4j.cavi.Cavi;
import org.elbo4j.cavi.CaviFit;
import org.elbo4j.cavi.NormalGamma;
import org.elbo4j.cavi.SyntheticData;
import org.elbo4j.cli.io.AtomicFiles;
import org.elbo4j.cli.io.CsvData;
import org.elbo4j.cli.io.DataValue;
import org.elbo4j.cli.io.StanJsonData;
import org.elbo4j.cli.plot.LinePlot;
import org.elbo4j.infer.AutoGuide;
import org.elbo4j.infer.Draws;
import org.elbo4j.infer.Elbo;
import org.elbo4j.infer.Fit;
import org.elbo4j.infer.Model;
import org.elbo4j.infer.Stop;
import org.elbo4j.infer.Svi;
import org.elbo4j.optim.Adam;
import org.elbo4j.optim.Schedule;
import org.elbo4j.random.RandomStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code elbo4j cavi linreg}: Bayesian linear regression with unknown noise precision and a Normal–Gamma prior by
 * CAVI (mean-field q(w) q(τ)), printed next to the exact Normal–Gamma posterior; with {@code --svi}, also fitted by
 * SVI with the full-rank Gaussian auto-guide over (log τ, w), side by side. Data: a CSV with a response column and
 * predictor columns, or Stan JSON with N, D, x (N × D) and y (the layout of {@code fit linear_regression}).
 */
@Command(
        name = "linreg",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Bayesian linear regression by CAVI, beside the exact posterior (and SVI).",
        description = {
            "Bayesian linear regression (Normal-Gamma prior, unknown noise) by CAVI,",
            "next to the exact posterior; --svi adds SVI with the full-rank guide."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  elbo4j cavi linreg --svi",
            "  elbo4j cavi linreg --data regression.csv --y price --x area,rooms --out runs/linreg",
            "  elbo4j cavi linreg --svi \\",
            "      --data elbo4j-cli/src/main/resources/org/elbo4j/cli/data/linear_regression.json"
        })
final class CaviLinregCommand implements Callable<Integer> {

    /** The built-in data: y = 1 + 2 x1 − x2 + 0.5 x3 + 0.7 ε. */
    static final double[] TRUE_W = {1.0, 2.0, -1.0, 0.5};

    static final double TRUE_NOISE_SD = 0.7;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--data",
            paramLabel = "FILE",
            description =
                    "CSV (header; --y and --x columns) or Stan JSON (N, D, x[N,D], y[N]) by extension (default: built-in data).")
    Path data;

    @Option(
            names = "--y",
            defaultValue = "y",
            paramLabel = "NAME",
            description = "CSV: the response column (default: ${DEFAULT-VALUE}).")
    String yColumn;

    @Option(
            names = "--x",
            split = ",",
            paramLabel = "NAME",
            description = "CSV: predictor columns, comma-separated (default: all others).")
    List<String> xColumns;

    @Option(names = "--no-intercept", description = "Do not add a column of ones.")
    boolean noIntercept;

    @Option(
            names = "--prior-precision",
            defaultValue = "0.01",
            description = "lambda0: w | tau ~ N(0, (tau lambda0 I)^-1) (default: ${DEFAULT-VALUE}).")
    double lambda0;

    @Option(names = "--a0", defaultValue = "1", description = "tau ~ Gamma(a0, b0): shape (default: ${DEFAULT-VALUE}).")
    double a0;

    @Option(names = "--b0", defaultValue = "1", description = "tau ~ Gamma(a0, b0): rate (default: ${DEFAULT-VALUE}).")
    double b0;

    @Option(
            names = "--tol",
            defaultValue = "1e-6",
            description = "Stop when a sweep raises the ELBO by less (nats) (default: ${DEFAULT-VALUE}).")
    double tol;

    @Option(names = "--max-sweeps", defaultValue = "1000", description = "Sweep budget (default: ${DEFAULT-VALUE}).")
    int maxSweeps;

    @Option(names = "--svi", description = "Also fit by SVI (full-rank Gaussian guide) and print both side by side.")
    boolean svi;

    @Option(
            names = "--svi-steps",
            defaultValue = "2000",
            description = "SVI: steps of Adam, cosine-annealed (default: ${DEFAULT-VALUE}).")
    int sviSteps;

    @Option(
            names = "--svi-lr",
            defaultValue = "0.05",
            description = "SVI: initial learning rate (default: ${DEFAULT-VALUE}).")
    double sviLr;

    @Option(
            names = "--svi-draws",
            defaultValue = "10000",
            description = "SVI: draws from q for its means, sds and ELBO (default: ${DEFAULT-VALUE}).")
    int sviDraws;

    @Option(names = "--seed", defaultValue = "1", description = "SVI seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--n",
            defaultValue = "100",
            description = "Built-in data: observations (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--data-seed", defaultValue = "1", description = "Built-in data: seed (default: ${DEFAULT-VALUE}).")
    long dataSeed;

    @Option(
            names = "--show-sweeps",
            defaultValue = "30",
            description = "Sweeps printed before eliding (default: ${DEFAULT-VALUE}).")
    int showSweeps;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Write summary.json and elbo.png (and elbo-svi.png with --svi) here.")
    Path out;

    /** Design, response, coefficient names, where they came from. */
    record Problem(double[][] x, double[] y, List<String> names, String source) {}

    /** Mean and sd of one quantity under one method. */
    record Moments(double mean, double sd) {}

    /** The SVI side: its fit, ELBO ± SE from draws, and moments per coefficient and for tau. */
    record SviResult(Fit fit, double elbo, double elboSe, Moments[] w, Moments tau) {}

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        checkOptions();
        Usage.atLeast("--show-sweeps", showSweeps, 0);
        Usage.path("--data", data);
        OutputDir.prepare("--out", out);
        Problem p = data == null ? builtin() : read(data);
        int d = p.names().size();
        NormalGamma prior = NormalGamma.isotropic(d, lambda0, a0, b0);
        Cavi settings = Cavi.defaults().tolerance(tol).maxSweeps(maxSweeps);
        CaviFit<BayesianLinearRegression> fit = settings.run(rng -> BayesianLinearRegression.init(p.x(), p.y(), prior));
        BayesianLinearRegression q = fit.state();
        NormalGamma exact = q.exactPosterior();
        double evidence = q.logEvidence();
        SviResult s = svi ? runSvi(q, d) : null;

        w.printf(
                Locale.ROOT,
                "cavi linreg: %d observation%s, %d coefficient%s (%s) from %s%n",
                p.y().length,
                p.y().length == 1 ? "" : "s",
                d,
                d == 1 ? "" : "s",
                String.join(", ", p.names()),
                p.source());
        if (data == null) {
            w.printf(
                    Locale.ROOT,
                    "  truth: w = %s, noise sd %.2f (tau = %.4f)%n",
                    java.util.Arrays.toString(TRUE_W),
                    TRUE_NOISE_SD,
                    1 / (TRUE_NOISE_SD * TRUE_NOISE_SD));
        }
        w.printf(
                Locale.ROOT,
                "prior (Normal-Gamma): w | tau ~ N(0, (tau * %s I)^-1), tau ~ Gamma(%s, %s)%n",
                fmt(lambda0),
                fmt(a0),
                fmt(b0));
        w.printf(
                Locale.ROOT,
                "CAVI q(w) q(tau): %s in %s; ELBO %.6f%n",
                CaviReport.stopLine(fit, settings),
                CaviReport.seconds(fit.seconds()),
                fit.elbo());
        w.printf(
                Locale.ROOT,
                "exact log evidence log p(y) = %.6f; KL(q || posterior) = log p(y) - ELBO = %.6f%n%n",
                evidence,
                evidence - fit.elbo());
        CaviReport.printTrace(w, fit.elboTrace(), showSweeps);
        w.println();
        if (s != null) {
            w.printf(
                    Locale.ROOT,
                    "SVI, full-rank Gaussian over (log tau, w): Adam %s cosine-annealed over %d steps, 4 draws per step,"
                            + " init scale 0.1, seed %d: %.2f s; ELBO %.4f +- %.4f (%d draws from q)%n%n",
                    fmt(sviLr),
                    s.fit().steps(),
                    seed,
                    s.fit().seconds(),
                    s.elbo(),
                    s.elboSe(),
                    sviDraws);
        }
        printTable(w, p.names(), q, exact, s);
        if (s != null) {
            w.println();
            w.printf(Locale.ROOT, "%-22s %22s %26s%n", "", "CAVI", "SVI (full-rank)");
            w.printf(Locale.ROOT, "%-22s %22.4f %17.4f +- %.4f%n", "ELBO", fit.elbo(), s.elbo(), s.elboSe());
            w.printf(
                    Locale.ROOT,
                    "%-22s %22s %26s%n",
                    "iterations",
                    fit.sweeps() + " sweeps",
                    s.fit().steps() + " steps");
            w.printf(
                    Locale.ROOT,
                    "%-22s %22s %26s%n",
                    "time",
                    CaviReport.seconds(fit.seconds()),
                    CaviReport.seconds(s.fit().seconds()));
            w.printf(Locale.ROOT, "%-22s %22.4f%n", "exact log p(y)", evidence);
        }
        if (out != null) {
            AtomicFiles.writeString(
                    out.resolve("summary.json"),
                    Json.MAPPER.writeValueAsString(summary(p, fit, settings, q, exact, evidence, s)) + "\n");
            CaviReport.writeElboPlot(out.resolve("elbo.png"), "CAVI, Bayesian linear regression: ELBO by sweep", fit);
            String wrote = "wrote " + out.resolve("summary.json") + ", elbo.png";
            if (s != null && s.fit().evaluations().size() >= 2) {
                writeSviPlot(out.resolve("elbo-svi.png"), s, fit.elbo());
                wrote += ", elbo-svi.png";
            }
            w.println(wrote);
        }
        w.flush();
        spec.commandLine().getErr().println("cavi linreg: " + CaviReport.stopLine(fit, settings));
        spec.commandLine().getErr().flush();
        return 0;
    }

    private void checkOptions() {
        positive("--prior-precision", lambda0);
        positive("--a0", a0);
        positive("--b0", b0);
        positive("--svi-lr", sviLr);
        if (!(tol >= 0) || Double.isInfinite(tol)) {
            throw new UsageException("--tol must be >= 0 and finite, got " + tol);
        }
        if (maxSweeps < 1) {
            throw new UsageException("--max-sweeps must be >= 1, got " + maxSweeps);
        }
        if (sviSteps < 1) {
            throw new UsageException("--svi-steps must be >= 1, got " + sviSteps);
        }
        if (sviDraws < 2) {
            throw new UsageException("--svi-draws must be >= 2, got " + sviDraws);
        }
        if (n < 1) {
            throw new UsageException("--n must be >= 1, got " + n);
        }
    }

    private static void positive(String option, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new UsageException(option + " must be > 0 and finite, got " + v);
        }
    }

    private static String fmt(double v) {
        return CaviReport.compact(v);
    }

    private Problem builtin() {
        SyntheticData.Regression r =
                SyntheticData.regression(n, TRUE_W, TRUE_NOISE_SD, true, RandomStream.of(dataSeed));
        List<String> names = List.of("(intercept)", "x1", "x2", "x3");
        double[][] x = r.x();
        if (noIntercept) {
            double[][] y = new double[x.length][];
            for (int i = 0; i < x.length; i++) {
                y[i] = java.util.Arrays.copyOfRange(x[i], 1, x[i].length);
            }
            x = y;
            names = names.subList(1, names.size());
        }
        return new Problem(
                x,
                r.y(),
                names,
                "built-in synthetic data (y = 1 + 2 x1 - x2 + 0.5 x3 + 0.7 e, --data-seed " + dataSeed + ")");
    }

    private Problem read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        double[][] x;
        double[] y;
        List<String> names = new ArrayList<>();
        if (name.endsWith(".json")) {
            StanJsonData d = StanJsonData.read(file);
            int rows = d.requireInt("N");
            int cols = d.requireInt("D");
            if (rows < 1) {
                throw new IllegalArgumentException(file + ": N = " + rows + ": no observations");
            }
            d.requireFinite("x");
            d.requireFinite("y");
            DataValue xv = d.requireMatrix("x", rows, cols);
            y = d.requireVector("y", rows);
            x = new double[rows][cols];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    x[i][j] = xv.values()[i * cols + j];
                }
            }
            for (int j = 0; j < cols; j++) {
                names.add("x[" + (j + 1) + "]");
            }
        } else {
            CsvData t = CsvData.read(file);
            y = t.column(yColumn);
            List<String> xs = xColumns;
            if (xs == null || xs.isEmpty()) {
                xs = new ArrayList<>(t.names());
                xs.remove(yColumn);
            }
            if (xs.contains(yColumn)) {
                throw new IllegalArgumentException(
                        file + ": the response column '" + yColumn + "' is also a predictor (--x)");
            }
            double[] flat = t.columns(xs);
            int cols = xs.size();
            x = new double[t.rows()][cols];
            for (int i = 0; i < t.rows(); i++) {
                System.arraycopy(flat, i * cols, x[i], 0, cols);
            }
            names.addAll(xs);
        }
        if (!noIntercept) {
            for (int i = 0; i < x.length; i++) {
                double[] row = new double[x[i].length + 1];
                row[0] = 1;
                System.arraycopy(x[i], 0, row, 1, x[i].length);
                x[i] = row;
            }
            names.add(0, "(intercept)");
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException(file + ": no predictor columns and --no-intercept: nothing to fit");
        }
        return new Problem(x, y, names, file.toString());
    }

    private SviResult runSvi(BayesianLinearRegression q, int d) {
        Model model = q.asModel();
        AutoGuide guide = AutoGuide.fullRank(model).initScale(0.1);
        Fit fit = Svi.of(model, guide)
                .optimizer(Adam.of(sviLr).schedule(Schedule.cosine(sviSteps)))
                .seed(seed)
                .estimator(Elbo.reparameterized(4))
                .run(Stop.after(sviSteps));
        Draws dr = fit.draws(sviDraws, seed + 1);
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < dr.size(); i++) {
            double v = dr.logP()[i] - dr.logQ()[i];
            sum += v;
            sumSq += v * v;
        }
        double mean = sum / dr.size();
        double se = Math.sqrt(Math.max(0, sumSq / dr.size() - mean * mean) / (dr.size() - 1));
        Moments[] w = new Moments[d];
        for (int j = 0; j < d; j++) {
            w[j] = moments(dr.column("w[" + (j + 1) + "]"));
        }
        return new SviResult(fit, mean, se, w, moments(dr.column("tau")));
    }

    private static Moments moments(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        double m = s / v.length;
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return new Moments(m, Math.sqrt(ss / (v.length - 1)));
    }

    private static void printTable(
            PrintWriter w, List<String> names, BayesianLinearRegression q, NormalGamma exact, SviResult s) {
        int nw = 12;
        for (String nm : names) {
            nw = Math.max(nw, nm.length());
        }
        String col = "%11s %10s";
        StringBuilder h1 = new StringBuilder(String.format(Locale.ROOT, "%-" + nw + "s  %-22s", "", "CAVI q(w)q(tau)"));
        StringBuilder h2 = new StringBuilder(String.format(Locale.ROOT, "%-" + nw + "s  " + col, "", "mean", "sd"));
        if (s != null) {
            h1.append(String.format(Locale.ROOT, "  %-22s", "SVI (full-rank)"));
            h2.append(String.format(Locale.ROOT, "  " + col, "mean", "sd"));
        }
        h1.append(String.format(Locale.ROOT, "  %-22s", "exact posterior"));
        h2.append(String.format(Locale.ROOT, "  " + col, "mean", "sd"));
        w.println(h1.toString().stripTrailing());
        w.println(h2);
        double[][] marg = exact.concentration() > 1 ? exact.marginalCovariance() : null;
        for (int j = 0; j < names.size(); j++) {
            StringBuilder row = new StringBuilder(String.format(
                    Locale.ROOT,
                    "%-" + nw + "s  %11.5f %10.5f",
                    names.get(j),
                    q.weights().mean(j),
                    Math.sqrt(q.weights().variance(j))));
            if (s != null) {
                row.append(String.format(Locale.ROOT, "  %11.5f %10.5f", s.w()[j].mean(), s.w()[j].sd()));
            }
            row.append(String.format(
                    Locale.ROOT,
                    "  %11.5f %10.5f",
                    exact.loc()[j],
                    marg == null ? Double.POSITIVE_INFINITY : Math.sqrt(marg[j][j])));
            w.println(row);
        }
        StringBuilder row = new StringBuilder(String.format(
                Locale.ROOT,
                "%-" + nw + "s  %11.5f %10.5f",
                "tau",
                q.noisePrecision().mean(),
                Math.sqrt(q.noisePrecision().variance())));
        if (s != null) {
            row.append(String.format(
                    Locale.ROOT, "  %11.5f %10.5f", s.tau().mean(), s.tau().sd()));
        }
        row.append(String.format(
                Locale.ROOT,
                "  %11.5f %10.5f",
                exact.tau().mean(),
                Math.sqrt(exact.tau().variance())));
        w.println(row);
    }

    private ObjectNode summary(
            Problem p,
            CaviFit<BayesianLinearRegression> fit,
            Cavi settings,
            BayesianLinearRegression q,
            NormalGamma exact,
            double evidence,
            SviResult s) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("command", "cavi linreg");
        root.put("model", "linear_regression_normal_gamma");
        root.put("data", p.source());
        root.put("observations", p.y().length);
        ObjectNode pr = root.putObject("prior");
        pr.put("lambda0", lambda0);
        pr.put("a0", a0);
        pr.put("b0", b0);
        CaviReport.putFit(root.putObject("result"), fit, settings);
        root.put("log_evidence", evidence);
        double[][] marg = exact.concentration() > 1 ? exact.marginalCovariance() : null;
        ArrayNode cs = root.putArray("coefficients");
        for (int j = 0; j < p.names().size(); j++) {
            ObjectNode o = cs.addObject();
            o.put("name", p.names().get(j));
            o.put("mean", q.weights().mean(j));
            o.put("sd", Math.sqrt(q.weights().variance(j)));
            o.put("exact_mean", exact.loc()[j]);
            if (marg != null) {
                o.put("exact_sd", Math.sqrt(marg[j][j]));
            }
            if (s != null) {
                o.put("svi_mean", s.w()[j].mean());
                o.put("svi_sd", s.w()[j].sd());
            }
        }
        ObjectNode t = root.putObject("tau");
        t.put("concentration", q.noisePrecision().concentration());
        t.put("rate", q.noisePrecision().rate());
        t.put("mean", q.noisePrecision().mean());
        t.put("sd", Math.sqrt(q.noisePrecision().variance()));
        t.put("exact_mean", exact.tau().mean());
        t.put("exact_sd", Math.sqrt(exact.tau().variance()));
        if (s != null) {
            t.put("svi_mean", s.tau().mean());
            t.put("svi_sd", s.tau().sd());
            ObjectNode sv = root.putObject("svi");
            sv.put("guide", "fullrank");
            sv.put("optimizer", "adam, cosine schedule");
            sv.put("lr", sviLr);
            sv.put("steps", s.fit().steps());
            sv.put("particles", 4);
            sv.put("init_scale", 0.1);
            sv.put("seed", seed);
            sv.put("seconds", s.fit().seconds());
            sv.put("elbo", s.elbo());
            sv.put("elbo_se", s.elboSe());
            sv.put("draws", sviDraws);
        }
        return root;
    }

    private static void writeSviPlot(Path file, SviResult s, double caviElbo) throws IOException {
        List<double[]> ev = s.fit().evaluations();
        double[] x = new double[ev.size()];
        double[] y = new double[ev.size()];
        double[] c = new double[ev.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = ev.get(i)[0];
            y[i] = ev.get(i)[1];
            c[i] = caviElbo;
        }
        LinePlot.titled("SVI (full-rank guide), Bayesian linear regression: ELBO by step")
                .xLabel("step")
                .yLabel("ELBO (nats)")
                .series("SVI evaluation", x, y)
                .series("CAVI optimum", x, c)
                .legendOutside()
                .writePng(file, 900, 500);
    }
}
