package org.elbo4j.transform;

import org.elbo4j.tensor.Tensor;

/** y = eˣ, ℝ → (0, ∞); log|dy/dx| = x. The default map onto the positive reals, as Stan and ADVI use. */
public final class ExpTransform implements Transform {
    /** The single instance. */
    public static final ExpTransform INSTANCE = new ExpTransform();

    private ExpTransform() {}

    @Override public Tensor forward(Tensor x) { return x.exp(); }
    @Override public Tensor inverse(Tensor y) { return y.log(); }
    @Override public Tensor logAbsDetJacobian(Tensor x, Tensor y) { return x; }
    @Override public Constraint domain() { return Constraints.REAL; }
    @Override public Constraint codomain() { return Constraints.POSITIVE; }
    @Override public String name() { return "exp"; }
}
