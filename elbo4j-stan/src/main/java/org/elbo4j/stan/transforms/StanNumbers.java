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

    /** " (element i, 1-based)" when the value has more than one element, else "". */
    static String where(Tensor y, int i) {
        return y.size() == 1 ? "" : " (element " + (i + 1) + ")";
    }
}
