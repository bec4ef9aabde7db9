package org.elbo4j.distributions;

import org.elbo4j.tensor.Tensor;

/**
 * Closed-form expectations E[f(z)] of z ~ Gamma(α, β), as differentiable functions of (α, β), for the exact
 * gradients of the gradient tests (Gamma, IntegerShapeGamma, ChiSquared):
 * <ul>
 *   <li>E[z] = α/β, E[z²] = α(α + 1)/β²;</li>
 *   <li>E[sin z] = Im (1 − i/β)^{−α} = (1 + 1/β²)^{−α/2}·sin(α·atan(1/β)) (the characteristic function at 1);</li>
 *   <li>E[log z] = ψ(α) − log β; E[1/z] = β/(α − 1) (α &gt; 1).</li>
 * </ul>
 */
final class GammaMoments {
    private GammaMoments() {}

    /** f(z) = log z. */
    static final DistributionContractTest.TestFunction LOG =
            new DistributionContractTest.TestFunction("log z", Tensor::log);
    /** f(z) = 1/z. */
    static final DistributionContractTest.TestFunction RECIPROCAL =
            new DistributionContractTest.TestFunction("1/z", Tensor::reciprocal);

    /** E[f(z)] for z ~ Gamma(α, β), or null if f is not one of z, z², sin z, log z, 1/z. */
    static Tensor expectation(Tensor alpha, Tensor beta, DistributionContractTest.TestFunction f) {
        return switch (f.name()) {
            case "z" -> alpha.div(beta);
            case "z^2" -> alpha.mul(alpha.add(1)).div(beta.square());
            case "sin z" -> {
                Tensor invB = beta.reciprocal();
                Tensor logR = invB.square().log1p().mul(0.5); // log |1 − i/β|
                yield alpha.mul(logR).neg().exp().mul(TestFunctions.sin(alpha.mul(TensorFunctions.atan(invB))));
            }
            case "log z" -> alpha.digamma().sub(beta.log());
            case "1/z" -> beta.div(alpha.sub(1));
            default -> null;
        };
    }
}
