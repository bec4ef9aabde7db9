package org.elbo4j.dist;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * The base noise of the samplers, as constant tensors of a draw's shape: ε ~ N(0, 1), u ~ U(0, 1) open, and
 * E ~ Exp(1). A family turns it into a draw with differentiable tensor ops (the reparameterization).
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

    /**
     * One standard gamma variate Γ(a, 1), a > 0, by Marsaglia and Tsang's squeeze method; for a < 1 via
     * Γ(a) = Γ(a + 1)·U^{1/a} (computed in logs so that tiny a does not underflow to an exact 0 too early).
     *
     * <blockquote>G. Marsaglia and W. W. Tsang, "A simple method for generating gamma variables", ACM TOMS 26(3),
     * 2000, 363–372.</blockquote>
     */
    static double standardGamma(RandomStream rng, double a) {
        if (a < 1) {
            double g = standardGamma(rng, a + 1);
            return Math.exp(Math.log(g) + Math.log(rng.nextOpenUnit()) / a);
        }
        double d = a - 1.0 / 3, c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x, v;
            do {
                x = rng.nextGaussian();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = rng.nextOpenUnit(), x2 = x * x;
            if (u < 1 - 0.0331 * x2 * x2) return d * v;
            if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
        }
    }
}
