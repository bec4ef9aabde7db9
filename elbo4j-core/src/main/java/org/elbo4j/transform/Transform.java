package org.elbo4j.transform;

import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * A bijection y = f(x) between a {@link #domain()} and a {@link #codomain()}, with its log absolute Jacobian
 * determinant, differentiable in x (TensorFlow Probability's bijectors, torch's transforms).
 *
 * <p>Laws, checked by {@code TransformContractTest} for every implementation:
 * <ul>
 *   <li>{@code inverse(forward(x)) == x} for x in the domain, {@code forward(inverse(y)) == y} for y in the
 *       codomain (to rounding);</li>
 *   <li>{@code logAbsDetJacobian(x, forward(x))} equals log|det ∂f/∂x| computed by finite differences,
 *       summed over the {@link #eventRank()} trailing dimensions.</li>
 * </ul>
 * Elementwise transforms have event rank 0 and return log|f'(x)| per element. Transforms that change the
 * event size (stick-breaking: ℝ^{K−1} → K-simplex) say so through {@link #forwardShape}/{@link #inverseShape}.
 */
public interface Transform {
    /** y = f(x). */
    Tensor forward(Tensor x);

    /** x = f⁻¹(y). */
    Tensor inverse(Tensor y);

    /**
     * log|det J_f(x)|, summed over the event dimensions: shape = x's shape without its last
     * {@link #eventRank()} dimensions.
     *
     * @param y {@code forward(x)}, passed so that implementations can reuse it
     */
    Tensor logAbsDetJacobian(Tensor x, Tensor y);

    /** Where x lives. */
    Constraint domain();

    /** Where y lives. */
    Constraint codomain();

    /**
     * Number of trailing dimensions of x that one application acts on jointly (0 = elementwise); log|J| has
     * x's shape without them.
     */
    default int eventRank() {
        return 0;
    }

    /**
     * Number of trailing dimensions of y that one application produces jointly: {@link #eventRank()} unless
     * the transform changes the event's rank (ℝ^{n(n−1)/2} → n×n correlation Cholesky factors: 1 → 2).
     */
    default int codomainEventRank() {
        return eventRank();
    }

    /** The shape of y for an x of shape {@code x}. */
    default Shape forwardShape(Shape x) {
        return x;
    }

    /** The shape of x for a y of shape {@code y}. */
    default Shape inverseShape(Shape y) {
        return y;
    }

    /** A short name for messages, e.g. {@code "exp"}. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** The inverse bijection, y ↦ x. */
    default Transform inv() {
        return new InverseTransform(this);
    }

    /** {@code next ∘ this}: x ↦ next.forward(this.forward(x)). */
    default Transform andThen(Transform next) {
        return ComposeTransform.of(this, next);
    }
}
