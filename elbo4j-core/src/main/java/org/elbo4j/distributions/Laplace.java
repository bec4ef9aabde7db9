package org.elbo4j.distributions;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;

/**
 * The Laplace (double exponential) distribution with location {@code loc} (often written μ) and scale
 * {@code scale} (b > 0):
 * \[ p(x) = \frac{1}{2b} \exp\!\left(-\frac{|x-\mu|}{b}\right), \quad x \in \mathbb{R}. \]
 *
 * <p><b>Reparameterization (location–scale):</b> z = μ + b·ε with ε ~ Laplace(0, 1) drawn by its inverse CDF,
 * ε = log(2u) for u &lt; ½ and ε = −log(2(1 − u)) otherwise, u ~ U(0, 1) open.
 *
 * <p>Mean μ, variance 2b², entropy 1 + log(2b); CDF ½·e^{z} for z = (x − μ)/b &lt; 0, 1 − ½·e^{−z} otherwise.
 *
 * <blockquote>N. L. Johnson, S. Kotz and N. Balakrishnan, "Continuous Univariate Distributions", vol. 2,
 * 2nd ed., Wiley, 1995, chapter 24.</blockquote>
 */
public final class Laplace extends LocationScale {
    private static final double LOG2 = Math.log(2);

    private Laplace(Tensor loc, Tensor scale) {
        super("Laplace", loc, scale);
    }

    /**
     * @param loc   μ, any shape
     * @param scale b, broadcasting against {@code loc}
     * @throws IllegalArgumentException if a scale entry is not > 0 and finite or a loc entry is not finite
     */
    public static Laplace of(Tensor loc, Tensor scale) {
        validate("Laplace", loc, scale);
        return new Laplace(loc, scale);
    }

    /** Scalar parameters. */
    public static Laplace of(double loc, double scale) {
        return of(Tensor.scalar(loc), Tensor.scalar(scale));
    }

    @Override
    void standard(RandomStream rng, double[] eps) {
        rng.fillOpenUnit(eps, 0, eps.length);
        // inverse CDF, with log(2u) and log(2(1−u)) computed on the smaller tail for full precision
        for (int i = 0; i < eps.length; i++) eps[i] = eps[i] < 0.5 ? Math.log(2 * eps[i]) : -Math.log(2 * (1 - eps[i]));
    }

    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        return value.sub(loc).abs().div(scale).neg().sub(scale.log()).sub(LOG2);
    }

    @Override
    public Tensor mean() {
        return loc.broadcastTo(batch);
    }

    @Override
    public Tensor variance() {
        return scale.square().mul(2).broadcastTo(batch);
    }

    @Override
    public Tensor entropy() {
        return scale.log().add(1 + LOG2).broadcastTo(batch);
    }

    @Override
    public Tensor cdf(Tensor value) {
        Distributions.checkValue(this, value);
        Tensor z = value.sub(loc).div(scale);
        Tensor neg = TensorFunctions.mask(z, v -> v < 0);
        // ½e^{z} left of μ, 1 − ½e^{−z} right of it: each branch only exponentiates a non-positive number
        return Tensor.where(
                neg,
                z.clamp(Double.NEGATIVE_INFINITY, 0).exp().mul(0.5),
                z.clamp(0, Double.POSITIVE_INFINITY).neg().exp().mul(-0.5).add(1));
    }

    @Override
    public String toString() {
        return "Laplace(loc=" + loc + ", scale=" + scale + ")";
    }
}
