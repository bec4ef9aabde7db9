package org.elbo4j.distributions;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;

/**
 * The logistic distribution with location {@code loc} (often written μ) and scale {@code scale} (s > 0):
 * \[ p(x) = \frac{e^{-z}}{s\,(1 + e^{-z})^2}, \quad z = \frac{x-\mu}{s}, \quad x \in \mathbb{R}. \]
 *
 * <p><b>Reparameterization (location–scale):</b> z = μ + s·ε, ε = log u − log(1 − u) (the logit of
 * u ~ U(0, 1) open, the inverse of the standard logistic CDF).
 *
 * <p>Mean μ, variance s²π²/3, entropy log s + 2, CDF σ(z) (the sigmoid).
 *
 * <blockquote>N. Balakrishnan (ed.), "Handbook of the Logistic Distribution", Marcel Dekker, 1992.</blockquote>
 */
public final class Logistic extends LocationScale {

    private Logistic(Tensor loc, Tensor scale) {
        super("Logistic", loc, scale);
    }

    /**
     * @param loc   μ, any shape
     * @param scale s, broadcasting against {@code loc}
     * @throws IllegalArgumentException if a scale entry is not > 0 and finite or a loc entry is not finite
     */
    public static Logistic of(Tensor loc, Tensor scale) {
        validate("Logistic", loc, scale);
        return new Logistic(loc, scale);
    }

    /** Scalar parameters. */
    public static Logistic of(double loc, double scale) {
        return of(Tensor.scalar(loc), Tensor.scalar(scale));
    }

    @Override
    void standard(RandomStream rng, double[] eps) {
        rng.fillOpenUnit(eps, 0, eps.length);
        for (int i = 0; i < eps.length; i++) eps[i] = Math.log(eps[i]) - Math.log1p(-eps[i]);
    }

    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        // the density is symmetric in z: log p = −|z| − log s − 2·softplus(−|z|); with −|z| ≤ 0 nothing overflows
        // and x = ±∞ gives −∞ (not ∞ − ∞)
        Tensor a = value.sub(loc).div(scale).abs().neg();
        return a.sub(scale.log()).sub(a.softplus().mul(2));
    }

    @Override
    public Tensor mean() {
        return loc.broadcastTo(batch);
    }

    @Override
    public Tensor variance() {
        return scale.square().mul(Math.PI * Math.PI / 3).broadcastTo(batch);
    }

    @Override
    public Tensor entropy() {
        return scale.log().add(2).broadcastTo(batch);
    }

    @Override
    public Tensor cdf(Tensor value) {
        Distributions.checkValue(this, value);
        return value.sub(loc).div(scale).sigmoid();
    }

    @Override
    public String toString() {
        return "Logistic(loc=" + loc + ", scale=" + scale + ")";
    }
}
