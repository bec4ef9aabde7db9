package org.elbo4j.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.elbo4j.autodiff.Autodiff;
import org.elbo4j.cli.io.StanJsonData;
import org.elbo4j.cli.models.BuiltinModel;
import org.elbo4j.cli.models.Models;
import org.elbo4j.infer.AutoGuide;
import org.elbo4j.stan.StanData;
import org.elbo4j.stan.StanModel;
import org.elbo4j.stan.StanProgram;
import org.elbo4j.tensor.Tensor;

/**
 * The elbo4j side of the gradient-time comparison with Stan's compiled C++ (issue 11): for each posterior with a
 * committed rstan reference ({@code elbo4j-stan/src/test/resources/org/elbo4j/stan/reference/NAME.json} or
 * {@code NAME.json.gz}), the time
 * of one log density + gradient of the compiled Stan program ({@code StanModel.logDensity} on the autodiff tape) at
 * the reference's first point — the point at which {@code peers/stan-reference/make_reference.R} timed Stan's
 * {@code grad_log_prob} ({@code grad_us}, CPU time, minus {@code r_call_us}, R's share of each call). References
 * built without -O3 (reference-only builds) are listed but not timed.
 *
 * <p>Timing: a JIT warm-up of at least {@code --warm-ms} (default 1500) of CPU time and 300 evaluations, then 11 batches of at
 * least {@code --batch-ms} (20) each, both in CPU time of the timing thread; the median over batches of the CPU time of the timing thread (user +
 * system; the process's CPU time ticks in 10 ms, too coarse for a batch; GC and JIT threads are not charged, the
 * GC work is small: the tape is short-lived garbage) per evaluation, and the median wall time. With {@code --ports}, the ten
 * posteriors that have a hand-written Java port ({@code elbo4j fit NAME}) are also timed through the trace API,
 * Stan program ({@code StanModel.asModel()}) and Java port each through {@code AutoGuide.logDensity}, their batches
 * interleaved. Prints one tab-separated line per posterior, with the load average at its start.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp elbo4j-bench/target/benchmarks.jar org.elbo4j.bench.StanGradients \
 *     --refs elbo4j-stan/src/test/resources/org/elbo4j/stan/reference --corpus ../shared/data/posteriordb-all \
 *     [--ports ../shared/data/posteriordb] [NAME...]
 * </pre>
 */
public final class StanGradients {
    private StanGradients() {}

    private static long warmMs = 1500;
    private static long batchMs = 20;

