package org.elbo4j.distributions;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.FusedOps;
import org.elbo4j.tensor.Tensor;

/**
 * The normal distribution with location {@code loc} (often written μ) and scale {@code scale} (σ > 0):
 * \[ p(x) = \frac{1}{\sigma\sqrt{2\pi}} \exp\!\left(-\frac{(x-\mu)^2}{2\sigma^2}\right), \quad x \in \mathbb{R}. \]
 *
 * <p><b>Reparameterization (location–scale):</b> z = μ + σ·ε, ε ~ N(0, 1).
 *
 * <p>Mean μ, variance σ², entropy ½·log(2πeσ²).
 *
 * <blockquote>D. P. Kingma and M. Welling, "Auto-Encoding Variational Bayes", ICLR 2014, section 2.4.</blockquote>
 */
public final class Normal extends LocationScale {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private Normal(Tensor loc, Tensor scale) {
        super("Normal", loc, scale);
    }

    /**
     * @param loc   μ, any shape
     * @param scale σ, broadcasting against {@code loc}
     * @throws IllegalArgumentException if a scale entry is not > 0 or a loc entry is not finite
     */
    public static Normal of(Tensor loc, Tensor scale) {
        validate("Normal", loc, scale);
        return new Normal(loc, scale);
    }

    /** Scalar parameters. */
    public static Normal of(double loc, double scale) {
        return of(Tensor.scalar(loc), Tensor.scalar(scale));
    }

    /** N(0, 1) with batch shape {@code dims}. */
    public static Normal standard(int... dims) {
        return new Normal(Tensor.zeros(dims), Tensor.ones(dims));
    }

    @Override
    void standard(RandomStream rng, double[] eps) {
        rng.fillGaussian(eps, 0, eps.length);
    }

    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        return FusedOps.normalLogProb(value, loc, scale);
    }

    /** Σ log N(value; μ, σ) as one fused node ({@link FusedOps#normalLogProbSum}) when no general broadcasting is needed. */
    @Override
    public Tensor logProbSum(Tensor value) {
        Distributions.checkValue(this, value);
        Tensor s = FusedOps.normalLogProbSum(value, loc, scale);
        return s != null ? s : FusedOps.normalLogProb(value, loc, scale).sum();
    }

    @Override
    public Tensor mean() {
        return loc.broadcastTo(batch);
    }

    @Override
    public Tensor variance() {
        return scale.square().broadcastTo(batch);
    }

    @Override
    public Tensor entropy() {
        return scale.log().add(0.5 + HALF_LOG_2PI).broadcastTo(batch);
    }

    /** Σ over the batch of log σ + ½ + ½ log 2π, one node ({@link FusedOps#normalEntropySum}). */
    @Override
    public Tensor entropySum() {
        return FusedOps.normalEntropySum(scale, batch.size());
    }

    @Override
    public Tensor cdf(Tensor value) {
        Distributions.checkValue(this, value);
        Tensor z = value.sub(loc).div(scale);
        return TensorFunctions.normalCdf(z);
    }

    @Override
    public String toString() {
        return "Normal(loc=" + loc + ", scale=" + scale + ")";
    }
}
