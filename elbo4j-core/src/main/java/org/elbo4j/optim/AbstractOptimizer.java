package org.elbo4j.optim;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import org.elbo4j.internal.Names;
import org.elbo4j.tensor.NonFiniteException;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.tensor.blas.Blas;

/**
 * The shared lifecycle of the elementwise optimizers: validation, the learning-rate schedule, per-parameter
 * buffers, the all-or-nothing commit, and state as a value. A subclass supplies only the update rule
 * ({@link #update}) and its hyper-parameters ({@link #hyperParams}).
 *
 * <p><b>Where mutation lives.</b> For every parameter that has received a gradient the optimizer keeps a
 * {@link Slot}: the parameter's buffers (Adam's m and v, ...) and the number of updates it has had. Each buffer
 * exists twice, current and next; an update reads current and writes every element of next, and only when every
 * parameter of the step has been computed, and every new value found finite, are the pairs swapped and the new
 * values put in the {@link ParamStore}. So a step either happens completely or not at all, without copying
 * buffers and without allocating anything per element: per parameter and step, one new {@code double[]} for the
 * new value (tensors are immutable).
 *
 * <p><b>Threads.</b> The update of one parameter depends on nothing else, so a large step (≥ 2¹⁷ scalars over ≥ 2
 * parameters, e.g. a VAE's 650,000 weights) deals its parameters to up to {@link org.elbo4j.tensor.blas.Blas#threads()}
 * threads, the caller and ForkJoin common-pool workers. Each parameter is computed by the same code on whichever thread
 * runs it, so the results are the same bits for any thread count; the failure checks and the commit stay on the caller.
 *
 * <p><b>Effective learning rate.</b> Step number {@code k = steps()} (0 for the first step) uses
 * η<sub>k</sub> = η · schedule.factor(k), η the base rate ({@link #learningRate()}).
 *
 * <p><b>State keys.</b> Scalars: {@code "lr"}, {@code "steps"}, each hyper-parameter under its name (booleans
 * as 0/1), and {@code "t/<param>"}, the parameter's own update count. Buffers: {@code "<buffer>/<param>"} with
 * the parameter's shape. The schedule is configuration, not state: it is a function of {@code steps()}, so
 * restoring the step count restores its position.
 */
abstract class AbstractOptimizer implements Optimizer {

    /** One parameter's buffers (current and next, swapped on commit) and its own update count. */
    static final class Slot {
        final Shape shape;
        double[][] cur;
        double[][] next;
        long t;

        Slot(Shape shape, int buffers) {
            this.shape = shape;
            this.cur = new double[buffers][shape.size()];
            this.next = new double[buffers][shape.size()];
        }

        void swap() {
            double[][] s = cur;
            cur = next;
            next = s;
        }
    }

    private static final double[][] NO_BUFFERS = new double[0][];

    private final String kind;
    private final String[] bufferNames;
    private final Schedule schedule;
    private double lr;
    private long steps;
    private final Names<Slot> slots = new Names<>(); // looked up per parameter on every step

    // Reused between steps so that a step allocates nothing but the new values.
    private String[] pendingNames = new String[0];
    private Slot[] pendingSlots = new Slot[0];
    private double[][] pendingValues = new double[0][];
    private Shape[] pendingShapes = new Shape[0];
    private Tensor[] pendingX = new Tensor[0];
    private Tensor[] pendingG = new Tensor[0];
    private int[] pendingBad = new int[0];

    AbstractOptimizer(String kind, double lr, Schedule schedule, String... bufferNames) {
        this.kind = kind;
        this.lr = Checks.learningRate(kind, lr);
        this.schedule = Checks.schedule(kind, schedule);
        this.bufferNames = bufferNames.clone();
    }

    /**
     * One parameter's update. Reads {@code x}, {@code g} and {@code cur}; must write every element of every
     * {@code next} buffer and of {@code out}. Must not allocate per element.
     *
     * @param x    the current value, n elements. Not modified.
     * @param g    its gradient, same shape, finite. Not modified.
     * @param cur  the buffers after the previous update (zeros, or {@link #initBuffers}, before the first). Not modified.
     * @param next the buffers after this update. Modified.
     * @param out  the new value, n elements. Modified.
     * @param lr   the effective learning rate η<sub>k</sub> ≥ 0
     * @param t    this parameter's update number, 1 for its first
     */
    abstract void update(Tensor x, Tensor g, double[][] cur, double[][] next, double[] out, double lr, long t);

