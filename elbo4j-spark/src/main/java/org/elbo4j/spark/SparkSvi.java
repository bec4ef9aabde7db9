package org.elbo4j.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.elbo4j.autodiff.Autodiff;
import org.elbo4j.autodiff.ValueAndGrad;
import org.elbo4j.infer.Elbo;
import org.elbo4j.infer.ElboEstimator;
import org.elbo4j.infer.Estimate;
import org.elbo4j.infer.Model;
import org.elbo4j.infer.ParamBinder;
import org.elbo4j.optim.Adam;
import org.elbo4j.optim.IterateAverage;
import org.elbo4j.optim.Optimizer;
import org.elbo4j.optim.OptimizerState;
import org.elbo4j.optim.ParamStore;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Adjoints;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;

/**
 * Data-parallel stochastic variational inference on Spark for models with global latent variables z and a
 * likelihood that is a plate over the rows of a data set:
 * \[ \mathrm{ELBO}(\phi) = E_{q_\phi(z)}\Big[\log p(z) + \sum_{i=1}^N \log p(x_i \mid z) - \log q_\phi(z)\Big]. \]
 *
 * <p><b>One step.</b> The driver holds the guide's parameters φ and the optimizer. It draws z = g_φ(ε) from the guide
 * on its own tape, and sends the value of z (the likelihood's only input; far smaller than φ for a full-rank guide, and
 * the executors then need neither the guide nor the prior) to the executors: as a broadcast when z has more than
 * 32,768 numbers, inside the task otherwise (a broadcast costs a block-manager round trip per step). Each partition draws its
 * rows of a uniform minibatch of B of the N rows (see {@link Minibatch}: seeded by the seed, the step and the
 * partition, so a retried task draws the same rows), evaluates Σ_rows log p(x_i|z) and its gradient ∇_z with elbo4j's
 * tape; the driver adds the partitions' vectors in partition order ({@link PartitionSums}), so the bits depend neither
 * on task timing nor on how partitions are grouped into tasks. One Spark job of one stage per step, with one task per
 * core ({@link #tasksPerStep}), straight on the cached blocks ({@code SparkContext.runJob}: no new RDD and no closure
 * to clean per step). Back on the driver, the likelihood enters the model as a factor with value (N/B)·ℓ and gradient
 * (N/B)·∇_zℓ, through which the chain rule reaches φ: ∇_φ = (N/B)·∇_zℓ·∂z/∂φ + ∇_φ[log p(z) − log q_φ(z)].
 * With B ≥ N every row is used and the scale is 1.
 *
 * <p><b>Supported.</b> Global latent variables (any elbo4j model over them, any guide) and an i.i.d. likelihood over
 * rows; pathwise estimators ({@link Elbo#reparameterized()}, analytic entropy or KL, sticking the landing) whose
 * state does not carry over between steps. <b>Not supported:</b> latent variables per row (their guide parameters
 * would grow with N: use amortisation, or the conditionally conjugate route of {@link SparkLda}); score-function
 * estimators with a running baseline (its state is not checkpointed); the NaN recovery of the single-machine
 * {@link org.elbo4j.infer.Svi} (a non-finite step fails, naming the step).
 *
 * <p><b>Checkpoints.</b> With {@link #checkpoint(String, int)}, every K steps the parameters, the optimizer's
 * state, the step, the RNG state and the ELBO trace are written atomically ({@link Checkpoint}); a run started with
 * the same directory resumes from the latest checkpoint and gives the same bits as an uninterrupted run, because
 * every random draw of step t comes from {@code RandomStream.of(seed).fork(t)}.
 *
 * <pre>{@code
 * Model prior = s -> s.sample("w", Normal.of(Tensor.zeros(20), Tensor.full(1.0, 20)));
 * RowLikelihood lik = (z, rows) -> Bernoulli.ofLogits(rows.matrix(xs).matmul(z.get("w"))).logProbSum(rows.column("y"));
 * SparkSvi.Result r = SparkSvi.of(prior, lik, AutoGuide.meanField(prior))
 *     .optimizer(Adam.of(0.05)).batchSize(1000).seed(1).checkpoint("hdfs:///runs/lr", 100)
 *     .run(SparkRows.of(dataset, cols, BadRows.FAIL), 2000);
 * }</pre>
 *
 * @implSpec Defaults: reparameterized estimator with one particle, Adam with learning rate 0.01, batch size 1000,
 * seed 0, no checkpoints.
 */
