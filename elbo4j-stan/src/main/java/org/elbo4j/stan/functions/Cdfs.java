package org.elbo4j.stan.functions;

import org.elbo4j.math.Special;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.tensor.TensorData;

/**
 * The {@code _cdf}, {@code _lcdf} and {@code _lccdf} of Stan's two-parameter continuous families not covered in
 * their own classes: lognormal, gamma, inv_gamma, weibull, beta, uniform, logistic, double_exponential. Each is
 * one tape node; the partials of log F (or log(1 − F)) are closed-form except the beta CDF's in its shapes, taken
 * by a central difference of I<sub>x</sub>(a, b) (relative step 1e-5, error near 1e-10).
 */
public final class Cdfs {
    private Cdfs() {}

    /** Per element: log of the probability (lower tail F, or upper 1 − F) and d/dy, d/dp1, d/dp2 of that log. */
    @FunctionalInterface
    private interface Element {
        /** @param upper false: log F; true: log(1 − F). Writes d[0..2]. @return the log probability */
        double apply(double y, double p1, double p2, boolean upper, double[] d);
    }

    private static Tensor run(String fn, String[] names, Tensor y, Tensor p1, Tensor p2, int kind, Element e) {
        int n = Check.size(fn, names[0], y, names[1], p1, names[2], p2);
        Check.notNan(fn, names[0], y);
        double[] yv = TensorData.readOnly(y), av = TensorData.readOnly(p1), bv = TensorData.readOnly(p2);
        int ys = Fused.stride(y), as = Fused.stride(p1), bs = Fused.stride(p2);
        double[] dy = Fused.partials(y), da = Fused.partials(p1), db = Fused.partials(p2);
        double[] d = new double[3];
        double lp = 0;
        for (int i = 0; i < n; i++) {
            d[0] = d[1] = d[2] = 0;
            lp += e.apply(yv[i * ys], av[i * as], bv[i * bs], kind == 2, d);
            if (dy != null) dy[i * ys] += d[0];
            if (da != null) da[i * as] += d[1];
            if (db != null) db[i * bs] += d[2];
        }
        if (kind != 0) return Fused.scalar(fn, lp, y, dy, p1, da, p2, db);
        double prod = Math.exp(lp);
        Normals.scale(dy, prod);
        Normals.scale(da, prod);
        Normals.scale(db, prod);
        return Fused.scalar(fn, prod, y, dy, p1, da, p2, db);
    }

    private static final String[] LOC_SCALE = {"Random variable", "Location parameter", "Scale parameter"};

    // ------------------------------------------------------------------ lognormal: F = Φ((log y − μ)/σ)

    private static final Element LOGNORMAL = (y, mu, s, upper, d) -> {
        if (y <= 0) return upper ? 0 : Double.NEGATIVE_INFINITY;
        double z = (Math.log(y) - mu) / s, sign = upper ? -1 : 1;
        double logc = Special.normalLogCdf(sign * z);
        double dz = sign * Math.exp(-0.5 * z * z - logc) / Math.sqrt(2 * Math.PI);
        d[0] = dz / (s * y);
        d[1] = -dz / s;
        d[2] = -dz * z / s;
        return logc;
    };

    private static Tensor lognormal(String fn, Tensor y, Tensor mu, Tensor sigma, int kind) {
        Check.nonnegative(fn, "Random variable", y);
        Check.finite(fn, "Location parameter", mu);
        Check.positiveFinite(fn, "Scale parameter", sigma);
        return run(fn, LOC_SCALE, y, mu, sigma, kind, LOGNORMAL);
    }

    /** {@code lognormal_cdf(y | mu, sigma)}. */
    public static Tensor lognormalCdf(Tensor y, Tensor mu, Tensor sigma) {
        return lognormal("lognormal_cdf", y, mu, sigma, 0);
    }

    /** {@code lognormal_lcdf(y | mu, sigma)}. */
    public static Tensor lognormalLcdf(Tensor y, Tensor mu, Tensor sigma) {
        return lognormal("lognormal_lcdf", y, mu, sigma, 1);
    }

    /** {@code lognormal_lccdf(y | mu, sigma)}. */
    public static Tensor lognormalLccdf(Tensor y, Tensor mu, Tensor sigma) {
        return lognormal("lognormal_lccdf", y, mu, sigma, 2);
    }

    // ------------------------------------------------------------------ gamma: F = P(α, βy)

