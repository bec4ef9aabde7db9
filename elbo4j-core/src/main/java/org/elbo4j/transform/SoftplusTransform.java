package org.elbo4j.transform;

import org.elbo4j.tensor.Tensor;

/**
 * y = softplus(x) = log(1 + eˣ), ℝ → (0, ∞), elementwise:
 * \[ y = \log(1 + e^{x}), \qquad x = y + \log(1 - e^{-y}) = \log(\operatorname{expm1}(y)), \qquad
 *    \log\left|\frac{dy}{dx}\right| = \log\sigma(x) = -\operatorname{softplus}(-x). \]
 *
 * <p>Numerics: softplus is computed as max(x, 0) + log1p(e^{−|x|}) (no overflow); the inverse as
 * y + log(−expm1(−y)), which neither overflows for large y (where log(expm1(y)) would) nor loses the small
 * values (for y → 0 it is log y + O(y)). A gentler alternative to {@link ExpTransform} for scales: it grows
 * linearly, not exponentially.
 */
public final class SoftplusTransform implements Transform {
    /** The single instance. */
    public static final SoftplusTransform INSTANCE = new SoftplusTransform();

    private SoftplusTransform() {}

    /**
     * @param x any shape. Not modified.
     * @return softplus(x), same shape
     * @throws IllegalArgumentException if an element of x is not finite
     */
    @Override
    public Tensor forward(Tensor x) {
        return TransformChecks.requireFinite(this, "forward", x).softplus();
    }

    /**
     * @param y any shape, every element > 0. Not modified.
     * @return log(expm1(y)), same shape
     * @throws IllegalArgumentException if an element of y is not > 0
     */
    @Override
    public Tensor inverse(Tensor y) {
        TransformChecks.requireIn(this, "inverse", y, codomain());
        return y.add(y.neg().expm1().neg().log()); // y + log(1 − e^{−y}): stable at both ends
    }

    /** @return log σ(x), elementwise (shape of x) */
    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return x.logSigmoid();
    }

    @Override
    public Constraint domain() {
        return Constraints.REAL;
    }

    @Override
    public Constraint codomain() {
        return Constraints.POSITIVE;
    }

    @Override
    public String name() {
        return "softplus";
    }
}
