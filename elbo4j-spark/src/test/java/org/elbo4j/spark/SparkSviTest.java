package org.elbo4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.elbo4j.infer.AutoGuide;
import org.elbo4j.infer.Elbo;
import org.elbo4j.infer.Estimate;
import org.elbo4j.infer.Model;
import org.elbo4j.infer.ParamBinder;
import org.elbo4j.optim.Adam;
import org.elbo4j.optim.ParamStore;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data-parallel SVI: the same fit as one JVM, bit-identical resume from checkpoints and after task retries. */
class SparkSviTest {
    static final int D = 20;
    static final long DATA_SEED = 3;
    /** Counts injected failures (local mode: tasks run in this JVM). */
    static final AtomicInteger INJECTED = new AtomicInteger();

    @TempDir
    Path tmp;

    static SparkRows rows(int n, int partitions) {
        List<Long> idx = new ArrayList<>();
        LongStream.range(0, n).forEach(idx::add);
        JavaRDD<double[]> rdd =
                TestSpark.context().parallelize(idx, partitions).map(i -> LogisticRows.row(i, D, DATA_SEED));
        return SparkRows.ofArrays(rdd, LogisticRows.columns(D), BadRows.FAIL);
    }

    static SparkSvi svi(RowLikelihood lik, long batch) {
        return SparkSvi.of(LogisticRows.prior(D), lik, AutoGuide.meanField(LogisticRows.prior(D)))
                .optimizer(Adam.of(0.05))
                .batchSize(batch)
                .seed(5);
    }

    @Test
    void fullBatchFitIsTheSingleJvmFullDataFit() {
        int n = 400, steps = 30;
        SparkRows r = rows(n, 4);
        SparkSvi.Result spark = svi(LogisticRows.likelihood(D), n).run(r, steps);
        r.unpersist();
        // The single-JVM twin: elbo4j's full-data model (an observe site over all rows), the same guide, estimator,
        // optimizer and per-step draws (RandomStream.of(seed).fork(t).fork(0)), in one JVM.
        double[][] data = new double[n][];
        for (int i = 0; i < n; i++) data[i] = LogisticRows.row(i, D, DATA_SEED);
        Model full = LogisticRows.fullModel(data, D);
        Model guide = AutoGuide.meanField(LogisticRows.prior(D));
        ParamStore params = new ParamStore();
        Map<String, Constraint> constraints = new LinkedHashMap<>();
        Adam adam = Adam.of(0.05);
        RandomStream root = RandomStream.of(5);
        for (int t = 0; t < steps; t++) {
            Tape tape = new Tape();
            ParamBinder b = new ParamBinder(params, tape, constraints);
            Estimate e =
                    Elbo.reparameterized().estimate(full, guide, b, root.fork(t).fork(0));
            adam.step(params, b.gradients(tape.backward(e.loss(), new double[] {1.0})));
            // The ELBO values agree to rounding: the likelihood is summed per partition on Spark, in one pass here.
            assertEquals(e.elbo(), spark.elboTrace()[t], 1e-9 * Math.abs(e.elbo()), "ELBO at step " + t);
        }
        // Means and sds within 1e-6 posterior sd (the criterion is 0.05 sd; the only difference is the order in which
        // 400 log-likelihood terms are added, ~1e-13 relative, which 30 Adam steps do not amplify to 1e-6).
        double[] sd = spark.constrained("w_scale").toArray();
        double[] locSpark = spark.constrained("w_loc").toArray(),
                loc = params.get("w_loc").toArray();
        double[] scaleSpark = sd,
                scale = Tensor.of(params.get("w_scale").toArray()).exp().toArray();
        for (int j = 0; j < D; j++) {
            assertEquals(loc[j], locSpark[j], 1e-6 * sd[j], "w_loc[" + j + "]");
            assertEquals(scale[j], scaleSpark[j], 1e-6 * sd[j], "w_scale[" + j + "]");
        }
    }

