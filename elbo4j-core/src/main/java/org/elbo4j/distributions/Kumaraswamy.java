package org.elbo4j.distributions;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;
import org.elbo4j.transform.Constraints;

/**
 * The Kumaraswamy distribution on [0, 1] with shapes {@code concentration1} (often written a > 0) and
 * {@code concentration0} (b > 0), a Beta look-alike with a closed-form CDF:
 * \[ p(x) = a b\, x^{a-1} (1 - x^a)^{b-1}, \quad 0 \le x \le 1. \]
 *
 * <p><b>Reparameterization (inverse CDF):</b> F(x) = 1 − (1 − x^a)^b, so z = (1 − u^{1/b})^{1/a},
 * u ~ U(0, 1) open (u in place of 1 − F, equal in law), computed as exp(log(−expm1(log(u)/b))/a) for precision
 * when u^{1/b} is near 1.
 *
 * <p>Mean bB(1 + 1/a, b), variance bB(1 + 2/a, b) − mean², entropy (1 − 1/b) + (1 − 1/a)H_b − log(ab) with
 * H_b = ψ(b + 1) + γ the harmonic number.
 *
 * <blockquote>P. Kumaraswamy, "A generalized probability density function for double-bounded random
 * processes", Journal of Hydrology 46 (1980) 79–88; M. C. Jones, "Kumaraswamy's distribution: a beta-type
 * distribution with some tractability advantages", Statistical Methodology 6 (2009) 70–81.</blockquote>
 */
public final class Kumaraswamy implements Distribution {
    private final Tensor a, b;
    private final Shape batch;

    private Kumaraswamy(Tensor a, Tensor b) {
        this.a = a;
        this.b = b;
        this.batch = Distributions.batchShape("Kumaraswamy", a, b);
    }

    /**
     * @param concentration1 a, any shape
     * @param concentration0 b, broadcasting against {@code concentration1}
     * @throws IllegalArgumentException if an entry of either is not > 0 and finite
     */
    public static Kumaraswamy of(Tensor concentration1, Tensor concentration0) {
        Distributions.requirePositive("Kumaraswamy", "concentration1", concentration1);
        Distributions.requirePositive("Kumaraswamy", "concentration0", concentration0);
        return new Kumaraswamy(concentration1, concentration0);
    }

    /** Scalar parameters. */
    public static Kumaraswamy of(double concentration1, double concentration0) {
        return of(Tensor.scalar(concentration1), Tensor.scalar(concentration0));
    }

    /** a. */
    public Tensor concentration1() {
        return a;
    }

    /** b. */
    public Tensor concentration0() {
        return b;
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
        return rsample(rng, sampleShape).detach();
    }

    @Override
    public Tensor rsample(RandomStream rng, Shape sampleShape) {
        Tensor logU = Draws.openUnit(rng, batch.prepend(sampleShape)).log();
        Tensor oneMinus = logU.div(b).expm1().neg(); // 1 − u^{1/b}, exact near 0
        return oneMinus.log().div(a).exp();
    }

    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        Tensor x = value.clamp(0, 1); // outside values are masked below; this keeps log(x) real meanwhile
        // log a + log b + (a−1)·log x + (b−1)·log1p(−x^a), with 0·log 0 = 0 at the ends when a or b is 1
        Tensor lp = a.log()
                .add(b.log())
                .add(TensorFunctions.xlogy(a.sub(1), x))
                .add(TensorFunctions.xlog1py(
                        b.sub(1), TensorFunctions.xlogy(a, x).exp().neg()));
        return Distributions.maskOutside(this, value, lp);
    }

    /** b·B(1 + 1/a, b). */
    @Override
    public Tensor mean() {
        return moment(1).broadcastTo(batch);
    }

    @Override
    public Tensor variance() {
        return moment(2).sub(moment(1).square()).broadcastTo(batch);
    }

    /** E[X^n] = b·B(1 + n/a, b). */
    private Tensor moment(int n) {
        Tensor p = a.reciprocal().mul(n).add(1);
        return b.mul(TensorFunctions.logBeta(p, b).exp());
    }

    @Override
    public Tensor entropy() {
        Tensor harmonic = b.add(1).digamma().add(Gumbel.EULER_GAMMA);
        return b.reciprocal()
                .rsub(1)
                .add(a.reciprocal().rsub(1).mul(harmonic))
                .sub(a.mul(b).log())
                .broadcastTo(batch);
    }

    @Override
    public Tensor cdf(Tensor value) {
        Distributions.checkValue(this, value);
        // 1 − (1 − x^a)^b = −expm1(b·log1p(−x^a))
        Tensor x = value.clamp(0, 1);
        return TensorFunctions.xlog1py(b, TensorFunctions.xlogy(a, x).exp().neg())
                .expm1()
                .neg();
    }

    @Override
    public String toString() {
        return "Kumaraswamy(concentration1=" + a + ", concentration0=" + b + ")";
    }
}
