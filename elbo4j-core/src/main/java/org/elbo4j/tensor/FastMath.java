package org.elbo4j.tensor;

/**
 * log1p, expm1, tanh and softplus built on the JIT-intrinsic {@link Math#exp} and {@link Math#log}.
 *
 * <p>Why: on JDK 17, {@code Math.log1p}, {@code Math.expm1} and {@code Math.tanh} delegate to native fdlibm
 * through {@code StrictMath} (a JNI call per element), several times slower than exp/log, and these functions sit
 * on the hot paths of every likelihood (softplus) and every tanh layer.
 *
 * <p>Accuracy: log1p and expm1 use Kahan's correction (W. Kahan, HP-15C Advanced Functions Handbook, 1982;
 * Goldberg, "What every computer scientist should know about floating-point arithmetic", 1991, Thm. 4):
 * with u = fl(1 + x), log1p(x) = log(u)·x/(u − 1), exact to a few ulps because the rounding of 1 + x cancels.
 * {@code FastMathTest} bounds the error against StrictMath over wide random sweeps.
 */
public final class FastMath {
    private FastMath() {}

    /** log(1 + x), a few ulps. */
    public static double log1p(double x) {
        double u = 1.0 + x;
        if (u == 1.0) return x; // |x| below half an ulp of 1: log1p(x) = x to full precision
        if (u == Double.POSITIVE_INFINITY || !(x > -1))
            return Math.log1p(x); // inf, -1, below -1, NaN: the slow path defines them
        return Math.log(u) * (x / (u - 1.0));
    }

    /** e^x − 1, a few ulps. */
    public static double expm1(double x) {
        if (Math.abs(x) > 0.5) return Math.exp(x) - 1.0; // no cancellation here
        double u = Math.exp(x);
        if (u == 1.0) return x;
        double um1 = u - 1.0;
        return um1 * (x / Math.log(u));
    }

    /** tanh(x) = t/(t + 2) with t = expm1(2|x|) (no cancellation anywhere), ±1 past |x| = 22. */
    public static double tanh(double x) {
        double a = Math.abs(x);
        double r;
        if (a > 22) {
            r = 1.0;
        } else {
            double t = expm1(2 * a);
            r = t / (t + 2);
        }
        return x < 0 ? -r : (x == 0 ? x : (Double.isNaN(x) ? x : r));
    }

    /** log(1 + e^x) = max(x, 0) + log1p(e^−|x|): no overflow, full precision for very negative x. */
    public static double softplus(double x) {
        return Math.max(x, 0) + log1p(Math.exp(-Math.abs(x)));
    }
}