    @Test
    void theControlVariateIsUnbiasedAndRemovesMostOfTheMinibatchNoise() {
        // 20,000 rows, minibatches of B = 500 (N/B = 40), at a point z near the posterior and an anchor ẑ as far from
        // it as a draw of a converged guide would be (each coordinate moved by about a posterior sd, 0.03 here).
        int n = 20_000, draws = 20;
        long batch = 500;
        SparkRows r = rows(n, 2);
        RandomStream rng = RandomStream.of(11);
        double[] w = new double[D], wHat = new double[D];
        for (int j = 0; j < D; j++) {
            w[j] = LogisticRows.trueWeight(j, D) + 0.03 * rng.nextGaussian();
            wHat[j] = LogisticRows.trueWeight(j, D) + 0.03 * rng.nextGaussian();
        }
        String[] names = {"w", "b"};
        int[][] shapes = {{D}, {}};
        double[][] z = {w, {LogisticRows.TRUE_BIAS}}, anchor = {wHat, {LogisticRows.TRUE_BIAS + 0.03}};
        int total = 1 + D + 1;
        long[] sizes = r.partitionSizes();
        var sc = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(
                r.blocks().context());
        SparkSvi plain = svi(LogisticRows.likelihood(D), batch), cv = svi(LogisticRows.likelihood(D), batch);
        double scale = (double) n / batch;
        // the exact sums at z (a refresh evaluates all rows), then the anchor
        double[] exact = svi(LogisticRows.likelihood(D), batch)
                .estimate(sc, r, sizes, n, 1, names, shapes, z, total, rng.fork(-1), 0, true);
        cv.estimate(sc, r, sizes, n, 1, names, shapes, anchor, total, rng.fork(-2), 0, true);
        double[][] p = new double[draws][], c = new double[draws][];
        for (int k = 0; k < draws; k++) {
            // the same minibatch for both estimators (same allocation stream), a new one for each k
            p[k] = plain.estimate(sc, r, sizes, batch, scale, names, shapes, z, total, rng.fork(k), k, false);
            c[k] = cv.estimate(sc, r, sizes, batch, scale, names, shapes, z, total, rng.fork(k), k, false);
        }
        r.unpersist();
        for (int i = 0; i < total; i++) {
            double mp = 0, mc = 0, vp = 0, vc = 0;
            for (int k = 0; k < draws; k++) {
                mp += p[k][i] / draws;
                mc += c[k][i] / draws;
            }
            for (int k = 0; k < draws; k++) {
                vp += (p[k][i] - mp) * (p[k][i] - mp) / (draws - 1);
                vc += (c[k][i] - mc) * (c[k][i] - mc) / (draws - 1);
            }
            double sdp = Math.sqrt(vp), sdc = Math.sqrt(vc);
            // Unbiased: the mean of 20 draws within 5 Monte Carlo standard errors of the exact sum (for 2 × 22
            // comparisons, a false alarm has probability below 1% with a t distribution of 19 degrees of freedom).
            assertEquals(exact[i], mc, 5 * sdc / Math.sqrt(draws), "control variate, component " + i);
            assertEquals(exact[i], mp, 5 * sdp / Math.sqrt(draws), "plain minibatch, component " + i);
            // Far less noise: the residual ℓ_i(z) − ℓ_i(ẑ) is about p(1−p)·x_i·(x_i·(z − ẑ)), i.e. smaller than the
            // per-row gradient by a factor of the order of ‖z − ẑ‖ ≈ 0.03·√21 ≈ 0.14; 0.3 leaves room for the
            // sampling error of two sds from 20 draws (each within ±30% at 2 standard errors).
            assertTrue(
                    sdc < 0.3 * sdp,
                    "component " + i + ": sd " + sdc + " with the control variate, " + sdp + " without");
        }
    }

    @Test
    void resumingFromACheckpointGivesTheSameBits() throws Exception {
        SparkRows r = rows(400, 4);
        SparkSvi.Result whole = svi(LogisticRows.likelihood(D), 100).run(r, 12);
        String dir = tmp.resolve("ckpt").toUri().toString();
        SparkSvi.Result first =
                svi(LogisticRows.likelihood(D), 100).checkpoint(dir, 3).run(r, 7); // "killed" after step 7
        assertEquals(-1, first.resumedFrom());
        // A write that died before its rename leaves a temporary file: it must be ignored.
        Files.writeString(tmp.resolve("ckpt").resolve("_tmp-checkpoint-9-1"), "elbo4j-checkpoint 1\nstep 9\ngarb");
        SparkSvi.Result resumed =
                svi(LogisticRows.likelihood(D), 100).checkpoint(dir, 3).run(r, 12); // a new driver
        assertEquals(7, resumed.resumedFrom());
        assertBitIdentical(whole, resumed);
        // Resuming from an earlier checkpoint (the last two are kept: steps 6 and 7 before, 9 and 12 now) also agrees.
        Files.delete(tmp.resolve("ckpt").resolve(String.format("checkpoint-%012d", 12)));
        SparkSvi.Result fromNine =
                svi(LogisticRows.likelihood(D), 100).checkpoint(dir, 3).run(r, 12);
        assertEquals(9, fromNine.resumedFrom());
        assertBitIdentical(whole, fromNine);
        r.unpersist();
    }

