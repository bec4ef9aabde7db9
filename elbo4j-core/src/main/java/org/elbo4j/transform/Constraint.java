package org.elbo4j.transform;

import org.elbo4j.tensor.Tensor;

/**
 * A region of values: the support of a distribution or the domain of a transform. Declared as data so that
 * generic code validates and maps to unconstrained space without knowing the family (torch's constraints).
 *
 * <p>{@link #eventRank()} is the number of trailing dimensions that form one element (0 for elementwise
 * constraints, 1 for a simplex, 2 for a Cholesky factor).
 */
public interface Constraint {
    /** A short name, e.g. {@code "positive"}, {@code "interval(0, 1)"}. */
    String name();

    /** Number of trailing dimensions that make up one constrained element. */
    default int eventRank() {
        return 0;
    }

    /** True for integer-valued supports (discrete distributions). */
    default boolean isDiscrete() {
        return false;
    }

    /**
     * Per-element membership: for each event (the leading dimensions of {@code value}), whether it lies in the
     * region. Shape: {@code value}'s shape without the last {@link #eventRank()} dimensions; 1.0 for yes, 0.0
     * for no.
     */
    Tensor check(Tensor value);

    /** True when every event of {@code value} lies in the region. */
    default boolean contains(Tensor value) {
        Tensor c = check(value);
        for (int i = 0; i < c.size(); i++) if (c.at(i) == 0) return false;
        return true;
    }
}
