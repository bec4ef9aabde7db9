package org.elbo4j.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.elbo4j.infer.AutoGuide;
import org.elbo4j.infer.Elbo;
import org.elbo4j.infer.ElboEstimator;
import org.elbo4j.infer.Estimate;
import org.elbo4j.infer.Fit;
import org.elbo4j.infer.Model;
import org.elbo4j.infer.ParamBinder;
import org.elbo4j.infer.Stop;
import org.elbo4j.infer.Svi;
import org.elbo4j.optim.Adam;
import org.elbo4j.optim.IterateAverage;
import org.elbo4j.optim.ParamStore;
import org.elbo4j.optim.Schedule;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;

/**
 * The logistic-regression commands of {@link Demo}: {@code logistic} (a SparkSvi fit, its cost and, with
 * {@code --reference}, the single-JVM comparison), {@code parquet} (the synthetic rows to Parquet) and
 * {@code agreement} (several seeds of both fits, with their Monte Carlo spread). Options: see {@link Demo}.
 */
final class LogisticDemo {
    private LogisticDemo() {}

    static void logistic(SparkSession spark, Map<String, String> o) {
        long n = Demo.num(o, "rows", 100_000),
                seed = Demo.num(o, "seed", 1),
                batch = Demo.num(o, "batch", 10_000),
                steps = Demo.num(o, "steps", 1000);
        int d = (int) Demo.num(o, "features", 20), parts = (int) Demo.num(o, "partitions", 4);
        double lr = Demo.real(o, "lr", 0.05);
        long dataSeed = Demo.num(o, "data-seed", seed);
        RunMeter loading = new RunMeter(spark.sparkContext());
        SparkRows rows = load(spark, o, n, d, dataSeed, parts);
        String loadFigures = loading.summary("load_", false);
        loading.close();
        System.out.printf(
                Locale.ROOT,
                "logistic: %d rows x %d features in %d partitions (%s and validated), master %s%n  load: %s%n",
                rows.count(),
                d,
                rows.partitionSizes().length,
                o.containsKey("parquet") ? "read from Parquet" : "generated",
                spark.sparkContext().master(),
                loadFigures);
        String cache = cacheFigures(spark, rows);
        Model prior = LogisticRows.prior(d);
        double floor = Demo.real(o, "floor", 0),
                beta2 = Demo.real(o, "beta2", 0.999),
                initScale = Demo.real(o, "init-scale", 1);
        ElboEstimator est = o.containsKey("stl") ? Elbo.stickingTheLanding() : Elbo.reparameterized();
        SparkSvi svi = sparkSvi(o, d, steps, seed);
        if (o.containsKey("checkpoint")) svi.checkpoint(o.get("checkpoint"), (int) Demo.num(o, "every", 100));
        RunMeter fitting = new RunMeter(spark.sparkContext());
        SparkSvi.Result r = svi.run(rows, steps);
        String byThread = fitting.threadBreakdown();
        String fitFigures = fitting.summary("fit_", true);
        System.out.println("  fit CPU by thread: " + byThread);
        long jobs = fitting.jobs();
        double taskSeconds = fitting.taskRunSeconds();
        fitting.close();
        long done = r.steps() - Math.max(0, r.resumedFrom());
        System.out.printf(
                Locale.ROOT,
                "  %d steps (B = %d, N/B = %.1f)%s in %.1f s: %.1f ms per step, %.0f rows per second; final ELBO estimate %.1f%n",
                r.steps(),
                r.batchSize(),
                (double) r.rows() / r.batchSize(),
                r.resumedFrom() >= 0 ? " resumed from step " + r.resumedFrom() : "",
                r.seconds(),
                1e3 * r.seconds() / Math.max(1, done),
                done * r.batchSize() / r.seconds(),
                r.elboTrace()[r.elboTrace().length - 1]);
        double[] wm = r.constrained("w_loc").toArray(),
                ws = r.constrained("w_scale").toArray();
        System.out.printf(
                Locale.ROOT,
                "  b: mean %.4f sd %.4f (true %.2f)%n",
                r.constrained("b_loc").item(),
                r.constrained("b_scale").item(),
                LogisticRows.TRUE_BIAS);
        for (int j = 0; j < Math.min(d, 5); j++) {
            System.out.printf(
                    Locale.ROOT,
                    "  w[%d]: mean %.4f sd %.4f (true %.3f)%n",
                    j,
                    wm[j],
                    ws[j],
                    LogisticRows.trueWeight(j, d));
        }
        long bits = 17;
        for (String name : r.params().names())
            for (double x : r.params().get(name).toArray()) bits = 31 * bits + Double.doubleToRawLongBits(x);
        System.out.printf(
                Locale.ROOT,
                "  hash of the parameters' bits %016x (equal hashes: a resumed run matches an uninterrupted one)%n",
                bits);
        // work counted (independent of the load): rows evaluated, a control-variate step evaluating its batch twice
        long control = Demo.num(o, "control", 0), nb = r.rows();
        long refreshes = control > 0 && r.batchSize() < nb ? (done + control - 1) / control : 0;
        long evaluated = refreshes * nb + (done - refreshes) * r.batchSize() * (control > 0 ? 2 : 1);
        int threads = spark.sparkContext().defaultParallelism();
        System.out.printf(
                Locale.ROOT,
                "  %d rows evaluated (%d full passes), %.0f rows evaluated per second; %d Spark jobs; tasks ran %.1f s"
                        + " in all: %.1f ms of the %.1f ms of a step are not the tasks' (divided over %d threads)%n",
                evaluated,
                refreshes,
                evaluated / r.seconds(),
                jobs,
                taskSeconds,
                1e3 * (r.seconds() - taskSeconds / threads) / Math.max(1, done),
                1e3 * r.seconds() / Math.max(1, done),
                threads);
        System.out.printf(
                Locale.ROOT,
                "result master=%s rows=%d partitions=%d batch=%d steps=%d fit_s=%.2f ms_per_step=%.2f"
                        + " batch_rows_per_s=%.0f evaluated_rows=%d evaluated_rows_per_s=%.0f overhead_ms_per_step=%.2f"
                        + " hash=%016x %s %s %s%n",
                spark.sparkContext().master(),
                nb,
                rows.partitionSizes().length,
                r.batchSize(),
                done,
                r.seconds(),
                1e3 * r.seconds() / Math.max(1, done),
                done * r.batchSize() / r.seconds(),
                evaluated,
                evaluated / r.seconds(),
                1e3 * (r.seconds() - taskSeconds / threads) / Math.max(1, done),
                bits,
                loadFigures,
                fitFigures,
                cache);
        if (o.containsKey("reference")) {
            long refSteps = Demo.num(o, "reference-steps", steps);
            long nRows = r.rows();
            double[][] data = new double[Math.toIntExact(nRows)][];
            for (int i = 0; i < nRows; i++) data[i] = LogisticRows.row(i, d, dataSeed);
            Model full = LogisticRows.fullModel(data, d);
            data = null;
            long t1 = System.nanoTime();
            Svi ref = Svi.of(full, AutoGuide.meanField(prior).initScale(initScale))
                    .estimator(est)
                    .optimizer(Adam.of(Demo.real(o, "reference-lr", lr))
                            .betas(0.9, beta2)
                            .schedule(schedule(refSteps, floor)))
                    .seed(seed + 1);
            if (o.containsKey("averaging"))
                ref.averaging(Demo.real(o, "averaging", 0), Demo.num(o, "averaging-skip", 0));
            ParamStore c = new ParamStore(); // the reference's means and sds
            String what;
            if (o.containsKey("twin")) {
                // the same guide draws as the Spark run: the difference is the minibatch noise alone
                ParamStore u = twin(
                        full,
                        AutoGuide.meanField(prior).initScale(initScale),
                        est,
                        lr,
                        beta2,
                        floor,
                        steps,
                        seed,
                        Demo.real(o, "averaging", 0),
                        Demo.num(o, "averaging-skip", 0));
                for (String name : u.names())
                    c.put(name, name.endsWith("_scale") ? u.get(name).exp() : u.get(name)); // ω = log σ
                what = "twin (same draws)";
            } else {
                Fit f = ref.run(Stop.after(refSteps));
                for (String name : f.params().names()) c.put(name, f.param(name));
                what = "independent seed";
            }
            double[] fm = c.get("w_loc").toArray(), fs = c.get("w_scale").toArray();
            double fbm = c.get("b_loc").item(), fbs = c.get("b_scale").item();
            double worstMean = Math.abs(fbm - r.constrained("b_loc").item()) / fbs;
            double worstSd = Math.abs(fbs - r.constrained("b_scale").item()) / fbs;
            for (int j = 0; j < d; j++) {
                worstMean = Math.max(worstMean, Math.abs(fm[j] - wm[j]) / fs[j]);
                worstSd = Math.max(worstSd, Math.abs(fs[j] - ws[j]) / fs[j]);
            }
            System.out.printf(
                    Locale.ROOT,
                    "  single-JVM full-data fit, %s (%d steps, %.1f s): largest |mean difference| %.4f sd, largest |sd difference| %.4f sd%n",
                    what,
                    o.containsKey("twin") ? steps : refSteps,
                    (System.nanoTime() - t1) / 1e9,
                    worstMean,
                    worstSd);
        }
        rows.unpersist();
    }

