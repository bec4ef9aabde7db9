package org.elbo4j.tensor;

/**
 * The backward rule of one recorded operation: given the adjoint of its output, add the contributions to the
 * adjoints of its inputs.
 *
 * <p>One lambda per op, as in micrograd; the tape holds them in creation order and the backward pass runs them
 * in reverse. An implementation only reads {@code outAdj} and only writes through {@code adj}.
 */
@FunctionalInterface
public interface Backward {
    /**
     * @param outAdj the adjoint of the op's output, one entry per output element. Not modified.
     * @param adj    where the input adjoints are accumulated. Modified.
     */
    void apply(double[] outAdj, Adjoints adj);
}
