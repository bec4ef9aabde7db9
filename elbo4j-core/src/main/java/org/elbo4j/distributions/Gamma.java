package org.elbo4j.distributions;

import org.apache.commons.numbers.gamma.RegularizedGamma;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;
import org.elbo4j.transform.Constraints;

/**
 * The gamma distribution with shape {@code concentration} (often written α &gt; 0) and {@code rate} (β &gt; 0):
 * \[ p(x) = \frac{\beta^\alpha}{\Gamma(\alpha)}\, x^{\alpha - 1} e^{-\beta x}, \quad x &gt; 0. \]
 *
 * <p><b>Reparameterization (implicit, composition with a scaling):</b> z = x/β with x ~ Gamma(α, 1) drawn by
 * Marsaglia–Tsang (for α &lt; 1 boosted: G(α) = G(α + 1)·U^{1/α}). The draw has no differentiable path in α,
 * so ∂x/∂α comes from the CDF F(x; α) = P(α, x) (the regularized lower incomplete gamma) held fixed:
 * \[ \frac{\partial x}{\partial\alpha} = -\frac{\partial F/\partial\alpha}{\partial F/\partial x}, \qquad
 *    \frac{\partial z}{\partial\beta} = -\frac{z}{\beta}. \]
 * See {@link StandardGamma} (the sampler, the gradient and the underflow of draws for α ≪ 1). For integer α,
 * {@link IntegerShapeGamma} is the same law drawn as a sum of exponentials.
 *
 * <p>Mean α/β, variance α/β², entropy α − log β + log Γ(α) + (1 − α)ψ(α), CDF P(α, βx).
 *
 * <blockquote>G. Marsaglia and W. W. Tsang, "A simple method for generating gamma variables", ACM Transactions on
 * Mathematical Software 26(3), 2000.<br>
 * M. Figurnov, S. Mohamed and A. Mnih, "Implicit Reparameterization Gradients", NeurIPS 2018.</blockquote>
 */
public final class Gamma implements Distribution {
    private final Tensor concentration, rate;
    private final Shape batch;

    private Gamma(Tensor concentration, Tensor rate) {
        this.concentration = concentration;
        this.rate = rate;
        this.batch = Distributions.batchShape("Gamma", concentration, rate);
    }

    /**
     * @param concentration α, any shape
     * @param rate          β, broadcasting against α
     * @throws IllegalArgumentException if a concentration or rate entry is not &gt; 0 and finite, or the shapes do
     *                                  not broadcast
     */
    public static Gamma of(Tensor concentration, Tensor rate) {
        Distributions.requirePositive("Gamma", "concentration", concentration);
        Distributions.requirePositive("Gamma", "rate", rate);
        return new Gamma(concentration, rate);
    }

    /** Scalar parameters. */
    public static Gamma of(double concentration, double rate) {
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

    /** One draw of Gamma(a, 1) (Marsaglia–Tsang; for a &lt; 1, G(a) = G(a + 1)·U^{1/a}); see {@link StandardGamma}. */
    static double standardGamma(RandomStream rng, double a) {
        return StandardGamma.draw(rng, a);
    }

    /** Draws as {@link #rsample}, never recorded (the parameters are detached). */
    @Override
    public Tensor sample(RandomStream rng, Shape sampleShape) {
        Shape s = batch.prepend(sampleShape);
        return StandardGamma.draws(rng, concentration.detach().broadcastTo(s)).div(rate.detach());
    }

    /**
     * z = x/β with x ~ Gamma(α, 1) by Marsaglia–Tsang, recorded with the implicit gradient ∂x/∂α; ∂z/∂β = −z/β
     * by the division.
     *
     * @return shape {@code sampleShape + batchShape}; entries ≥ 2.2e−308/β (see {@link StandardGamma} on underflow)
     */
    @Override
    public Tensor rsample(RandomStream rng, Shape sampleShape) {
        Shape s = batch.prepend(sampleShape);
        return StandardGamma.draws(rng, concentration.broadcastTo(s)).div(rate);
    }

    /**
     * log p(x) = α log β − log Γ(α) + (α − 1) log x − βx (for α ≥ 10 in Stirling's form, accurate near the mode;
     * see {@link GammaKernels}); −∞ for x ≤ 0.
     */
    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        return SupportGuard.logProb(
                this, value, Tensor.scalar(1), x -> GammaKernels.logDensity(x, concentration, rate));
    }

    @Override
    public Tensor mean() {
        return concentration.div(rate).broadcastTo(batch);
    }

    @Override
    public Tensor variance() {
        return concentration.div(rate.square()).broadcastTo(batch);
    }

    /** H = α − log β + log Γ(α) + (1 − α)ψ(α). */
    @Override
    public Tensor entropy() {
        return concentration
                .sub(rate.log())
                .add(concentration.lgamma())
                .add(concentration.rsub(1).mul(concentration.digamma()))
                .broadcastTo(batch);
    }

    /** F(x) = P(α, βx) (Commons Numbers' regularized gamma); 0 for x ≤ 0. Not differentiable. */
    @Override
    public Tensor cdf(Tensor value) {
        Distributions.checkValue(this, value);
        Shape s = Shape.broadcast("Gamma.cdf", value.shape(), batch);
        Tensor v = value.detach().broadcastTo(s),
                a = concentration.detach().broadcastTo(s),
                b = rate.detach().broadcastTo(s);
        double[] c = new double[s.size()];
        for (int i = 0; i < c.length; i++)
            c[i] = v.at(i) <= 0 ? 0 : RegularizedGamma.P.value(a.at(i), b.at(i) * v.at(i));
        return Tensor.wrap(c, s);
    }

    @Override
    public String toString() {
        return "Gamma(concentration=" + concentration + ", rate=" + rate + ")";
    }
}
