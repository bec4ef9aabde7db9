package org.elbo4j.distributions;

import org.apache.commons.numbers.gamma.RegularizedGamma;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;
import org.elbo4j.transform.Constraints;

/**
 * The inverse-gamma distribution with shape {@code concentration} (often written α &gt; 0) and {@code rate}
 * (β &gt; 0; the rate of the gamma it inverts, a scale of this law), the law of 1/X for X ~ Gamma(α, β):
 * \[ p(y) = \frac{\beta^\alpha}{\Gamma(\alpha)}\, y^{-\alpha - 1} e^{-\beta / y}, \quad y &gt; 0. \]
 *
 * <p><b>Reparameterization (transformation of a gamma):</b> z = β/x with x ~ Gamma(α, 1) drawn by
 * Marsaglia–Tsang with the implicit gradient ∂x/∂α (see {@link Gamma}): ∂z/∂α = −(z/x)·∂x/∂α, ∂z/∂β = z/β.
 *
 * <p>Mean β/(α − 1) for α &gt; 1 (+∞ otherwise), variance β²/((α − 1)²(α − 2)) for α &gt; 2 (+∞ otherwise),
 * entropy α + log β + log Γ(α) − (1 + α)ψ(α), CDF Q(α, β/y) (the regularized upper incomplete gamma).
 * Draws overflow to +∞ where the gamma draw underflows (α ≪ 1; see {@link StandardGamma}).
 *
 * <blockquote>A. Gelman et al., "Bayesian Data Analysis", 3rd ed., CRC Press 2013, appendix A.<br>
 * M. Figurnov, S. Mohamed and A. Mnih, "Implicit Reparameterization Gradients", NeurIPS 2018.</blockquote>
 */
public final class InverseGamma implements Distribution {
    private final Tensor concentration, rate;
    private final Shape batch;

    private InverseGamma(Tensor concentration, Tensor rate) {
        this.concentration = concentration;
        this.rate = rate;
        this.batch = Distributions.batchShape("InverseGamma", concentration, rate);
    }

    /**
     * @param concentration α, any shape
     * @param rate          β, broadcasting against α
     * @throws IllegalArgumentException if an entry of either is not &gt; 0 and finite, or the shapes do not broadcast
     */
    public static InverseGamma of(Tensor concentration, Tensor rate) {
        Distributions.requirePositive("InverseGamma", "concentration", concentration);
        Distributions.requirePositive("InverseGamma", "rate", rate);
        return new InverseGamma(concentration, rate);
    }

    /** Scalar parameters. */
    public static InverseGamma of(double concentration, double rate) {
        return of(Tensor.scalar(concentration), Tensor.scalar(rate));
    }

    /** α. */
    public Tensor concentration() {
        return concentration;
    }

    /** β. */
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
        Shape s = batch.prepend(sampleShape);
        return rate.detach().div(StandardGamma.draws(rng, concentration.detach().broadcastTo(s)));
    }

    /**
     * z = β/x, x ~ Gamma(α, 1), with the implicit gradient in α.
     *
     * @return shape {@code sampleShape + batchShape}
     */
    @Override
    public Tensor rsample(RandomStream rng, Shape sampleShape) {
        Shape s = batch.prepend(sampleShape);
        return rate.div(StandardGamma.draws(rng, concentration.broadcastTo(s)));
    }

    /**
     * log p(y) = α log β − log Γ(α) − (α + 1) log y − β/y = log p_Gamma(1/y) − 2 log y (the gamma kernel of
     * {@link GammaKernels}, accurate for large α); −∞ for y ≤ 0.
     */
    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        return SupportGuard.logProb(
                this,
                value,
                Tensor.scalar(1),
                y -> GammaKernels.logDensity(y.reciprocal(), concentration, rate)
                        .sub(y.log().mul(2)));
    }

    /** β/(α − 1) where α &gt; 1, +∞ elsewhere (computed at a stand-in α there, so no NaN reaches a gradient). */
    @Override
    public Tensor mean() {
        Tensor ok = TensorFunctions.mask(concentration.detach(), a -> a > 1);
        Tensor m = rate.div(Tensor.where(ok, concentration, Tensor.scalar(2)).sub(1));
        return Tensor.where(ok, m, Tensor.scalar(Double.POSITIVE_INFINITY)).broadcastTo(batch);
    }

    /** β²/((α − 1)²(α − 2)) where α &gt; 2, +∞ elsewhere (computed at a stand-in α there). */
    @Override
    public Tensor variance() {
        Tensor ok = TensorFunctions.mask(concentration.detach(), a -> a > 2);
        Tensor a = Tensor.where(ok, concentration, Tensor.scalar(3));
        Tensor v = rate.square().div(a.sub(1).square().mul(a.sub(2)));
        return Tensor.where(ok, v, Tensor.scalar(Double.POSITIVE_INFINITY)).broadcastTo(batch);
    }

    /** H = α + log β + log Γ(α) − (1 + α)ψ(α). */
    @Override
    public Tensor entropy() {
        return concentration
                .add(rate.log())
                .add(concentration.lgamma())
                .sub(concentration.add(1).mul(concentration.digamma()))
                .broadcastTo(batch);
    }

    /** F(y) = Q(α, β/y) (Commons Numbers' regularized gamma); 0 for y ≤ 0. Not differentiable. */
    @Override
    public Tensor cdf(Tensor value) {
        Distributions.checkValue(this, value);
        Shape s = Shape.broadcast("InverseGamma.cdf", value.shape(), batch);
        Tensor v = value.detach().broadcastTo(s),
                a = concentration.detach().broadcastTo(s),
                b = rate.detach().broadcastTo(s);
        double[] c = new double[s.size()];
        for (int i = 0; i < c.length; i++)
            c[i] = v.at(i) <= 0 ? 0 : RegularizedGamma.Q.value(a.at(i), b.at(i) / v.at(i));
        return Tensor.wrap(c, s);
    }

    @Override
    public String toString() {
        return "InverseGamma(concentration=" + concentration + ", rate=" + rate + ")";
    }
}
