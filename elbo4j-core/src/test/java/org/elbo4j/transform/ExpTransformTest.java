package org.elbo4j.transform;

import java.util.List;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;

class ExpTransformTest extends TransformContractTest {
    @Override
    protected Transform transform() {
        return ExpTransform.INSTANCE;
    }

    @Override
    protected Tensor domainPoint(RandomStream rng) {
        return gaussian(rng, 3, 2, 3);
    }
    // The random y reach e^{−9}: an absolute step of 1e-6 would be 1e-2·y there; 1e-8 keeps the truncation
    // error of the central difference (≈ (h/y)²/3 relative) below 1e-6, the rounding error ≈ ε/h stays ≈ 1e-8.
    @Override
    protected double inverseGradStep() {
        return 1e-8;
    }

    @Override
    protected Tensor outsideCodomain() {
        return Tensor.of(1, -1);
    }

    // log(exp(x)): exp is within an ulp, so log returns x to an absolute 1e-16 (relative 1e-15 covers x = ±700).
    @Override
    protected List<Case> extremeDomainPoints() {
        return List.of(new Case(Tensor.of(-700, -300, 300, 700), 1e-13, 1e-15));
    }

    // exp(log y): log y ≈ −690 carries an absolute error ≈ 690ε ≈ 1.5e-13, which exp turns into a relative one.
    @Override
    protected List<Case> extremeCodomainPoints() {
        return List.of(new Case(Tensor.of(1e-300, 1e-10, 1e300), 0, 1e-12));
    }
}