    private static final Element GAMMA = (y, a, b, upper, d) -> {
        if (y <= 0) return upper ? 0 : Double.NEGATIVE_INFINITY;
        double x = b * y;
        double p = upper ? Special.regularizedGammaQ(a, x) : Special.regularizedGammaP(a, x);
        // dP/dx = x^{a−1} e^{−x} / Γ(a), formed in logs
        double dens = Math.exp((a - 1) * Math.log(x) - x - Special.lgamma(a));
        double sign = upper ? -1 : 1;
        d[0] = sign * dens * b / p;
        d[2] = sign * dens * y / p;
        d[1] = sign * Special.gammaPDerivA(a, x) / p;
        return Math.log(p);
    };

    private static Tensor gamma(String fn, Tensor y, Tensor a, Tensor b, int kind) {
        Check.nonnegative(fn, "Random variable", y);
        Check.positiveFinite(fn, "Shape parameter", a);
        Check.positiveFinite(fn, "Inverse scale parameter", b);
        return run(
                fn,
                new String[] {"Random variable", "Shape parameter", "Inverse scale parameter"},
                y,
                a,
                b,
                kind,
                GAMMA);
    }

    /** {@code gamma_cdf(y | alpha, beta)}. */
    public static Tensor gammaCdf(Tensor y, Tensor a, Tensor b) {
        return gamma("gamma_cdf", y, a, b, 0);
    }

    /** {@code gamma_lcdf(y | alpha, beta)}. */
    public static Tensor gammaLcdf(Tensor y, Tensor a, Tensor b) {
        return gamma("gamma_lcdf", y, a, b, 1);
    }

    /** {@code gamma_lccdf(y | alpha, beta)}. */
    public static Tensor gammaLccdf(Tensor y, Tensor a, Tensor b) {
        return gamma("gamma_lccdf", y, a, b, 2);
    }

    // ------------------------------------------------------------------ inv_gamma: F = Q(α, β/y)

    private static final Element INV_GAMMA = (y, a, b, upper, d) -> {
        if (y <= 0) return upper ? 0 : Double.NEGATIVE_INFINITY;
        double x = b / y;
        double p = upper ? Special.regularizedGammaP(a, x) : Special.regularizedGammaQ(a, x);
        double dens = Math.exp((a - 1) * Math.log(x) - x - Special.lgamma(a)); // dP(a, x)/dx
        double sign = upper ? 1 : -1; // F = Q decreases in x
        d[0] = sign * dens * (-b / (y * y)) / p;
        d[2] = sign * dens / y / p;
        d[1] = sign * Special.gammaPDerivA(a, x) / p;
        return Math.log(p);
    };

    private static Tensor invGamma(String fn, Tensor y, Tensor a, Tensor b, int kind) {
        Check.nonnegative(fn, "Random variable", y);
        Check.positiveFinite(fn, "Shape parameter", a);
        Check.positiveFinite(fn, "Scale parameter", b);
        return run(
                fn, new String[] {"Random variable", "Shape parameter", "Scale parameter"}, y, a, b, kind, INV_GAMMA);
    }

    /** {@code inv_gamma_cdf(y | alpha, beta)}. */
    public static Tensor invGammaCdf(Tensor y, Tensor a, Tensor b) {
        return invGamma("inv_gamma_cdf", y, a, b, 0);
    }

    /** {@code inv_gamma_lcdf(y | alpha, beta)}. */
    public static Tensor invGammaLcdf(Tensor y, Tensor a, Tensor b) {
        return invGamma("inv_gamma_lcdf", y, a, b, 1);
    }

    /** {@code inv_gamma_lccdf(y | alpha, beta)}. */
    public static Tensor invGammaLccdf(Tensor y, Tensor a, Tensor b) {
        return invGamma("inv_gamma_lccdf", y, a, b, 2);
    }

    // ------------------------------------------------------------------ weibull: F = 1 − exp(−(y/σ)^α)

    private static final Element WEIBULL = (y, a, s, upper, d) -> {
        if (y <= 0) return upper ? 0 : Double.NEGATIVE_INFINITY;
        double lr = Math.log(y / s), u = Math.pow(y / s, a); // u = (y/σ)^α, d log(prob)/du below
        double dlu = upper ? -1 : 1 / Math.expm1(u);
        d[0] = dlu * a * u / y;
        d[1] = dlu * u * lr;
        d[2] = -dlu * a * u / s;
        return upper ? -u : Special.log1mexp(u);
    };