    /** The hyper-parameters by name (booleans as 0/1), in a fixed order; saved with the state and checked on restore. */
    abstract Map<String, Double> hyperParams();

    /** Fills a new parameter's current buffers; zeros (the default) unless overridden. Modified. */
    void initBuffers(double[][] buffers) {}

    /** The schedule, for withers that copy the configuration. */
    final Schedule currentSchedule() {
        return schedule;
    }

    @Override
    public final void step(ParamStore params, Map<String, Tensor> gradients) {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(gradients, "gradients");
        // One pass of lookups per parameter (this runs every SVI step): the value, the gradient and the slot are
        // looked up once and kept in the pending arrays for the compute and commit phases.
        int k = gradients.size();
        ensurePending(k);
        Tensor[] xs = pendingX, gs = pendingG;

        // 1. Validate everything before touching anything.
        int j = 0;
        long total = 0;
        for (Map.Entry<String, Tensor> e : gradients.entrySet()) {
            String name = e.getKey();
            Tensor g = e.getValue();
            Tensor x = params.getOrNull(name);
            if (x == null) {
                clearPending(j);
                throw new IllegalArgumentException(
                        kind + ": gradient for unknown parameter '" + name + "'; known: " + params.names());
            }
            if (g == null) {
                clearPending(j);
                throw new IllegalArgumentException(kind + ": gradient of parameter '" + name + "' is null");
            }
            if (!g.shape().equals(x.shape())) {
                clearPending(j);
                throw new IllegalArgumentException(kind + ": gradient of parameter '" + name + "' has shape "
                        + g.shape() + " but the parameter has shape " + x.shape());
            }
            Slot s = bufferNames.length == 0 ? null : slots.get(name);
            if (s != null && !s.shape.equals(x.shape())) {
                clearPending(j);
                throw new IllegalArgumentException(kind + ": state of parameter '" + name + "' has shape " + s.shape
                        + " but the parameter has shape " + x.shape());
            }
            if (!g.allFinite()) {
                clearPending(j);
                g.requireFinite(kind + ": gradient of parameter '" + name + "'"); // throws, naming it
            }
            total += x.size();
            pendingNames[j] = name;
            pendingSlots[j] = s;
            xs[j] = x;
            gs[j] = g;
            j++;
        }
        double factor = schedule.factor(steps);
        double rate = lr * factor;
        if (!(rate >= 0 && rate < Double.POSITIVE_INFINITY)) {
            clearPending(j);
            throw new IllegalStateException(kind + ": effective learning rate at step " + steps + " is " + rate
                    + " (base " + lr + " × schedule factor " + factor + "); it must be finite and >= 0");
        }

        // 2. Compute every new value into fresh arrays and every buffer into its 'next' half: on this thread, or, for
        //    a large step, on several (computeAll).
        if (total < PARALLEL_MIN_SCALARS || j < 2 || Blas.threads() < 2) {
            for (int i = 0; i < j; i++) {
                prepare(i);
                int q = computeOne(i, rate);
                if (q >= 0) throw nonFinite(i, q, rate, j);
            }
        } else {
            for (int i = 0; i < j; i++) prepare(i);
            int[] bad = pendingBad; // per parameter: the first non-finite element of its new value, or -1
            computeAll(j, total, rate, bad);
            for (int i = 0; i < j; i++) {
                if (bad[i] >= 0) throw nonFinite(i, bad[i], rate, j);
            }
        }

        // 3. Commit.
        for (int i = 0; i < j; i++) {
            Slot s = pendingSlots[i];
            if (s != null) {
                s.swap();
                s.t++;
                if (s.t == 1) slots.putIfAbsent(pendingNames[i], s);
            }
            params.replaceChecked(pendingNames[i], Tensor.wrap(pendingValues[i], pendingShapes[i]));
        }
        clearPending(j);
        steps++;
    }

    /** Updates of at least this many scalars in all run on several threads (when there are several parameters). */
    static final long PARALLEL_MIN_SCALARS = 1L << 17;

