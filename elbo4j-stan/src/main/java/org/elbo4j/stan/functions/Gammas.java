package org.elbo4j.stan.functions;

import org.elbo4j.distributions.Gamma;
import org.elbo4j.math.Special;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.tensor.TensorData;

/**
 * Stan's gamma family on y &gt; 0: {@code gamma}, {@code inv_gamma}, {@code exponential}, {@code chi_square},
 * {@code inv_chi_square}, {@code scaled_inv_chi_square}:
 * \[ \log \mathrm{Gamma}(y \mid \alpha, \beta) = \alpha\log\beta - \log\Gamma(\alpha) + (\alpha-1)\log y - \beta y, \]
 * \[ \log \mathrm{InvGamma}(y \mid \alpha, \beta) = \alpha\log\beta - \log\Gamma(\alpha) - (\alpha+1)\log y - \beta/y, \]
 * \[ \log \mathrm{Exponential}(y \mid \beta) = \log\beta - \beta y. \]
 * A y outside the support (y &lt; 0, or ≤ 0 for the inverse forms) gives −∞, as in Stan.
 */
public final class Gammas {
    private Gammas() {}

    private static final double LOG2 = Math.log(2);

    /** A Gamma(a, 1) draw (Marsaglia–Tsang, through the core sampler). */
    static double standardGamma(RandomStream rng, double a) {
        return Gamma.of(a, 1).sample(rng).item();
    }

    /**
     * {@code gamma_lpdf(y | alpha, beta)} (shape α, rate β), one tape node.
     *
     * @throws StanDomainException if y is NaN, alpha or beta not positive finite, or sizes differ
     */
    public static Tensor gammaLpdf(Tensor y, Tensor alpha, Tensor beta) {
        String fn = "gamma_lpdf";
        int n = Check.size(fn, "Random variable", y, "Shape parameter", alpha, "Inverse scale parameter", beta);
        Check.notNan(fn, "Random variable", y);
        Check.positiveFinite(fn, "Shape parameter", alpha);
        Check.positiveFinite(fn, "Inverse scale parameter", beta);
        double[] yv = TensorData.readOnly(y), av = TensorData.readOnly(alpha), bv = TensorData.readOnly(beta);
        for (double v : yv) if (v < 0) return Tensor.scalar(Double.NEGATIVE_INFINITY);
        if (yv.length == 0 || av.length == 0 || bv.length == 0) return Tensor.scalar(0);
        int ys = Fused.stride(y), as = Fused.stride(alpha), bs = Fused.stride(beta);
        double[] dy = Fused.partials(y), da = Fused.partials(alpha), db = Fused.partials(beta);
        double lp = 0;
        for (int i = 0; i < n; i++) {
            double a = av[i * as], b = bv[i * bs], yi = yv[i * ys], ly = Math.log(yi), lb = Math.log(b);
            lp += a * lb - Special.lgamma(a) + (a - 1) * ly - b * yi;
            if (dy != null) dy[i * ys] += (a - 1) / yi - b;
            if (da != null) da[i * as] += lb - Special.digamma(a) + ly;
            if (db != null) db[i * bs] += a / b - yi;
        }
        return Fused.scalar(fn, lp, y, dy, alpha, da, beta, db);
    }

    /** {@code gamma_rng(alpha, beta)}. @throws StanDomainException if alpha or beta is not positive finite */
    public static Tensor gammaRng(RandomStream rng, Tensor alpha, Tensor beta) {
        String fn = "gamma_rng";
        int n = Check.size(fn, "Shape parameter", alpha, "Inverse scale parameter", beta);
        Check.positiveFinite(fn, "Shape parameter", alpha);
        Check.positiveFinite(fn, "Inverse scale parameter", beta);
        double[] av = TensorData.readOnly(alpha), bv = TensorData.readOnly(beta);
        int as = Fused.stride(alpha), bs = Fused.stride(beta);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = standardGamma(rng, av[i * as]) / bv[i * bs];
        return Rng.result(out, Rng.anyContainer(alpha, beta));
    }