public final class SparkSvi {
    /** The name of the factor that carries the rows' log-likelihood into the model. */
    public static final String LIKELIHOOD_SITE = "_rows_log_likelihood";
    /** Globals with more numbers than this are sent as a Spark broadcast, smaller ones inside the task. */
    static final int BROADCAST_ABOVE = 32_768;

    private final Model prior;
    private final RowLikelihood likelihood;
    private final Model guide;
    private ElboEstimator estimator = Elbo.reparameterized();
    private Optimizer optimizer = Adam.of(0.01);
    private long seed;
    private long batchSize = 1000;
    private String checkpointDir;
    private int checkpointEvery;
    private double averaging;
    private long averagingSkip;
    private int controlEvery;
    /** The control variate's anchor ẑ (by site, in the likelihood's input order) and Σ_all ℓ_i, ∇ℓ_i there. */
    private double[][] anchor;

    private double[] anchorSums;

    private int tasksPerStep;
    /** The view of the data the steps' jobs read ({@link #grouped}), and the data it was made for. */
    private org.apache.spark.rdd.RDD<RowBlock> groupedView;

    private SparkRows groupedFor;

    private SparkSvi(Model prior, RowLikelihood likelihood, Model guide) {
        this.prior = prior;
        this.likelihood = likelihood;
        this.guide = guide;
    }

    /**
     * @param globalModel the prior over the global latent variables (sample sites only, no data)
     * @param likelihood  log p(x_i | z) summed over a partition's rows
     * @param guide       q(z), e.g. {@code AutoGuide.meanField(globalModel)}
     */
    public static SparkSvi of(Model globalModel, RowLikelihood likelihood, Model guide) {
        return new SparkSvi(globalModel, likelihood, guide);
    }

    /** The ELBO estimator (pathwise, stateless between steps). */
    public SparkSvi estimator(ElboEstimator e) {
        this.estimator = e;
        return this;
    }

    /** The optimizer; its state is modified by the run. */
    public SparkSvi optimizer(Optimizer o) {
        this.optimizer = o;
        return this;
    }

    /** The seed. */
    public SparkSvi seed(long s) {
        this.seed = s;
        return this;
    }

    /** Rows per minibatch B ≥ 1 (B ≥ N: every row, every step). */
    public SparkSvi batchSize(long b) {
        if (b < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + b);
        this.batchSize = b;
        return this;
    }

    /**
     * Checkpoints every {@code every} steps (and at the end) to {@code dir}, any Hadoop-compatible path; a run with
     * the same directory resumes from its latest checkpoint.
     */
    public SparkSvi checkpoint(String dir, int every) {
        if (every < 1) throw new IllegalArgumentException("checkpoint interval must be >= 1, got " + every);
        this.checkpointDir = dir;
        this.checkpointEvery = every;
        return this;
    }

    /**
     * Iterate averaging, as {@link org.elbo4j.infer.Svi#averaging} (the same {@link IterateAverage}): the result holds
     * x̄ ← d·x̄ + (1 − d)·x over the steps' parameters instead of the last iterate. The average is part of the
     * checkpoint, so a resumed run still gives the same bits.
     *
     * @param decay d in [0, 1); 0 turns it off
     */
    public SparkSvi averaging(double decay) {
        return averaging(decay, 0);
    }

    /**
     * Iterate averaging that starts after {@code skip} steps ({@link IterateAverage#IterateAverage(double, long)}),
     * e.g. once a learning-rate schedule has annealed, so that the far-off early iterates stay out of the average.
     *
     * @param decay d in [0, 1); 0 turns it off
     * @param skip  steps before the average starts, ≥ 0
     */
    public SparkSvi averaging(double decay, long skip) {
        if (!(decay >= 0 && decay < 1))
            throw new IllegalArgumentException("averaging: decay must be in [0, 1), got " + decay);
        if (skip < 0) throw new IllegalArgumentException("averaging: skip must be >= 0, got " + skip);
        this.averaging = decay;
        this.averagingSkip = skip;
        return this;
    }

