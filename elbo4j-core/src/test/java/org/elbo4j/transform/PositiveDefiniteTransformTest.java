package org.elbo4j.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The default map onto positive-definite matrices: lower-Cholesky, then L·Lᵀ. */
class PositiveDefiniteTransformTest extends TransformContractTest {
    private static final Transform T = CholeskyOuterTransform.positiveDefinite();

    @Override
    protected Transform transform() {
        return T;
    }

    @Override
    protected Tensor domainPoint(RandomStream rng) {
        int n = rng.nextDouble() < 0.5 ? 2 : 3;
        Tensor g = rng.nextDouble() < 0.5 ? gaussian(rng, 0.7, 2, n, n) : gaussian(rng, 0.7, n, n);
        return g.mul(LowerCholeskyTransformTest.lowerMask(n));
    }

    @Override
    protected Tensor outsideCodomain() {
        return Tensor.of(new double[][] {{1, 2}, {2, 1}});
    }

    @Override
    protected int[] freeInputs(Shape e) {
        return lowerTriangle(e.dim(0), true);
    }

    @Override
    protected int[] freeOutputs(Shape e) {
        return lowerTriangle(e.dim(0), true);
    }

    // Cholesky factors recover L to about κ(Σ)·ε; with diagonal entries e^{N(0, 0.49)}, κ stays below ~1e3.
    @Override
    protected double roundTripTolerance() {
        return 1e-11;
    }

    /** Symmetric y from its lower triangle, so finite differences stay in the codomain. */
    @Override
    protected Tensor codomainFromParameters(Tensor p) {
        int n = p.dim(-1);
        Tensor strict = LowerCholeskyTransformTest.lowerMask(n).sub(Tensor.eye(n));
        return p.mul(LowerCholeskyTransformTest.lowerMask(n)).add(p.mul(strict).transpose());
    }

    @Override
    protected List<Case> extremeDomainPoints() {
        return List.of(new Case(Tensor.of(new double[][] {{3, 0, 0}, {5, -3, 0}, {-2, 1, 0}}), 1e-9, 1e-9));
    }

    @Test
    void logAbsDetJacobianClosedForm() {
        // n log 2 + Σ_i (n − i + 1)·x_ii with 0-based i: for n = 3, 3 log 2 + 4x_00 + 3x_11 + 2x_22.
        Tensor x = Tensor.of(new double[][] {{0.3, 0, 0}, {1, -0.2, 0}, {2, 3, 0.7}});
        assertEquals(
                3 * Math.log(2) + 4 * 0.3 + 3 * -0.2 + 2 * 0.7,
                T.logAbsDetJacobian(x, T.forward(x)).item(),
                1e-14);
        assertEquals(2, T.eventRank());
    }
}
