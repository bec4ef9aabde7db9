package org.elbo4j.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
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
 * tape, and {@code treeAggregate} sums these ({@link PartitionSums}: in partition order, so the bits do not depend
 * on task timing). Back on the driver, the likelihood enters the model as a factor with value (N/B)·ℓ and gradient
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
        if (checkpointDir != null) {
            Checkpoint c = Checkpoint.latest(checkpointDir, conf);
            if (c != null) {
                step = restore(c, params, trace, n, b);
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
                m.factor(
                        LIKELIHOOD_SITE,
                        likelihoodTerm(sc, rows, sizes, b, scale, z, stepStream.fork(1 + call[0]++), s));
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
            if (checkpointDir != null && (step % checkpointEvery == 0 || step == steps)) {
                checkpointOf(step, params, trace, n, b, root).write(checkpointDir, conf);
            }
        }
        double[] tr = new double[trace.size()];
        for (int i = 0; i < tr.length; i++) tr[i] = trace.get(i);
        return new Result(
                params.copy(),
                new LinkedHashMap<>(constraints),
                step,
                tr,
                n,
                b,
                resumedFrom,
                (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The likelihood factor at the guide's draw z: a tensor whose value is (N/B)·ℓ(z) and whose gradient with
     * respect to z is (N/B)·∇ℓ(z), computed on the executors.
     */
    private Tensor likelihoodTerm(
            JavaSparkContext sc,
            SparkRows rows,
            long[] sizes,
            long b,
            double scale,
            Map<String, Tensor> z,
            RandomStream allocation,
            long step) {
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
        int[] counts = Minibatch.allocate(sizes, b, allocation.fork(-1));
        // z travels as a broadcast when it is large; small z (a few thousand numbers) rides in the task closure,
        // which Spark ships to every task anyway, saving a broadcast's block-manager round trip per step
        Broadcast<double[][]> zb = total > BROADCAST_ABOVE ? sc.broadcast(values) : null;
        double[][] zInline = zb == null ? values : null;
        RowLikelihood lik = likelihood;
        List<String> cols = rows.columns();
        // The partition streams are forks of the allocation stream: a function of (seed, step, call, partition) only.
        String alloc = allocation.encode(); // RandomStream is not Serializable; its state is a string
        final int length = total;
        JavaRDD<PartitionSums.Part> parts = rows.blocks()
                .mapPartitionsWithIndex(
                        (p, it) -> {
                            double[] out = new double[length];
                            if (!it.hasNext() || counts[p] == 0)
                                return List.of(new PartitionSums.Part(p, out)).iterator();
                            RowBlock block = it.next();
                            int[] idx = Minibatch.rows(
                                    block.rows(),
                                    counts[p],
                                    RandomStream.decode(alloc).fork(p));
                            RowBatch batch = new RowBatch(block, idx, cols);
                            double[][] zv = zb != null ? zb.value() : zInline;
                            List<Tensor> leaves = new ArrayList<>(names.length);
                            for (int j = 0; j < names.length; j++) leaves.add(Tensor.of(zv[j], Shape.of(shapes[j])));
                            ValueAndGrad vg = Autodiff.valueAndGrad(leaves, l -> {
                                Map<String, Tensor> m = new LinkedHashMap<>();
                                for (int j = 0; j < names.length; j++) m.put(names[j], l.get(j));
                                return lik.logLikelihood(m, batch);
                            });
                            out[0] = vg.valueAsDouble();
                            int o = 1;
                            for (int j = 0; j < names.length; j++) {
                                double[] g = vg.gradient(j).toArray();
                                System.arraycopy(g, 0, out, o, g.length);
                                o += g.length;
                            }
                            return List.of(new PartitionSums.Part(p, out)).iterator();
                        },
                        true);
        double[] sum;
        try {
            sum = PartitionSums.sum(parts, total);
        } catch (RuntimeException ex) {
            throw new IllegalStateException(
                    "SparkSvi: the likelihood failed at step " + step + ": " + rootMessage(ex), ex);
        } finally {
            if (zb != null) zb.destroy();
        }
        // value (N/B)ℓ, gradient (N/B)∇ℓ: Σ_j ⟨(N/B)∇_jℓ, z_j⟩ plus a constant that sets the value
        Tensor term = null;
        double linear = 0;
        int o = 1;
        for (int j = 0; j < names.length; j++) {
            double[] g = Arrays.copyOfRange(sum, o, o + values[j].length);
            for (int i = 0; i < g.length; i++) {
                g[i] *= scale;
                linear += g[i] * values[j][i];
            }
            o += values[j].length;
            Tensor part =
                    z.get(names[j]).mul(Tensor.wrap(g, Shape.of(shapes[j]))).sum();
            term = term == null ? part : term.add(part);
        }
        double value = scale * sum[0];
        if (!Double.isFinite(value))
            throw new IllegalStateException("SparkSvi: the rows' log-likelihood at step " + step + " is " + value);
        return term == null ? Tensor.scalar(value) : term.add(value - linear);
    }

    static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) c = c.getCause();
        String m = c.getMessage();
        if (t instanceof SparkException || c != t) return c.getClass().getSimpleName() + ": " + m;
        return m;
    }

    private Checkpoint checkpointOf(
            long step, ParamStore params, List<Double> trace, long n, long b, RandomStream root) {
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
        return c;
    }

    private long restore(Checkpoint c, ParamStore params, List<Double> trace, long n, long b) {
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
