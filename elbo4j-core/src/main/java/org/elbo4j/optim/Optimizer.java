package org.elbo4j.optim;

import java.util.Map;
import org.elbo4j.tensor.Tensor;

/**
 * A first-order method that updates a {@link ParamStore} in place to MINIMISE a loss, given its gradient.
 * (SVI minimises the negative ELBO.)
 *
 * <p>State (moment estimates, step counts) lives in the optimizer, keyed by parameter name, and is saved and
 * restored as a value so that a resumed run continues bit-identically.
 */
public interface Optimizer {
    /**
     * One update: for each parameter with an entry in {@code gradients}, move against the gradient.
     * Parameters without a gradient are left alone. All or nothing: when this throws, neither the parameters
     * nor the optimizer's state have changed.
     *
     * @param params    modified
     * @param gradients ∂loss/∂param by name, same shapes as the parameters. Not modified.
     * @throws IllegalArgumentException if a gradient's shape differs from its parameter's, or names no parameter
     * @throws org.elbo4j.tensor.NonFiniteException naming the parameter if a gradient holds NaN or ±∞, or if an
     *         update would (e.g. overflow); the caller can lower the learning rate and retry
     */
    void step(ParamStore params, Map<String, Tensor> gradients);

    /** The current base learning rate (before any schedule factor). */
    double learningRate();

    /** Sets the base learning rate (used by step-size adaptation and NaN recovery). */
    void setLearningRate(double lr);

    /** Number of steps taken so far. */
    long steps();

    /** A copy of the internal state. */
    OptimizerState saveState();

    /**
     * Restores a state produced by {@link #saveState} of an optimizer of the same kind.
     *
     * @throws IllegalArgumentException if the state is of another kind
     */
    void restoreState(OptimizerState state);
}
