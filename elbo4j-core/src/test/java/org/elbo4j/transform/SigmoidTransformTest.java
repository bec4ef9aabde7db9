package org.elbo4j.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SigmoidTransformTest extends TransformContractTest {
    @Override
    protected Transform transform() {
        return SigmoidTransform.INSTANCE;
    }

    @Override
    protected Tensor domainPoint(RandomStream rng) {
        return gaussian(rng, 2, 2, 3);
    }

    @Override
    protected Tensor outsideCodomain() {
        return Tensor.of(0.5, 1.5);
    }

    // For x > 0, 1 − σ(x) holds a relative error ≈ ε·eˣ, so x returns with an absolute error ≈ ε·eˣ:
    // 2e-12 at x = 9 (the random points are N(0, 2²)), 7e-10 at 15, 1e-7 at 20. Negative x are exact.
    @Override
    protected double roundTripTolerance() {
        return 1e-10;
    }

    @Override
    protected List<Case> extremeDomainPoints() {
        return List.of(
                new Case(Tensor.of(-700, -300, -40, -15), 1e-12, 1e-14),
                new Case(Tensor.scalar(15), 1e-8, 0),
                new Case(Tensor.scalar(20), 1e-6, 0));
    }

    // 1 − 1e-10 and 1e-300 are both exact doubles whose logit is computed without cancellation.
    @Override
    protected List<Case> extremeCodomainPoints() {
        return List.of(new Case(Tensor.of(1e-300, 1e-10, 0.5, 1 - 1e-10), 0, 1e-12));
    }

    @Test
    void logAbsDetJacobianIsFiniteAndExactInTheTails() {
        // log σ(x) + log σ(−x) = −|x| − 2·log1p(e^{−|x|}); at |x| = 800 this is −800 (the naive log(y(1−y)) is −∞).
        Tensor x = Tensor.of(-800, 800, 0);
        Tensor l = SigmoidTransform.INSTANCE.logAbsDetJacobian(x, SigmoidTransform.INSTANCE.forward(x));
        assertEquals(-800, l.at(0), 0);
        assertEquals(-800, l.at(1), 0);
        assertEquals(-2 * Math.log(2), l.at(2), 1e-15);
    }
}
