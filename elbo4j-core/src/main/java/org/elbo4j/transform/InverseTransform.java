package org.elbo4j.transform;

import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/** f⁻¹ of a transform f: log|det J_{f⁻¹}(y)| = −log|det J_f(f⁻¹(y))|. */
final class InverseTransform implements Transform {
    private final Transform f;

    InverseTransform(Transform f) {
        this.f = f;
    }

    @Override
    public Tensor forward(Tensor y) {
        return f.inverse(y);
    }

    @Override
    public Tensor inverse(Tensor x) {
        return f.forward(x);
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor y, Tensor x) {
        return f.logAbsDetJacobian(x, y).neg();
    }

    @Override
    public Constraint domain() {
        return f.codomain();
    }

    @Override
    public Constraint codomain() {
        return f.domain();
    }

    @Override
    public int eventRank() {
        return f.codomainEventRank();
    }

    @Override
    public int codomainEventRank() {
        return f.eventRank();
    }

    @Override
    public Shape forwardShape(Shape y) {
        return f.inverseShape(y);
    }

    @Override
    public Shape inverseShape(Shape x) {
        return f.forwardShape(x);
    }

    @Override
    public Transform inv() {
        return f;
    }

    @Override
    public String name() {
        return "inverse(" + f.name() + ")";
    }
}
