package org.elbo4j.vae;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.elbo4j.nn.ParamGradients;
import org.elbo4j.nn.Params;
import org.elbo4j.optim.Adam;
import org.elbo4j.optim.Optimizer;
import org.elbo4j.optim.ParamStore;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.NonFiniteException;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.tensor.TensorData;

/**
 * Auto-encoding variational Bayes (Kingma &amp; Welling 2013, Algorithm 1): minibatch stochastic gradient ascent on
 * the SGVB estimate of the ELBO, encoder and decoder jointly,
 * \[ (\theta, \phi) \leftarrow \text{update}\Big(\nabla_{\theta,\phi} \tfrac1M \textstyle\sum_{i \in \text{batch}}
 *    \tilde{\mathcal L}(\theta, \phi; x^{(i)}, \epsilon^{(i)})\Big), \]
 * each epoch visiting the training set once in a fresh random order, M datapoints per step (the last step takes the
 * remainder). The loss is the minibatch MEAN of −𝓛̃ (the paper's (N/M)·Σ differs by the constant N, which only
 * rescales the learning rate; the mean is what PyTorch scripts use, so learning rates carry over).
 *
 * <p><b>Randomness and reproducibility.</b> All draws come from streams forked off {@code RandomStream.of(seed)}:
 * key 1 initialises the weights; key 2 is the training stream, which at the start of each epoch {@link
 * RandomStream#split() splits} off that epoch's stream (the permutation, then per minibatch the dynamic
 * binarisation uniforms and the L·M·J normals ε); key 3 binarises the test set once (dynamic binarisation); key 4
 * drives every test-ELBO evaluation (the same draws each epoch, so epochs are compared on common random numbers).
 * Matrix products are bit-identical for any thread count ({@link org.elbo4j.tensor.blas.Blas}), so the same seed
 * and settings give bit-identical parameters and metrics. {@link #state()} captures the parameters, the optimizer's
 * state, the training stream's state and the metrics; {@link Builder#resume} continues from it exactly as the
 * uninterrupted run would have.
 *
 * <p><b>Failures.</b> A step whose loss, gradient or update is not finite is undone (the optimizer changes nothing
 * on failure), the learning rate is halved, and the epoch's metrics count it ({@link EpochMetrics#skippedSteps()}).
 *
 * <pre>{@code
 * VaeTrainer t = VaeTrainer.builder(Vae.builder(784, 20).build(), data).optimizer(Adam.of(1e-3)).seed(1).build();
 * for (int e = 0; e < 20; e++) t.runEpoch(VaeTrainer.BatchListener.NONE);
 * double ll = t.testLogLikelihood(500);
 * }</pre>
 */
public final class VaeTrainer {
    /** Stream keys under the seed (see the class doc). */
    static final long INIT_KEY = 1, TRAIN_KEY = 2, TEST_BINARIZE_KEY = 3, EVAL_KEY = 4, IS_KEY = 5;
    /** Rows per forward pass when evaluating the ELBO of a data set (memory bound, no effect on values). */
    static final int EVAL_ROWS = 500;
    /** Decoder rows per block of the importance-sampled log-likelihood (memory: about 8·D·IS_ROWS bytes at once). */
    static final int IS_ROWS = 5000;

    /** Called after every training step of an epoch. */
    @FunctionalInterface
    public interface BatchListener {
        /** A listener that does nothing. */
        BatchListener NONE = (step, steps, images, elbo) -> {};

        /**
         * @param step        steps done in this epoch (1 after the first)
         * @param steps       steps in the epoch
         * @param images      datapoints processed in this epoch so far
         * @param runningElbo the mean per-datapoint ELBO estimate of the epoch so far, nats
         */
        void onStep(int step, int steps, int images, double runningElbo);
    }

    private final Vae vae;
    private final VaeData data;
    private final Optimizer optimizer;
    private final Estimator estimator;
    private final int samples;
    private final int batchSize;
    private final Binarization binarization;
    private final long seed;
    private final Map<String, String> settings;
    private final double[] test; // binarised once (static/dynamic) or as given
    private final double[] trainStatic; // binarised once for static, else null
    private final ParamStore params = new ParamStore();
    private RandomStream trainRng;
    private int epoch;
    private final List<EpochMetrics> history = new ArrayList<>();

