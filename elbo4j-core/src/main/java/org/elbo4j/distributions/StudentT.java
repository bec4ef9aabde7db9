package org.elbo4j.distributions;

import org.apache.commons.numbers.gamma.LogBeta;
import org.apache.commons.numbers.gamma.RegularizedBeta;
import org.elbo4j.math.Special;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;
import org.elbo4j.transform.Constraints;

/**
 * Student's t distribution with {@code df} degrees of freedom (often written ν > 0), location {@code loc} (μ)
 * and scale {@code scale} (σ > 0):
 * \[ p(x) = \frac{\Gamma(\frac{\nu+1}{2})}{\Gamma(\frac{\nu}{2})\sqrt{\nu\pi}\,\sigma}
 *     \left(1 + \frac{t^2}{\nu}\right)^{-\frac{\nu+1}{2}}, \quad t = \frac{x-\mu}{\sigma}, \quad x \in \mathbb{R}. \]
 *
 * <p><b>Reparameterization (location–scale, with an implicit gradient in ν):</b> z = μ + σ·ε·√(ν/X),
 * ε ~ N(0, 1), X ~ χ²(ν) = 2·Γ(ν/2, 1) drawn by Marsaglia–Tsang. Differentiable in μ and σ directly and in ν
 * both through √(ν/·) and through X: dX/dν = dG/da at a = ν/2, G = X/2, the implicit reparameterization
 * gradient dG/da = −(∂P(a, G)/∂a)/(∂P(a, G)/∂G) of the regularized incomplete gamma CDF P (Figurnov, Mohamed
 * &amp; Mnih 2018; {@link Special#standardGammaSampleGrad}).
 *
 * <p>Mean μ for ν &gt; 1 (NaN otherwise); variance σ²ν/(ν − 2) for ν &gt; 2, +∞ for 1 &lt; ν ≤ 2, NaN for ν ≤ 1
 * (PyTorch's conventions); entropy ((ν+1)/2)(ψ((ν+1)/2) − ψ(ν/2)) + ½log ν + log B(ν/2, ½) + log σ. The CDF
 * uses the regularized incomplete beta function and is differentiable in x, μ and σ, not in ν.
 *
 * <blockquote>N. L. Johnson, S. Kotz and N. Balakrishnan, "Continuous Univariate Distributions", vol. 2,
 * 2nd ed., Wiley, 1995, chapter 28; M. Figurnov, S. Mohamed and A. Mnih, "Implicit Reparameterization
 * Gradients", NeurIPS 2018.</blockquote>
 */
public final class StudentT implements Distribution {
    private static final Tensor HALF = Tensor.scalar(0.5);

    private final Tensor df, loc, scale;
    private final Shape batch;

    private StudentT(Tensor df, Tensor loc, Tensor scale) {
        this.df = df;
        this.loc = loc;
        this.scale = scale;
        this.batch = Distributions.batchShape("StudentT", df, loc, scale);
    }

    /**
     * @param df    ν, any shape
     * @param loc   μ, broadcasting
     * @param scale σ, broadcasting
     * @throws IllegalArgumentException if a df or scale entry is not > 0 and finite, or a loc entry is not finite
     */
    public static StudentT of(Tensor df, Tensor loc, Tensor scale) {
        Distributions.requirePositive("StudentT", "df", df);
        Distributions.requireFinite("StudentT", "loc", loc);
        Distributions.requirePositive("StudentT", "scale", scale);
        return new StudentT(df, loc, scale);
    }

    /** Scalar parameters. */
    public static StudentT of(double df, double loc, double scale) {
        return of(Tensor.scalar(df), Tensor.scalar(loc), Tensor.scalar(scale));
    }

    /** ν. */
    public Tensor df() {
        return df;
    }

    /** μ. */
    public Tensor loc() {
        return loc;
    }

    /** σ. */
    public Tensor scale() {
        return scale;
    }

    @Override
    public Shape batchShape() {
        return batch;
    }

    @Override
    public Shape eventShape() {
        return Shape.SCALAR;
    }

