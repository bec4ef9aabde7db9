package org.elbo4j.dist;

import org.apache.commons.numbers.gamma.RegularizedGamma;
import org.elbo4j.math.Special;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;
import org.elbo4j.transform.Constraints;

/**
 * The gamma distribution with shape {@code concentration} (α > 0) and {@code rate} (β > 0):
 * \[ \log p(x) = \alpha\log\beta - \log\Gamma(\alpha) + (\alpha - 1)\log x - \beta x, \quad x > 0. \]
 *
 * <p><b>Reparameterization (implicit):</b> x ~ Gamma(α, 1) by Marsaglia–Tsang, z = x/β; the path derivative
 * ∂x/∂α = −(∂F/∂α)/(∂F/∂x) comes from the CDF F(x; α) = P(α, x) (Figurnov, Mohamed & Mnih 2018), and
 * ∂z/∂β = −z/β.
 *
 * <blockquote>G. Marsaglia and W. W. Tsang, "A simple method for generating gamma variables", ACM TOMS 26, 2000.
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

    /** @throws IllegalArgumentException if a concentration or rate entry is not > 0 and finite */
    public static Gamma of(Tensor concentration, Tensor rate) {
        Distributions.requirePositive("Gamma", "concentration", concentration);
        Distributions.requirePositive("Gamma", "rate", rate);
        return new Gamma(concentration, rate);
    }

    /** Scalar parameters. */
    public static Gamma of(double concentration, double rate) { return of(Tensor.scalar(concentration), Tensor.scalar(rate)); }

    /** α. */
    public Tensor concentration() { return concentration; }

    /** β. */
    public Tensor rate() { return rate; }

    @Override public Shape batchShape() { return batch; }
    @Override public Shape eventShape() { return Shape.SCALAR; }
    @Override public Constraint support() { return Constraints.POSITIVE; }
    @Override public boolean hasRsample() { return true; }
    @Override public boolean hasEntropy() { return true; }

    /** One draw of Gamma(a, 1) (Marsaglia–Tsang; for a < 1, G(a) = G(a + 1)·U^{1/a}). */
    static double standardGamma(RandomStream rng, double a) {
        if (a < 1) {
            double u = rng.nextOpenUnit();
            return standardGamma(rng, a + 1) * Math.pow(u, 1 / a);
        }
        double d = a - 1.0 / 3, c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x, v;
            do {
                x = rng.nextGaussian();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = rng.nextOpenUnit();
            if (u < 1 - 0.0331 * x * x * x * x) return d * v;
            if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
        }
    }

    @Override
    public Tensor sample(RandomStream rng, Shape sampleShape) { return rsample(rng, sampleShape).detach(); }

    @Override
    public Tensor rsample(RandomStream rng, Shape sampleShape) {
        Shape s = batch.prepend(sampleShape);
        Tensor alpha = concentration.broadcastTo(s);
        int n = s.size();
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = Math.max(standardGamma(rng, alpha.at(i)), Double.MIN_NORMAL);
        Tensor std = Tensor.custom("standardGamma", s, x, (g, adj) -> {
            double[] ga = adj.of(alpha);
            if (ga == null) return;
            for (int i = 0; i < n; i++) ga[i] += g[i] * Special.standardGammaSampleGrad(alpha.at(i), x[i]);
        }, alpha);
        return std.div(rate);
    }

    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        Tensor lp = concentration.mul(rate.log()).sub(concentration.lgamma())
                .add(concentration.sub(1).mul(value.log())).sub(rate.mul(value));
        return Distributions.maskOutside(this, value, lp);
    }

    @Override public Tensor mean() { return concentration.div(rate).broadcastTo(batch); }
    @Override public Tensor variance() { return concentration.div(rate.square()).broadcastTo(batch); }

    /** H = α − log β + log Γ(α) + (1 − α)ψ(α). */
    @Override
    public Tensor entropy() {
        return concentration.sub(rate.log()).add(concentration.lgamma())
                .add(concentration.rsub(1).mul(concentration.digamma())).broadcastTo(batch);
    }

    @Override
    public Tensor cdf(Tensor value) {
        Distributions.checkValue(this, value);
        Shape s = Shape.broadcast("Gamma.cdf", value.shape(), batch);
        Tensor v = value.broadcastTo(s), a = concentration.broadcastTo(s), b = rate.broadcastTo(s);
        double[] c = new double[s.size()];
        for (int i = 0; i < c.length; i++) c[i] = v.at(i) <= 0 ? 0 : RegularizedGamma.P.value(a.at(i), b.at(i) * v.at(i));
        return Tensor.wrap(c, s);
    }

    @Override public String toString() { return "Gamma(concentration=" + concentration + ", rate=" + rate + ")"; }
}
