package org.elbo4j.stan.functions;

import org.elbo4j.math.Special;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.tensor.TensorData;

/**
 * Stan's {@code beta} and {@code uniform}:
 * \[ \log \mathrm{Beta}(\theta \mid a, b) = (a-1)\log\theta + (b-1)\log(1-\theta) - \log B(a, b),
 *    \quad \theta \in [0, 1], \]
 * \[ \log \mathrm{Uniform}(y \mid \alpha, \beta) = -\log(\beta - \alpha) \text{ on } [\alpha, \beta],
 *    \ -\infty \text{ outside}. \]
 */
public final class Betas {
    private Betas() {}

    /**
     * {@code beta_lpdf(theta | a, b)}, one tape node.
     *
     * @throws StanDomainException if theta is outside [0, 1], a or b not positive finite, or sizes differ
     */
    public static Tensor betaLpdf(Tensor theta, Tensor a, Tensor b) {
        String fn = "beta_lpdf";
        int n = Check.size(fn, "Random variable", theta, "First shape parameter", a, "Second shape parameter", b);
        Check.positiveFinite(fn, "First shape parameter", a);
        Check.positiveFinite(fn, "Second shape parameter", b);
        Check.bounded(fn, "Random variable", theta, 0, 1);
        double[] yv = TensorData.readOnly(theta), av = TensorData.readOnly(a), bv = TensorData.readOnly(b);
        if (yv.length == 0 || av.length == 0 || bv.length == 0) return Tensor.scalar(0);
        int ys = Fused.stride(theta), as = Fused.stride(a), bs = Fused.stride(b);
        double[] dy = Fused.partials(theta), da = Fused.partials(a), db = Fused.partials(b);
        double lp = 0;
        for (int i = 0; i < n; i++) {
            double ai = av[i * as], bi = bv[i * bs], y = yv[i * ys], ly = Math.log(y), l1m = Math.log1p(-y);
            lp += (ai - 1) * ly + (bi - 1) * l1m - Special.lbeta(ai, bi);
            if (dy != null) dy[i * ys] += (ai - 1) / y - (bi - 1) / (1 - y);
            if (da != null || db != null) {
                double psiAb = Special.digamma(ai + bi);
                if (da != null) da[i * as] += ly - Special.digamma(ai) + psiAb;
                if (db != null) db[i * bs] += l1m - Special.digamma(bi) + psiAb;
            }
        }
        return Fused.scalar(fn, lp, theta, dy, a, da, b, db);
    }

    /** {@code beta_rng(a, b)}: X/(X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
    public static Tensor betaRng(RandomStream rng, Tensor a, Tensor b) {
        String fn = "beta_rng";
        int n = Check.size(fn, "First shape parameter", a, "Second shape parameter", b);
        Check.positiveFinite(fn, "First shape parameter", a);
        Check.positiveFinite(fn, "Second shape parameter", b);
        double[] av = TensorData.readOnly(a), bv = TensorData.readOnly(b);
        int as = Fused.stride(a), bs = Fused.stride(b);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double x = Gammas.standardGamma(rng, av[i * as]), y = Gammas.standardGamma(rng, bv[i * bs]);
            out[i] = x / (x + y);
        }
        return Rng.result(out, Rng.anyContainer(a, b));
    }

    /**
     * {@code uniform_lpdf(y | alpha, beta)}: Σ −log(β − α), or −∞ when some y lies outside [α, β].
     *
     * @throws StanDomainException if y is NaN, a bound not finite, beta ≤ alpha, or sizes differ
     */
    public static Tensor uniformLpdf(Tensor y, Tensor alpha, Tensor beta) {
        String fn = "uniform_lpdf";
        int n = Check.size(fn, "Random variable", y, "Lower bound parameter", alpha, "Upper bound parameter", beta);
        Check.notNan(fn, "Random variable", y);
        Check.finite(fn, "Lower bound parameter", alpha);
        Check.finite(fn, "Upper bound parameter", beta);
        double[] yv = TensorData.readOnly(y), av = TensorData.readOnly(alpha), bv = TensorData.readOnly(beta);
        int ys = Fused.stride(y), as = Fused.stride(alpha), bs = Fused.stride(beta);
        for (int i = 0; i < n && av.length > 0 && bv.length > 0; i++) {
            if (!(bv[i * bs] > av[i * as])) {
                throw Check.fail(
                        fn, "Upper bound parameter", beta, i * bs, bv[i * bs], "greater than " + Check.fmt(av[i * as]));
            }
        }
        if (yv.length == 0 || av.length == 0 || bv.length == 0) return Tensor.scalar(0);
        for (int i = 0; i < n; i++) {
            double yi = yv[i * ys];
            if (yi < av[i * as] || yi > bv[i * bs]) return Tensor.scalar(Double.NEGATIVE_INFINITY);
        }
        double[] da = Fused.partials(alpha), db = Fused.partials(beta);
        double lp = 0;
        for (int i = 0; i < n; i++) {
            double w = bv[i * bs] - av[i * as];
            lp -= Math.log(w);
            if (da != null) da[i * as] += 1 / w;
            if (db != null) db[i * bs] -= 1 / w;
        }
        return Fused.scalar(fn, lp, alpha, da, beta, db);
    }

    /** {@code uniform_rng(alpha, beta)}. */
    public static Tensor uniformRng(RandomStream rng, Tensor alpha, Tensor beta) {
        String fn = "uniform_rng";
        int n = Check.size(fn, "Lower bound parameter", alpha, "Upper bound parameter", beta);
        Check.finite(fn, "Lower bound parameter", alpha);
        Check.finite(fn, "Upper bound parameter", beta);
        double[] av = TensorData.readOnly(alpha), bv = TensorData.readOnly(beta);
        int as = Fused.stride(alpha), bs = Fused.stride(beta);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double lo = av[i * as], hi = bv[i * bs];
            if (!(hi > lo))
                throw Check.fail(fn, "Upper bound parameter", beta, i * bs, hi, "greater than " + Check.fmt(lo));
            out[i] = lo + (hi - lo) * rng.nextDouble();
        }
        return Rng.result(out, Rng.anyContainer(alpha, beta));
    }
}