    @Override
    public Constraint support() {
        return Constraints.REAL;
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

    /** See the class comment: z = μ + σ·ε·√(ν/X), differentiable in all three parameters. */
    @Override
    public Tensor rsample(RandomStream rng, Shape sampleShape) {
        Shape s = batch.prepend(sampleShape);
        Tensor nu = df.broadcastTo(s);
        Tensor eps = Draws.gaussian(rng, s);
        int n = s.size();
        double[] g = new double[n], x = new double[n];
        for (int i = 0; i < n; i++) {
            // G ~ Γ(ν/2, 1), X = 2G ~ χ²(ν); MIN_NORMAL keeps √(ν/X) finite if U^{1/a} underflows for tiny ν
            g[i] = Math.max(Gamma.standardGamma(rng, 0.5 * nu.at(i)), Double.MIN_NORMAL);
            x[i] = 2 * g[i];
        }
        // implicit gradient: dX/dν = 2·(dG/da)·(da/dν) = dG/da at a = ν/2, with dG/da from the CDF (Figurnov et al.)
        Tensor chi2 = Tensor.custom(
                "chiSquared",
                s,
                x,
                (gOut, adj) -> {
                    double[] gn = adj.of(nu);
                    if (gn == null) return;
                    for (int i = 0; i < n; i++)
                        gn[i] += gOut[i] * Special.standardGammaSampleGrad(0.5 * nu.at(i), g[i]);
                },
                nu);
        return loc.add(scale.mul(eps.mul(nu.div(chi2).sqrt())));
    }

    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        Tensor t = value.sub(loc).div(scale);
        // log Γ((ν+1)/2) − log Γ(ν/2) − ½log π = −log B(ν/2, ½) (Γ(½) = √π), which stays accurate for large ν
        Tensor norm = TensorFunctions.logBeta(df.mul(0.5), HALF)
                .neg()
                .sub(df.log().mul(0.5))
                .sub(scale.log());
        return norm.sub(df.add(1).mul(0.5).mul(t.square().div(df).log1p()));
    }

    /** μ where ν > 1, NaN where the mean does not exist. */
    @Override
    public Tensor mean() {
        return Tensor.where(TensorFunctions.mask(df, v -> v > 1), loc, Tensor.scalar(Double.NaN))
                .broadcastTo(batch);
    }

    /** σ²ν/(ν − 2) where ν &gt; 2, +∞ where 1 &lt; ν ≤ 2, NaN where ν ≤ 1. */
    @Override
    public Tensor variance() {
        Tensor v = scale.square().mul(df).div(df.sub(2));
        Tensor inf = Tensor.where(
                TensorFunctions.mask(df, d -> d > 1),
                Tensor.scalar(Double.POSITIVE_INFINITY),
                Tensor.scalar(Double.NaN));
        return Tensor.where(TensorFunctions.mask(df, d -> d > 2), v, inf).broadcastTo(batch);
    }

    @Override
    public Tensor entropy() {
        Tensor half = df.add(1).mul(0.5), h = df.mul(0.5);
        Tensor logBeta = TensorFunctions.logBeta(h, HALF);
        return half.mul(half.digamma().sub(h.digamma()))
                .add(df.log().mul(0.5))
                .add(logBeta)
                .add(scale.log())
                .broadcastTo(batch);
    }

    /**
     * F(x) = ½·I_{ν/(ν+t²)}(ν/2, ½) for t &lt; 0, 1 − that for t ≥ 0; differentiable in x, loc and scale (dF/dt is
     * the standard t density), with ν treated as a constant.
     */
    @Override
    public Tensor cdf(Tensor value) {
        Distributions.checkValue(this, value);
        Tensor t = value.sub(loc).div(scale);
        Shape s = Shape.broadcast("StudentT.cdf", t.shape(), batch);
        Tensor tb = t.broadcastTo(s), nu = df.detach().broadcastTo(s);
        int n = s.size();
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double ti = tb.at(i), v = nu.at(i);
            double tail = Double.isInfinite(ti) ? 0 : 0.5 * RegularizedBeta.value(v / (v + ti * ti), 0.5 * v, 0.5);
            y[i] = ti < 0 ? tail : 1 - tail;
        }
        return Tensor.custom(
                "studentTCdf",
                s,
                y,
                (g, adj) -> {
                    double[] gt = adj.of(tb);
                    for (int i = 0; i < n; i++) {
                        double ti = tb.at(i), v = nu.at(i);
                        double logPdf = -LogBeta.value(0.5 * v, 0.5)
                                - 0.5 * Math.log(v)
                                - 0.5 * (v + 1) * Math.log1p(ti * ti / v);
                        gt[i] += g[i] * Math.exp(logPdf);
                    }
                },
                tb);
    }

    @Override
    public String toString() {
        return "StudentT(df=" + df + ", loc=" + loc + ", scale=" + scale + ")";
    }
}