    /**
     * {@code inv_gamma_lpdf(y | alpha, beta)} (shape α, scale β), one tape node.
     *
     * @throws StanDomainException if y is NaN, alpha or beta not positive finite, or sizes differ
     */
    public static Tensor invGammaLpdf(Tensor y, Tensor alpha, Tensor beta) {
        String fn = "inv_gamma_lpdf";
        int n = Check.size(fn, "Random variable", y, "Shape parameter", alpha, "Scale parameter", beta);
        Check.notNan(fn, "Random variable", y);
        Check.positiveFinite(fn, "Shape parameter", alpha);
        Check.positiveFinite(fn, "Scale parameter", beta);
        double[] yv = TensorData.readOnly(y), av = TensorData.readOnly(alpha), bv = TensorData.readOnly(beta);
        for (double v : yv) if (v <= 0) return Tensor.scalar(Double.NEGATIVE_INFINITY);
        if (yv.length == 0 || av.length == 0 || bv.length == 0) return Tensor.scalar(0);
        int ys = Fused.stride(y), as = Fused.stride(alpha), bs = Fused.stride(beta);
        double[] dy = Fused.partials(y), da = Fused.partials(alpha), db = Fused.partials(beta);
        double lp = 0;
        for (int i = 0; i < n; i++) {
            double a = av[i * as], b = bv[i * bs], yi = yv[i * ys], ly = Math.log(yi), lb = Math.log(b);
            lp += a * lb - Special.lgamma(a) - (a + 1) * ly - b / yi;
            if (dy != null) dy[i * ys] += -(a + 1) / yi + b / (yi * yi);
            if (da != null) da[i * as] += lb - Special.digamma(a) - ly;
            if (db != null) db[i * bs] += a / b - 1 / yi;
        }
        return Fused.scalar(fn, lp, y, dy, alpha, da, beta, db);
    }

    /** {@code inv_gamma_rng(alpha, beta)}: β / Gamma(α, 1). */
    public static Tensor invGammaRng(RandomStream rng, Tensor alpha, Tensor beta) {
        String fn = "inv_gamma_rng";
        int n = Check.size(fn, "Shape parameter", alpha, "Scale parameter", beta);
        Check.positiveFinite(fn, "Shape parameter", alpha);
        Check.positiveFinite(fn, "Scale parameter", beta);
        double[] av = TensorData.readOnly(alpha), bv = TensorData.readOnly(beta);
        int as = Fused.stride(alpha), bs = Fused.stride(beta);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = bv[i * bs] / standardGamma(rng, av[i * as]);
        return Rng.result(out, Rng.anyContainer(alpha, beta));
    }

    /**
     * {@code exponential_lpdf(y | beta)} (rate β), one tape node.
     *
     * @throws StanDomainException if y is negative or NaN, beta not positive finite, or sizes differ
     */
    public static Tensor exponentialLpdf(Tensor y, Tensor beta) {
        String fn = "exponential_lpdf";
        int n = Check.size(fn, "Random variable", y, "Inverse scale parameter", beta);
        Check.nonnegative(fn, "Random variable", y);
        Check.positiveFinite(fn, "Inverse scale parameter", beta);
        if (y.size() == 0 || beta.size() == 0) return Tensor.scalar(0);
        double[] yv = TensorData.readOnly(y), bv = TensorData.readOnly(beta);
        int ys = Fused.stride(y), bs = Fused.stride(beta);
        double[] dy = Fused.partials(y), db = Fused.partials(beta);
        double lp = 0;
        for (int i = 0; i < n; i++) {
            double b = bv[i * bs], yi = yv[i * ys];
            lp += Math.log(b) - b * yi;
            if (dy != null) dy[i * ys] -= b;
            if (db != null) db[i * bs] += 1 / b - yi;
        }
        return Fused.scalar(fn, lp, y, dy, beta, db);
    }

    /** {@code exponential_lcdf(y | beta)}: Σ log(1 − e^(−βy)). */
    public static Tensor exponentialLcdf(Tensor y, Tensor beta) {
        return exponentialCdfs("exponential_lcdf", y, beta, 1);
    }

    /** {@code exponential_lccdf(y | beta)}: Σ −βy. */
    public static Tensor exponentialLccdf(Tensor y, Tensor beta) {
        return exponentialCdfs("exponential_lccdf", y, beta, 2);
    }

