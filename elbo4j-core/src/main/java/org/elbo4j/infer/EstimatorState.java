package org.elbo4j.infer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an ELBO estimator carries from one step of a run to the next — today the running-mean baselines of the
 * score-function estimators. It belongs to the run, not to the estimator: {@link Svi} makes a fresh one at the start
 * of every run and passes it to each {@link ElboEstimator#estimate(Model, Model, ParamBinder,
 * org.elbo4j.random.RandomStream, EstimatorState) estimate}, so one estimator instance can serve any number of runs
 * (one after the other or at once) and every run starts from the same state.
 *
 * <p>This is one of the named places where mutation lives: named arrays of doubles, written by the estimator.
 * Estimators name their entries after themselves and the site (e.g. {@code "score-rb/z"}).
 */
public final class EstimatorState {
    private final Map<String, double[]> values = new LinkedHashMap<>();

    /** An empty state: the state at the start of a run. */
    public EstimatorState() {}

    /**
     * The entry named {@code key}.
     *
     * @return the array itself (an estimator may update it in place), or {@code null} when there is none
     */
    public double[] get(String key) {
        return values.get(key);
    }

    /**
     * Sets the entry named {@code key}.
     *
     * @param value kept, not copied. Modified by later updates in place.
     */
    public void put(String key, double[] value) {
        values.put(key, value);
    }

    /** The number of entries. */
    public int size() {
        return values.size();
    }

    /** A deep copy (e.g. to save it beside a checkpoint, or to restart from it). */
    public EstimatorState copy() {
        EstimatorState c = new EstimatorState();
        for (Map.Entry<String, double[]> e : values.entrySet())
            c.values.put(e.getKey(), e.getValue().clone());
        return c;
    }

    /** The entry names, in the order they were first set. Not modifiable. */
    public java.util.Set<String> keys() {
        return java.util.Collections.unmodifiableSet(values.keySet());
    }
}