    public static void main(String[] args) throws Exception {
        Path refs = Path.of("elbo4j-stan/src/test/resources/org/elbo4j/stan/reference");
        Path corpus = Path.of("../shared/data/posteriordb-all");
        Path ports = null;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--refs" -> refs = Path.of(args[++i]);
                case "--corpus" -> corpus = Path.of(args[++i]);
                case "--ports" -> ports = Path.of(args[++i]);
                case "--warm-ms" -> warmMs = Long.parseLong(args[++i]);
                case "--batch-ms" -> batchMs = Long.parseLong(args[++i]);
                default -> {
                    if (args[i].startsWith("--")) throw new IllegalArgumentException("unknown argument " + args[i]);
                    names.add(args[i]);
                }
            }
        }
        if (names.isEmpty()) {
            try (var s = Files.list(refs)) {
                s.map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith(".json") || n.endsWith(".json.gz"))
                        .map(n -> n.substring(0, n.lastIndexOf(".json")))
                        .sorted()
                        .forEach(names::add);
            }
        }
        List<String[]> portList = ports == null ? List.of() : portNames(ports);
        System.out.println("# java " + System.getProperty("java.version") + ", "
                + Runtime.getRuntime().availableProcessors()
                + " cpus; times in microseconds per log density + gradient");
        System.out.println("posterior\tD\tstan_us\tstan_grad_us\tstan_r_call_us\telbo4j_cpu_us\telbo4j_wall_us"
                + "\tratio_cpu\tport_cpu_us\tstan_sites_cpu_us\tport_ratio\tloadavg");
        for (String name : names) {
            String json = referenceText(refs, name);
            double gradUs = number(json, "grad_us"), rCallUs = number(json, "r_call_us");
            Matcher flags = Pattern.compile("\"cxxflags\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
            if (flags.find() && !flags.group(1).contains("-O3")) {
                // a reference-only build (Makevars-O0): its grad_us is not a speed figure
                System.out.println(name + "\t\t\t\t\t\t\t\t\t\t\t\t# Stan built with " + flags.group(1));
                continue;
            }
            double[] u = firstPoint(json);
            Path dir = corpus.resolve(name);
            String load = loadavg();
            StanModel m;
            try {
                m = StanProgram.parse(dir.resolve("model.stan")).instantiate(StanData.read(dir.resolve("data.json")));
            } catch (RuntimeException e) {
                System.out.println(name + "\t\t\t\t\t\t\t\t\t\t\t" + load + "\t# " + e.getMessage());
                continue;
            }
            Tensor x = Tensor.of(u);
            double[] t = time(() -> Autodiff.valueAndGrad(x, m::logDensity).gradient(0));
            double stanUs = gradUs - rCallUs;
            String portCols = "\t";
            String[] port =
                    portList.stream().filter(p -> p[0].equals(name)).findFirst().orElse(null);
            double portRatio = Double.NaN;
            if (port != null) {
                BuiltinModel bm = Models.get(port[1]);
                AutoGuide javaPort = AutoGuide.meanField(bm.build(StanJsonData.read(dir.resolve("data.json"))));
                AutoGuide stanSites = AutoGuide.meanField(m.asModel());
                Tensor z = Tensor.of(Arrays.copyOf(u, javaPort.dim()));
                double[][] pair = timeInterleaved(
                        () -> Autodiff.valueAndGrad(z, javaPort::logDensity).gradient(0),
                        () -> Autodiff.valueAndGrad(z, stanSites::logDensity).gradient(0));
                portRatio = pair[1][0] / pair[0][0];
                portCols = String.format(Locale.ROOT, "%.3f\t%.3f", pair[0][0], pair[1][0]);
            }
            System.out.printf(
                    Locale.ROOT,
                    "%s\t%d\t%.3f\t%.4g\t%.3g\t%.3f\t%.3f\t%.3f\t%s\t%s\t%s%n",
                    name,
                    u.length,
                    stanUs,
                    gradUs,
                    rCallUs,
                    t[0],
                    t[1],
                    t[0] / stanUs,
                    portCols,
                    Double.isNaN(portRatio) ? "" : String.format(Locale.ROOT, "%.3f", portRatio),
                    load);
        }
    }

    /** The text of {@code refs/NAME.json}, or of {@code refs/NAME.json.gz} gunzipped. */
    private static String referenceText(Path refs, String name) throws IOException {
        Path plain = refs.resolve(name + ".json");
        if (Files.exists(plain)) return Files.readString(plain);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(refs.resolve(name + ".json.gz")))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** [posterior, built-in model name] of the ten posteriors of ../shared/data/posteriordb. */
    private static List<String[]> portNames(Path dir) throws Exception {
        String index = Files.readString(dir.resolve("index.json"));
        Matcher mm = Pattern.compile("\"posterior\"\\s*:\\s*\"([^\"]+)\"\\s*,\\s*\"model\"\\s*:\\s*\"([^\"]+)\"")
                .matcher(index);
        List<String[]> r = new ArrayList<>();
        while (mm.find()) r.add(new String[] {mm.group(1), mm.group(2)});
        return r;
    }

    /** {median CPU µs, median wall µs} per call. */
    private static double[] time(Runnable f) {
        warm(f);
        int n = batchSize(f);
        double[] cpu = new double[11], wall = new double[11];
        for (int b = 0; b < 11; b++) {
            double[] t = batch(f, n);
            cpu[b] = t[0];
            wall[b] = t[1];
        }
        return new double[] {median(cpu), median(wall)};
    }

    /** Both warmed, then 11 batches of each, alternating: {{cpu, wall} of f, {cpu, wall} of g}. */
    private static double[][] timeInterleaved(Runnable f, Runnable g) {
        warm(f);
        warm(g);
        int nf = batchSize(f), ng = batchSize(g);
        double[] cf = new double[11], wf = new double[11], cg = new double[11], wg = new double[11];
        for (int b = 0; b < 11; b++) {
            double[] t = batch(f, nf);
            cf[b] = t[0];
            wf[b] = t[1];
            t = batch(g, ng);
            cg[b] = t[0];
            wg[b] = t[1];
        }
        return new double[][] {{median(cf), median(wf)}, {median(cg), median(wg)}};
    }

    /** Runs f for warmMs of this thread's CPU time (not wall time: on a loaded machine wall time is not work). */
    private static void warm(Runnable f) {
        long end = cpuNanos() + warmMs * 1_000_000L;
        for (int i = 0; i < 300 || cpuNanos() < end; i++) f.run();
    }

    private static int batchSize(Runnable f) {
        int n = 1;
        while (n < 1 << 24) {
            long t0 = cpuNanos();
            for (int i = 0; i < n; i++) f.run();
            if (cpuNanos() - t0 >= batchMs * 1_000_000L) break;
            n *= 2;
        }
        return n;
    }

    /** {CPU µs, wall µs} per call over n calls. */
    private static double[] batch(Runnable f, int n) {
        long c0 = cpuNanos(), w0 = System.nanoTime();
        for (int i = 0; i < n; i++) f.run();
        long c1 = cpuNanos(), w1 = System.nanoTime();
        return new double[] {(c1 - c0) / 1e3 / n, (w1 - w0) / 1e3 / n};
    }

    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** CPU time of this thread (nanosecond resolution; the process's CPU time ticks in 10 ms on Linux). */
    private static long cpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double number(String json, String key) {
        Matcher mm = Pattern.compile("\"" + key + "\"\\s*:\\s*([-+0-9.eE]+)").matcher(json);
        return mm.find() ? Double.parseDouble(mm.group(1)) : Double.NaN;
    }

    private static double[] firstPoint(String json) {
        Matcher seed = Pattern.compile("\"upars_seed\"\\s*:\\s*([0-9]+)").matcher(json);
        if (seed.find()) return minstdPoint(Long.parseLong(seed.group(1)), (int) number(json, "num_upars"));
        Matcher mm = Pattern.compile("\"upars\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(json);
        if (!mm.find()) throw new IllegalArgumentException("no point in the reference");
        String list = mm.group(1).trim();
        if (list.isEmpty()) return new double[0];
        return Arrays.stream(list.split(","))
                .mapToDouble(s -> Double.parseDouble(s.trim()))
                .toArray();
    }

    /**
     * A point of a reference made with {@code make_reference.R --generated-points}, from its seed (the minstd
     * generator of docs/stan-reference.md, "Large posteriors"; the same as elbo4j-stan's test {@code Reference}).
     */
    private static double[] minstdPoint(long seed, int d) {
        long x = seed;
        for (int k = 0; k < 10; k++) x = 16807 * x % 2147483647L;
        double[] u = new double[d];
        for (int k = 0; k < d; k++) {
            x = 16807 * x % 2147483647L;
            u[k] = (double) (x % 4000001 - 2000000) / 1e6;
        }
        return u;
    }

    private static String loadavg() {
        try {
            String s = Files.readString(Path.of("/proc/loadavg")).trim();
            return s.substring(0, s.indexOf(' ', s.indexOf(' ', s.indexOf(' ') + 1) + 1));
        } catch (Exception e) {
            return "unknown";
        }
    }
}