    /**
     * A control variate for the minibatch sum (the stochastic variance-reduced gradient of Johnson &amp; Zhang,
     * 2013): every {@code every} steps one pass over all N rows computes Σ_i ℓ_i(ẑ) and Σ_i ∇ℓ_i(ẑ) at that step's
     * draw ẑ (that step's estimate is then the full-data one), and the steps in between estimate
     * \[ \textstyle\sum_{i=1}^N \ell_i(z) \approx \sum_{i=1}^N \ell_i(\hat z) + \frac{N}{B}\sum_{i \in
     * \text{batch}} \big(\ell_i(z) - \ell_i(\hat z)\big) \]
     * and its gradient likewise: still unbiased, and with a variance that shrinks with ‖z − ẑ‖², i.e. with the
     * guide's spread, instead of the variance of the minibatch sum itself. At N = 10⁶ rows and B = 10⁴ the plain
     * minibatch noise is many posterior sds per step, and this removes nearly all of it (docs/spark.md). Each
     * minibatch step evaluates the likelihood twice (at z and at ẑ) on the batch rows; a refresh costs a pass over
     * the data. The anchor is part of the checkpoint.
     *
     * @param every steps between refreshes of the anchor; 0 turns it off
     */
    public SparkSvi controlVariate(int every) {
        if (every < 0)
            throw new IllegalArgumentException("control variate refresh interval must be >= 0, got " + every);
        this.controlEvery = every;
        return this;
    }

    /**
     * Tasks per step: each step's Spark job runs this many tasks, each computing the vectors of a group of the
     * data's partitions (a coalesced view, without a shuffle, preferring the executors that cache them); the
     * partitions' vectors are still added in partition order, so the result does not depend on it. A task costs a
     * few milliseconds of scheduling however little it computes, so one task per core (the default) is the cheapest
     * whenever the partitions are about equal in size; more tasks than cores balance uneven partitions.
     *
     * @param k tasks per step (at most the number of partitions); 0 (default): Spark's default parallelism, i.e.
     *          the number of cores of the executors ({@code local[k]}: k)
     */
    public SparkSvi tasksPerStep(int k) {
        if (k < 0) throw new IllegalArgumentException("tasks per step must be >= 0, got " + k);
        this.tasksPerStep = k;
        this.groupedFor = null;
        return this;
    }

    /** The fitted parameters and the run's record. */
    public record Result(
            ParamStore params,
            Map<String, Constraint> constraints,
            long steps,
            double[] elboTrace,
            long rows,
            long batchSize,
            long resumedFrom,
            double seconds) {
        /** A parameter on its constrained scale (e.g. a scale σ rather than log σ). */
        public Tensor constrained(String name) {
            Constraint c = constraints.get(name);
            Tensor u = params.get(name);
            return c == null ? u : org.elbo4j.transform.Bijectors.bijectTo(c).forward(u);
        }
    }

