package org.elbo4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.elbo4j.cavi.CategoricalFactor;
import org.elbo4j.cavi.Cavi;
import org.elbo4j.cavi.CaviFit;
import org.elbo4j.cavi.GaussianMixture;
import org.elbo4j.cavi.NormalWishartFactor;
import org.elbo4j.cavi.SyntheticData;
import org.elbo4j.cavi.UnitVarianceMixture;
import org.elbo4j.cli.io.AtomicFiles;
import org.elbo4j.cli.io.CsvData;
import org.elbo4j.cli.plot.ScatterPlot;
import org.elbo4j.random.RandomStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code elbo4j cavi gmm}: a Bayesian Gaussian mixture by CAVI, with random restarts. {@code --model full} (default)
 * is Bishop's mixture with a Dirichlet on the weights and Normal–Wishart priors on each component's mean and full
 * precision matrix; {@code --model unit} is the unit-variance mixture of Blei, Kucukelbir & McAuliffe (2017, §3).
 * Prints the components (heaviest first) with posterior uncertainty and the ELBO per sweep; {@code --out} writes
 * summary.json, elbo.png and, for 2-D data, clusters.png.
 */
@Command(
        name = "gmm",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Bayesian Gaussian mixture by CAVI: the best ELBO of random restarts.",
        description = {
            "Bayesian Gaussian mixture by CAVI, best ELBO of random restarts. Data: a",
            "numeric CSV with a header, one point per row (default: synthetic 2-D data)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  elbo4j cavi gmm --k 3 --out runs/gmm",
            "  elbo4j cavi gmm --data points.csv --columns x,y --k 3 --restarts 20",
            "  elbo4j cavi gmm --model unit --k 3 --prior-sd 10"
        })
final class CaviGmmCommand implements Callable<Integer> {

    enum Kind {
        full,
        unit
    }

    /** The built-in data: three 2-D Gaussians. */
    static final double[] TRUE_WEIGHTS = {0.5, 0.3, 0.2};

    static final double[][] TRUE_MEANS = {{-4, 0}, {4, 1}, {0, 6}};
    static final double[][][] TRUE_COVS = {
        {{1.0, 0.5}, {0.5, 1.0}}, {{0.5, 0.0}, {0.0, 1.5}}, {{1.0, -0.3}, {-0.3, 0.6}}
    };

    @Spec
    CommandSpec spec;

    @Option(
            names = "--data",
            paramLabel = "FILE",
            description = "CSV of points with a header row (default: built-in data).")
    Path data;

    @Option(
            names = "--columns",
            split = ",",
            paramLabel = "NAME",
            description = "The CSV columns to use, comma-separated (default: all).")
    List<String> columns;

    @Option(names = "--k", defaultValue = "3", description = "Number of components K (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(
            names = "--model",
            defaultValue = "full",
            description =
                    "full (Dirichlet weights, Normal-Wishart means and precisions) or unit (unit variance, uniform"
                            + " weights; Blei et al. 2017) (default: ${DEFAULT-VALUE}).")
    Kind model;

    @Option(
            names = "--restarts",
            defaultValue = "10",
            description = "Random restarts; the best ELBO is kept (default: ${DEFAULT-VALUE}).")
    int restarts;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the restarts (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--tol",
            defaultValue = "1e-6",
            description = "Stop when a sweep raises the ELBO by less (nats) (default: ${DEFAULT-VALUE}).")
    double tol;

    @Option(
            names = "--max-sweeps",
            defaultValue = "1000",
            description = "Sweep budget per restart (default: ${DEFAULT-VALUE}).")
    int maxSweeps;

    @Option(
            names = "--alpha0",
            defaultValue = "1",
            description = "full: Dirichlet concentration of the weights (default: ${DEFAULT-VALUE}).")
    double alpha0;

    @Option(
            names = "--prior-sd",
            defaultValue = "10",
            description = "unit: prior sd of each mean coordinate around the data mean (default: ${DEFAULT-VALUE}).")
    double priorSd;

