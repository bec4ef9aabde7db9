package org.elbo4j.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SoftplusTransformTest extends TransformContractTest {
    @Override
    protected Transform transform() {
        return SoftplusTransform.INSTANCE;
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
        return Tensor.of(1, 0);
    }

    // Both tails: softplus(−700) = e^{−700} keeps its relative precision, and y + log(−expm1(−y)) is exact for
    // large y where log(expm1(y)) would overflow (y = 1e5).
    @Override
    protected List<Case> extremeDomainPoints() {
        return List.of(new Case(Tensor.of(-700, -300, -30, 30, 40, 700, 1e5), 1e-12, 1e-14));
    }

    // softplus(log(expm1(y))) for y = 1e-300: x ≈ −690.8 with absolute error ≈ 690ε, relative in y afterwards.
    @Override
    protected List<Case> extremeCodomainPoints() {
        return List.of(new Case(Tensor.of(1e-300, 1e-8, 50, 1e6), 0, 1e-12));
    }

    @Test
    void inverseAgreesWithTheNaiveFormulaWhereThatIsAccurate() {
        // log(expm1(y)) is accurate for moderate y; the stable form must agree there.
        double[] ys = {1e-6, 0.1, 1, 5, 20};
        Tensor x = SoftplusTransform.INSTANCE.inverse(Tensor.of(ys));
        for (int i = 0; i < ys.length; i++)
            assertEquals(Math.log(Math.expm1(ys[i])), x.at(i), 1e-14 * (1 + Math.abs(x.at(i))));
        assertEquals(1e5, SoftplusTransform.INSTANCE.inverse(Tensor.scalar(1e5)).item(), 0); // naive: log(∞)
    }
}
