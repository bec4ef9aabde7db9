package org.elbo4j.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class OrderedTransformTest extends TransformContractTest {
    private static final OrderedTransform T = OrderedTransform.INSTANCE;

    @Override
    protected Transform transform() {
        return T;
    }

    /** Shapes [2, 4] (K = 4, batch 2), [3, 1] (K = 1), [5] (no batch), chosen by the stream. */
    @Override
    protected Tensor domainPoint(RandomStream rng) {
        int[][] shapes = {{2, 4}, {3, 1}, {5}};
        return gaussian(rng, 1.5, shapes[(int) (rng.nextDouble() * shapes.length)]);
    }

    @Override
    protected Tensor outsideCodomain() {
        return Tensor.of(0.5, 0.5, 1.0);
    }

    // y_k − y_{k−1} is formed from rounded y's: with |y| ≈ 10 and gaps ≈ e^{−3} the gap keeps a relative error
    // ≈ 1e-15·10/0.05 ≈ 2e-13, which log passes on as an absolute error of x.
    @Override
    protected double roundTripTolerance() {
        return 1e-11;
    }

    // Perturbing y_k by h moves the gaps by h: keep h well below the smallest gap (≈ e^{−4.5} at 3 sd).
    @Override
    protected double inverseGradStep() {
        return 1e-7;
    }

    // Gaps of e^{−30} next to O(1) entries round to a relative 1e-16/1e-13 = 1e-3: only moderate x round-trip
    // tightly; x = (−50, 5, 5) keeps every gap ≥ e^5 and y exact.
    @Override
    protected List<Case> extremeDomainPoints() {
        return List.of(new Case(Tensor.of(-50, 5, 5), 1e-12, 1e-12), new Case(Tensor.of(1e6, 0, 0), 1e-9, 1e-12));
    }

    // Entries that do not cancel against the previous one round-trip to relative precision: the gap's log
    // carries ≈ 23ε absolute error at 1e10, i.e. a relative error of the gap (and of y) ≈ 2.5e-15.
    @Override
    protected List<Case> extremeCodomainPoints() {
        return List.of(
                new Case(Tensor.of(-1e10, -5e9, 1e10), 0, 1e-12), new Case(Tensor.of(1e-300, 2e-300, 1), 0, 1e-12));
    }

    @Test
    void forwardIsTheFirstEntryThenCumulativeExponentials() {
        Tensor y = T.forward(Tensor.of(new double[] {1, 0, Math.log(2), -1, 0, 0}, 2, 3));
        double[] want = {1, 2, 4, -1, 0, 1};
        for (int i = 0; i < want.length; i++) assertEquals(want[i], y.at(i), 1e-15);
        assertEquals(Shape.of(2, 3), y.shape());
    }

    @Test
    void logAbsDetJacobianSumsAllButTheFirstEntry() {
        Tensor x = Tensor.of(new double[] {7, 0.5, -2, 3, 1, 1}, 2, 3);
        Tensor l = T.logAbsDetJacobian(x, T.forward(x));
        assertEquals(Shape.of(2), l.shape());
        assertEquals(-1.5, l.at(0), 1e-15);
        assertEquals(2, l.at(1), 1e-15);
        assertEquals(
                0,
                T.logAbsDetJacobian(Tensor.of(4.0), T.forward(Tensor.of(4.0))).item(),
                0);
    }

    @Test
    void bijectToOrderedIsThisTransform() {
        assertSame(T, Bijectors.bijectTo(Constraints.ORDERED));
        assertTrue(Constraints.ORDERED.contains(Tensor.of(-1, 0, 3)));
        assertEquals(
                0,
                Constraints.ORDERED
                        .check(Tensor.of(new double[] {1, 2, 2, 1, 2, 3}, 2, 3))
                        .at(0));
        assertEquals(
                1,
                Constraints.ORDERED
                        .check(Tensor.of(new double[] {1, 2, 2, 1, 2, 3}, 2, 3))
                        .at(1));
    }

    @Test
    void badShapesAndUnorderedValuesAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> T.forward(Tensor.scalar(1)));
        assertTrue(e.getMessage().contains("ordered.forward") && e.getMessage().contains("[]"), e.getMessage());
        var f = assertThrows(IllegalArgumentException.class, () -> T.inverse(Tensor.of(2, 1)));
        assertTrue(f.getMessage().contains("ordered.inverse") && f.getMessage().contains("ordered"), f.getMessage());
    }
}
