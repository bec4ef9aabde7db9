package org.elbo4j.distributions;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;

/**
 * The continuous uniform distribution on [{@code low}, {@code high}] (often written [a, b], a &lt; b):
 * \[ p(x) = \frac{1}{b - a}, \quad a \le x \le b. \]
 *
 * <p><b>Reparameterization (location–scale):</b> z = a + (b − a)·u, u ~ U(0, 1) open; differentiable in both
 * bounds. (The support moves with a and b, so the score-function estimator of a gradient in a or b is biased:
 * it misses the boundary term. Use rsample.)
 *
 * <p>Mean (a + b)/2, variance (b − a)²/12, entropy log(b − a), CDF clamp((x − a)/(b − a), 0, 1).
 *
 * <blockquote>N. L. Johnson, S. Kotz and N. Balakrishnan, "Continuous Univariate Distributions", vol. 2,
 * 2nd ed., Wiley, 1995, chapter 26.</blockquote>
 */
public final class Uniform implements Distribution {
    private final Tensor low, high;
    private final Shape batch;
    private final Constraint support;

    private Uniform(Tensor low, Tensor high) {
        this.low = low;
        this.high = high;
        this.batch = Distributions.batchShape("Uniform", low, high);
        this.support = ParameterBounds.interval(low, high);
    }

    /**
     * @param low  a, any shape
     * @param high b, broadcasting against {@code low}
     * @throws IllegalArgumentException if a bound is not finite, or some b is not > a
     */
    public static Uniform of(Tensor low, Tensor high) {
        Distributions.requireFinite("Uniform", "low", low);
        Distributions.requireFinite("Uniform", "high", high);
        Shape s = Distributions.batchShape("Uniform", low, high);
        Tensor a = low.detach().broadcastTo(s), b = high.detach().broadcastTo(s);
        for (int i = 0; i < s.size(); i++) {
            if (!(b.at(i) > a.at(i))) {
                throw new IllegalArgumentException("Uniform: high must be > low, got low = " + a.at(i) + ", high = "
                        + b.at(i) + (s.size() == 1 ? "" : " (at flat index " + i + " of shape " + s + ")"));
            }
        }
        return new Uniform(low, high);
    }

    /** Scalar bounds. */
    public static Uniform of(double low, double high) {
        return of(Tensor.scalar(low), Tensor.scalar(high));
    }

    /** a. */
    public Tensor low() {
        return low;
    }

    /** b. */
    public Tensor high() {
        return high;
    }

    @Override
    public Shape batchShape() {
        return batch;
    }

    @Override
    public Shape eventShape() {
        return Shape.SCALAR;
    }
    /** [a, b]: {@code Constraints.interval(a, b)} for scalar bounds, a batched interval otherwise. */
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
        Tensor u = Draws.openUnit(rng, batch.prepend(sampleShape));
        return low.add(high.sub(low).mul(u));
    }

    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        Tensor lp = high.sub(low).log().neg().broadcastTo(Shape.broadcast("Uniform.logProb", value.shape(), batch));
        return Distributions.maskOutside(this, value, lp);
    }

    @Override
    public Tensor mean() {
        return low.add(high).mul(0.5).broadcastTo(batch);
    }

    @Override
    public Tensor variance() {
        return high.sub(low).square().div(12).broadcastTo(batch);
    }

    @Override
    public Tensor entropy() {
        return high.sub(low).log().broadcastTo(batch);
    }

    @Override
    public Tensor cdf(Tensor value) {
        Distributions.checkValue(this, value);
        return value.sub(low).div(high.sub(low)).clamp(0, 1);
    }

    @Override
    public String toString() {
        return "Uniform(low=" + low + ", high=" + high + ")";
    }
}
