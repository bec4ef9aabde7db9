package org.elbo4j.transform;

import org.elbo4j.tensor.Tensor;

/**
 * y = eˣ, ℝ → (0, ∞); x = log y; log|dy/dx| = x. The default map onto the positive reals, as Stan and ADVI
 * use.
 *
 * <p>For x below about −745, eˣ rounds to 0, on the boundary of the codomain; for x above about 709 it
 * overflows.
 */
public final class ExpTransform implements Transform {
    /** The single instance. */
    public static final ExpTransform INSTANCE = new ExpTransform();

    private ExpTransform() {}

    /**
     * @param x any shape. Not modified.
     * @return eˣ, same shape
     * @throws IllegalArgumentException if an element of x is not finite
     */
    @Override
    public Tensor forward(Tensor x) {
        return TransformChecks.requireFinite(this, "forward", x).exp();
    }

    /**
     * @param y any shape, every element > 0. Not modified.
     * @return log y, same shape
     * @throws IllegalArgumentException if an element of y is not > 0 (or is NaN)
     */
    @Override
    public Tensor inverse(Tensor y) {
        return TransformChecks.requireIn(this, "inverse", y, codomain()).log();
    }

    /** @return x (log|dy/dx| = x), elementwise */
    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return x;
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
        return "exp";
    }
}
