package org.elbo4j.distributions;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.FusedOps;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;
import org.elbo4j.transform.Constraints;

/**
 * The log-normal distribution, the law of exp(X) for X ~ N(loc, scale²), with {@code loc} (often written μ) and
 * {@code scale} (σ &gt; 0) the mean and standard deviation of log Y:
 * \[ p(y) = \frac{1}{y\,\sigma\sqrt{2\pi}} \exp\!\left(-\frac{(\log y - \mu)^2}{2\sigma^2}\right), \quad y &gt; 0. \]
 *
 * <p><b>Reparameterization (transformation of a normal):</b> z = exp(μ + σ·ε), ε ~ N(0, 1); ∂z/∂μ = z,
 * ∂z/∂σ = z·ε. The same law as {@code TransformedDistribution.of(Normal.of(μ, σ), ExpTransform.INSTANCE)}, with the
 * moments, entropy and CDF in closed form.
 *
 * <p>Mean exp(μ + σ²/2), variance (exp(σ²) − 1)·exp(2μ + σ²), entropy μ + ½ + log(σ√(2π)),
 * CDF Φ((log y − μ)/σ).
 *
 * <blockquote>N. L. Johnson, S. Kotz and N. Balakrishnan, "Continuous Univariate Distributions", vol. 1, 2nd ed.,
 * Wiley 1994, chapter 14.</blockquote>
 */
public final class LogNormal implements Distribution {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private final Tensor loc, scale;
    private final Shape batch;

    private LogNormal(Tensor loc, Tensor scale) {
        this.loc = loc;
        this.scale = scale;
        this.batch = Distributions.batchShape("LogNormal", loc, scale);
    }

    /**
     * @param loc   μ, any shape
     * @param scale σ, broadcasting against μ
     * @throws IllegalArgumentException if a loc entry is not finite, a scale entry is not &gt; 0 and finite, or the
     *                                  shapes do not broadcast
     */
    public static LogNormal of(Tensor loc, Tensor scale) {
        Distributions.requireFinite("LogNormal", "loc", loc);
        Distributions.requirePositive("LogNormal", "scale", scale);
        return new LogNormal(loc, scale);
    }

    /** Scalar parameters. */
    public static LogNormal of(double loc, double scale) {
        return of(Tensor.scalar(loc), Tensor.scalar(scale));
    }

    /** μ. */
    public Tensor loc() {
        return loc;
    }

    /** σ. */
    public Tensor scale() {
        return scale;
    }

    @Override
    public Shape batchShape() {
        return batch;
    }

    @Override
    public Shape eventShape() {
        return Shape.SCALAR;
    }
    /** (0, ∞). */
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

    /**
     * z = exp(μ + σ·ε).
     *
     * @return shape {@code sampleShape + batchShape}
     */
    @Override
    public Tensor rsample(RandomStream rng, Shape sampleShape) {
        Shape s = batch.prepend(sampleShape);
        double[] eps = new double[s.size()];
        rng.fillGaussian(eps, 0, eps.length);
        return FusedOps.locScale(loc, scale, eps, s).exp();
    }

    /** log p(y) = log N(log y; μ, σ) − log y; −∞ for y ≤ 0. */
    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        return SupportGuard.logProb(this, value, Tensor.scalar(1), y -> {
            Tensor logY = y.log();
            return FusedOps.normalLogProb(logY, loc, scale).sub(logY);
        });
    }

    @Override
    public Tensor mean() {
        return loc.add(scale.square().mul(0.5)).exp().broadcastTo(batch);
    }

    @Override
    public Tensor variance() {
        Tensor var = scale.square();
        return var.expm1().mul(loc.mul(2).add(var).exp()).broadcastTo(batch);
    }

    /** H = μ + ½ + log σ + ½ log(2π). */
    @Override
    public Tensor entropy() {
        return loc.add(scale.log()).add(0.5 + HALF_LOG_2PI).broadcastTo(batch);
    }

    /** F(y) = Φ((log y − μ)/σ); 0 for y ≤ 0. */
    @Override
    public Tensor cdf(Tensor value) {
        Distributions.checkValue(this, value);
        return TensorFunctions.normalCdf(
                value.clamp(0, Double.POSITIVE_INFINITY).log().sub(loc).div(scale));
    }

    @Override
    public String toString() {
        return "LogNormal(loc=" + loc + ", scale=" + scale + ")";
    }
}