    /**
     * Runs until {@code steps} steps have been taken in all (counting those of a resumed checkpoint).
     *
     * @throws IllegalArgumentException if a checkpoint in the directory belongs to another configuration (seed, N or
     *                                  B), naming what differs
     * @throws IllegalStateException    naming the step when the ELBO or a gradient is not finite
     */
    public Result run(SparkRows rows, long steps) {
        long t0 = System.nanoTime();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(rows.blocks().context());
        Configuration conf = sc.hadoopConfiguration();
        long n = rows.count();
        long b = Math.min(batchSize, n);
        double scale = (double) n / b;
        ParamStore params = new ParamStore();
        Map<String, Constraint> constraints = new LinkedHashMap<>();
        List<Double> trace = new ArrayList<>();
        RandomStream root = RandomStream.of(seed);
        long step = 0, resumedFrom = -1;
        IterateAverage avg = averaging > 0 ? new IterateAverage(averaging, averagingSkip) : null;
        anchor = null;
        anchorSums = null;
        if (checkpointDir != null) {
            Checkpoint c = Checkpoint.latest(checkpointDir, conf);
            if (c != null) {
                step = restore(c, params, trace, n, b, avg);
                root = RandomStream.decode(c.string("rng"));
                resumedFrom = step;
            }
        }
        long[] sizes = rows.partitionSizes();
        // the estimator's state of this run (a running baseline); not in the checkpoint: a resumed run restarts it
        org.elbo4j.infer.EstimatorState estimatorState = new org.elbo4j.infer.EstimatorState();
        while (step < steps) {
            final long s = step;
            final RandomStream stepStream = root.fork(s);
            int[] call = {0};
            Model full = m -> {
                Map<String, Tensor> z = new LinkedHashMap<>();
                prior.run(new CapturingSites(m, z));
                boolean refresh =
                        controlEvery > 0 && b < n && call[0] == 0 && (anchor == null || s % controlEvery == 0);
                m.factor(
                        LIKELIHOOD_SITE,
                        likelihoodTerm(sc, rows, sizes, b, scale, z, stepStream.fork(1 + call[0]++), s, refresh));
            };
            Tape tape = new Tape();
            ParamBinder binder = new ParamBinder(params, tape, constraints);
            Estimate e = estimator.estimate(full, guide, binder, stepStream.fork(0), estimatorState);
            if (!Double.isFinite(e.elbo()))
                throw new IllegalStateException("SparkSvi: the ELBO estimate at step " + s + " is " + e.elbo());
            Adjoints adj = tape.backward(e.loss(), new double[] {1.0});
            try {
                optimizer.step(params, binder.gradients(adj));
            } catch (org.elbo4j.tensor.NonFiniteException ex) {
                throw new IllegalStateException("SparkSvi: step " + s + " is not finite: " + ex.getMessage(), ex);
            }
            trace.add(e.elbo());
            step++;
            if (avg != null) avg.update(params);
            if (checkpointDir != null && (step % checkpointEvery == 0 || step == steps)) {
                checkpointOf(step, params, trace, n, b, root, avg).write(checkpointDir, conf);
            }
        }
        ParamStore out = params.copy();
        if (avg != null) avg.applyTo(out);
        double[] tr = new double[trace.size()];
        for (int i = 0; i < tr.length; i++) tr[i] = trace.get(i);
        return new Result(
                out, new LinkedHashMap<>(constraints), step, tr, n, b, resumedFrom, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The likelihood factor at the guide's draw z: a tensor whose value is the estimate of Σ_i ℓ_i(z) ((N/B)·ℓ(z), or
     * with the control variate the anchor's sums plus (N/B)·Σ_batch(ℓ_i(z) − ℓ_i(ẑ))) and whose gradient with respect
     * to z is the matching estimate of Σ_i ∇ℓ_i(z), computed on the executors. A refresh evaluates all rows at z and
     * makes z the new anchor.
     */
    private Tensor likelihoodTerm(
            JavaSparkContext sc,
            SparkRows rows,
            long[] sizes,
            long b,
            double scale,
            Map<String, Tensor> z,
            RandomStream allocation,
            long step,
            boolean refresh) {
        String[] names = z.keySet().toArray(new String[0]);
        int[][] shapes = new int[names.length][];
        double[][] values = new double[names.length][];
        int total = 1;
        for (int j = 0; j < names.length; j++) {
            Tensor t = z.get(names[j]);
            shapes[j] = t.shape().dims();
            values[j] = t.toArray();
            total += values[j].length;
        }
        double[] sum = estimate(sc, rows, sizes, b, scale, names, shapes, values, total, allocation, step, refresh);
        // value sum[0], gradient sum[1..]: Σ_j ⟨∇_jℓ, z_j⟩ plus a constant that sets the value
        Tensor term = null;
        double linear = 0;
        int o = 1;
        for (int j = 0; j < names.length; j++) {
            double[] g = Arrays.copyOfRange(sum, o, o + values[j].length);
            for (int i = 0; i < g.length; i++) linear += g[i] * values[j][i];
            o += values[j].length;
            Tensor part =
                    z.get(names[j]).mul(Tensor.wrap(g, Shape.of(shapes[j]))).sum();
            term = term == null ? part : term.add(part);
        }
        double value = sum[0];
        if (!Double.isFinite(value))
            throw new IllegalStateException("SparkSvi: the rows' log-likelihood at step " + step + " is " + value);
        return term == null ? Tensor.scalar(value) : term.add(value - linear);
    }

    /**
     * The estimate [Σ_i ℓ_i(z), Σ_i ∇ℓ_i(z)] from this step's minibatch: (N/B)·Σ_batch, or with the control variate
     * the anchor's sums plus (N/B)·Σ_batch(ℓ_i(z) − ℓ_i(ẑ)); a refresh computes the exact sums over all rows and makes
     * z the anchor.
     */
    double[] estimate(
            JavaSparkContext sc,
            SparkRows rows,
            long[] sizes,
            long b,
            double scale,
            String[] names,
            int[][] shapes,
            double[][] values,
            int total,
            RandomStream allocation,
            long step,
            boolean refresh) {
        int[] counts = Minibatch.allocate(sizes, b, allocation.fork(-1));
        Mode mode = refresh ? Mode.ALL : anchor != null ? Mode.DIFFERENCE : Mode.BATCH;
        double[] sum = partitionSums(sc, rows, counts, allocation, mode, names, shapes, values, total, step);
        if (refresh) {
            anchor = values;
            anchorSums = sum.clone();
        } else if (anchor != null) {
            for (int i = 0; i < total; i++) sum[i] = anchorSums[i] + scale * sum[i];
        } else {
            for (int i = 0; i < total; i++) sum[i] *= scale;
        }
        return sum;
    }

    /** What each partition evaluates: its minibatch rows at z, those rows at z minus at the anchor, all rows at z. */
    private enum Mode {
        BATCH,
        DIFFERENCE,
        ALL
    }

    /** Rows per tape evaluation in {@link Mode#ALL}, which bounds an executor's memory whatever the partition size. */
    static final int CHUNK = 32_768;

    /** Σ over partitions (in partition order) of [ℓ, ∇ℓ] as the mode says, length {@code total}. */
    private double[] partitionSums(
            JavaSparkContext sc,
            SparkRows rows,
            int[] counts,
            RandomStream allocation,
            Mode mode,
            String[] names,
            int[][] shapes,
            double[][] values,
            int total,
            long step) {
        double[][] at = mode == Mode.DIFFERENCE ? anchor : null;
        // z (and the anchor) travel as a broadcast when large; small ones (a few thousand numbers) ride in the task
        // closure, which Spark ships to every task anyway, saving a broadcast's block-manager round trip per step
        double[][][] both = {values, at};
        Broadcast<double[][][]> zb = total > BROADCAST_ABOVE ? sc.broadcast(both) : null;
        double[][][] zInline = zb == null ? both : null;
        // The partition streams are forks of the allocation stream: a function of (seed, step, call, partition) only.
        String alloc = allocation.encode(); // RandomStream is not Serializable; its state is a string
        try {
            // one job of one stage, one task per group of partitions, the partitions' vectors added in partition order
            return PartitionSums.sum(
                    grouped(rows),
                    new PartitionStep(
                            mode, counts, zb, zInline, likelihood, rows.columns(), alloc, total, names, shapes),
                    counts.length,
                    total);
        } catch (RuntimeException ex) {
            throw new IllegalStateException(
                    "SparkSvi: the likelihood failed at step " + step + ": " + rootMessage(ex), ex);
        } finally {
            if (zb != null) zb.destroy();
        }
    }

    /**
     * The cached blocks as a step's job reads them: as they are when there are no more partitions than tasks per
     * step, otherwise a coalesced view (built once per data set, not per step: the lineage does not grow) whose
     * tasks each read several cached partitions, without a shuffle and preferring the executors that hold them.
     */
    private org.apache.spark.rdd.RDD<RowBlock> grouped(SparkRows rows) {
        if (groupedFor != rows) {
            JavaSparkContext sc =
                    JavaSparkContext.fromSparkContext(rows.blocks().context());
            int k = tasksPerStep > 0 ? tasksPerStep : Math.max(1, sc.defaultParallelism());
            int parts = rows.blocks().getNumPartitions();
            groupedView =
                    k >= parts ? rows.blocks().rdd() : rows.blocks().coalesce(k).rdd();
            groupedFor = rows;
        }
        return groupedView;
    }

    /**
     * What a step computes for one partition: [ℓ, ∇ℓ] of its rows of the minibatch at z (minus the same at the
     * anchor), or of all its rows in chunks; the rows and the arithmetic depend only on (seed, step, partition), so
     * a retried task, or a task that reads other partitions besides, computes the same vector. A named class rather
     * than a lambda (see {@link PartitionSums.PartitionFunction}).
     */
    private static final class PartitionStep extends PartitionSums.PartitionFunction<RowBlock> {
        private static final long serialVersionUID = 1L;
        private final Mode mode;
        private final int[] counts;
        private final Broadcast<double[][][]> zb;
        private final double[][][] zInline;
        private final RowLikelihood lik;
        private final List<String> cols;
        private final String alloc;
        private final int length;
        private final String[] names;
        private final int[][] shapes;

        PartitionStep(
                Mode mode,
                int[] counts,
                Broadcast<double[][][]> zb,
                double[][][] zInline,
                RowLikelihood lik,
                List<String> cols,
                String alloc,
                int length,
                String[] names,
                int[][] shapes) {
            this.mode = mode;
            this.counts = counts;
            this.zb = zb;
            this.zInline = zInline;
            this.lik = lik;
            this.cols = cols;
            this.alloc = alloc;
            this.length = length;
            this.names = names;
            this.shapes = shapes;
        }

        @Override
        int partitionOf(RowBlock block) {
            return block.partition;
        }

        @Override
        double[] call(RowBlock block) {
            int p = block.partition;
            double[] out = new double[length];
            if (mode != Mode.ALL && counts[p] == 0) return out;
            double[][][] zv = zb != null ? zb.value() : zInline;
            if (mode == Mode.ALL) {
                for (int lo = 0; lo < block.rows(); lo += CHUNK) {
                    int[] idx = new int[Math.min(CHUNK, block.rows() - lo)];
                    for (int i = 0; i < idx.length; i++) idx[i] = lo + i;
                    addTo(out, evaluate(lik, new RowBatch(block, idx, cols), names, shapes, zv[0]), 1);
                }
            } else {
                int[] idx = Minibatch.rows(
                        block.rows(), counts[p], RandomStream.decode(alloc).fork(p));
                RowBatch batch = new RowBatch(block, idx, cols);
                addTo(out, evaluate(lik, batch, names, shapes, zv[0]), 1);
                if (mode == Mode.DIFFERENCE) addTo(out, evaluate(lik, batch, names, shapes, zv[1]), -1);
            }
            return out;
        }
    }

    /** [ℓ, ∇ℓ] of the batch at z, the gradients flattened in site order. */
    private static double[] evaluate(RowLikelihood lik, RowBatch batch, String[] names, int[][] shapes, double[][] zv) {
        List<Tensor> leaves = new ArrayList<>(names.length);
        int length = 1;
        for (int j = 0; j < names.length; j++) {
            leaves.add(Tensor.of(zv[j], Shape.of(shapes[j])));
            length += zv[j].length;
        }
        ValueAndGrad vg = Autodiff.valueAndGrad(leaves, l -> {
            Map<String, Tensor> m = new LinkedHashMap<>();
            for (int j = 0; j < names.length; j++) m.put(names[j], l.get(j));
            return lik.logLikelihood(m, batch);
        });
        double[] out = new double[length];
        out[0] = vg.valueAsDouble();
        int o = 1;
        for (int j = 0; j < names.length; j++) {
            double[] g = vg.gradient(j).toArray();
            System.arraycopy(g, 0, out, o, g.length);
            o += g.length;
        }
        return out;
    }

    private static void addTo(double[] acc, double[] x, double sign) {
        for (int i = 0; i < acc.length; i++) acc[i] += sign * x[i];
    }

    static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) c = c.getCause();
        String m = c.getMessage();
        if (t instanceof SparkException || c != t) return c.getClass().getSimpleName() + ": " + m;
        return m;
    }

