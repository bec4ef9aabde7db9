package org.elbo4j.distributions;

import org.apache.commons.numbers.gamma.RegularizedBeta;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;
import org.elbo4j.transform.Constraints;

/**
 * The beta distribution with {@code concentration1} (often written α &gt; 0) and {@code concentration0}
 * (β &gt; 0):
 * \[ p(x) = \frac{x^{\alpha - 1}(1 - x)^{\beta - 1}}{B(\alpha, \beta)}, \quad 0 \le x \le 1 \]
 * (0 and 1 are in the support; the density there is +∞, finite or 0 as α, β are &lt;, = or &gt; 1).
 *
 * <p><b>Reparameterization (composition of gammas):</b> with X ~ Gamma(α, 1) and Y ~ Gamma(β, 1) independent,
 * \[ z = \frac{X}{X + Y} = \sigma(\log X - \log Y) \sim \mathrm{Beta}(\alpha, \beta). \]
 * X and Y carry the implicit gradients ∂X/∂α and ∂Y/∂β of {@link StandardGamma} (Figurnov et al. 2018), so
 * ∂z/∂α = z(1 − z)·∂log X/∂α and ∂z/∂β = −z(1 − z)·∂log Y/∂β. The draws are taken in log space and
 * combined by the logistic function σ, so small concentrations (whose gamma draws underflow) stay exact.
 * A double cannot come closer to 1 than 1 − 2⁻⁵³, nor (normally) to 0 than 2⁻¹⁰²²: draws are clamped to
 * [{@value #LOWEST}, 1 − 2⁻⁵³] (as PyTorch's {@code clamp_probs}), where log z and log(1 − z), and so the log
 * density and its score, are finite. This moves mass only for small concentrations: about 6e−4 of
 * Beta(0.1, 0.2)'s draws lie within 1e−16 of 1; the clamped entries get no pathwise gradient.
 *
 * <p>Mean α/(α + β), variance αβ/((α + β)²(α + β + 1)), entropy
 * log B(α, β) − (α − 1)ψ(α) − (β − 1)ψ(β) + (α + β − 2)ψ(α + β), CDF I_x(α, β) (the regularized incomplete
 * beta function).
 *
 * <blockquote>M. Figurnov, S. Mohamed and A. Mnih, "Implicit Reparameterization Gradients", NeurIPS 2018,
 * section 3 (Beta and Dirichlet from gammas).<br>
 * L. Devroye, "Non-Uniform Random Variate Generation", Springer 1986, section IX.4.</blockquote>
 */
public final class Beta implements Distribution {
    /** The smallest normal double, the lower clamp of a draw. */
    static final double LOWEST = Double.MIN_NORMAL;
    /** 1 − 2⁻⁵³, the largest double below 1, the upper clamp of a draw. */
    static final double HIGHEST = 1 - 0x1.0p-53;

    private final Tensor concentration1, concentration0;
    private final Shape batch;

    private Beta(Tensor concentration1, Tensor concentration0) {
        this.concentration1 = concentration1;
        this.concentration0 = concentration0;
        this.batch = Distributions.batchShape("Beta", concentration1, concentration0);
    }

    /**
     * @param concentration1 α, any shape
     * @param concentration0 β, broadcasting against α
     * @throws IllegalArgumentException if an entry of either is not &gt; 0 and finite, or the shapes do not broadcast
     */
    public static Beta of(Tensor concentration1, Tensor concentration0) {
        Distributions.requirePositive("Beta", "concentration1", concentration1);
        Distributions.requirePositive("Beta", "concentration0", concentration0);
        return new Beta(concentration1, concentration0);
    }

    /** Scalar parameters. */
    public static Beta of(double concentration1, double concentration0) {
        return of(Tensor.scalar(concentration1), Tensor.scalar(concentration0));
    }

    /** α. */
    public Tensor concentration1() {
        return concentration1;
    }

    /** β. */
    public Tensor concentration0() {
        return concentration0;
    }

    @Override
    public Shape batchShape() {
        return batch;
    }

    @Override
    public Shape eventShape() {
        return Shape.SCALAR;
    }
    /** [0, 1]. */
    @Override
    public Constraint support() {
        return Constraints.UNIT_INTERVAL;
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
        return draw(rng, sampleShape, concentration1.detach(), concentration0.detach());
    }

    /**
     * z = σ(log X − log Y), X ~ Gamma(α, 1), Y ~ Gamma(β, 1), with implicit gradients; clamped to
     * [2⁻¹⁰²², 1 − 2⁻⁵³].
     *
     * @return shape {@code sampleShape + batchShape}
     */
    @Override
    public Tensor rsample(RandomStream rng, Shape sampleShape) {
        return draw(rng, sampleShape, concentration1, concentration0);
    }

    private Tensor draw(RandomStream rng, Shape sampleShape, Tensor a, Tensor b) {
        Shape s = batch.prepend(sampleShape);
        Tensor logX = StandardGamma.logDraws(rng, a.broadcastTo(s));
        Tensor logY = StandardGamma.logDraws(rng, b.broadcastTo(s));
        return logX.sub(logY).sigmoid().clamp(LOWEST, HIGHEST);
    }

    /** log p(x) = (α − 1) log x + (β − 1) log(1 − x) − log B(α, β), with 0·log 0 = 0; −∞ outside [0, 1]. */
    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        return SupportGuard.logProb(
                this,
                value,
                Tensor.scalar(0.5),
                x -> TensorFunctions.xlogy(concentration1.sub(1), x)
                        .add(TensorFunctions.xlog1py(concentration0.sub(1), x.neg()))
                        .sub(TensorFunctions.logBeta(concentration1, concentration0)));
    }

    @Override
    public Tensor mean() {
        return concentration1.div(concentration1.add(concentration0)).broadcastTo(batch);
    }

    @Override
    public Tensor variance() {
        Tensor total = concentration1.add(concentration0);
        return concentration1
                .mul(concentration0)
                .div(total.square().mul(total.add(1)))
                .broadcastTo(batch);
    }

    /** H = log B(α, β) − (α − 1)ψ(α) − (β − 1)ψ(β) + (α + β − 2)ψ(α + β). */
    @Override
    public Tensor entropy() {
        Tensor a = concentration1, b = concentration0, total = a.add(b);
        return TensorFunctions.logBeta(a, b)
                .sub(a.sub(1).mul(a.digamma()))
                .sub(b.sub(1).mul(b.digamma()))
                .add(total.sub(2).mul(total.digamma()))
                .broadcastTo(batch);
    }

    /** F(x) = I_x(α, β) (Commons Numbers' regularized beta), clamped to 0 below 0 and 1 above 1. Not differentiable. */
    @Override
    public Tensor cdf(Tensor value) {
        Distributions.checkValue(this, value);
        Shape s = Shape.broadcast("Beta.cdf", value.shape(), batch);
        Tensor v = value.detach().broadcastTo(s), a = concentration1.detach().broadcastTo(s);
        Tensor b = concentration0.detach().broadcastTo(s);
        double[] c = new double[s.size()];
        for (int i = 0; i < c.length; i++) {
            double x = v.at(i);
            c[i] = x <= 0 ? 0 : x >= 1 ? 1 : RegularizedBeta.value(x, a.at(i), b.at(i));
        }
        return Tensor.wrap(c, s);
    }

    @Override
    public String toString() {
        return "Beta(concentration1=" + concentration1 + ", concentration0=" + concentration0 + ")";
    }
}
