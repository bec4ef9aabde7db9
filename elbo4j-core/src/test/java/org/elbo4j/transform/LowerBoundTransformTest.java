package org.elbo4j.transform;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LowerBoundTransformTest extends TransformContractTest {
    private static final LowerBoundTransform T = LowerBoundTransform.of(-3);

    @Override
    protected Transform transform() {
        return T;
    }

    @Override
    protected Tensor domainPoint(RandomStream rng) {
        return gaussian(rng, 2, 2, 3);
    }

    @Override
    protected Tensor outsideCodomain() {
        return Tensor.of(0, -3.5);
    }

    // y = −3 + eˣ rounds to an ulp of 3, so log(y + 3) has an absolute error ≈ 3ε·e^{−x}: 2e-12 at x = −8.
    @Override
    protected double roundTripTolerance() {
        return 1e-10;
    }

    // x = −20: 3ε·e^{20} ≈ 3e-7 — the rounding of y itself, shown rather than hidden; x = 300: exact.
    @Override
    protected List<Case> extremeDomainPoints() {
        return List.of(new Case(Tensor.scalar(-20), 1e-6, 0), new Case(Tensor.of(30, 300), 0, 1e-15));
    }

    @Override
    protected List<Case> extremeCodomainPoints() {
        return List.of(new Case(Tensor.of(-3 + 1e-10, -2.5, 1e200), 1e-15, 1e-13));
    }

    @Test
    void ontoAClosedLowerBoundKeepsTheConstraint() {
        LowerBoundTransform t = LowerBoundTransform.onto((Constraints.Bounded) Constraints.greaterThanEq(1.5));
        assertTrue(t.codomain().equals(Constraints.greaterThanEq(1.5)));
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> LowerBoundTransform.onto((Constraints.Bounded) Constraints.interval(0, 1)));
        assertTrue(e.getMessage().contains("IntervalTransform"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LowerBoundTransform.of(Double.NEGATIVE_INFINITY));
    }
}