    /**
     * Runs {@link #update} for parameters 0..j−1 of the pending arrays and records, per parameter, the first
     * non-finite element of its new value in {@code bad} (−1 if none). Parameters are independent, so for large
     * steps (≥ {@link #PARALLEL_MIN_SCALARS} scalars, {@link Blas#threads()} ≥ 2) they are dealt to up to that many
     * threads (the caller and ForkJoin common-pool workers), largest first to the least loaded: each parameter is
     * computed by the same code whichever thread runs it, so the results are the same bits.
     */
    private void computeAll(int j, long total, double rate, int[] bad) {
        int threads = (int) Math.min(Math.min(Blas.threads(), j), total / (PARALLEL_MIN_SCALARS / 2));
        // Longest-processing-time-first assignment of parameters to threads.
        Integer[] order = new Integer[j];
        for (int i = 0; i < j; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Integer.compare(pendingValues[b].length, pendingValues[a].length));
        int[] owner = new int[j];
        long[] load = new long[threads];
        for (int i : order) {
            int t = 0;
            for (int q = 1; q < threads; q++) if (load[q] < load[t]) t = q;
            owner[i] = t;
            load[t] += pendingValues[i].length;
        }
        ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[threads];
        for (int t = 1; t < threads; t++) {
            int mine = t;
            tasks[t] = ForkJoinPool.commonPool().submit(() -> {
                for (int i = 0; i < j; i++) if (owner[i] == mine) bad[i] = computeOne(i, rate);
            });
        }
        RuntimeException failure = null;
        try {
            for (int i = 0; i < j; i++) if (owner[i] == 0) bad[i] = computeOne(i, rate);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (int t = 1; t < threads; t++) {
            try {
                tasks[t].join(); // the workers write into the pending arrays: wait for them regardless
            } catch (RuntimeException e) {
                if (failure == null) failure = e;
            }
        }
        if (failure != null) {
            clearPending(j);
            throw failure;
        }
    }

    /** Creates the slot of a parameter seen for the first time and allocates the new value's array. */
    private void prepare(int i) {
        Tensor x = pendingX[i];
        if (pendingSlots[i] == null && bufferNames.length > 0) {
            Slot s = new Slot(x.shape(), bufferNames.length);
            initBuffers(s.cur);
            pendingSlots[i] = s;
        }
        pendingValues[i] = new double[x.size()];
        pendingShapes[i] = x.shape();
    }

    /** Clears the pending arrays and returns the exception for element q of parameter i. */
    private NonFiniteException nonFinite(int i, int q, double rate, int j) {
        double v = pendingValues[i][q];
        String name = pendingNames[i];
        clearPending(j);
        return new NonFiniteException(kind + ": the update of parameter '" + name + "' gives element " + q + " = " + v
                + " (effective learning rate " + rate + "); nothing was changed");
    }

    /** One parameter's update into its pending arrays; returns its first non-finite new element, or −1. */
    private int computeOne(int i, double rate) {
        Tensor x = pendingX[i], g = pendingG[i];
        Slot s = pendingSlots[i];
        double[] out = pendingValues[i];
        if (s == null) {
            update(x, g, NO_BUFFERS, NO_BUFFERS, out, rate, steps + 1);
        } else {
            update(x, g, s.cur, s.next, out, rate, s.t + 1);
        }
        for (int q = 0; q < out.length; q++) {
            if (!Double.isFinite(out[q])) return q;
        }
        return -1;
    }

    private void ensurePending(int k) {
        if (pendingNames.length < k) {
            pendingNames = new String[k];
            pendingSlots = new Slot[k];
            pendingValues = new double[k][];
            pendingShapes = new Shape[k];
            pendingX = new Tensor[k];
            pendingG = new Tensor[k];
            pendingBad = new int[k];
        }
    }

    /** Drops references so that a finished step does not keep arrays alive. */
    private void clearPending(int j) {
        Arrays.fill(pendingNames, 0, j, null);
        Arrays.fill(pendingSlots, 0, j, null);
        Arrays.fill(pendingValues, 0, j, null);
        Arrays.fill(pendingShapes, 0, j, null);
        Arrays.fill(pendingX, 0, j, null);
        Arrays.fill(pendingG, 0, j, null);
    }

    @Override
    public final double learningRate() {
        return lr;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException unless {@code lr} is finite and {@literal > 0}
     */
    @Override
    public final void setLearningRate(double lr) {
        this.lr = Checks.learningRate(kind, lr);
    }

    @Override
    public final long steps() {
        return steps;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Kind is the class's simple name; see the class doc of each optimizer for its buffers.
     */
    @Override
    public final OptimizerState saveState() {
        LinkedHashMap<String, Double> scalars = new LinkedHashMap<>();
        scalars.put("lr", lr);
        scalars.put("steps", (double) steps);
        scalars.putAll(hyperParams());
        LinkedHashMap<String, Tensor> buffers = new LinkedHashMap<>();
        for (int i = 0; i < slots.size(); i++) {
            Slot s = slots.value(i);
            String name = slots.key(i);
            scalars.put("t/" + name, (double) s.t);
            for (int b = 0; b < bufferNames.length; b++) {
                buffers.put(bufferNames[b] + "/" + name, Tensor.of(s.cur[b], s.shape));
            }
        }
        return new OptimizerState(kind, scalars, buffers);
    }

    /**
     * {@inheritDoc}
     *
     * <p>All or nothing: the state is checked completely before anything is replaced.
     *
     * @throws IllegalArgumentException if the kind differs; if a hyper-parameter is missing or differs from this
     *         optimizer's (it is configuration: build the optimizer with the saved settings); if the learning
     *         rate, a step count or a buffer is invalid, missing, non-finite or inconsistent; if a key is unknown
     */
    @Override
    public final void restoreState(OptimizerState state) {
        Objects.requireNonNull(state, "state");
        if (!kind.equals(state.kind())) {
            throw new IllegalArgumentException(kind + ": cannot restore a state of kind '" + state.kind() + "'");
        }
        Map<String, Double> sc = state.scalars();
        Map<String, Double> hp = hyperParams();
        for (Map.Entry<String, Double> e : hp.entrySet()) {
            Double saved = sc.get(e.getKey());
            if (saved == null) {
                throw new IllegalArgumentException(kind + ": state has no hyper-parameter '" + e.getKey() + "'");
            }
            if (Double.compare(saved, e.getValue()) != 0) {
                throw new IllegalArgumentException(kind + ": state has " + e.getKey() + " = " + saved
                        + " but this optimizer has " + e.getKey() + " = " + e.getValue());
            }
        }
        double newLr = Checks.learningRate(kind + " state", required(sc, "lr"));
        long newSteps = count("steps", required(sc, "steps"), Long.MAX_VALUE);

        LinkedHashMap<String, Slot> restored = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : sc.entrySet()) {
            String key = e.getKey();
            if (key.equals("lr") || key.equals("steps") || hp.containsKey(key)) continue;
            if (!key.startsWith("t/") || bufferNames.length == 0) {
                throw new IllegalArgumentException(kind + ": unknown scalar '" + key + "' in state");
            }
            String name = key.substring(2);
            Slot s = null;
            for (int b = 0; b < bufferNames.length; b++) {
                String bk = bufferNames[b] + "/" + name;
                Tensor buf = state.buffers().get(bk);
                if (buf == null) throw new IllegalArgumentException(kind + ": state has no buffer '" + bk + "'");
                if (s == null) s = new Slot(buf.shape(), bufferNames.length);
                if (!buf.shape().equals(s.shape)) {
                    throw new IllegalArgumentException(kind + ": buffer '" + bk + "' has shape " + buf.shape()
                            + " but '" + bufferNames[0] + "/" + name + "' has shape " + s.shape);
                }
                buf.requireFinite(kind + ": buffer '" + bk + "'");
                s.cur[b] = buf.toArray();
            }
            s.t = count(key, e.getValue(), newSteps);
            restored.put(name, s);
        }
        for (String bk : state.buffers().keySet()) {
            int slash = bk.indexOf('/');
            String name = slash < 0 ? null : bk.substring(slash + 1);
            if (name == null
                    || !restored.containsKey(name)
                    || !Arrays.asList(bufferNames).contains(bk.substring(0, slash))) {
                throw new IllegalArgumentException(kind + ": unknown buffer '" + bk + "' in state");
            }
        }
        lr = newLr;
        steps = newSteps;
        slots.clear();
        for (Map.Entry<String, Slot> e : restored.entrySet()) slots.put(e.getKey(), e.getValue());
    }

    private Double required(Map<String, Double> sc, String key) {
        Double v = sc.get(key);
        if (v == null) throw new IllegalArgumentException(kind + ": state has no scalar '" + key + "'");
        return v;
    }

    /** A saved count: a whole number in [0, max]. */
    private long count(String key, double v, long max) {
        if (!(v >= 0 && v == Math.rint(v) && v <= 0x1p53 && v <= max)) {
            throw new IllegalArgumentException(
                    kind + ": state scalar '" + key + "' must be a whole number in [0, " + max + "], got " + v);
        }
        return (long) v;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(kind).append("(lr=").append(lr);
        for (Map.Entry<String, Double> e : hyperParams().entrySet()) {
            b.append(", ").append(e.getKey()).append('=').append(e.getValue());
        }
        return b.append(", steps=").append(steps).append(')').toString();
    }
}
