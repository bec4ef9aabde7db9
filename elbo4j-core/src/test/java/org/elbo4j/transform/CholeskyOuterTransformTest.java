package org.elbo4j.transform;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/** Σ = L·Lᵀ on its own, from lower-Cholesky factors. */
class CholeskyOuterTransformTest extends TransformContractTest {
    @Override
    protected Transform transform() {
        return CholeskyOuterTransform.INSTANCE;
    }

    @Override
    protected Tensor domainPoint(RandomStream rng) {
        return LowerCholeskyTransform.INSTANCE.forward(
                gaussian(rng, 0.7, 2, 3, 3).mul(LowerCholeskyTransformTest.lowerMask(3)));
    }

    @Override
    protected Tensor outsideCodomain() {
        return Tensor.of(new double[][] {{1, 0}, {1, 1}});
    }

    @Override
    protected int[] freeInputs(Shape e) {
        return lowerTriangle(e.dim(0), true);
    }

    @Override
    protected int[] freeOutputs(Shape e) {
        return lowerTriangle(e.dim(0), true);
    }

    @Override
    protected double roundTripTolerance() {
        return 1e-11;
    }

    @Override
    protected Tensor domainFromParameters(Tensor p) {
        return p.mul(LowerCholeskyTransformTest.lowerMask(p.dim(-1)));
    }

    @Override
    protected Tensor codomainFromParameters(Tensor p) {
        int n = p.dim(-1);
        Tensor strict = LowerCholeskyTransformTest.lowerMask(n).sub(Tensor.eye(n));
        return p.mul(LowerCholeskyTransformTest.lowerMask(n)).add(p.mul(strict).transpose());
    }
}