    /**
     * The single-JVM full-data fit with the draws of a SparkSvi run of the same seed (RandomStream.of(seed).fork(t)
     * .fork(0) at step t), the same optimizer, schedule and averaging; the unconstrained parameters.
     */
    private static ParamStore twin(
            Model full,
            Model guide,
            ElboEstimator est,
            double lr,
            double beta2,
            double floor,
            long steps,
            long seed,
            double averaging,
            long skip) {
        ParamStore params = new ParamStore();
        Map<String, Constraint> constraints = new LinkedHashMap<>();
        Adam adam = Adam.of(lr).betas(0.9, beta2).schedule(schedule(steps, floor));
        IterateAverage avg = averaging > 0 ? new IterateAverage(averaging, skip) : null;
        RandomStream root = RandomStream.of(seed);
        for (long t = 0; t < steps; t++) {
            Tape tape = new Tape();
            ParamBinder b = new ParamBinder(params, tape, constraints);
            Estimate e = est.estimate(full, guide, b, root.fork(t).fork(0));
            adam.step(params, b.gradients(tape.backward(e.loss(), new double[] {1.0})));
            if (avg != null) avg.update(params);
        }
        if (avg != null) avg.applyTo(params);
        return params;
    }

    /** Cosine annealing to 0 over all steps, or with a floor f > 0 to f over the first half, then f. */
    private static Schedule schedule(long steps, double floor) {
        return floor > 0 ? Schedule.cosine(Math.max(1, steps / 2), 0, floor) : Schedule.cosine(steps);
    }

