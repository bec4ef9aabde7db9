package org.elbo4j.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class StickBreakingTransformTest extends TransformContractTest {
    private static final StickBreakingTransform T = StickBreakingTransform.INSTANCE;

    @Override
    protected Transform transform() {
        return T;
    }

    /** Shapes [2, 4] (K = 5, batch 2), [3, 1] (K = 2), [6] (K = 7, no batch), chosen by the stream. */
    @Override
    protected Tensor domainPoint(RandomStream rng) {
        int[][] shapes = {{2, 4}, {3, 1}, {6}};
        return gaussian(rng, 2, shapes[(int) (rng.nextDouble() * shapes.length)]);
    }

    @Override
    protected Tensor outsideCodomain() {
        return Tensor.of(0.5, 0.6);
    }

    /** The first K−1 simplex coordinates (the last is 1 minus their sum). */
    @Override
    protected int[] freeOutputs(Shape eventShape) {
        return all(eventShape.dim(0) - 1);
    }

    // Perturbing a coordinate by h moves the sum off 1 by h; the simplex check allows 1e-6.
    @Override
    protected double inverseGradStep() {
        return 1e-7;
    }

    // Forward works in logs and the inverse uses suffix sums of the stick: tiny coordinates (e^{−300}) and
    // coordinates within 1e-17 of 1 round-trip to relative precision.
    @Override
    protected List<Case> extremeDomainPoints() {
        return List.of(
                new Case(Tensor.of(40, -40, 25, -300), 1e-13, 1e-13),
                new Case(Tensor.of(new double[] {-700, 3, 700, 0.5}, 2, 2), 1e-13, 1e-13));
    }

    @Override
    protected List<Case> extremeCodomainPoints() {
        return List.of(
                new Case(Tensor.of(1 - 2e-10, 1e-10, 1e-10), 0, 1e-12),
                new Case(Tensor.of(1e-200, 0.3, 0.7), 0, 1e-12));
    }

    @Test
    void zeroMapsToTheUniformSimplex() {
        Tensor y = T.forward(Tensor.zeros(2, 4));
        for (int i = 0; i < y.size(); i++) assertEquals(0.2, y.at(i), 1e-15);
        assertEquals(Shape.of(2, 5), y.shape());
    }

    @Test
    void logAbsDetJacobianOfTwoCoordinatesIsTheSigmoidsDerivative() {
        // K = 2: y_0 = σ(x), so log|J| = log σ(x) + log σ(−x); at x = 1: −1 − 2·log(1 + e^{−1}).
        Tensor l = T.logAbsDetJacobian(Tensor.of(1.0), T.forward(Tensor.of(1.0)));
        assertEquals(-1 - 2 * Math.log1p(Math.exp(-1)), l.item(), 1e-15);
    }

    @Test
    void badShapesAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> T.forward(Tensor.scalar(1)));
        assertTrue(
                e.getMessage().contains("stickBreaking.forward")
                        && e.getMessage().contains("[]"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> T.forward(Tensor.zeros(3, 0)));
        var f = assertThrows(IllegalArgumentException.class, () -> T.inverse(Tensor.of(1.0)));
        assertTrue(f.getMessage().contains("K >= 2"), f.getMessage());
    }
}
