package org.elbo4j.distributions;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;
import org.elbo4j.transform.Constraints;

/**
 * The half-Cauchy distribution with scale {@code scale} (s > 0), |X| for X ~ Cauchy(0, s):
 * \[ p(x) = \frac{2}{\pi s \,(1 + (x/s)^2)}, \quad x > 0. \]
 *
 * <p><b>Reparameterization (inverse CDF of |Cauchy|):</b> x = s·tan(π·u/2), u ~ U(0, 1) open; the same law as
 * s·|tan(π(u − ½))| = |Cauchy(0, s)| (fold the Cauchy quantile at its median). ∂x/∂s = x/s.
 *
 * <p>Mean and variance +∞ (the integrals diverge), entropy log(2πs), CDF (2/π)·atan(x/s).
 *
 * <blockquote>N. L. Johnson, S. Kotz and N. Balakrishnan, "Continuous Univariate Distributions", vol. 1, 2nd ed.,
 * Wiley 1994, chapter 16; A. Gelman, "Prior distributions for variance parameters in hierarchical models",
 * Bayesian Analysis 1(3), 2006 (its use as a scale prior).</blockquote>
 */
public final class HalfCauchy implements Distribution {
    private final Tensor scale;

    private HalfCauchy(Tensor scale) {
        this.scale = scale;
    }

    /** @throws IllegalArgumentException if a scale entry is not > 0 and finite */
    public static HalfCauchy of(Tensor scale) {
        Distributions.requirePositive("HalfCauchy", "scale", scale);
        return new HalfCauchy(scale);
    }

    /** Scalar scale. */
    public static HalfCauchy of(double scale) {
        return of(Tensor.scalar(scale));
    }

    /** s. */
    public Tensor scale() {
        return scale;
    }

    @Override
    public Shape batchShape() {
        return scale.shape();
    }

    @Override
    public Shape eventShape() {
        return Shape.SCALAR;
    }

    @Override
    public Constraint support() {
        return Constraints.POSITIVE;
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    @Override
    public boolean hasEntropy() {
        return true;
    }

    @Override
    public Tensor sample(RandomStream rng, Shape sampleShape) {
        return rsample(rng, sampleShape).detach();
    }

    @Override
    public Tensor rsample(RandomStream rng, Shape sampleShape) {
        Shape s = scale.shape().prepend(sampleShape);
        double[] t = new double[s.size()];
        for (int i = 0; i < t.length; i++) t[i] = Math.tan(0.5 * Math.PI * rng.nextOpenUnit());
        return scale.mul(Tensor.wrap(t, s));
    }

    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        return Distributions.maskOutside(this, value, org.elbo4j.tensor.FusedOps.halfCauchyLogProb(value, scale));
    }

    /** +∞: E|X| diverges. Shape batchShape. */
    @Override
    public Tensor mean() {
        return Tensor.full(Double.POSITIVE_INFINITY, scale.shape());
    }

    /** +∞. Shape batchShape. */
    @Override
    public Tensor variance() {
        return Tensor.full(Double.POSITIVE_INFINITY, scale.shape());
    }

    /** H = log(2πs). */
    @Override
    public Tensor entropy() {
        return scale.log().add(Math.log(2 * Math.PI));
    }

    @Override
    public Tensor cdf(Tensor value) {
        Distributions.checkValue(this, value);
        double[] c = new double[value.size()];
        Tensor z = value.div(scale).detach();
        for (int i = 0; i < c.length; i++) c[i] = z.at(i) <= 0 ? 0 : 2 / Math.PI * Math.atan(z.at(i));
        return Tensor.wrap(c, z.shape());
    }

    @Override
    public String toString() {
        return "HalfCauchy(scale=" + scale + ")";
    }
}
