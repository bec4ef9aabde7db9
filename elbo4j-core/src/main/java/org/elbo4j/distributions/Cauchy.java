package org.elbo4j.distributions;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;

/**
 * The Cauchy distribution with location {@code loc} (often written x₀) and scale {@code scale} (γ > 0):
 * \[ p(x) = \frac{1}{\pi\gamma\left(1 + \left(\frac{x - x_0}{\gamma}\right)^2\right)}, \quad x \in \mathbb{R}. \]
 *
 * <p><b>Reparameterization (location–scale):</b> z = x₀ + γ·ε, ε = tan(π(u − ½)), u ~ U(0, 1) open (the
 * inverse of the standard Cauchy CDF).
 *
 * <p>No mean or variance (E|X| = ∞): {@link #mean()} and {@link #variance()} throw. Entropy log(4πγ); CDF
 * ½ + atan(z)/π.
 *
 * <blockquote>N. L. Johnson, S. Kotz and N. Balakrishnan, "Continuous Univariate Distributions", vol. 1,
 * 2nd ed., Wiley, 1994, chapter 16.</blockquote>
 */
public final class Cauchy extends LocationScale {
    private static final double LOG_PI = Math.log(Math.PI);

    private Cauchy(Tensor loc, Tensor scale) {
        super("Cauchy", loc, scale);
    }

    /**
     * @param loc   x₀, any shape
     * @param scale γ, broadcasting against {@code loc}
     * @throws IllegalArgumentException if a scale entry is not > 0 and finite or a loc entry is not finite
     */
    public static Cauchy of(Tensor loc, Tensor scale) {
        validate("Cauchy", loc, scale);
        return new Cauchy(loc, scale);
    }

    /** Scalar parameters. */
    public static Cauchy of(double loc, double scale) {
        return of(Tensor.scalar(loc), Tensor.scalar(scale));
    }

    @Override
    void standard(RandomStream rng, double[] eps) {
        rng.fillOpenUnit(eps, 0, eps.length);
        for (int i = 0; i < eps.length; i++) eps[i] = Math.tan(Math.PI * (eps[i] - 0.5));
    }

    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        Tensor z = value.sub(loc).div(scale);
        return z.square().log1p().neg().sub(scale.log()).sub(LOG_PI);
    }

    /** @throws UnsupportedOperationException always: the Cauchy distribution has no mean */
    @Override
    public Tensor mean() {
        throw new UnsupportedOperationException("Cauchy has no mean: E|X| is infinite");
    }

    /** @throws UnsupportedOperationException always: the Cauchy distribution has no variance */
    @Override
    public Tensor variance() {
        throw new UnsupportedOperationException("Cauchy has no variance: E[X²] is infinite");
    }

    @Override
    public Tensor entropy() {
        return scale.log().add(Math.log(4 * Math.PI)).broadcastTo(batch);
    }

    @Override
    public Tensor cdf(Tensor value) {
        Distributions.checkValue(this, value);
        return TensorFunctions.atan(value.sub(loc).div(scale)).div(Math.PI).add(0.5);
    }

    @Override
    public String toString() {
        return "Cauchy(loc=" + loc + ", scale=" + scale + ")";
    }
}