    /** {@code exponential_cdf(y | beta)}: Π (1 − e^(−βy)). */
    public static Tensor exponentialCdf(Tensor y, Tensor beta) {
        return exponentialCdfs("exponential_cdf", y, beta, 0);
    }

    private static Tensor exponentialCdfs(String fn, Tensor y, Tensor beta, int kind) {
        int n = Check.size(fn, "Random variable", y, "Inverse scale parameter", beta);
        Check.nonnegative(fn, "Random variable", y);
        Check.positiveFinite(fn, "Inverse scale parameter", beta);
        double[] yv = TensorData.readOnly(y), bv = TensorData.readOnly(beta);
        int ys = Fused.stride(y), bs = Fused.stride(beta);
        double[] dy = Fused.partials(y), db = Fused.partials(beta);
        double lp = 0;
        for (int i = 0; i < n; i++) {
            double b = bv[i * bs], yi = yv[i * ys], u = b * yi;
            double dlu; // d log(prob) / du, u = βy
            if (kind == 2) {
                lp -= u;
                dlu = -1;
            } else {
                lp += Special.log1mexp(u);
                dlu = 1 / Math.expm1(u); // e^{−u}/(1 − e^{−u})
            }
            if (dy != null) dy[i * ys] += dlu * b;
            if (db != null) db[i * bs] += dlu * yi;
        }
        if (kind != 0) return Fused.scalar(fn, lp, y, dy, beta, db);
        double prod = Math.exp(lp);
        Normals.scale(dy, prod);
        Normals.scale(db, prod);
        return Fused.scalar(fn, prod, y, dy, beta, db);
    }

    /** {@code exponential_rng(beta)}: E/β. */
    public static Tensor exponentialRng(RandomStream rng, Tensor beta) {
        String fn = "exponential_rng";
        Check.positiveFinite(fn, "Inverse scale parameter", beta);
        double[] bv = TensorData.readOnly(beta);
        double[] out = new double[bv.length];
        rng.fillExponential(out, 0, out.length);
        for (int i = 0; i < out.length; i++) out[i] /= bv[i];
        return Rng.result(out, beta.rank() > 0);
    }

    /**
     * {@code chi_square_lpdf(y | nu)}: Σ −(ν/2) log 2 − log Γ(ν/2) + (ν/2 − 1) log y − y/2.
     *
     * @throws StanDomainException if y is negative or NaN, nu not positive finite, or sizes differ
     */
    public static Tensor chiSquareLpdf(Tensor y, Tensor nu) {
        String fn = "chi_square_lpdf";
        int n = Check.size(fn, "Random variable", y, "Degrees of freedom parameter", nu);
        Check.nonnegative(fn, "Random variable", y);
        Check.positiveFinite(fn, "Degrees of freedom parameter", nu);
        double[] yv = TensorData.readOnly(y), nv = TensorData.readOnly(nu);
        if (yv.length == 0 || nv.length == 0) return Tensor.scalar(0);
        int ys = Fused.stride(y), ns = Fused.stride(nu);
        double[] dy = Fused.partials(y), dn = Fused.partials(nu);
        double lp = 0;
        for (int i = 0; i < n; i++) {
            double h = 0.5 * nv[i * ns], yi = yv[i * ys], ly = Math.log(yi);
            lp += -h * LOG2 - Special.lgamma(h) + (h - 1) * ly - 0.5 * yi;
            if (dy != null) dy[i * ys] += (h - 1) / yi - 0.5;
            if (dn != null) dn[i * ns] += 0.5 * (-LOG2 - Special.digamma(h) + ly);
        }
        return Fused.scalar(fn, lp, y, dy, nu, dn);
    }

