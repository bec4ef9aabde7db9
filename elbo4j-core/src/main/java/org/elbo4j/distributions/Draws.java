package org.elbo4j.distributions;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * The base noise of the samplers, as constant tensors of a draw's shape: ε ~ N(0, 1), u ~ U(0, 1) open, and
 * E ~ Exp(1). (Gamma variates: {@link Gamma#standardGamma}.) A family turns it into a draw with differentiable tensor ops (the reparameterization).
 */
final class Draws {
    private Draws() {}

    /** Standard normals of shape {@code s}. */
    static Tensor gaussian(RandomStream rng, Shape s) {
        double[] e = new double[s.size()];
        rng.fillGaussian(e, 0, e.length);
        return Tensor.wrap(e, s);
    }

    /** Uniforms in the open interval (0, 1) (2^−53 ≤ u ≤ 1 − 2^−53): log u and log(1 − u) are finite. */
    static Tensor openUnit(RandomStream rng, Shape s) {
        double[] u = new double[s.size()];
        rng.fillOpenUnit(u, 0, u.length);
        return Tensor.wrap(u, s);
    }

    /** Standard exponentials of shape {@code s}. */
    static Tensor exponential(RandomStream rng, Shape s) {
        double[] e = new double[s.size()];
        rng.fillExponential(e, 0, e.length);
        return Tensor.wrap(e, s);
    }
}
