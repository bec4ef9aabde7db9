package org.elbo4j.distributions;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;

/**
 * The Gumbel (type-I extreme value, maximum) distribution with location {@code loc} (often written μ) and scale
 * {@code scale} (β > 0):
 * \[ p(x) = \frac{1}{\beta} \exp\!\left(-(z + e^{-z})\right), \quad z = \frac{x-\mu}{\beta}, \quad x \in \mathbb{R}. \]
 *
 * <p><b>Reparameterization (location–scale):</b> z = μ + β·ε, ε = −log(−log u), u ~ U(0, 1) open (the inverse
 * of the standard Gumbel CDF exp(−e^{−z})).
 *
 * <p>Mean μ + βγ (γ = 0.5772… Euler's constant), variance π²β²/6, entropy log β + γ + 1.
 *
 * <blockquote>E. J. Gumbel, "Statistics of Extremes", Columbia University Press, 1958.</blockquote>
 */
public final class Gumbel extends LocationScale {
    /** Euler–Mascheroni constant γ. */
    static final double EULER_GAMMA = 0.57721566490153286061;

    private Gumbel(Tensor loc, Tensor scale) {
        super("Gumbel", loc, scale);
    }

    /**
     * @param loc   μ, any shape
     * @param scale β, broadcasting against {@code loc}
     * @throws IllegalArgumentException if a scale entry is not > 0 and finite or a loc entry is not finite
     */
    public static Gumbel of(Tensor loc, Tensor scale) {
        validate("Gumbel", loc, scale);
        return new Gumbel(loc, scale);
    }

    /** Scalar parameters. */
    public static Gumbel of(double loc, double scale) {
        return of(Tensor.scalar(loc), Tensor.scalar(scale));
    }

    @Override
    void standard(RandomStream rng, double[] eps) {
        rng.fillOpenUnit(eps, 0, eps.length);
        for (int i = 0; i < eps.length; i++) eps[i] = -Math.log(-Math.log(eps[i]));
    }

    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        Tensor z = value.sub(loc).div(scale);
        Tensor lp = z.add(z.neg().exp()).neg().sub(scale.log());
        // x = +∞ gives −(∞ + 0) = −∞ and x = −∞ gives −(−∞ + ∞) = NaN: mask the infinities as outside
        return Distributions.maskOutside(this, value, lp);
    }

    @Override
    public Tensor mean() {
        return loc.add(scale.mul(EULER_GAMMA)).broadcastTo(batch);
    }

    @Override
    public Tensor variance() {
        return scale.square().mul(Math.PI * Math.PI / 6).broadcastTo(batch);
    }

    @Override
    public Tensor entropy() {
        return scale.log().add(EULER_GAMMA + 1).broadcastTo(batch);
    }

    @Override
    public Tensor cdf(Tensor value) {
        Distributions.checkValue(this, value);
        return value.sub(loc).div(scale).neg().exp().neg().exp();
    }

    @Override
    public String toString() {
        return "Gumbel(loc=" + loc + ", scale=" + scale + ")";
    }
}