    /**
     * The rows: generated on the executors (P partitions of equal size), or read from Parquet with one partition per
     * file (so the partitioning, hence the result's bits, does not depend on the number of threads; the parquet
     * command writes files of equal size). {@code --partitions} with Parquet repartitions (a shuffle) only when given
     * and different from the number of files.
     */
    static SparkRows load(SparkSession spark, Map<String, String> o, long n, int d, long dataSeed, int parts) {
        if (o.containsKey("parquet")) {
            // one partition per file: a split never exceeds a file, and a file's "open cost" fills its partition
            // (the session's own settings are restored once the rows are cached)
            List<String> keys = List.of("spark.sql.files.maxPartitionBytes", "spark.sql.files.openCostInBytes");
            Map<String, scala.Option<String>> before = new LinkedHashMap<>();
            for (String k : keys) {
                before.put(k, spark.conf().getOption(k));
                spark.conf().set(k, Long.toString(1L << 40));
            }
            try {
                Dataset<Row> df = spark.read().parquet(o.get("parquet"));
                if (o.containsKey("partitions") && df.rdd().getNumPartitions() != parts) df = df.repartition(parts);
                return SparkRows.of(df, LogisticRows.columns(d), BadRows.FAIL);
            } finally {
                for (String k : keys) {
                    if (before.get(k).isDefined())
                        spark.conf().set(k, before.get(k).get());
                    else spark.conf().unset(k);
                }
            }
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<double[]> raw =
                sc.parallelize(Demo.range(parts), parts).flatMap(p -> generate(n, d, dataSeed, parts, p));
        return SparkRows.ofArrays(raw, LogisticRows.columns(d), BadRows.FAIL);
    }

    /** Prints how much of the cached blocks Spark holds in memory and on disk (a block on disk is slow). */
    static String cacheFigures(SparkSession spark, SparkRows rows) {
        String out = "cache_mb=? cache_disk_mb=?";
        for (org.apache.spark.storage.RDDInfo info : spark.sparkContext().getRDDStorageInfo()) {
            if (info.id() != rows.blocks().id()) continue;
            System.out.printf(
                    Locale.ROOT,
                    "  cached blocks: %d of %d partitions, %.0f MB in memory, %.0f MB on disk%n",
                    info.numCachedPartitions(),
                    info.numPartitions(),
                    info.memSize() / 1e6,
                    info.diskSize() / 1e6);
            out = String.format(
                    Locale.ROOT, "cache_mb=%.0f cache_disk_mb=%.0f", info.memSize() / 1e6, info.diskSize() / 1e6);
        }
        return out;
    }

    /** The SparkSvi of the logistic and agreement commands, from the options. */
    static SparkSvi sparkSvi(Map<String, String> o, int d, long steps, long seed) {
        Model prior = LogisticRows.prior(d);
        double lr = Demo.real(o, "lr", 0.05), floor = Demo.real(o, "floor", 0), beta2 = Demo.real(o, "beta2", 0.999);
        return SparkSvi.of(
                        prior,
                        LogisticRows.likelihood(d),
                        AutoGuide.meanField(prior).initScale(Demo.real(o, "init-scale", 1)))
                .estimator(o.containsKey("stl") ? Elbo.stickingTheLanding() : Elbo.reparameterized())
                .optimizer(Adam.of(lr).betas(0.9, beta2).schedule(schedule(steps, floor)))
                .batchSize(Demo.num(o, "batch", 10_000))
                .averaging(Demo.real(o, "averaging", 0), Demo.num(o, "averaging-skip", 0))
                .controlVariate((int) Demo.num(o, "control", 0))
                .tasksPerStep((int) Demo.num(o, "tasks", 0))
                .seed(seed);
    }

    /** Partition p of P of the N synthetic rows. */
    private static java.util.Iterator<double[]> generate(long n, int d, long seed, int parts, int p) {
        long lo = n * p / parts, hi = n * (p + 1) / parts;
        List<double[]> rows = new ArrayList<>((int) (hi - lo));
        for (long i = lo; i < hi; i++) rows.add(LogisticRows.row(i, d, seed));
        return rows.iterator();
    }

    /**
     * Writes the synthetic rows to Parquet (one file per partition, equal numbers of rows), row i from
     * {@code LogisticRows.row(i)}; {@link #load} reads each file as one partition.
     */
    static void parquet(SparkSession spark, Map<String, String> o) {
        long n = Demo.num(o, "rows", 1_000_000), seed = Demo.num(o, "seed", 1);
        int d = (int) Demo.num(o, "features", 20), parts = (int) Demo.num(o, "partitions", 4);
        String out = o.get("out");
        if (out == null) throw new IllegalArgumentException("parquet: --out DIR is required");
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<StructField> fields = new ArrayList<>();
        for (String c : LogisticRows.columns(d))
            fields.add(DataTypes.createStructField(c, DataTypes.DoubleType, false));
        StructType schema = DataTypes.createStructType(fields);
        long t0 = System.nanoTime();
        JavaRDD<Row> rdd = sc.parallelize(Demo.range(parts), parts).flatMap(p -> {
            long lo = n * p / parts, hi = n * (p + 1) / parts;
            return new java.util.Iterator<Row>() {
                long i = lo;

                @Override
                public boolean hasNext() {
                    return i < hi;
                }

                @Override
                public Row next() {
                    double[] v = LogisticRows.row(i++, d, seed);
                    Object[] a = new Object[v.length];
                    for (int j = 0; j < v.length; j++) a[j] = v[j];
                    return RowFactory.create(a);
                }
            };
        });
        spark.createDataFrame(rdd, schema).write().mode("errorifexists").parquet(out);
        System.out.printf(
                Locale.ROOT,
                "parquet: %d rows x %d features in %d files written to %s in %.1f s%n",
                n,
                d,
                parts,
                out,
                (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Agreement with independent draws: K SparkSvi fits (seeds 101..100+K) and K single-JVM full-data fits with
     * elbo4j's {@link Svi} (seeds 201..200+K) of the same model, guide, optimizer, schedule and averaging on the same
     * rows. Prints, per parameter, the two means over seeds and their difference in posterior sds, and the seed-to-seed
     * spread of each kind of fit (its Monte Carlo error), so that the 0.05-sd criterion can be read against the noise
     * of the fits themselves; and the largest difference over all (Spark seed, reference seed) pairs.
     */
    static void agreement(SparkSession spark, Map<String, String> o) {
        long n = Demo.num(o, "rows", 1_000_000), steps = Demo.num(o, "steps", 1000);
        long dataSeed = Demo.num(o, "data-seed", 1), refSteps = Demo.num(o, "reference-steps", steps);
        int d = (int) Demo.num(o, "features", 20), parts = (int) Demo.num(o, "partitions", 2);
        int k = (int) Demo.num(o, "seeds", 3);
        int m = 2 * (d + 1); // w_loc[0..d-1], b_loc, w_scale[0..d-1], b_scale
        double[][] sp = new double[k][], ref = new double[k][];
        SparkRows rows = load(spark, o, n, d, dataSeed, parts);
        System.out.printf(
                Locale.ROOT,
                "agreement: %d rows x %d features, %d partitions, %d seeds of each fit, %d steps (reference %d), master %s%n",
                rows.count(),
                d,
                rows.partitionSizes().length,
                k,
                steps,
                refSteps,
                spark.sparkContext().master());
        // the reference fits run in their own threads (one per seed) while the Spark fits run: they share nothing
        double[][] data = new double[Math.toIntExact(n)][];
        for (int i = 0; i < n; i++) data[i] = LogisticRows.row(i, d, dataSeed);
        Model full = LogisticRows.fullModel(data, d);
        data = null;
        Model prior = LogisticRows.prior(d);
        double lr = Demo.real(o, "lr", 0.05), floor = Demo.real(o, "floor", 0), beta2 = Demo.real(o, "beta2", 0.999);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(k);
        List<java.util.concurrent.Future<double[]>> refs = new ArrayList<>();
        for (int s = 0; s < k; s++) {
            long refSeed = 201 + s;
            refs.add(pool.submit(() -> {
                long t0 = System.nanoTime();
                java.lang.management.ThreadMXBean tm = java.lang.management.ManagementFactory.getThreadMXBean();
                long c0 = tm.getCurrentThreadCpuTime();
                Svi svi = Svi.of(full, AutoGuide.meanField(prior).initScale(Demo.real(o, "init-scale", 1)))
                        .estimator(o.containsKey("stl") ? Elbo.stickingTheLanding() : Elbo.reparameterized())
                        .optimizer(Adam.of(lr).betas(0.9, beta2).schedule(schedule(refSteps, floor)))
                        .seed(refSeed);
                if (o.containsKey("averaging"))
                    svi.averaging(Demo.real(o, "averaging", 0), Demo.num(o, "averaging-skip", 0));
                Fit f = svi.run(Stop.after(refSteps));
                System.out.printf(
                        Locale.ROOT,
                        "  single-JVM Svi seed %d: %.1f s wall, %.1f s CPU (its thread), load %.1f%n",
                        refSeed,
                        (System.nanoTime() - t0) / 1e9,
                        (tm.getCurrentThreadCpuTime() - c0) / 1e9,
                        RunMeter.load());
                return flat(f.param("w_loc"), f.param("b_loc"), f.param("w_scale"), f.param("b_scale"));
            }));
        }
        pool.shutdown();
        for (int s = 0; s < k; s++) {
            long t0 = System.nanoTime(), c0 = RunMeter.cpu();
            SparkSvi.Result r = sparkSvi(o, d, steps, 101 + s).run(rows, steps);
            sp[s] = flat(
                    r.constrained("w_loc"), r.constrained("b_loc"), r.constrained("w_scale"), r.constrained("b_scale"));
            System.out.printf(
                    Locale.ROOT,
                    "  SparkSvi seed %d: %.1f s wall, load %.1f%n",
                    101 + s,
                    (System.nanoTime() - t0) / 1e9,
                    RunMeter.load());
        }
        rows.unpersist();
        for (int s = 0; s < k; s++) {
            try {
                ref[s] = refs.get(s).get();
            } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("agreement: a reference fit failed: " + e, e);
            }
        }
        // per parameter: means over seeds, spreads, and the differences in units of the reference's posterior sd
        double worstMean = 0, worstSd = 0, worstPairMean = 0, worstPairSd = 0, spreadSp = 0, spreadRef = 0;
        double worstZ = 0;
        System.out.println("  parameter   ref mean   post sd  (spark-ref)/sd  se/sd  spark spread/sd  ref spread/sd"
                + "  (sd_spark-sd_ref)/sd");
        for (int j = 0; j < m / 2; j++) {
            double postSd = mean(ref, m / 2 + j);
            double dMean = (mean(sp, j) - mean(ref, j)) / postSd;
            double dSd = (mean(sp, m / 2 + j) - postSd) / postSd;
            double sSp = sd(sp, j) / postSd, sRef = sd(ref, j) / postSd;
            double se = Math.sqrt(sSp * sSp / k + sRef * sRef / k);
            spreadSp = Math.max(spreadSp, sSp);
            spreadRef = Math.max(spreadRef, sRef);
            worstMean = Math.max(worstMean, Math.abs(dMean));
            worstSd = Math.max(worstSd, Math.abs(dSd));
            if (se > 0) worstZ = Math.max(worstZ, Math.abs(dMean) / se);
            for (double[] a : sp)
                for (double[] b : ref) {
                    worstPairMean = Math.max(worstPairMean, Math.abs(a[j] - b[j]) / postSd);
                    worstPairSd = Math.max(worstPairSd, Math.abs(a[m / 2 + j] - b[m / 2 + j]) / postSd);
                }
            System.out.printf(
                    Locale.ROOT,
                    "  %-9s %9.5f %9.6f %14.4f %6.4f %16.4f %14.4f %21.4f%n",
                    j < d ? "w[" + j + "]" : "b",
                    mean(ref, j),
                    postSd,
                    dMean,
                    se,
                    sSp,
                    sRef,
                    dSd);
        }
        System.out.printf(
                Locale.ROOT,
                "  largest |mean over Spark seeds - mean over reference seeds| %.4f posterior sd (largest |difference|/se"
                        + " %.2f), largest |sd difference| %.4f sd%n"
                        + "  largest over all %d x %d pairs of single fits: mean %.4f sd, sd %.4f sd%n"
                        + "  Monte Carlo error of one fit (seed-to-seed sd of a posterior mean, largest over parameters):"
                        + " SparkSvi %.4f sd, single-JVM %.4f sd%n",
                worstMean,
                worstZ,
                worstSd,
                k,
                k,
                worstPairMean,
                worstPairSd,
                spreadSp,
                spreadRef);
    }

    private static double[] flat(Tensor... ts) {
        int len = 0;
        for (Tensor t : ts) len += t.size();
        double[] out = new double[len];
        int o = 0;
        for (Tensor t : ts) {
            double[] a = t.toArray();
            System.arraycopy(a, 0, out, o, a.length);
            o += a.length;
        }
        return out;
    }

    private static double mean(double[][] x, int j) {
        double s = 0;
        for (double[] r : x) s += r[j];
        return s / x.length;
    }

    /** The sample sd over seeds (0 with one seed). */
    private static double sd(double[][] x, int j) {
        if (x.length < 2) return 0;
        double mu = mean(x, j), s = 0;
        for (double[] r : x) s += (r[j] - mu) * (r[j] - mu);
        return Math.sqrt(s / (x.length - 1));
    }
}
