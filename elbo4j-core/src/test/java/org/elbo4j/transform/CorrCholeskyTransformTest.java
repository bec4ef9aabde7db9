package org.elbo4j.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class CorrCholeskyTransformTest extends TransformContractTest {
    private static final CorrCholeskyTransform T = CorrCholeskyTransform.INSTANCE;

    @Override
    protected Transform transform() {
        return T;
    }

    /** Shapes [2, 6] (n = 4, batch 2), [3] (n = 3), [3, 1] (n = 2), chosen by the stream. */
    @Override
    protected Tensor domainPoint(RandomStream rng) {
        int[][] shapes = {{2, 6}, {3}, {3, 1}};
        return gaussian(rng, 1.5, shapes[(int) (rng.nextDouble() * shapes.length)]);
    }

    @Override
    protected Tensor outsideCodomain() {
        return Tensor.of(new double[][] {{1, 0}, {0.5, 0.5}});
    }

    /** The strict lower triangle of L (its diagonal follows from the unit row norms). */
    @Override
    protected int[] freeOutputs(Shape e) {
        return lowerTriangle(e.dim(0), false);
    }

    // Perturbing the upper triangle would leave the codomain; perturbing a row by 1e-7 keeps its norm within the
    // constraint's 1e-6.
    @Override
    protected Tensor codomainFromParameters(Tensor p) {
        return p.mul(LowerCholeskyTransformTest.lowerMask(p.dim(-1)));
    }

    @Override
    protected double inverseGradStep() {
        return 1e-7;
    }

    // tanh(25) and tanh(100) round to 1, but √(1 − z²) is kept as sech x and the inverse reads the remaining row
    // norm, so x returns to relative precision (sech(100)² ≈ 5e-87 is still a normal double).
    @Override
    protected List<Case> extremeDomainPoints() {
        return List.of(
                new Case(Tensor.of(25, -30, 2, 100, -1, 0.5), 1e-12, 1e-12),
                new Case(Tensor.of(new double[] {-100, 40, 0.1, 1e-8, 3, -25}, 2, 3), 1e-12, 1e-12));
    }

    @Test
    void knownValuesForThreeByThree() {
        // x = atanh of the partial correlations (0.5, 0.2, −0.4) for entries (1,0), (2,0), (2,1):
        // L = [[1, 0, 0], [0.5, √0.75, 0], [0.2, −0.4·√0.96, √(0.96·0.84)]].
        Tensor x = Tensor.of(atanh(0.5), atanh(0.2), atanh(-0.4));
        Tensor l = T.forward(x);
        double[] want = {1, 0, 0, 0.5, Math.sqrt(0.75), 0, 0.2, -0.4 * Math.sqrt(0.96), Math.sqrt(0.96 * 0.84)};
        for (int i = 0; i < 9; i++) assertEquals(want[i], l.at(i), 1e-15, "entry " + i);
        // log|J| = Σ ½(i − j + 1)·log(1 − z²): weights 1 (1,0), 3/2 (2,0), 1 (2,1).
        double ladj = Math.log(0.75) + 1.5 * Math.log(0.96) + Math.log(0.84);
        assertEquals(ladj, T.logAbsDetJacobian(x, l).item(), 1e-14);
    }

    private static double atanh(double z) {
        return 0.5 * Math.log((1 + z) / (1 - z));
    }

    @Test
    void shapes() {
        assertEquals(Shape.of(5, 4, 4), T.forwardShape(Shape.of(5, 6)));
        assertEquals(Shape.of(5, 6), T.inverseShape(Shape.of(5, 4, 4)));
        assertEquals(1, T.eventRank());
        assertEquals(2, T.codomainEventRank());
        assertEquals(2, T.inv().eventRank());
    }

    @Test
    void badShapesAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> T.forward(Tensor.zeros(4)));
        assertTrue(
                e.getMessage().contains("corrCholesky.forward")
                        && e.getMessage().contains("4"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> T.forward(Tensor.scalar(0)));
        assertThrows(IllegalArgumentException.class, () -> T.inverse(Tensor.ones(1, 1)));
        assertThrows(IllegalArgumentException.class, () -> T.inverse(Tensor.zeros(2, 3)));
    }
}
