package org.elbo4j.distributions;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;

/**
 * The gamma distribution with a positive integer shape {@code concentration} (often written n) and {@code rate}
 * (β &gt; 0), drawn as a sum of n exponentials — the Erlang distribution:
 * \[ p(x) = \frac{\beta^n}{(n - 1)!}\, x^{n - 1} e^{-\beta x}, \quad x &gt; 0. \]
 *
 * <p><b>Reparameterization (composition):</b> if E₁, …, Eₙ ~ Exp(1) are independent, then
 * \[ z = \frac{1}{\beta}\sum_{i=1}^{n} E_i = -\frac{1}{\beta}\sum_{i=1}^{n} \log u_i, \qquad u_i \sim U(0, 1), \]
 * has law Gamma(n, β). The path is differentiable in β (∂z/∂β = −z/β) but not in the integer n: the shape is a
 * constant here, and {@code rsample} gives no gradient to it. This is the seed's route; {@link Gamma} reaches every
 * α &gt; 0 (with implicit gradients in α) and has the same law at integer α. A draw costs n uniforms and
 * logarithms, so this sampler suits small n.
 *
 * <p>Mean n/β, variance n/β², entropy, CDF and log density as {@link Gamma}'s (this class delegates them).
 *
 * <blockquote>D. P. Kingma and M. Welling, "Auto-Encoding Variational Bayes", ICLR 2014, section 2.4 (the
 * composition route: "a Gamma variable as a sum of exponentially distributed variables").<br>
 * L. Devroye, "Non-Uniform Random Variate Generation", Springer 1986, section IX.3.</blockquote>
 */
public final class IntegerShapeGamma implements Distribution {
    private final Tensor concentration, rate;
    private final Gamma law;

    private IntegerShapeGamma(Tensor concentration, Tensor rate) {
        this.concentration = concentration;
        this.rate = rate;
        this.law = Gamma.of(concentration, rate);
    }

    /**
     * @param concentration n, positive integers (as doubles), any shape; held constant (no gradient)
     * @param rate          β, broadcasting against n
     * @throws IllegalArgumentException if a concentration entry is not a positive integer below 2³¹, a rate entry
     *                                  is not &gt; 0 and finite, or the shapes do not broadcast
     */
    public static IntegerShapeGamma of(Tensor concentration, Tensor rate) {
        for (int i = 0; i < concentration.size(); i++) {
            double n = concentration.at(i);
            if (!(n >= 1 && n == Math.rint(n) && n <= Integer.MAX_VALUE)) {
                throw new IllegalArgumentException(
                        "IntegerShapeGamma: concentration must be a positive integer, got " + n
                                + (concentration.size() == 1
                                        ? ""
                                        : " (at flat index " + i + " of shape " + concentration.shape() + ")"));
            }
        }
        Distributions.requirePositive("IntegerShapeGamma", "rate", rate);
        Distributions.batchShape("IntegerShapeGamma", concentration, rate);
        return new IntegerShapeGamma(concentration.detach(), rate);
    }

    /** Scalar parameters. */
    public static IntegerShapeGamma of(int concentration, double rate) {
        return of(Tensor.scalar(concentration), Tensor.scalar(rate));
    }

    /** n (a constant tensor). */
    public Tensor concentration() {
        return concentration;
    }

    /** β. */
    public Tensor rate() {
        return rate;
    }

    /** The same law as a {@link Gamma} (sampled by Marsaglia–Tsang). */
    public Gamma asGamma() {
        return law;
    }

    @Override
    public Shape batchShape() {
        return law.batchShape();
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
        return sumOfExponentials(rng, sampleShape).div(rate.detach());
    }

    /**
     * z = −Σᵢ log uᵢ / β; differentiable in β only.
     *
     * @return shape {@code sampleShape + batchShape}
     */
    @Override
    public Tensor rsample(RandomStream rng, Shape sampleShape) {
        return sumOfExponentials(rng, sampleShape).div(rate);
    }

    /** E = −Σᵢ₌₁ⁿ log uᵢ per entry, a constant tensor of shape sampleShape + batchShape. */
    private Tensor sumOfExponentials(RandomStream rng, Shape sampleShape) {
        Shape s = batchShape().prepend(sampleShape);
        Tensor n = concentration.broadcastTo(s);
        double[] e = new double[s.size()];
        for (int i = 0; i < e.length; i++) {
            int k = (int) n.at(i);
            double sum = 0;
            for (int j = 0; j < k; j++) sum -= Math.log(rng.nextOpenUnit());
            e[i] = sum;
        }
        return Tensor.wrap(e, s);
    }

    /** As {@link Gamma#logProb}: differentiable in β (and formally in n, whose gradient has no use here). */
    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        return law.logProb(value);
    }

    @Override
    public Tensor mean() {
        return law.mean();
    }

    @Override
    public Tensor variance() {
        return law.variance();
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
        return "IntegerShapeGamma(concentration=" + concentration + ", rate=" + rate + ")";
    }
}