    private static Tensor weibull(String fn, Tensor y, Tensor a, Tensor s, int kind) {
        Check.nonnegative(fn, "Random variable", y);
        Check.positiveFinite(fn, "Shape parameter", a);
        Check.positiveFinite(fn, "Scale parameter", s);
        return run(fn, new String[] {"Random variable", "Shape parameter", "Scale parameter"}, y, a, s, kind, WEIBULL);
    }

    /** {@code weibull_cdf(y | alpha, sigma)}. */
    public static Tensor weibullCdf(Tensor y, Tensor a, Tensor s) {
        return weibull("weibull_cdf", y, a, s, 0);
    }

    /** {@code weibull_lcdf(y | alpha, sigma)}. */
    public static Tensor weibullLcdf(Tensor y, Tensor a, Tensor s) {
        return weibull("weibull_lcdf", y, a, s, 1);
    }

    /** {@code weibull_lccdf(y | alpha, sigma)}. */
    public static Tensor weibullLccdf(Tensor y, Tensor a, Tensor s) {
        return weibull("weibull_lccdf", y, a, s, 2);
    }

    // ------------------------------------------------------------------ logistic: F = σ((y − μ)/s)

    private static final Element LOGISTIC = (y, mu, s, upper, d) -> {
        double z = (y - mu) / s, w = upper ? -z : z;
        double dz = (upper ? -1 : 1) * Special.sigmoid(-w); // d log σ(w)/dz
        d[0] = dz / s;
        d[1] = -dz / s;
        d[2] = -dz * z / s;
        return Special.logSigmoid(w);
    };

    private static Tensor logistic(String fn, Tensor y, Tensor mu, Tensor s, int kind) {
        Check.finite(fn, "Location parameter", mu);
        Check.positiveFinite(fn, "Scale parameter", s);
        return run(fn, LOC_SCALE, y, mu, s, kind, LOGISTIC);
    }

    /** {@code logistic_cdf(y | mu, sigma)}. */
    public static Tensor logisticCdf(Tensor y, Tensor mu, Tensor s) {
        return logistic("logistic_cdf", y, mu, s, 0);
    }

    /** {@code logistic_lcdf(y | mu, sigma)}. */
    public static Tensor logisticLcdf(Tensor y, Tensor mu, Tensor s) {
        return logistic("logistic_lcdf", y, mu, s, 1);
    }

    /** {@code logistic_lccdf(y | mu, sigma)}. */
    public static Tensor logisticLccdf(Tensor y, Tensor mu, Tensor s) {
        return logistic("logistic_lccdf", y, mu, s, 2);
    }

    // ------------------------------------------------------------------ double_exponential

    private static final Element LAPLACE = (y, mu, s, upper, d) -> {
        double z = (y - mu) / s, w = upper ? -z : z, dw;
        double lp;
        if (w < 0) { // prob = ½ e^{w}
            lp = -Math.log(2) + w;
            dw = 1;
        } else { // prob = 1 − ½ e^{−w}
            lp = Math.log1p(-0.5 * Math.exp(-w));
            dw = 0.5 * Math.exp(-w) / (1 - 0.5 * Math.exp(-w));
        }
        double dz = upper ? -dw : dw;
        d[0] = dz / s;
        d[1] = -dz / s;
        d[2] = -dz * z / s;
        return lp;
    };

    private static Tensor laplace(String fn, Tensor y, Tensor mu, Tensor s, int kind) {
        Check.finite(fn, "Location parameter", mu);
        Check.positiveFinite(fn, "Scale parameter", s);
        return run(fn, LOC_SCALE, y, mu, s, kind, LAPLACE);
    }

    /** {@code double_exponential_cdf(y | mu, sigma)}. */
    public static Tensor doubleExponentialCdf(Tensor y, Tensor mu, Tensor s) {
        return laplace("double_exponential_cdf", y, mu, s, 0);
    }

    /** {@code double_exponential_lcdf(y | mu, sigma)}. */
    public static Tensor doubleExponentialLcdf(Tensor y, Tensor mu, Tensor s) {
        return laplace("double_exponential_lcdf", y, mu, s, 1);
    }

    /** {@code double_exponential_lccdf(y | mu, sigma)}. */
    public static Tensor doubleExponentialLccdf(Tensor y, Tensor mu, Tensor s) {
        return laplace("double_exponential_lccdf", y, mu, s, 2);
    }