    @Test
    void resumingWithTheControlVariateAndAveragingGivesTheSameBits() {
        // the anchor (refreshed at steps 0, 4, 8) and the running average (from step 3) are part of the checkpoint
        SparkRows r = rows(400, 4);
        SparkSvi.Result whole = svi(LogisticRows.likelihood(D), 100)
                .controlVariate(4)
                .averaging(0.8, 3)
                .run(r, 10);
        String dir = tmp.resolve("ckpt-cv").toUri().toString();
        svi(LogisticRows.likelihood(D), 100)
                .controlVariate(4)
                .averaging(0.8, 3)
                .checkpoint(dir, 3)
                .run(r, 6);
        SparkSvi.Result resumed = svi(LogisticRows.likelihood(D), 100)
                .controlVariate(4)
                .averaging(0.8, 3)
                .checkpoint(dir, 3)
                .run(r, 10);
        assertEquals(6, resumed.resumedFrom());
        assertBitIdentical(whole, resumed);
        r.unpersist();
    }

    @Test
    void anInjectedTaskFailureIsRetriedWithTheSameResult() {
        SparkRows r = rows(400, 4);
        SparkSvi.Result clean = svi(LogisticRows.likelihood(D), 100).run(r, 4);
        RowLikelihood inner = LogisticRows.likelihood(D);
        RowLikelihood flaky = (z, rows) -> {
            TaskContext tc = TaskContext.get();
            if (tc != null && tc.attemptNumber() == 0 && tc.partitionId() == 1) {
                INJECTED.incrementAndGet();
                throw new IllegalStateException("injected failure of partition 1, attempt 0");
            }
            return inner.logLikelihood(z, rows);
        };
        INJECTED.set(0);
        SparkSvi.Result retried = svi(flaky, 100).run(r, 4);
        assertTrue(INJECTED.get() >= 4, "failures injected: " + INJECTED.get()); // one per step at least
        assertBitIdentical(clean, retried);
        r.unpersist();
    }

    @Test
    void groupingThePartitionsIntoTasksDoesNotChangeTheBits() {
        // 5 partitions (one of them empty) read by 1, 2 (the session's default parallelism), 3 or 5 tasks per step,
        // with
        // the control variate (its refreshes read every row, the steps between a minibatch at z and at the anchor)
        List<Long> idx = new ArrayList<>();
        LongStream.range(0, 400).forEach(idx::add);
        JavaRDD<double[]> rdd = TestSpark.context()
                .parallelize(idx, 5)
                .filter(i -> i < 240 || i >= 320) // partition 3 (rows 240..319) is empty
                .map(i -> LogisticRows.row(i, D, DATA_SEED));
        SparkRows r = SparkRows.ofArrays(rdd, LogisticRows.columns(D), BadRows.FAIL);
        assertEquals(0, r.partitionSizes()[3]);
        SparkSvi.Result byDefault =
                svi(LogisticRows.likelihood(D), 50).controlVariate(3).run(r, 7);
        for (int k : new int[] {1, 3, 5}) {
            SparkSvi.Result other = svi(LogisticRows.likelihood(D), 50)
                    .controlVariate(3)
                    .tasksPerStep(k)
                    .run(r, 7);
            assertBitIdentical(byDefault, other);
        }
        r.unpersist();
    }

    static void assertBitIdentical(SparkSvi.Result a, SparkSvi.Result b) {
        assertEquals(a.steps(), b.steps());
        assertArrayEquals(a.elboTrace(), b.elboTrace(), 0.0);
        assertEquals(a.params().names(), b.params().names());
        for (String name : a.params().names()) {
            assertArrayEquals(
                    a.params().get(name).toArray(), b.params().get(name).toArray(), 0.0, name);
        }
    }
}
