package org.elbo4j.transform;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class UpperBoundTransformTest extends TransformContractTest {
    private static final UpperBoundTransform T = UpperBoundTransform.of(2);

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
        return Tensor.of(0, 2);
    }

    // y = 2 − eˣ rounds to an ulp of 2: absolute error ≈ 2ε·e^{−x} in x, 1e-12 at x = −8.
    @Override
    protected double roundTripTolerance() {
        return 1e-10;
    }

    @Override
    protected List<Case> extremeDomainPoints() {
        return List.of(new Case(Tensor.scalar(-20), 1e-6, 0), new Case(Tensor.of(30, 300), 0, 1e-15));
    }

    @Override
    protected List<Case> extremeCodomainPoints() {
        return List.of(new Case(Tensor.of(2 - 1e-10, 1.5, -1e200), 1e-15, 1e-13));
    }

    @Test
    void ontoRejectsALowerBound() {
        assertThrows(
                IllegalArgumentException.class,
                () -> UpperBoundTransform.onto((Constraints.Bounded) Constraints.POSITIVE));
        var e = assertThrows(IllegalArgumentException.class, () -> UpperBoundTransform.of(Double.NaN));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }
}
