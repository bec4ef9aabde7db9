package org.elbo4j.distributions;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;

/**
 * The Pareto (type I) distribution with scale {@code scale} (often written x_m > 0, the lower end of the
 * support) and shape {@code alpha} (α > 0):
 * \[ p(x) = \frac{\alpha\, x_m^{\alpha}}{x^{\alpha+1}}, \quad x \ge x_m. \]
 *
 * <p><b>Reparameterization (inverse CDF):</b> z = x_m·u^{−1/α}, u ~ U(0, 1) open (F(x) = 1 − (x_m/x)^α, with u
 * in place of 1 − F, equal in law), differentiable in x_m and α. The support moves with x_m, so the
 * score-function estimator of a gradient in x_m is biased (it misses the boundary term); use rsample.
 *
 * <p>Mean αx_m/(α − 1) for α > 1 (+∞ otherwise), variance x_m²α/((α − 1)²(α − 2)) for α > 2 (+∞ otherwise),
 * entropy log(x_m/α) + 1/α + 1.
 *
 * <blockquote>B. C. Arnold, "Pareto Distributions", 2nd ed., CRC Press, 2015.</blockquote>
 */
public final class Pareto implements Distribution {
    private final Tensor scale, alpha;
    private final Shape batch;
    private final Constraint support;

    private Pareto(Tensor scale, Tensor alpha) {
        this.scale = scale;
        this.alpha = alpha;
        this.batch = Distributions.batchShape("Pareto", scale, alpha);
        this.support = ParameterBounds.greaterThanEq(scale);
    }

    /**
     * @param scale x_m, any shape
     * @param alpha α, broadcasting against {@code scale}
     * @throws IllegalArgumentException if an entry of either is not > 0 and finite
     */
    public static Pareto of(Tensor scale, Tensor alpha) {
        Distributions.requirePositive("Pareto", "scale", scale);
        Distributions.requirePositive("Pareto", "alpha", alpha);
        return new Pareto(scale, alpha);
    }

    /** Scalar parameters. */
    public static Pareto of(double scale, double alpha) {
        return of(Tensor.scalar(scale), Tensor.scalar(alpha));
    }

    /** x_m. */
    public Tensor scale() {
        return scale;
    }

    /** α. */
    public Tensor alpha() {
        return alpha;
    }

    @Override
    public Shape batchShape() {
        return batch;
    }

    @Override
    public Shape eventShape() {
        return Shape.SCALAR;
    }
    /** [x_m, ∞): {@code Constraints.greaterThanEq(x_m)} for a scalar scale, a batched bound otherwise. */
    @Override
    public Constraint support() {
        return support;
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
        Tensor logU = Draws.openUnit(rng, batch.prepend(sampleShape)).log();
        return scale.mul(logU.div(alpha).neg().exp());
    }

    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        // log α + α·log x_m − (α + 1)·log x
        Tensor lp = alpha.log().add(alpha.mul(scale.log())).sub(alpha.add(1).mul(value.log()));
        return Distributions.maskOutside(this, value, lp);
    }

    /** αx_m/(α − 1) where α > 1, +∞ where α ≤ 1. */
    @Override
    public Tensor mean() {
        Tensor m = alpha.mul(scale).div(alpha.sub(1));
        return Tensor.where(TensorFunctions.mask(alpha, a -> a > 1), m, Tensor.scalar(Double.POSITIVE_INFINITY))
                .broadcastTo(batch);
    }

    /** x_m²α/((α − 1)²(α − 2)) where α > 2, +∞ where α ≤ 2. */
    @Override
    public Tensor variance() {
        Tensor v = scale.square().mul(alpha).div(alpha.sub(1).square().mul(alpha.sub(2)));
        return Tensor.where(TensorFunctions.mask(alpha, a -> a > 2), v, Tensor.scalar(Double.POSITIVE_INFINITY))
                .broadcastTo(batch);
    }

    @Override
    public Tensor entropy() {
        return scale.div(alpha).log().add(alpha.reciprocal()).add(1).broadcastTo(batch);
    }

    @Override
    public Tensor cdf(Tensor value) {
        Distributions.checkValue(this, value);
        // 1 − (x_m/x)^α = −expm1(α·log(x_m/x)), 0 below x_m
        Tensor x = value.maximum(scale.detach().broadcastTo(Shape.broadcast("Pareto.cdf", value.shape(), batch)));
        return scale.div(x).log().mul(alpha).expm1().neg();
    }

    @Override
    public String toString() {
        return "Pareto(scale=" + scale + ", alpha=" + alpha + ")";
    }
}
