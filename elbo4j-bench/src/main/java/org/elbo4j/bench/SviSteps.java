package org.elbo4j.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.elbo4j.cli.io.StanJsonData;
import org.elbo4j.cli.models.BuiltinModel;
import org.elbo4j.cli.models.Models;
import org.elbo4j.infer.AutoGuide;
import org.elbo4j.infer.Elbo;
import org.elbo4j.infer.Model;
import org.elbo4j.infer.Stop;
import org.elbo4j.infer.Svi;
import org.elbo4j.optim.Adam;
import org.elbo4j.optim.StanAdaptiveStep;

/**
 * The elbo4j side of the SVI step-cost comparison with Stan's ADVI, measured exactly as
 * {@code peers/stan_advi_steps.R} measures Stan: mean-field ADVI with Stan's own step-size sequence (η = 0.1, no
 * adaptation), one gradient draw per step with the analytic entropy (Stan's estimator), the ELBO evaluated every
 * 100 steps with 100 draws, a fixed number of steps; the marginal cost per step is
 * (T(100k steps) − T(1k steps)) / 99k, taking the fastest of {@code reps} runs of each length. Prints JSON.
 * With {@code --config torch} it runs the loop of {@code peers/torch_svi.py} instead (Adam 0.01, the pathwise
 * estimator with log q of the draw, no ELBO evaluation): the like-for-like side of the PyTorch comparison.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp elbo4j-bench/target/benchmarks.jar org.elbo4j.bench.SviSteps \
 *     eight_schools_noncentered --reps 10
 * </pre>
 */
public final class SviSteps {
    private SviSteps() {}

    private static int evalEvery = 100;
    /** "stan": Stan's vb settings (see above); "torch": the loop of peers/torch_svi.py (Adam 0.01, log q of the draw, no evaluation). */
    private static String config = "stan";

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println(
                    "usage: SviSteps MODEL [--data FILE] [--reps N] [--steps A,B] [--config stan|torch] [--no-eval]");
            System.exit(2);
        }
        String name = args[0];
        Path data = null;
        int reps = 5;
        long[] steps = {1000, 100_000};
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--no-eval" -> evalEvery = Integer.MAX_VALUE; // diagnostic: the cost of the steps alone
                case "--config" -> {
                    config = args[++i];
                    if (!config.equals("stan") && !config.equals("torch")) {
                        throw new IllegalArgumentException("--config must be stan or torch, got " + config);
                    }
                    if (config.equals("torch")) evalEvery = Integer.MAX_VALUE;
                }
                case "--steps" ->
                    steps = Arrays.stream(args[++i].split(","))
                            .mapToLong(Long::parseLong)
                            .toArray();
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        BuiltinModel bm = Models.get(name);
        StanJsonData d = data == null ? Models.defaultData(bm) : StanJsonData.read(data);
        Model model = bm.build(d);
        // Warm up the JIT on the same work (Stan's C++ is compiled ahead of time; this is our equivalent). On 2 cores
        // C2
        // keeps compiling for a few seconds: three 20k-step runs left later runs up to 6x slower (measured: 0.25 s to
        // 1.5 s for the same 100k steps), so the warm-up lasts at least 5 s of runs.
        long warmEnd = System.nanoTime() + 5_000_000_000L;
        for (int w = 0; w < 3 || System.nanoTime() < warmEnd; w++) run(model, 20_000, w);
        double[] best = new double[steps.length];
        List<List<Double>> all = new ArrayList<>();
        for (int k = 0; k < steps.length; k++) {
            best[k] = Double.MAX_VALUE;
            List<Double> times = new ArrayList<>();
            for (int r = 0; r < reps; r++) {
                double t = run(model, steps[k], r + 1);
                times.add(t);
                best[k] = Math.min(best[k], t);
            }
            all.add(times);
        }
        double marginal = (best[steps.length - 1] - best[0]) / (steps[steps.length - 1] - steps[0]) * 1e6;
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"peer\": \"elbo4j\",\n  \"model\": \"").append(name).append("\",\n");
        sb.append("  \"java\": \"").append(System.getProperty("java.version")).append("\",\n");
        sb.append(String.format(Locale.ROOT, "  \"loadavg\": \"%s\",%n", loadavg()));
        sb.append("  \"steps\": ").append(Arrays.toString(steps)).append(",\n");
        sb.append("  \"seconds\": ").append(all).append(",\n");
        sb.append("  \"seconds_min\": ").append(Arrays.toString(best)).append(",\n");
        sb.append(String.format(Locale.ROOT, "  \"marginal_us_per_step\": %.4f,%n", marginal));
        if (config.equals("torch")) {
            sb.append(
                    "  \"settings\": {\"config\": \"torch\", \"algorithm\": \"meanfield\", \"optimizer\": \"Adam(lr=0.01)\", "
                            + "\"estimator\": \"pathwise, log q of the draw, 1 draw\", \"eval_elbo\": \"none\"}\n}");
        } else {
            sb.append(
                    "  \"settings\": {\"config\": \"stan\", \"algorithm\": \"meanfield\", \"optimizer\": \"StanAdaptiveStep(eta=0.1)\", "
                            + "\"estimator\": \"analytic entropy, 1 draw\", \"eval_elbo\": "
                            + (evalEvery == Integer.MAX_VALUE ? "\"none\"" : "100, \"elbo_samples\": 100") + "}\n}");
        }
        System.out.println(sb);
    }

    private static double run(Model model, long steps, long seed) {
        long t0 = System.nanoTime();
        Svi svi = Svi.of(model, AutoGuide.meanField(model));
        svi = config.equals("torch")
                ? svi.estimator(Elbo.reparameterized()).optimizer(Adam.of(0.01))
                : svi.estimator(Elbo.analyticEntropy()).optimizer(StanAdaptiveStep.of(0.1));
        svi.seed(seed).run(Stop.after(steps).evaluateEvery(evalEvery, 100));
        return (System.nanoTime() - t0) / 1e9;
    }

    private static String loadavg() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
