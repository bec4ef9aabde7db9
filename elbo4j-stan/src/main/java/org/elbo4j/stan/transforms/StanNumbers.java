package org.elbo4j.stan.transforms;

import org.elbo4j.tensor.Tensor;

/** Number formatting for messages, as Stan prints them (integral values without a decimal point). */
final class StanNumbers {
    private StanNumbers() {}

    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        return Double.toString(v);
    }

    /** log of the machine epsilon, Stan's LOG_EPSILON. */
    private static final double LOG_EPSILON = Math.log(Math.ulp(1.0));

    /** Stan 2.21's inv_logit (stan/math/prim/scal/fun/inv_logit.hpp), rounding as Stan rounds. */
    static double invLogit(double a) {
        if (a < 0) {
            double e = Math.exp(a);
            return a < LOG_EPSILON ? e : e / (1 + e);
        }
        return 1 / (1 + Math.exp(-a));
    }

    /** " (element i, 1-based)" when the value has more than one element, else "". */
    static String where(Tensor y, int i) {
        return y.size() == 1 ? "" : " (element " + (i + 1) + ")";
    }
}