    private Checkpoint checkpointOf(
            long step, ParamStore params, List<Double> trace, long n, long b, RandomStream root, IterateAverage avg) {
        Checkpoint c = new Checkpoint(step)
                .putString("kind", "svi")
                .putString("rng", root.encode())
                .putScalar("seed", seed)
                .putScalar("rows", n)
                .putScalar("batch", b);
        for (Map.Entry<String, Tensor> e : params.asMap().entrySet()) {
            c.putArray(
                    "param/" + e.getKey(),
                    e.getValue().shape().dims(),
                    e.getValue().toArray());
        }
        OptimizerState st = optimizer.saveState();
        c.putString("optimizer", st.kind());
        for (Map.Entry<String, Double> e : st.scalars().entrySet())
            c.putScalar("optimizer/" + e.getKey(), e.getValue());
        for (Map.Entry<String, Tensor> e : st.buffers().entrySet()) {
            c.putArray(
                    "buffer/" + e.getKey(),
                    e.getValue().shape().dims(),
                    e.getValue().toArray());
        }
        double[] tr = new double[trace.size()];
        for (int i = 0; i < tr.length; i++) tr[i] = trace.get(i);
        c.putArray("elbo", new int[] {tr.length}, tr);
        c.putScalar("averaging", averaging)
                .putScalar("averaging-skip", averagingSkip)
                .putScalar("control-every", controlEvery);
        if (avg != null) c.putScalar("average-seen", avg.seen());
        if (avg != null)
            for (Map.Entry<String, double[]> e : avg.state().entrySet())
                c.putArray(
                        "average/" + e.getKey(), params.get(e.getKey()).shape().dims(), e.getValue());
        if (anchor != null) {
            for (int j = 0; j < anchor.length; j++) c.putArray("anchor/" + j, new int[] {anchor[j].length}, anchor[j]);
            c.putArray("anchor-sums", new int[] {anchorSums.length}, anchorSums);
        }
        return c;
    }

