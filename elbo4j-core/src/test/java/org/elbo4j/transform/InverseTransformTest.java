package org.elbo4j.transform;

import java.util.List;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;

/** logit = sigmoid⁻¹, as an InverseTransform: (0, 1) → ℝ with log|J| = −log σ(x) − log σ(−x) at x = logit(y). */
class InverseTransformTest extends TransformContractTest {
    @Override
    protected Transform transform() {
        return SigmoidTransform.INSTANCE.inv();
    }

    @Override
    protected Tensor domainPoint(RandomStream rng) {
        return gaussian(rng, 2, 2, 3).sigmoid();
    }

    @Override
    protected Tensor outsideCodomain() {
        return Tensor.of(1, Double.NaN);
    }

    // logit(σ(x)) for x ~ N(0, 4): the sigmoid side loses ε·e^{|x|} (see SigmoidTransformTest), forward(inverse) here.
    @Override
    protected double roundTripTolerance() {
        return 1e-10;
    }

    @Override
    protected double inverseGradStep() {
        return 1e-7;
    }

    @Override
    protected List<Case> extremeDomainPoints() {
        return List.of(new Case(Tensor.of(1e-300, 1e-10, 1 - 1e-10), 0, 1e-12));
    }
}