    /**
     * {@code inv_chi_square_lpdf(y | nu)}: Σ −(ν/2) log 2 − log Γ(ν/2) − (ν/2 + 1) log y − 1/(2y); −∞ for y ≤ 0.
     *
     * @throws StanDomainException if y is NaN, nu not positive finite, or sizes differ
     */
    public static Tensor invChiSquareLpdf(Tensor y, Tensor nu) {
        String fn = "inv_chi_square_lpdf";
        int n = Check.size(fn, "Random variable", y, "Degrees of freedom parameter", nu);
        Check.notNan(fn, "Random variable", y);
        Check.positiveFinite(fn, "Degrees of freedom parameter", nu);
        double[] yv = TensorData.readOnly(y), nv = TensorData.readOnly(nu);
        for (double v : yv) if (v <= 0) return Tensor.scalar(Double.NEGATIVE_INFINITY);
        if (yv.length == 0 || nv.length == 0) return Tensor.scalar(0);
        int ys = Fused.stride(y), ns = Fused.stride(nu);
        double[] dy = Fused.partials(y), dn = Fused.partials(nu);
        double lp = 0;
        for (int i = 0; i < n; i++) {
            double h = 0.5 * nv[i * ns], yi = yv[i * ys], ly = Math.log(yi);
            lp += -h * LOG2 - Special.lgamma(h) - (h + 1) * ly - 0.5 / yi;
            if (dy != null) dy[i * ys] += -(h + 1) / yi + 0.5 / (yi * yi);
            if (dn != null) dn[i * ns] += 0.5 * (-LOG2 - Special.digamma(h) - ly);
        }
        return Fused.scalar(fn, lp, y, dy, nu, dn);
    }

    /**
     * {@code scaled_inv_chi_square_lpdf(y | nu, s)}:
     * Σ (ν/2) log(ν/2) − log Γ(ν/2) + ν log s − (ν/2 + 1) log y − ν s²/(2y); −∞ for y ≤ 0.
     *
     * @throws StanDomainException if y is NaN, nu or s not positive finite, or sizes differ
     */
    public static Tensor scaledInvChiSquareLpdf(Tensor y, Tensor nu, Tensor s) {
        String fn = "scaled_inv_chi_square_lpdf";
        int n = Check.size(fn, "Random variable", y, "Degrees of freedom parameter", nu, "Scale parameter", s);
        Check.notNan(fn, "Random variable", y);
        Check.positiveFinite(fn, "Degrees of freedom parameter", nu);
        Check.positiveFinite(fn, "Scale parameter", s);
        double[] yv = TensorData.readOnly(y), nv = TensorData.readOnly(nu), sv = TensorData.readOnly(s);
        for (double v : yv) if (v <= 0) return Tensor.scalar(Double.NEGATIVE_INFINITY);
        if (yv.length == 0 || nv.length == 0 || sv.length == 0) return Tensor.scalar(0);
        int ys = Fused.stride(y), ns = Fused.stride(nu), ss = Fused.stride(s);
        double[] dy = Fused.partials(y), dn = Fused.partials(nu), ds = Fused.partials(s);
        double lp = 0;
        for (int i = 0; i < n; i++) {
            double v = nv[i * ns], h = 0.5 * v, si = sv[i * ss], yi = yv[i * ys], ly = Math.log(yi);
            lp += h * Math.log(h) - Special.lgamma(h) + v * Math.log(si) - (h + 1) * ly - h * si * si / yi;
            if (dy != null) dy[i * ys] += -(h + 1) / yi + h * si * si / (yi * yi);
            if (dn != null) {
                dn[i * ns] +=
                        0.5 * (Math.log(h) + 1 - Special.digamma(h)) + Math.log(si) - 0.5 * ly - 0.5 * si * si / yi;
            }
            if (ds != null) ds[i * ss] += v / si - v * si / yi;
        }
        return Fused.scalar(fn, lp, y, dy, nu, dn, s, ds);
    }

