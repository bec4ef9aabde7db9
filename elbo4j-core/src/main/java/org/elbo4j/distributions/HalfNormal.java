package org.elbo4j.distributions;

import org.elbo4j.math.Special;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.FusedOps;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;
import org.elbo4j.transform.Constraints;

/**
 * The half-normal distribution with {@code scale} (often written σ &gt; 0), the law of |X| for X ~ N(0, σ²):
 * \[ p(x) = \frac{\sqrt{2}}{\sigma\sqrt{\pi}} \exp\!\left(-\frac{x^2}{2\sigma^2}\right), \quad x > 0. \]
 *
 * <p><b>Reparameterization (transformation of a normal):</b> z = σ·|ε|, ε ~ N(0, 1); ∂z/∂σ = |ε| = z/σ.
 *
 * <p>Mean σ√(2/π), variance σ²(1 − 2/π), entropy ½ log(πσ²/2) + ½, CDF erf(x/(σ√2)).
 *
 * <blockquote>N. L. Johnson, S. Kotz and N. Balakrishnan, "Continuous Univariate Distributions", vol. 1, 2nd ed.,
 * Wiley 1994, chapter 13, section 10.3.</blockquote>
 */
public final class HalfNormal implements Distribution {
    private static final double LOG_2 = Math.log(2);

    private final Tensor scale;

    private HalfNormal(Tensor scale) {
        this.scale = scale;
    }

    /**
     * @param scale σ, any shape
     * @throws IllegalArgumentException if a scale entry is not &gt; 0 and finite
     */
    public static HalfNormal of(Tensor scale) {
        Distributions.requirePositive("HalfNormal", "scale", scale);
        return new HalfNormal(scale);
    }

    /** Scalar scale. */
    public static HalfNormal of(double scale) {
        return of(Tensor.scalar(scale));
    }

    /** σ. */
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
    /** (0, ∞), as {@link HalfCauchy}'s (x = 0 has probability 0; the open support maps by exp to the reals). */
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
     * z = σ·|ε|.
     *
     * @return shape {@code sampleShape + batchShape}
     */
    @Override
    public Tensor rsample(RandomStream rng, Shape sampleShape) {
        Shape s = scale.shape().prepend(sampleShape);
        double[] e = new double[s.size()];
        rng.fillGaussian(e, 0, e.length);
        for (int i = 0; i < e.length; i++) e[i] = Math.abs(e[i]);
        return scale.mul(Tensor.wrap(e, s));
    }

    /** log p(x) = log 2 + log N(x; 0, σ); −∞ for x ≤ 0. */
    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        return SupportGuard.logProb(
                this,
                value,
                Tensor.scalar(1),
                x -> FusedOps.normalLogProb(x, Tensor.scalar(0), scale).add(LOG_2));
    }

    @Override
    public Tensor mean() {
        return scale.mul(Math.sqrt(2 / Math.PI));
    }

    @Override
    public Tensor variance() {
        return scale.square().mul(1 - 2 / Math.PI);
    }

    /** H = ½ log(πσ²/2) + ½ = log σ + ½ log(π/2) + ½. */
    @Override
    public Tensor entropy() {
        return scale.log().add(0.5 * Math.log(Math.PI / 2) + 0.5);
    }

    /** F(x) = erf(x/(σ√2)); 0 for x ≤ 0. Not differentiable. */
    @Override
    public Tensor cdf(Tensor value) {
        Distributions.checkValue(this, value);
        Tensor z = value.detach().div(scale.detach().mul(Math.sqrt(2)));
        double[] c = new double[z.size()];
        for (int i = 0; i < c.length; i++) c[i] = z.at(i) <= 0 ? 0 : Special.erf(z.at(i));
        return Tensor.wrap(c, z.shape());
    }

    @Override
    public String toString() {
        return "HalfNormal(scale=" + scale + ")";
    }
}
