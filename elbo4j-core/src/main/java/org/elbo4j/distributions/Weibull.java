package org.elbo4j.distributions;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;
import org.elbo4j.transform.Constraints;

/**
 * The Weibull distribution with scale {@code scale} (often written λ > 0) and shape {@code concentration}
 * (k > 0):
 * \[ p(x) = \frac{k}{\lambda}\left(\frac{x}{\lambda}\right)^{k-1} e^{-(x/\lambda)^k}, \quad x > 0. \]
 *
 * <p><b>Reparameterization (inverse CDF):</b> z = λ·(−log u)^{1/k}, u ~ U(0, 1) open (F(x) = 1 − e^{−(x/λ)^k},
 * with u in place of 1 − F, equal in law), differentiable in λ and k.
 *
 * <p>Mean λΓ(1 + 1/k), variance λ²(Γ(1 + 2/k) − Γ(1 + 1/k)²), entropy γ(1 − 1/k) + log(λ/k) + 1
 * (γ: Euler's constant).
 *
 * <blockquote>N. L. Johnson, S. Kotz and N. Balakrishnan, "Continuous Univariate Distributions", vol. 1,
 * 2nd ed., Wiley, 1994, chapter 21.</blockquote>
 */
public final class Weibull implements Distribution {
    private final Tensor scale, concentration;
    private final Shape batch;

    private Weibull(Tensor scale, Tensor concentration) {
        this.scale = scale;
        this.concentration = concentration;
        this.batch = Distributions.batchShape("Weibull", scale, concentration);
    }

    /**
     * @param scale         λ, any shape
     * @param concentration k, broadcasting against {@code scale}
     * @throws IllegalArgumentException if an entry of either is not > 0 and finite
     */
    public static Weibull of(Tensor scale, Tensor concentration) {
        Distributions.requirePositive("Weibull", "scale", scale);
        Distributions.requirePositive("Weibull", "concentration", concentration);
        return new Weibull(scale, concentration);
    }

    /** Scalar parameters. */
    public static Weibull of(double scale, double concentration) {
        return of(Tensor.scalar(scale), Tensor.scalar(concentration));
    }

    /** λ. */
    public Tensor scale() {
        return scale;
    }

    /** k. */
    public Tensor concentration() {
        return concentration;
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

    @Override
    public Tensor rsample(RandomStream rng, Shape sampleShape) {
        Tensor e = Draws.openUnit(rng, batch.prepend(sampleShape)).log().neg(); // E ~ Exp(1), > 0
        // λ·E^{1/k} = λ·exp(log E / k): pow with a tensor exponent, differentiable in k
        return scale.mul(e.log().div(concentration).exp());
    }

    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        Tensor logRatio = value.div(scale).log(); // log(x/λ)
        Tensor lp = concentration
                .log()
                .sub(scale.log())
                .add(concentration.sub(1).mul(logRatio))
                .sub(logRatio.mul(concentration).exp());
        return Distributions.maskOutside(this, value, lp);
    }

    @Override
    public Tensor mean() {
        return scale.mul(concentration.reciprocal().add(1).lgamma().exp()).broadcastTo(batch);
    }

    @Override
    public Tensor variance() {
        Tensor g1 = concentration.reciprocal().add(1).lgamma().exp();
        Tensor g2 = concentration.reciprocal().mul(2).add(1).lgamma().exp();
        return scale.square().mul(g2.sub(g1.square())).broadcastTo(batch);
    }

    @Override
    public Tensor entropy() {
        return concentration
                .reciprocal()
                .rsub(1)
                .mul(Gumbel.EULER_GAMMA)
                .add(scale.div(concentration).log())
                .add(1)
                .broadcastTo(batch);
    }

    @Override
    public Tensor cdf(Tensor value) {
        Distributions.checkValue(this, value);
        Tensor x = value.clamp(0, Double.POSITIVE_INFINITY);
        return x.div(scale).log().mul(concentration).exp().neg().expm1().neg();
    }

    @Override
    public String toString() {
        return "Weibull(scale=" + scale + ", concentration=" + concentration + ")";
    }
}
