package org.elbo4j.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.elbo4j.autodiff.Autodiff;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.ExpTransform;
import org.junit.jupiter.api.Test;

/** Values outside the support: −∞, not the transform's inverse error, and no NaN in the gradient. */
class TransformedDistributionTest {
    @Test
    void logNormalOutsideItsSupportIsMinusInfinity() {
        double mu = 0.3, sigma = 0.8;
        TransformedDistribution d = TransformedDistribution.of(Normal.of(mu, sigma), ExpTransform.INSTANCE);
        Tensor lp = d.logProb(Tensor.of(1.5, -1, 0));
        double z = (Math.log(1.5) - mu) / sigma;
        double want = -0.5 * z * z - Math.log(sigma) - 0.5 * Math.log(2 * Math.PI) - Math.log(1.5);
        assertEquals(want, lp.at(0), 1e-14);
        assertEquals(Double.NEGATIVE_INFINITY, lp.at(1));
        assertEquals(Double.NEGATIVE_INFINITY, lp.at(2));
        // ∂/∂μ of the in-support entry: (log 1.5 − μ)/σ²; the masked entry contributes nothing (and no NaN).
        var vg = Autodiff.valueAndGrad(
                Tensor.scalar(mu),
                m -> TransformedDistribution.of(Normal.of(m, Tensor.scalar(sigma)), ExpTransform.INSTANCE)
                        .logProb(Tensor.of(1.5, -1))
                        .index(0));
        assertEquals((Math.log(1.5) - mu) / (sigma * sigma), vg.gradient(0).item(), 1e-14);
    }
}