    // ------------------------------------------------------------------ uniform: F = (y − α)/(β − α) on [α, β]

    private static final Element UNIFORM = (y, lo, hi, upper, d) -> {
        if (y < lo) return upper ? 0 : Double.NEGATIVE_INFINITY;
        if (y > hi) return upper ? Double.NEGATIVE_INFINITY : 0;
        double w = hi - lo;
        if (upper) {
            double q = hi - y; // log((β − y)/(β − α))
            d[0] = -1 / q;
            d[1] = 1 / w;
            d[2] = 1 / q - 1 / w;
            return Math.log(q / w);
        }
        double q = y - lo;
        d[0] = 1 / q;
        d[1] = -1 / q + 1 / w;
        d[2] = -1 / w;
        return Math.log(q / w);
    };

    private static Tensor uniform(String fn, Tensor y, Tensor lo, Tensor hi, int kind) {
        Check.finite(fn, "Lower bound parameter", lo);
        Check.finite(fn, "Upper bound parameter", hi);
        return run(
                fn,
                new String[] {"Random variable", "Lower bound parameter", "Upper bound parameter"},
                y,
                lo,
                hi,
                kind,
                UNIFORM);
    }

    /** {@code uniform_cdf(y | alpha, beta)}. */
    public static Tensor uniformCdf(Tensor y, Tensor lo, Tensor hi) {
        return uniform("uniform_cdf", y, lo, hi, 0);
    }

    /** {@code uniform_lcdf(y | alpha, beta)}. */
    public static Tensor uniformLcdf(Tensor y, Tensor lo, Tensor hi) {
        return uniform("uniform_lcdf", y, lo, hi, 1);
    }

    /** {@code uniform_lccdf(y | alpha, beta)}. */
    public static Tensor uniformLccdf(Tensor y, Tensor lo, Tensor hi) {
        return uniform("uniform_lccdf", y, lo, hi, 2);
    }

    // ------------------------------------------------------------------ beta: F = I_y(a, b)

    private static final double SHAPE_STEP = 1e-5;

    private static final Element BETA = (y, a, b, upper, d) -> {
        if (y <= 0) return upper ? 0 : Double.NEGATIVE_INFINITY;
        if (y >= 1) return upper ? Double.NEGATIVE_INFINITY : 0;
        // the upper tail as I_{1−y}(b, a): no cancellation
        double p = upper ? Special.regularizedBeta(1 - y, b, a) : Special.regularizedBeta(y, a, b);
        double logDens = (a - 1) * Math.log(y) + (b - 1) * Math.log1p(-y) - Special.lbeta(a, b);
        double sign = upper ? -1 : 1;
        d[0] = sign * Math.exp(logDens) / p;
        double ha = SHAPE_STEP * Math.max(1, a), hb = SHAPE_STEP * Math.max(1, b);
        d[1] = sign * (Special.regularizedBeta(y, a + ha, b) - Special.regularizedBeta(y, a - ha, b)) / (2 * ha) / p;
        d[2] = sign * (Special.regularizedBeta(y, a, b + hb) - Special.regularizedBeta(y, a, b - hb)) / (2 * hb) / p;
        return Math.log(p);
    };

    private static Tensor beta(String fn, Tensor y, Tensor a, Tensor b, int kind) {
        Check.bounded(fn, "Random variable", y, 0, 1);
        Check.positiveFinite(fn, "First shape parameter", a);
        Check.positiveFinite(fn, "Second shape parameter", b);
        return run(
                fn,
                new String[] {"Random variable", "First shape parameter", "Second shape parameter"},
                y,
                a,
                b,
                kind,
                BETA);
    }

    /** {@code beta_cdf(y | a, b)}. */
    public static Tensor betaCdf(Tensor y, Tensor a, Tensor b) {
        return beta("beta_cdf", y, a, b, 0);
    }

    /** {@code beta_lcdf(y | a, b)}. */
    public static Tensor betaLcdf(Tensor y, Tensor a, Tensor b) {
        return beta("beta_lcdf", y, a, b, 1);
    }

    /** {@code beta_lccdf(y | a, b)}. */
    public static Tensor betaLccdf(Tensor y, Tensor a, Tensor b) {
        return beta("beta_lccdf", y, a, b, 2);
    }
}