    private VaeTrainer(Builder b) {
        this.vae = b.vae;
        this.data = b.data;
        this.optimizer = b.optimizer;
        this.estimator = b.estimator;
        this.samples = b.samples;
        this.batchSize = b.batchSize;
        this.binarization = b.binarization;
        this.seed = b.seed;
        if (data.dim() != vae.dataDim()) {
            throw new IllegalArgumentException(
                    "VaeTrainer: data of dimension " + data.dim() + " for a VAE of dimension " + vae.dataDim());
        }
        if (binarization != Binarization.NONE) data.requireUnitInterval();
        RandomStream root = RandomStream.of(seed);
        int dim = data.dim();
        this.trainStatic =
                binarization == Binarization.STATIC ? binarized(data.train(), data.nTrain() * dim, null) : null;
        this.test = binarization == Binarization.NONE
                ? data.test()
                : binarized(data.test(), data.nTest() * dim, root.fork(TEST_BINARIZE_KEY));
        Map<String, String> s = new LinkedHashMap<>(vae.describe());
        s.put("estimator", estimator.id());
        s.put("samples", Integer.toString(samples));
        s.put("batch", Integer.toString(batchSize));
        s.put("binarization", binarization.id());
        s.put("seed", Long.toString(seed));
        s.put("optimizer", optimizer.saveState().kind());
        s.put("train", Integer.toString(data.nTrain()));
        s.put("test", Integer.toString(data.nTest()));
        s.putAll(b.extra);
        this.settings = Collections.unmodifiableMap(s);
    }

    private double[] binarized(double[] v, int n, RandomStream rng) {
        double[] out = new double[n];
        binarization.apply(v, 0, out, 0, n, rng);
        return out;
    }

    /** A builder for training {@code vae} on {@code data}. */
    public static Builder builder(Vae vae, VaeData data) {
        return new Builder(vae, data);
    }

    /** Training settings; {@link #build()} starts fresh, {@link #resume} continues a saved state. */
    public static final class Builder {
        private final Vae vae;
        private final VaeData data;
        private Optimizer optimizer;
        private Estimator estimator = Estimator.ANALYTIC_KL;
        private int samples = 1;
        private int batchSize = 100;
        private Binarization binarization = Binarization.STATIC;
        private long seed = 1;
        private final Map<String, String> extra = new LinkedHashMap<>();

        private Builder(Vae vae, VaeData data) {
            this.vae = Objects.requireNonNull(vae, "vae");
            this.data = Objects.requireNonNull(data, "data");
        }

        /** The optimizer (fresh: its state is replaced on resume). @implSpec {@code Adam.of(1e-3)}. */
        public Builder optimizer(Optimizer o) {
            this.optimizer = Objects.requireNonNull(o, "optimizer");
            return this;
        }

        /** The SGVB estimator. @implSpec {@link Estimator#ANALYTIC_KL} (B). */
        public Builder estimator(Estimator e) {
            this.estimator = Objects.requireNonNull(e, "estimator");
            return this;
        }

        /**
         * L, draws per datapoint and step.
         *
         * @implSpec 1 (the paper's choice with M = 100)
         * @throws IllegalArgumentException if L &lt; 1
         */
        public Builder samples(int l) {
            if (l < 1) throw new IllegalArgumentException("VaeTrainer: samples L must be >= 1, got " + l);
            this.samples = l;
            return this;
        }

        /**
         * M, datapoints per step.
         *
         * @implSpec 100
         * @throws IllegalArgumentException if M &lt; 1
         */
        public Builder batchSize(int m) {
            if (m < 1) throw new IllegalArgumentException("VaeTrainer: batch size M must be >= 1, got " + m);
            this.batchSize = m;
            return this;
        }

        /** How the data are binarised. @implSpec {@link Binarization#STATIC}. */
        public Builder binarization(Binarization b) {
            this.binarization = Objects.requireNonNull(b, "binarization");
            return this;
        }