    /**
     * {@code weibull_lpdf(y | alpha, sigma)} (shape α, scale σ):
     * Σ log α − log σ + (α − 1) log(y/σ) − (y/σ)^α; −∞ for y &lt; 0.
     *
     * @throws StanDomainException if y is not finite, alpha or sigma not positive finite, or sizes differ
     */
    public static Tensor weibullLpdf(Tensor y, Tensor alpha, Tensor sigma) {
        String fn = "weibull_lpdf";
        int n = Check.size(fn, "Random variable", y, "Shape parameter", alpha, "Scale parameter", sigma);
        Check.finite(fn, "Random variable", y);
        Check.positiveFinite(fn, "Shape parameter", alpha);
        Check.positiveFinite(fn, "Scale parameter", sigma);
        double[] yv = TensorData.readOnly(y), av = TensorData.readOnly(alpha), sv = TensorData.readOnly(sigma);
        for (double v : yv) if (v < 0) return Tensor.scalar(Double.NEGATIVE_INFINITY);
        if (yv.length == 0 || av.length == 0 || sv.length == 0) return Tensor.scalar(0);
        int ys = Fused.stride(y), as = Fused.stride(alpha), ss = Fused.stride(sigma);
        double[] dy = Fused.partials(y), da = Fused.partials(alpha), ds = Fused.partials(sigma);
        double lp = 0;
        for (int i = 0; i < n; i++) {
            double a = av[i * as], s = sv[i * ss], yi = yv[i * ys], lr = Math.log(yi / s), p = Math.pow(yi / s, a);
            lp += Math.log(a) - Math.log(s) + (a - 1) * lr - p;
            if (dy != null) dy[i * ys] += ((a - 1) - a * p) / yi;
            if (da != null) da[i * as] += 1 / a + (1 - p) * lr;
            if (ds != null) ds[i * ss] += a * (p - 1) / s;
        }
        return Fused.scalar(fn, lp, y, dy, alpha, da, sigma, ds);
    }

    /** {@code weibull_rng(alpha, sigma)}: σ·E^(1/α). */
    public static Tensor weibullRng(RandomStream rng, Tensor alpha, Tensor sigma) {
        String fn = "weibull_rng";
        int n = Check.size(fn, "Shape parameter", alpha, "Scale parameter", sigma);
        Check.positiveFinite(fn, "Shape parameter", alpha);
        Check.positiveFinite(fn, "Scale parameter", sigma);
        double[] av = TensorData.readOnly(alpha), sv = TensorData.readOnly(sigma);
        int as = Fused.stride(alpha), ss = Fused.stride(sigma);
        double[] out = new double[n];
        rng.fillExponential(out, 0, n);
        for (int i = 0; i < n; i++) out[i] = sv[i * ss] * Math.pow(out[i], 1 / av[i * as]);
        return Rng.result(out, Rng.anyContainer(alpha, sigma));
    }

    /** {@code chi_square_rng(nu)}: 2·Gamma(ν/2, 1). */
    public static Tensor chiSquareRng(RandomStream rng, Tensor nu) {
        Check.positiveFinite("chi_square_rng", "Degrees of freedom parameter", nu);
        double[] nv = TensorData.readOnly(nu), out = new double[nv.length];
        for (int i = 0; i < out.length; i++) out[i] = 2 * standardGamma(rng, 0.5 * nv[i]);
        return Rng.result(out, nu.rank() > 0);
    }

    /** {@code inv_chi_square_rng(nu)}: 1 / chi-square(ν). */
    public static Tensor invChiSquareRng(RandomStream rng, Tensor nu) {
        Check.positiveFinite("inv_chi_square_rng", "Degrees of freedom parameter", nu);
        double[] nv = TensorData.readOnly(nu), out = new double[nv.length];
        for (int i = 0; i < out.length; i++) out[i] = 1 / (2 * standardGamma(rng, 0.5 * nv[i]));
        return Rng.result(out, nu.rank() > 0);
    }

    /** {@code scaled_inv_chi_square_rng(nu, s)}: ν s² / chi-square(ν). */
    public static Tensor scaledInvChiSquareRng(RandomStream rng, Tensor nu, Tensor s) {
        String fn = "scaled_inv_chi_square_rng";
        int n = Check.size(fn, "Degrees of freedom parameter", nu, "Scale parameter", s);
        Check.positiveFinite(fn, "Degrees of freedom parameter", nu);
        Check.positiveFinite(fn, "Scale parameter", s);
        double[] nv = TensorData.readOnly(nu), sv = TensorData.readOnly(s);
        int ns = Fused.stride(nu), ss = Fused.stride(s);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double v = nv[i * ns], si = sv[i * ss];
            out[i] = v * si * si / (2 * standardGamma(rng, 0.5 * v));
        }
        return Rng.result(out, Rng.anyContainer(nu, s));
    }
}