    @Option(
            names = "--n",
            defaultValue = "500",
            description = "Built-in data: number of points (default: ${DEFAULT-VALUE}).")
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
            description = "Write summary.json, elbo.png and (2-D data) clusters.png here.")
    Path out;

    /** The points and their column names. */
    private record Points(double[][] x, List<String> names, String source) {}

    /** One fitted component, whatever the model. */
    private record Component(
            int index, double weight, double weightSd, double points, double[] mean, double[] meanSd, double[][] cov) {}

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        checkOptions();
        Usage.atLeast("--show-sweeps", showSweeps, 0);
        Usage.path("--data", data);
        OutputDir.prepare("--out", out);
        Points pts = data == null ? builtin() : read(data, columns);
        double[][] x = pts.x();
        if (k > x.length) {
            throw new IllegalArgumentException(pts.source() + ": has " + x.length + " point"
                    + (x.length == 1 ? "" : "s") + ", fewer than --k " + k + " components");
        }
        int d = x[0].length;
        Cavi settings = Cavi.defaults()
                .tolerance(tol)
                .maxSweeps(maxSweeps)
                .restarts(restarts)
                .seed(seed);
        CaviFit<?> fit;
        List<Component> comps;
        CategoricalFactor resp;
        String title;
        if (model == Kind.full) {
            GaussianMixture.Prior def = naming(pts, () -> GaussianMixture.defaultPrior(x, k));
            GaussianMixture.Prior prior =
                    new GaussianMixture.Prior(org.elbo4j.cavi.DirichletFactor.symmetric(k, alpha0), def.component());
            CaviFit<GaussianMixture> f = naming(pts, () -> settings.run(rng -> GaussianMixture.init(x, prior, rng)));
            fit = f;
            comps = components(f.state());
            resp = f.state().assignments();
            title = "Gaussian mixture (Dirichlet weights, Normal-Wishart components)";
        } else {
            double[] m0 = columnMeans(x);
            CaviFit<UnitVarianceMixture> f =
                    naming(pts, () -> settings.run(rng -> UnitVarianceMixture.init(x, k, m0, priorSd, rng)));
            fit = f;
            comps = components(f.state());
            resp = f.state().assignments();
            title = "unit-variance Gaussian mixture (Blei et al. 2017)";
        }
        comps.sort((a, b) -> Double.compare(b.weight(), a.weight()));

        w.printf(Locale.ROOT, "cavi gmm: %s, K=%d, %d points in %d-D from %s%n", title, k, x.length, d, pts.source());
        if (data == null) {
            w.printf(
                    Locale.ROOT,
                    "  truth: weights %s, means %s%n",
                    Arrays.toString(TRUE_WEIGHTS),
                    Arrays.deepToString(TRUE_MEANS));
        }
        w.printf(
                Locale.ROOT,
                "%d restart%s (seed %d), best #%d; final ELBO per restart: %s%n",
                restarts,
                restarts == 1 ? "" : "s",
                seed,
                fit.restart() + 1,
                formatElbos(fit.restartElbos()));
        w.printf(
                Locale.ROOT,
                "best restart %s in %s (all restarts); ELBO %.6f%n%n",
                CaviReport.stopLine(fit, settings),
                CaviReport.seconds(fit.seconds()),
                fit.elbo());
        CaviReport.printTrace(w, fit.elboTrace(), showSweeps);
        w.println();
        printComponents(w, comps, pts.names(), model);
        if (out != null) {
            AtomicFiles.writeString(
                    out.resolve("summary.json"),
                    Json.MAPPER.writeValueAsString(summary(pts, fit, settings, comps)) + "\n");
            CaviReport.writeElboPlot(
                    out.resolve("elbo.png"),
                    "CAVI, " + (model == Kind.full ? "Gaussian mixture" : "unit-variance mixture") + ", K=" + k
                            + ": ELBO by sweep, every restart",
                    fit);
            String wrote = "wrote " + out.resolve("summary.json") + ", elbo.png";
            if (d == 2) {
                writeClusters(out.resolve("clusters.png"), pts, resp, comps);
                wrote += ", clusters.png";
            }
            w.println(wrote);
        }
        w.flush();
        spec.commandLine().getErr().println("cavi gmm: best restart " + CaviReport.stopLine(fit, settings));
        spec.commandLine().getErr().flush();
        return 0;
    }

    /** Runs {@code step}, putting the data file's name in front of a data error from the core. */
    private static <T> T naming(Points pts, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(pts.source() + ": " + e.getMessage(), e);
        }
    }

    private void checkOptions() {
        if (k < 1) {
            throw new UsageException("--k must be >= 1, got " + k);
        }
        if (restarts < 1) {
            throw new UsageException("--restarts must be >= 1, got " + restarts);
        }
        if (maxSweeps < 1) {
            throw new UsageException("--max-sweeps must be >= 1, got " + maxSweeps);
        }
        if (!(tol >= 0) || Double.isInfinite(tol)) {
            throw new UsageException("--tol must be >= 0 and finite, got " + tol);
        }
        if (!(alpha0 > 0) || Double.isInfinite(alpha0)) {
            throw new UsageException("--alpha0 must be > 0 and finite, got " + alpha0);
        }
        if (!(priorSd > 0) || Double.isInfinite(priorSd)) {
            throw new UsageException("--prior-sd must be > 0 and finite, got " + priorSd);
        }
        if (n < 1) {
            throw new UsageException("--n must be >= 1, got " + n);
        }
    }

    private Points builtin() {
        SyntheticData.Mixture m =
                SyntheticData.mixture(n, TRUE_WEIGHTS, TRUE_MEANS, TRUE_COVS, RandomStream.of(dataSeed));
        return new Points(
                m.points(), List.of("x1", "x2"), "built-in synthetic data (3 Gaussians, --data-seed " + dataSeed + ")");
    }

    static Points read(Path file, List<String> columns) throws java.io.IOException {
        CsvData t;
        try {
            t = CsvData.read(file);
        } catch (IllegalArgumentException e) {
            String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            boolean other = n.endsWith(".json") || n.endsWith(".gz") || n.contains("idx");
            throw other
                    ? new IllegalArgumentException(
                            e.getMessage() + " (cavi gmm --data expects a CSV file with a header"
                                    + " row of column names and one point per line, e.g. x1,x2)",
                            e)
                    : e;
        }
        List<String> names = columns == null || columns.isEmpty() ? t.names() : columns;
        double[] flat = t.columns(names);
        int d = names.size();
        double[][] x = new double[t.rows()][d];
        for (int i = 0; i < t.rows(); i++) {
            System.arraycopy(flat, i * d, x[i], 0, d);
        }
        return new Points(x, List.copyOf(names), file.toString());
    }

    private static double[] columnMeans(double[][] x) {
        double[] m = new double[x[0].length];
        for (double[] row : x) {
            for (int j = 0; j < m.length; j++) {
                m[j] += row[j] / x.length;
            }
        }
        return m;
    }

    private static List<Component> components(GaussianMixture g) {
        List<Component> out = new ArrayList<>();
        double[] wm = g.weights().mean();
        double[] wv = g.weights().variance();
        double[] counts = g.assignments().counts();
        int d = g.dim();
        for (int j = 0; j < g.components(); j++) {
            NormalWishartFactor c = g.component(j);
            double[] sd = new double[d];
            if (c.df() > d + 1) {
                double[][] lc = c.locCovariance();
                for (int a = 0; a < d; a++) {
                    sd[a] = Math.sqrt(lc[a][a]);
                }
            } else {
                Arrays.fill(sd, Double.POSITIVE_INFINITY);
            }
            out.add(new Component(j, wm[j], Math.sqrt(wv[j]), counts[j], c.loc(), sd, c.inverseMeanPrecision()));
        }
        return out;
    }

    private static List<Component> components(UnitVarianceMixture u) {
        List<Component> out = new ArrayList<>();
        double[] counts = u.assignments().counts();
        int d = u.dim();
        double[][] id = new double[d][d];
        for (int a = 0; a < d; a++) {
            id[a][a] = 1;
        }
        for (int j = 0; j < u.components(); j++) {
            double[] sd = new double[d];
            for (int a = 0; a < d; a++) {
                sd[a] = Math.sqrt(u.mean(j).variance(a));
            }
            out.add(new Component(
                    j, counts[j] / u.size(), Double.NaN, counts[j], u.mean(j).mean(), sd, id));
        }
        return out;
    }

    private static String formatElbos(double[] e) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < e.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", e[i]));
        }
        return sb.toString();
    }

    private static void printComponents(PrintWriter w, List<Component> comps, List<String> names, Kind model) {
        int nw = 8;
        for (String s : names) {
            nw = Math.max(nw, s.length());
        }
        for (int c = 0; c < comps.size(); c++) {
            Component cp = comps.get(c);
            if (model == Kind.full) {
                w.printf(
                        Locale.ROOT,
                        "component %d: weight %.4f (sd %.4f), %.1f points%s%n",
                        c + 1,
                        cp.weight(),
                        cp.weightSd(),
                        cp.points(),
                        cp.points() < 1 ? " -- empty: its posterior is close to the prior" : "");
            } else {
                w.printf(
                        Locale.ROOT,
                        "component %d: %.1f points (share %.4f; the model's weights are fixed at 1/K)%n",
                        c + 1,
                        cp.points(),
                        cp.weight());
            }
            StringBuilder head =
                    new StringBuilder(String.format(Locale.ROOT, "  %-" + nw + "s %11s %10s   ", "", "mean", "sd"));
            head.append(model == Kind.full ? "covariance E[Lambda]^-1" : "covariance (fixed)");
            w.println(head);
            for (int a = 0; a < cp.mean().length; a++) {
                StringBuilder row = new StringBuilder(String.format(
                        Locale.ROOT, "  %-" + nw + "s %11.4f %10.4f   ", names.get(a), cp.mean()[a], cp.meanSd()[a]));
                for (int b = 0; b < cp.cov().length; b++) {
                    row.append(String.format(Locale.ROOT, " %9.4f", cp.cov()[a][b]));
                }
                w.println(row);
            }
        }
    }

    private ObjectNode summary(Points pts, CaviFit<?> fit, Cavi settings, List<Component> comps) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("command", "cavi gmm");
        root.put("model", model == Kind.full ? "gaussian_mixture_normal_wishart" : "gaussian_mixture_unit_variance");
        root.put("data", pts.source());
        root.put("points", pts.x().length);
        root.put("dim", pts.x()[0].length);
        ArrayNode cols = root.putArray("columns");
        pts.names().forEach(cols::add);
        root.put("k", k);
        root.put("restarts", restarts);
        ObjectNode pr = root.putObject("prior");
        if (model == Kind.full) {
            pr.put("alpha0", alpha0);
            pr.put("m0", "column means");
            pr.put("beta0", 0.01);
            pr.put("nu0", pts.x()[0].length);
            pr.put("W0_inverse", "diag(column variances)");
        } else {
            pr.put("m0", "column means");
            pr.put("sigma", priorSd);
        }
        CaviReport.putFit(root.putObject("result"), fit, settings);
        ArrayNode cs = root.putArray("components");
        for (Component c : comps) {
            ObjectNode o = cs.addObject();
            o.put("weight", c.weight());
            if (!Double.isNaN(c.weightSd())) {
                o.put("weight_sd", c.weightSd());
            }
            o.put("points", c.points());
            ArrayNode m = o.putArray("mean");
            ArrayNode s = o.putArray("mean_sd");
            ArrayNode cov = o.putArray("covariance");
            for (int a = 0; a < c.mean().length; a++) {
                m.add(c.mean()[a]);
                s.add(Double.isFinite(c.meanSd()[a]) ? c.meanSd()[a] : null);
                ArrayNode row = cov.addArray();
                for (double v : c.cov()[a]) {
                    row.add(v);
                }
            }
        }
        return root;
    }

    /** Points coloured by their most responsible component (numbered as printed), with each component's 2-sd ellipse. */
    private void writeClusters(Path file, Points pts, CategoricalFactor resp, List<Component> comps)
            throws java.io.IOException {
        int[] rank = new int[comps.size()];
        for (int c = 0; c < comps.size(); c++) {
            rank[comps.get(c).index()] = c + 1;
        }
        int[] label = resp.argmax();
        double[] x = new double[label.length];
        double[] y = new double[label.length];
        boolean[] used = new boolean[comps.size() + 1];
        for (int i = 0; i < label.length; i++) {
            x[i] = pts.x()[i][0];
            y[i] = pts.x()[i][1];
            label[i] = rank[label[i]];
            used[label[i]] = true;
        }
        ScatterPlot p = ScatterPlot.titled(
                        "CAVI, " + (model == Kind.full ? "Gaussian mixture" : "unit-variance mixture") + ", K=" + k
                                + ": components (2-sd ellipses)")
                .xLabel(pts.names().get(0))
                .yLabel(pts.names().get(1))
                .points(x, y, label);
        for (int c = 0; c < comps.size(); c++) {
            if (used[c + 1]) {
                p.ellipse(
                        "cluster " + (c + 1), comps.get(c).mean(), comps.get(c).cov(), 2.0);
            }
        }
        p.writePng(file, 800, 650);
    }
}
