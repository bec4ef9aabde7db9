package org.elbo4j.transform;

import org.elbo4j.tensor.Tensor;

/** y = x on ℝ; log|det J| = 0. */
public final class IdentityTransform implements Transform {
    /** The single instance. */
    public static final IdentityTransform INSTANCE = new IdentityTransform();

    private IdentityTransform() {}

    /**
     * @return x itself
     * @throws IllegalArgumentException if an element of x is not finite
     */
    @Override
    public Tensor forward(Tensor x) {
        return TransformChecks.requireFinite(this, "forward", x);
    }

    /**
     * @return y itself
     * @throws IllegalArgumentException if an element of y is not finite
     */
    @Override
    public Tensor inverse(Tensor y) {
        return TransformChecks.requireIn(this, "inverse", y, codomain());
    }

    /** @return zeros of x's shape */
    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return org.elbo4j.tensor.FusedOps.zerosLike(x);
    }

    @Override
    public Constraint domain() {
        return Constraints.REAL;
    }

    @Override
    public Constraint codomain() {
        return Constraints.REAL;
    }

    @Override
    public String name() {
        return "identity";
    }
}
