package org.elbo4j.distributions;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;

/**
 * The chi-squared distribution with {@code df} degrees of freedom (often written k &gt; 0, not necessarily an
 * integer), the Gamma(k/2, ½) law:
 * \[ p(x) = \frac{x^{k/2 - 1} e^{-x/2}}{2^{k/2}\,\Gamma(k/2)}, \quad x &gt; 0. \]
 *
 * <p><b>Reparameterization (a special gamma):</b> z = 2x with x ~ Gamma(k/2, 1) by Marsaglia–Tsang, and the
 * implicit gradient ∂z/∂k = ∂x/∂α at α = k/2 (the chain rule gives 2·½); see {@link Gamma}.
 *
 * <p>Mean k, variance 2k, entropy and CDF those of Gamma(k/2, ½) (CDF P(k/2, x/2)).
 *
 * <blockquote>M. Figurnov, S. Mohamed and A. Mnih, "Implicit Reparameterization Gradients", NeurIPS 2018.</blockquote>
 */
public final class ChiSquared implements Distribution {
    private final Tensor df;
    private final Gamma law;

    private ChiSquared(Tensor df) {
        this.df = df;
        this.law = Gamma.of(df.mul(0.5), Tensor.scalar(0.5));
    }

    /**
     * @param df k, any shape
     * @throws IllegalArgumentException if a df entry is not &gt; 0 and finite
     */
    public static ChiSquared of(Tensor df) {
        Distributions.requirePositive("ChiSquared", "df", df);
        return new ChiSquared(df);
    }

    /** Scalar df. */
    public static ChiSquared of(double df) {
        return of(Tensor.scalar(df));
    }

    /** k. */
    public Tensor df() {
        return df;
    }

    /** The same law as a {@link Gamma}(k/2, ½). */
    public Gamma asGamma() {
        return law;
    }

    @Override
    public Shape batchShape() {
        return df.shape();
    }

    @Override
    public Shape eventShape() {
        return Shape.SCALAR;
    }

    @Override
    public Constraint support() {
        return law.support();
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
        return law.sample(rng, sampleShape);
    }

    /** @return shape {@code sampleShape + batchShape} */
    @Override
    public Tensor rsample(RandomStream rng, Shape sampleShape) {
        return law.rsample(rng, sampleShape);
    }

    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        return law.logProb(value);
    }

    @Override
    public Tensor mean() {
        return df;
    }

    @Override
    public Tensor variance() {
        return df.mul(2);
    }

    @Override
    public Tensor entropy() {
        return law.entropy();
    }

    @Override
    public Tensor cdf(Tensor value) {
        Distributions.checkValue(this, value);
        return law.cdf(value);
    }

    @Override
    public String toString() {
        return "ChiSquared(df=" + df + ")";
    }
}
