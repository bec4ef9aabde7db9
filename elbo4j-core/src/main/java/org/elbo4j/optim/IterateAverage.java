package org.elbo4j.optim;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.elbo4j.tensor.Tensor;

/**
 * Iterate averaging (Polyak–Ruppert, as an exponential moving average) over the values of a {@link ParamStore}:
 * x̄ ← d·x̄ + (1 − d)·x after each step, starting from the first iterate seen. A stochastic optimizer's last iterate
 * keeps the noise of its last steps; the average removes most of it. Used by {@link org.elbo4j.infer.Svi#averaging}
 * and by elbo4j-spark's {@code SparkSvi}.
 *
 * <p>When the store's set of parameters changes (a parameter bound for the first time), the average starts again
 * from the current values. Not thread-safe; belongs to one fit.
 *
 * <pre>{@code
 * IterateAverage avg = new IterateAverage(0.9);
 * ParamStore p = new ParamStore();
 * p.put("w", Tensor.of(1.0));
 * avg.update(p);               // x̄ = 1
 * p.put("w", Tensor.of(2.0));
 * avg.update(p);               // x̄ = 0.9·1 + 0.1·2 = 1.1
 * avg.applyTo(p);              // p's "w" is now 1.1
 * }</pre>
 */
public final class IterateAverage {
    private final double decay;
    private final long skip;
    private long seen;
    private String[] names;
    private double[][] avg;

    /**
     * @param decay d in (0, 1); 0.99 averages over about the last 100 steps
     * @throws IllegalArgumentException if d is not in (0, 1)
     */
    public IterateAverage(double decay) {
        this(decay, 0);
    }

    /**
     * An average that ignores the first {@code skip} iterates and starts from the next one. The first iterate of an
     * exponential average keeps the weight d<sup>t</sup> after t more steps (e<sup>−4</sup> ≈ 2% for d = 0.998 and
     * t = 2,000), so starting it once the optimizer has come close (e.g. when the step size has been annealed)
     * keeps the early, far-off iterates out.
     *
     * @param decay d in (0, 1)
     * @param skip  iterates to ignore, ≥ 0
     * @throws IllegalArgumentException if d is not in (0, 1) or skip is negative
     */
    public IterateAverage(double decay, long skip) {
        if (!(decay > 0 && decay < 1))
            throw new IllegalArgumentException("iterate averaging: decay must be in (0, 1), got " + decay);
        if (skip < 0) throw new IllegalArgumentException("iterate averaging: skip must be >= 0, got " + skip);
        this.decay = decay;
        this.skip = skip;
    }

    /** The decay d. */
    public double decay() {
        return decay;
    }

    /** True once {@link #update} has seen an iterate. */
    public boolean started() {
        return avg != null;
    }

    /** Folds the store's current values into the average (the first call, or a new set of names, restarts it). */
    public void update(ParamStore params) {
        if (++seen <= skip) return;
        ParamStore.Snapshot now = params.snapshot();
        if (avg != null && avg.length == now.names().length && !Arrays.equals(names, now.names())) reorder(now.names());
        if (avg == null || avg.length != now.names().length) {
            names = now.names();
            avg = new double[names.length][];
            for (int i = 0; i < avg.length; i++) avg[i] = now.values()[i].toArray();
            return;
        }
        for (int i = 0; i < avg.length; i++) {
            Tensor x = now.values()[i];
            double[] a = avg[i];
            for (int k = 0; k < a.length; k++) a[k] = decay * a[k] + (1 - decay) * x.at(k);
        }
    }

    /** Puts the averages in the store's order (after a {@link #restore} from a map in another order). */
    private void reorder(String[] order) {
        Map<String, double[]> m = state();
        if (!m.keySet().containsAll(Arrays.asList(order))) {
            avg = null; // other parameters: start again
            return;
        }
        names = order.clone();
        for (int i = 0; i < names.length; i++) avg[i] = m.get(names[i]);
    }

    /** Writes the averages into {@code params} (same names and shapes); nothing when nothing was averaged yet. */
    public void applyTo(ParamStore params) {
        if (avg == null) return;
        for (int i = 0; i < avg.length; i++)
            params.put(
                    names[i], Tensor.wrap(avg[i].clone(), params.get(names[i]).shape()));
    }

    /** The number of {@link #update} calls so far (skipped ones included); part of the state for a checkpoint. */
    public long seen() {
        return seen;
    }

    /** The averages by name, in store order (copies; empty before the first update), e.g. for a checkpoint. */
    public Map<String, double[]> state() {
        Map<String, double[]> m = new LinkedHashMap<>();
        if (avg != null) for (int i = 0; i < avg.length; i++) m.put(names[i], avg[i].clone());
        return m;
    }

    /** Restores {@link #state()} and {@link #seen()} exactly (an empty map: not started). */
    public void restore(Map<String, double[]> state, long seen) {
        this.seen = seen;
        if (state.isEmpty()) {
            names = null;
            avg = null;
            return;
        }
        names = state.keySet().toArray(new String[0]);
        avg = new double[names.length][];
        for (int i = 0; i < names.length; i++) avg[i] = state.get(names[i]).clone();
    }
}
