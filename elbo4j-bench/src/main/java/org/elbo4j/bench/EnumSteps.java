package org.elbo4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import org.elbo4j.cavi.SyntheticData;
import org.elbo4j.distributions.Categorical;
import org.elbo4j.distributions.Normal;
import org.elbo4j.infer.Elbo;
import org.elbo4j.infer.Fit;
import org.elbo4j.infer.Model;
import org.elbo4j.infer.Plate;
import org.elbo4j.infer.Stop;
import org.elbo4j.infer.Svi;
import org.elbo4j.infer.Vindex;
import org.elbo4j.optim.Adam;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraints;

/**
 * Time per SVI step with enumeration (docs/discrete.md, docs/benchmarks.md) on the two models of the tests
 * {@code MixtureEnumerationTest} (Gaussian mixture, K = 3, 1,000 points, c enumerated per point, q(μ) mean-field)
 * and {@code HmmEnumerationTest} (HMM, 3 states, 500 steps, the chain enumerated in {@code markov}): Adam steps with
 * {@code Elbo.traceEnum}, no ELBO evaluation, after at least 5 s of warm-up on the same work; the two models are
 * interleaved, {@code reps} rounds of {@code steps} steps each, the fastest round reported with the thread's CPU time
 * beside the wall time and the load average.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp elbo4j-bench/target/benchmarks.jar org.elbo4j.bench.EnumSteps 5 200
 * </pre>
 */
public final class EnumSteps {
    private EnumSteps() {}

    static final int K = 3;

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Model[] gmm = gmm(), hmm = hmm();
        long warmEnd = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            run(gmm, 1, 50);
            run(hmm, 0, 20);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[][] best = {{Double.MAX_VALUE, 0}, {Double.MAX_VALUE, 0}};
        for (int r = 0; r < reps; r++) {
            for (int m = 0; m < 2; m++) {
                long c0 = mx.getCurrentThreadCpuTime(), t0 = System.nanoTime();
                run(m == 0 ? gmm : hmm, m == 0 ? 1 : 0, steps);
                double wall = (System.nanoTime() - t0) / 1e6 / steps,
                        cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e6 / steps;
                if (wall < best[m][0]) best[m] = new double[] {wall, cpu};
            }
        }
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.printf(
                Locale.ROOT,
                "{\"gmm_k3_n1000\": {\"ms_per_step\": %.3f, \"cpu_ms_per_step\": %.3f},"
                        + " \"hmm_k3_t500\": {\"ms_per_step\": %.3f, \"cpu_ms_per_step\": %.3f},"
                        + " \"steps\": %d, \"reps\": %d, \"load_average\": %.2f}%n",
                best[0][0],
                best[0][1],
                best[1][0],
                best[1][1],
                steps,
                reps,
                load);
    }

    private static Fit run(Model[] mg, int nesting, int steps) {
        return Svi.of(mg[0], mg[1])
                .estimator(Elbo.traceEnum(nesting))
                .optimizer(Adam.of(0.05))
                .seed(3)
                .run(Stop.after(steps).evaluateEvery(Integer.MAX_VALUE, 1));
    }

    /** The mixture of MixtureEnumerationTest: model and guide. */
    static Model[] gmm() {
        int n = 1000;
        SyntheticData.Mixture m = SyntheticData.mixture(
                n,
                new double[] {0.3, 0.45, 0.25},
                new double[][] {{-4}, {0}, {5}},
                new double[][][] {{{1}}, {{1}}, {{1}}},
                RandomStream.of(7));
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = m.points()[i][0];
        Tensor data = Tensor.of(x);
        double[] uniform = {1.0 / K, 1.0 / K, 1.0 / K};
        Model model = s -> {
            Tensor locs;
            try (Plate comps = s.plate("components", K)) {
                locs = s.sample("locs", Normal.of(Tensor.zeros(K), Tensor.full(10.0, K)));
            }
            try (Plate p = s.plate("data", n)) {
                Tensor c = s.enumerate("c", Categorical.ofProbs(uniform));
                s.observe("x", Normal.of(Vindex.rows(locs, c), Tensor.scalar(1.0)), data);
            }
        };
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        Tensor init = Tensor.of(sorted[n / 6], sorted[n / 2], sorted[5 * n / 6]);
        Model guide = s -> {
            Tensor loc = s.param("locs_loc", init);
            Tensor sd = s.param("locs_scale", Tensor.full(0.1, K), Constraints.POSITIVE);
            try (Plate comps = s.plate("components", K)) {
                s.sample("locs", Normal.of(loc, sd));
            }
        };
        return new Model[] {model, guide};
    }

    /** The HMM of HmmEnumerationTest: model and (empty) guide. */
    static Model[] hmm() {
        int t = 500;
        double[] locs0 = {-2, 0, 2.5};
        RandomStream r = RandomStream.of(2026);
        double[] y = new double[t];
        int z = 0;
        for (int i = 0; i < t; i++) {
            if (i > 0 && r.nextDouble() >= 0.9) z = (z + 1 + (r.nextDouble() < 0.5 ? 0 : 1)) % K;
            y[i] = locs0[z] + r.nextGaussian();
        }
        Tensor data = Tensor.of(y);
        Model model = s -> {
            Tensor init = s.param("init_logits", Tensor.zeros(K));
            Tensor trans = s.param("trans_logits", Tensor.of(new double[][] {{2, 0, 0}, {0, 2, 0}, {0, 0, 2}}));
            Tensor locs = s.param("locs", Tensor.of(-1.0, 0.0, 1.0));
            Tensor zt = null;
            for (int i : s.markov(t)) {
                Tensor logits = i == 0 ? init : Vindex.rows(trans, zt);
                zt = s.enumerate("z_" + i, Categorical.ofLogits(logits));
                s.observe("y_" + i, Normal.of(Vindex.rows(locs, zt), Tensor.scalar(1.0)), data.index(i));
            }
        };
        return new Model[] {model, s -> {}};
    }
}