        /** The seed of every stream. @implSpec 1. */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** An extra setting recorded in {@link #settings()} and checked on resume (e.g. the data file's digest). */
        public Builder setting(String key, String value) {
            extra.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** A trainer at epoch 0 with parameters initialised from the seed (stream key 1). */
        public VaeTrainer build() {
            VaeTrainer t = create();
            t.vae.initialize(t.params, RandomStream.of(t.seed).fork(INIT_KEY));
            t.trainRng = RandomStream.of(t.seed).fork(TRAIN_KEY);
            return t;
        }

        /**
         * A trainer that continues from {@code state} exactly as the run that saved it would have.
         *
         * @throws IllegalArgumentException if a setting differs from the state's (naming it and both values), a
         *         parameter is missing, unknown or of the wrong shape, or the optimizer state does not fit
         */
        public VaeTrainer resume(TrainingState state) {
            VaeTrainer t = create();
            Map<String, String> saved = state.settings();
            for (Map.Entry<String, String> e : t.settings.entrySet()) {
                String v = saved.get(e.getKey());
                if (!e.getValue().equals(v)) {
                    throw new IllegalArgumentException("resume: setting '" + e.getKey() + "' is " + e.getValue()
                            + " now but " + (v == null ? "absent" : v) + " in the saved state");
                }
            }
            for (String k : saved.keySet()) {
                if (!t.settings.containsKey(k)) {
                    throw new IllegalArgumentException("resume: the saved state has setting '" + k + "' = "
                            + saved.get(k) + ", unknown to this trainer");
                }
            }
            Map<String, Shape> shapes = t.vae.parameterShapes();
            for (Map.Entry<String, Shape> e : shapes.entrySet()) {
                Tensor v = state.params().get(e.getKey());
                if (v == null)
                    throw new IllegalArgumentException("resume: the saved state has no parameter '" + e.getKey() + "'");
                if (!v.shape().equals(e.getValue())) {
                    throw new IllegalArgumentException("resume: parameter '" + e.getKey() + "' has shape " + v.shape()
                            + " in the saved state, the model needs " + e.getValue());
                }
                t.params.put(e.getKey(), v);
            }
            for (String k : state.params().keySet()) {
                if (!shapes.containsKey(k))
                    throw new IllegalArgumentException("resume: unknown parameter '" + k + "' in the saved state");
            }
            t.optimizer.restoreState(state.optimizer());
            t.trainRng = RandomStream.restore(state.rng());
            t.epoch = state.epoch();
            t.history.addAll(state.history());
            return t;
        }

        private VaeTrainer create() {
            if (optimizer == null) optimizer = Adam.of(1e-3);
            return new VaeTrainer(this);
        }
    }

    /**
     * Runs one epoch: every training datapoint once, in minibatches of M, then the test ELBO.
     *
     * @param listener called after every step
     * @return the epoch's metrics (also appended to {@link #history()})
     */
    public EpochMetrics runEpoch(BatchListener listener) {
        return runEpoch(listener, true);
    }

    /**
     * Runs one epoch: every training datapoint once, in minibatches of M, then, when {@code evaluate}, the test ELBO.
     * The training is the same either way (the evaluation has its own random stream): skipping it only leaves the
     * epoch's {@link EpochMetrics#testElbo()} NaN and its {@link EpochMetrics#evalSeconds()} 0.
     *
     * @param listener called after every step
     * @param evaluate whether to compute the test ELBO after the epoch
     * @return the epoch's metrics (also appended to {@link #history()})
     */
    public EpochMetrics runEpoch(BatchListener listener, boolean evaluate) {
        int n = data.nTrain(), dim = data.dim();
        int steps = (n + batchSize - 1) / batchSize;
        RandomStream er = trainRng.split();
        int[] perm = er.permutation(n);
        double[] source = trainStatic != null ? trainStatic : data.train();
        Binarization perUse = binarization == Binarization.DYNAMIC ? Binarization.DYNAMIC : Binarization.NONE;
        double sum = 0;
        int seen = 0, skipped = 0;
        long t0 = System.nanoTime();
        for (int s = 0; s < steps; s++) {
            int from = s * batchSize, m = Math.min(batchSize, n - from);
            double[] xb = new double[m * dim];
            for (int i = 0; i < m; i++) perUse.apply(source, perm[from + i] * dim, xb, i * dim, dim, er);
            Tensor x = Tensor.wrap(xb, Shape.of(m, dim));
            try {
                ParamGradients g = ParamGradients.valueAndGrad(
                        params,
                        p -> vae.elbo(p, x, estimator, samples, er).mean().neg());
                if (!Double.isFinite(g.value())) {
                    throw new NonFiniteException("the minibatch loss is " + g.value());
                }
                optimizer.step(params, g.gradients());
                sum += -g.value() * m;
                seen += m;
            } catch (NonFiniteException e) {
                skipped++;
                optimizer.setLearningRate(optimizer.learningRate() / 2);
            }
            double running = seen == 0 ? Double.NaN : sum / seen;
            listener.onStep(s + 1, steps, from + m, running);
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        long e0 = System.nanoTime();
        double testElbo = data.nTest() == 0 || !evaluate ? Double.NaN : testElbo();
        double evalSeconds = (System.nanoTime() - e0) * 1e-9;
        epoch++;
        EpochMetrics m = new EpochMetrics(
                epoch,
                seen == 0 ? Double.NaN : sum / seen,
                testElbo,
                seconds,
                evalSeconds,
                skipped,
                optimizer.learningRate());
        history.add(m);
        return m;
    }

    /** The per-datapoint ELBO of the test set (estimator B, L = 1, stream key 4: the same draws every call), nats. */
    public double testElbo() {
        return meanElbo(test, data.nTest(), RandomStream.of(seed).fork(EVAL_KEY));
    }

    /**
     * The per-datapoint ELBO of the training set at the current parameters (statically binarised, or dynamically
     * with a fixed stream; estimator B, L = 1), nats.
     */
    public double trainElbo() {
        int n = data.nTrain() * data.dim();
        double[] x = trainStatic != null
                ? trainStatic
                : binarization == Binarization.NONE
                        ? data.train()
                        : binarized(
                                data.train(),
                                n,
                                RandomStream.of(seed).fork(TEST_BINARIZE_KEY).fork(1));
        return meanElbo(x, data.nTrain(), RandomStream.of(seed).fork(EVAL_KEY).fork(1));
    }

    private double meanElbo(double[] x, int count, RandomStream rng) {
        Params p = Params.of(params);
        int dim = data.dim();
        double sum = 0;
        for (int from = 0; from < count; from += EVAL_ROWS) {
            int m = Math.min(EVAL_ROWS, count - from);
            Tensor xs = Tensor.wrap(java.util.Arrays.copyOfRange(x, from * dim, (from + m) * dim), Shape.of(m, dim));
            double[] e = TensorData.readOnly(vae.elbo(p, xs, Estimator.ANALYTIC_KL, 1, rng));
            for (double v : e) sum += v;
        }
        return sum / count;
    }

    /**
     * The importance-sampled log-likelihood of the test set, mean per datapoint ({@link Vae#logLikelihood}, stream
     * key 5, {@value #IS_ROWS} decoder rows at a time), nats.
     *
     * @param k K ≥ 1 draws per datapoint (500 in the final report)
     * @throws IllegalArgumentException if there is no test set or K &lt; 1
     */
    public double testLogLikelihood(int k) {
        if (data.nTest() == 0) throw new IllegalArgumentException("testLogLikelihood: there is no test set");
        double[] ll = testLogLikelihoods(k);
        double s = 0;
        for (double v : ll) s += v;
        return s / ll.length;
    }

    /** Per-datapoint importance-sampled log-likelihoods of the test set (see {@link #testLogLikelihood}). */
    public double[] testLogLikelihoods(int k) {
        return testLogLikelihoods(k, done -> {});
    }

    /**
     * As {@link #testLogLikelihoods(int)}, reporting progress: {@code progress} receives the number of test datapoints
     * done after each slice. The slices are whole groups of {@link Vae#logLikelihood}, so the draws, and the values,
     * are those of a single call.
     *
     * @throws IllegalArgumentException if K &lt; 1
     */
    public double[] testLogLikelihoods(int k, java.util.function.IntConsumer progress) {
        if (k < 1) throw new IllegalArgumentException("testLogLikelihoods: K must be >= 1, got " + k);
        int n = data.nTest();
        double[] out = new double[n];
        Tensor x = testData();
        RandomStream rng = RandomStream.of(seed).fork(IS_KEY);
        int group = Math.max(1, Math.min(n, IS_ROWS / k)); // Vae.logLikelihood's group size
        int slice = group * Math.max(1, 100 / group);
        for (int from = 0; from < n; from += slice) {
            int to = Math.min(n, from + slice);
            double[] ll = vae.logLikelihood(Params.of(params), x.slice(from, to), k, IS_ROWS, rng);
            System.arraycopy(ll, 0, out, from, ll.length);
            progress.accept(to);
        }
        return out;
    }

    /** The test set as the model sees it (binarised as configured), [nTest, D]; a constant. */
    public Tensor testData() {
        return Tensor.of(test, Shape.of(data.nTest(), data.dim()));
    }

    /** The state after the epochs run so far: resume with {@link Builder#resume}. */
    public TrainingState state() {
        return new TrainingState(settings, epoch, params.asMap(), optimizer.saveState(), trainRng.state(), history);
    }

    /** The settings as text, in a fixed order: the model's, then estimator, samples, batch, binarization, seed, optimizer, train, test and the extra ones. */
    public Map<String, String> settings() {
        return settings;
    }

    /** Epochs completed. */
    public int epoch() {
        return epoch;
    }

    /** The metrics of every epoch so far. Not modifiable. */
    public List<EpochMetrics> history() {
        return Collections.unmodifiableList(history);
    }

    /** The parameters (live: modified by every step). */
    public ParamStore params() {
        return params;
    }

    /** The model. */
    public Vae vae() {
        return vae;
    }

    /** The optimizer. */
    public Optimizer optimizer() {
        return optimizer;
    }
}
