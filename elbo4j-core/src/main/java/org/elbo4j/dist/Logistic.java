package org.elbo4j.dist;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;
import org.elbo4j.transform.Constraints;

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
public final class Logistic implements Distribution {
    private final Tensor loc, scale;
    private final Shape batch;

    private Logistic(Tensor loc, Tensor scale) {
        this.loc = loc;
        this.scale = scale;
        this.batch = Distributions.batchShape("Logistic", loc, scale);
    }

    /**
     * @param loc   μ, any shape
     * @param scale s, broadcasting against {@code loc}
     * @throws IllegalArgumentException if a scale entry is not > 0 and finite or a loc entry is not finite
     */
    public static Logistic of(Tensor loc, Tensor scale) {
        Distributions.requireFinite("Logistic", "loc", loc);
        Distributions.requirePositive("Logistic", "scale", scale);
        return new Logistic(loc, scale);
    }

    /** Scalar parameters. */
    public static Logistic of(double loc, double scale) { return of(Tensor.scalar(loc), Tensor.scalar(scale)); }

    /** μ. */
    public Tensor loc() { return loc; }

    /** s. */
    public Tensor scale() { return scale; }

    @Override public Shape batchShape() { return batch; }
    @Override public Shape eventShape() { return Shape.SCALAR; }
    @Override public Constraint support() { return Constraints.REAL; }
    @Override public boolean hasRsample() { return true; }
    @Override public boolean hasEntropy() { return true; }

    @Override
    public Tensor sample(RandomStream rng, Shape sampleShape) {
        return rsample(rng, sampleShape).detach();
    }

    @Override
    public Tensor rsample(RandomStream rng, Shape sampleShape) {
        Shape s = batch.prepend(sampleShape);
        double[] e = Draws.openUnit(rng, s).toArray();
        for (int i = 0; i < e.length; i++) e[i] = Math.log(e[i]) - Math.log1p(-e[i]);
        return loc.add(scale.mul(Tensor.wrap(e, s)));
    }

    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        // the density is symmetric in z: log p = −|z| − log s − 2·softplus(−|z|); with −|z| ≤ 0 nothing overflows
        // and x = ±∞ gives −∞ (not ∞ − ∞)
        Tensor a = value.sub(loc).div(scale).abs().neg();
        return a.sub(scale.log()).sub(a.softplus().mul(2));
    }

    @Override public Tensor mean() { return loc.broadcastTo(batch); }
    @Override public Tensor variance() { return scale.square().mul(Math.PI * Math.PI / 3).broadcastTo(batch); }
    @Override public Tensor entropy() { return scale.log().add(2).broadcastTo(batch); }

    @Override
    public Tensor cdf(Tensor value) {
        Distributions.checkValue(this, value);
        return value.sub(loc).div(scale).sigmoid();
    }

    @Override public String toString() { return "Logistic(loc=" + loc + ", scale=" + scale + ")"; }
}
