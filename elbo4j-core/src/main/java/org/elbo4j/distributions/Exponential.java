package org.elbo4j.distributions;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;
import org.elbo4j.transform.Constraints;

/**
 * The exponential distribution with rate {@code rate} (often written λ > 0):
 * \[ p(x) = \lambda e^{-\lambda x}, \quad x \ge 0. \]
 *
 * <p><b>Reparameterization (inverse CDF):</b> z = −log(u)/λ, u ~ U(0, 1) open. F⁻¹(v) = −log(1 − v)/λ, and
 * u and 1 − u are equal in law; we use −log u because computing log u directly keeps full relative precision
 * where u is near 0 (the right tail: 1 − u would round to 1 below 2^−53 and cut the tail off), and the open
 * interval keeps z finite and > 0. ∂z/∂λ = −z/λ.
 *
 * <p>Mean 1/λ, variance 1/λ², entropy 1 − log λ, CDF 1 − e^{−λx}.
 *
 * <blockquote>D. P. Kingma and M. Welling, "Auto-Encoding Variational Bayes", ICLR 2014, section 2.4
 * (the inverse-CDF route).</blockquote>
 */
public final class Exponential implements Distribution {
    private final Tensor rate;
    private final Shape batch;

    private Exponential(Tensor rate) {
        this.rate = rate;
        this.batch = rate.shape();
    }

    /**
     * @param rate λ, any shape
     * @throws IllegalArgumentException if a rate entry is not > 0 and finite
     */
    public static Exponential of(Tensor rate) {
        Distributions.requirePositive("Exponential", "rate", rate);
        return new Exponential(rate);
    }

    /** Scalar rate. */
    public static Exponential of(double rate) {
        return of(Tensor.scalar(rate));
    }

    /** λ. */
    public Tensor rate() {
        return rate;
    }

    @Override
    public Shape batchShape() {
        return batch;
    }

    @Override
    public Shape eventShape() {
        return Shape.SCALAR;
    }
    /** [0, ∞). */
    @Override
    public Constraint support() {
        return Constraints.NON_NEGATIVE;
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
        Tensor u = Draws.openUnit(rng, batch.prepend(sampleShape));
        return u.log().neg().div(rate);
    }

    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        return Distributions.maskOutside(this, value, rate.log().sub(rate.mul(value)));
    }

    @Override
    public Tensor mean() {
        return rate.reciprocal();
    }

    @Override
    public Tensor variance() {
        return rate.square().reciprocal();
    }

    @Override
    public Tensor entropy() {
        return rate.log().rsub(1);
    }

    @Override
    public Tensor cdf(Tensor value) {
        Distributions.checkValue(this, value);
        return rate.mul(value.clamp(0, Double.POSITIVE_INFINITY)).neg().expm1().neg();
    }

    @Override
    public String toString() {
        return "Exponential(rate=" + rate + ")";
    }
}
