package org.elbo4j.transform;

import org.elbo4j.tensor.Tensor;

/**
 * y = σ(x) = 1 / (1 + e^{−x}), ℝ → [0, 1] (the unit interval), elementwise:
 * \[ y = \sigma(x), \qquad x = \operatorname{logit}(y) = \log y - \log(1 - y), \qquad
 *    \log\left|\frac{dy}{dx}\right| = \log\sigma(x) + \log\sigma(-x) = -\operatorname{softplus}(-x) - \operatorname{softplus}(x). \]
 *
 * <p>Numerics: σ is evaluated without overflow; the inverse uses log1p(−y); log|J| uses the two softplus terms,
 * exact for any finite x (the naive log(y(1−y)) is −∞ once y rounds to 1). For large positive x the round
 * trip loses what y cannot hold: 1 − y carries a relative error of about ε·eˣ, so x comes back with an
 * absolute error of about ε·eˣ (2e-9 at x = 16), and beyond x ≈ 37 y is exactly 1 and the inverse is +∞.
 * Negative x round-trip to full precision down to x ≈ −745.
 *
 * <p>The default transform onto {@link Constraints#UNIT_INTERVAL}.
 */
public final class SigmoidTransform implements Transform {
    /** The single instance. */
    public static final SigmoidTransform INSTANCE = new SigmoidTransform();

    private SigmoidTransform() {}

    /**
     * @param x any shape. Not modified.
     * @return σ(x), same shape
     * @throws IllegalArgumentException if an element of x is not finite
     */
    @Override
    public Tensor forward(Tensor x) {
        return TransformChecks.requireFinite(this, "forward", x).sigmoid();
    }

    /**
     * @param y any shape, every element in [0, 1] (0 and 1 map to ∓∞). Not modified.
     * @return log y − log1p(−y), same shape
     * @throws IllegalArgumentException if an element of y is outside [0, 1] or NaN
     */
    @Override
    public Tensor inverse(Tensor y) {
        TransformChecks.requireIn(this, "inverse", y, codomain());
        return y.log().sub(y.neg().log1p());
    }

    /** @return log σ(x) + log σ(−x), elementwise (shape of x) */
    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return x.logSigmoid().add(x.neg().logSigmoid());
    }

    @Override
    public Constraint domain() {
        return Constraints.REAL;
    }

    @Override
    public Constraint codomain() {
        return Constraints.UNIT_INTERVAL;
    }

    @Override
    public String name() {
        return "sigmoid";
    }
}
