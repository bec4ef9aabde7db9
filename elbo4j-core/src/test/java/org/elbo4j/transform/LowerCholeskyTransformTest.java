package org.elbo4j.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LowerCholeskyTransformTest extends TransformContractTest {
    private static final LowerCholeskyTransform T = LowerCholeskyTransform.INSTANCE;

    @Override
    protected Transform transform() {
        return T;
    }

    /** Lower-triangular x (the upper triangle is not part of the bijection), shapes [2, 3, 3] or [4, 4]. */
    @Override
    protected Tensor domainPoint(RandomStream rng) {
        int n = rng.nextDouble() < 0.5 ? 3 : 4;
        Tensor g = rng.nextDouble() < 0.5 ? gaussian(rng, 1.5, 2, n, n) : gaussian(rng, 1.5, n, n);
        return g.mul(lowerMask(n));
    }

    static Tensor lowerMask(int n) {
        double[] m = new double[n * n];
        for (int i = 0; i < n; i++) for (int j = 0; j <= i; j++) m[i * n + j] = 1;
        return Tensor.of(m, n, n);
    }

    @Override
    protected Tensor outsideCodomain() {
        return Tensor.of(new double[][] {{1, 0}, {0.5, -1}});
    }

    @Override
    protected int[] freeInputs(Shape e) {
        return lowerTriangle(e.dim(0), true);
    }

    @Override
    protected int[] freeOutputs(Shape e) {
        return lowerTriangle(e.dim(0), true);
    }

    // Finite differences on the upper triangle would leave the codomain (lower-triangular matrices).
    @Override
    protected Tensor codomainFromParameters(Tensor p) {
        return p.mul(lowerMask(p.dim(-1)));
    }

    // exp/log of the diagonal: exact to an ulp even at ±600.
    @Override
    protected List<Case> extremeDomainPoints() {
        return List.of(new Case(Tensor.of(new double[][] {{600, 0}, {1e10, -600}}), 1e-13, 1e-15));
    }

    @Test
    void upperTriangleIsIgnoredAndDiagonalExponentiated() {
        Tensor x = Tensor.of(new double[][] {{0, 7}, {2, Math.log(3)}});
        Tensor y = T.forward(x);
        assertEquals(1, y.at(0), 0);
        assertEquals(0, y.at(1), 0);
        assertEquals(2, y.at(2), 0);
        assertEquals(3, y.at(3), 1e-15);
        assertEquals(Math.log(3), T.logAbsDetJacobian(x, y).item(), 0);
    }

    @Test
    void badShapesAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> T.forward(Tensor.zeros(2, 3)));
        assertTrue(
                e.getMessage().contains("lowerCholesky.forward")
                        && e.getMessage().contains("[2, 3]"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> T.forward(Tensor.zeros(3)));
        var f = assertThrows(
                IllegalArgumentException.class, () -> T.inverse(Tensor.of(new double[][] {{1, 1}, {0, 1}})));
        assertTrue(f.getMessage().contains("lowerCholesky"), f.getMessage());
    }
}
