package org.elbo4j.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class IntervalTransformTest extends TransformContractTest {
    private static final IntervalTransform T = IntervalTransform.of(-2, 5);

    @Override
    protected Transform transform() {
        return T;
    }

    @Override
    protected Tensor domainPoint(RandomStream rng) {
        return gaussian(rng, 2, 3, 2);
    }

    @Override
    protected Tensor outsideCodomain() {
        return Tensor.of(0, 6);
    }

    // y rounds to an ulp of max(|lo|, |hi|) = 5, so the distance to the near end (≈ 7e^{−|x|}) carries a relative
    // error ≈ ε·e^{|x|}: about 2e-12 at |x| = 9 and 7e-10 at |x| = 15, on either side.
    @Override
    protected double roundTripTolerance() {
        return 1e-10;
    }

    @Override
    protected List<Case> extremeDomainPoints() {
        return List.of(new Case(Tensor.of(-15, 15), 1e-8, 0));
    }

    // forward(inverse(y)) returns y to within an ulp of 5 even an ulp-scale distance from either end.
    @Override
    protected List<Case> extremeCodomainPoints() {
        return List.of(new Case(Tensor.of(-2 + 1e-12, 0, 5 - 1e-12), 4e-15, 0));
    }

    @Test
    void endsAndMidpoint() {
        // The closed ends are in the codomain; their preimages are ∓∞.
        Tensor x = T.inverse(Tensor.of(-2, 5));
        assertEquals(Double.NEGATIVE_INFINITY, x.at(0));
        assertEquals(Double.POSITIVE_INFINITY, x.at(1));
        Tensor y = T.forward(Tensor.of(-40, 0, 40));
        assertEquals(-2, y.at(0), 0);
        assertEquals(1.5, y.at(1), 1e-15);
        assertEquals(5, y.at(2), 0);
        assertTrue(T.codomain().contains(y));
        // log|J| at 0 = log(7) + 2 log(1/2).
        assertEquals(
                Math.log(7) - 2 * Math.log(2),
                T.logAbsDetJacobian(Tensor.scalar(0), Tensor.scalar(1.5)).item(),
                1e-15);
    }

    @Test
    void badBoundsAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> IntervalTransform.of(3, 3));
        assertTrue(e.getMessage().contains("[3.0, 3.0]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> IntervalTransform.of(0, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> IntervalTransform.of(Double.NaN, 1));
    }
}