    private long restore(Checkpoint c, ParamStore params, List<Double> trace, long n, long b, IterateAverage avg) {
        if (!"svi".equals(c.string("kind")))
            throw new IllegalArgumentException(
                    "checkpoint in " + checkpointDir + " is of a " + c.string("kind") + " run, not SVI");
        if (c.scalar("seed") != (double) seed)
            throw new IllegalArgumentException("checkpoint in " + checkpointDir + " was written with seed "
                    + (long) c.scalar("seed") + ", this run has seed " + seed);
        if (c.scalar("rows") != (double) n)
            throw new IllegalArgumentException("checkpoint in " + checkpointDir + " was written for "
                    + (long) c.scalar("rows") + " rows, the data now has " + n);
        if (c.scalar("batch") != (double) b)
            throw new IllegalArgumentException("checkpoint in " + checkpointDir + " was written with batch size "
                    + (long) c.scalar("batch") + ", this run has " + b);
        double ckAveraging = c.scalarNames().contains("averaging") ? c.scalar("averaging") : 0;
        double ckControl = c.scalarNames().contains("control-every") ? c.scalar("control-every") : 0;
        double ckSkip = c.scalarNames().contains("averaging-skip") ? c.scalar("averaging-skip") : 0;
        if (ckAveraging != averaging || ckSkip != averagingSkip)
            throw new IllegalArgumentException("checkpoint in " + checkpointDir + " was written with averaging "
                    + ckAveraging + " after " + (long) ckSkip + " steps, this run has " + averaging + " after "
                    + averagingSkip);
        if (ckControl != controlEvery)
            throw new IllegalArgumentException("checkpoint in " + checkpointDir
                    + " was written with a control variate refreshed every " + (long) ckControl
                    + " steps, this run has " + controlEvery + " (0: none)");
        Map<String, double[]> averages = new LinkedHashMap<>();
        List<double[]> anchorParts = new ArrayList<>();
        for (String name : c.arrayNames()) {
            if (name.startsWith("average/")) averages.put(name.substring(8), c.array(name));
        }
        for (int j = 0; c.arrayNames().contains("anchor/" + j); j++) anchorParts.add(c.array("anchor/" + j));
        if (avg != null)
            avg.restore(averages, c.scalarNames().contains("average-seen") ? (long) c.scalar("average-seen") : 0);
        if (!anchorParts.isEmpty()) {
            anchor = anchorParts.toArray(new double[0][]);
            anchorSums = c.array("anchor-sums");
        }
        Map<String, Double> scalars = new LinkedHashMap<>();
        Map<String, Tensor> buffers = new LinkedHashMap<>();
        for (String name : c.arrayNames()) {
            if (name.startsWith("param/"))
                params.put(name.substring(6), Tensor.of(c.array(name), Shape.of(c.shape(name))));
            else if (name.startsWith("buffer/"))
                buffers.put(name.substring(7), Tensor.of(c.array(name), Shape.of(c.shape(name))));
        }
        for (String name : c.scalarNames())
            if (name.startsWith("optimizer/")) scalars.put(name.substring(10), c.scalar(name));
        optimizer.restoreState(new OptimizerState(c.string("optimizer"), scalars, buffers));
        for (double v : c.array("elbo")) trace.add(v);
        return c.step();
    }
}
