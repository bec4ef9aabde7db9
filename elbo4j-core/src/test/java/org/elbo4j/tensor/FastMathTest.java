package org.elbo4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * FastMath against StrictMath (fdlibm, < 1 ulp): the error in ulps of the reference value, over log-uniform
 * random arguments spanning every regime of each function's branches, plus the special values.
 */
class FastMathTest {
    /**
     * Measured worst cases of these sweeps (seed 1): log1p 2 ulps, expm1 2, tanh 4, softplus 3. The bound is the
     * worst plus one ulp; a wrong formula (e.g. log(1 + x) without Kahan's correction) is off by 10⁵+ ulps.
     */
    static final double MAX_ULPS = 5;

    static final int N = 200_000;

    private static double sweep(
            DoubleUnaryOperator fast, DoubleUnaryOperator ref, double lo, double hi, boolean signed) {
        SplittableRandom r = new SplittableRandom(1);
        double worst = 0;
        int n = 0;
        for (int i = 0; i < N; i++) {
            double mag = Math.exp(Math.log(lo) + r.nextDouble() * (Math.log(hi) - Math.log(lo)));
            double x = signed && r.nextBoolean() ? -mag : mag;
            double e = ref.applyAsDouble(x), f = fast.applyAsDouble(x);
            if (e == 0) {
                assertEquals(e, f, 0.0, "at " + x);
                continue;
            }
            worst = Math.max(worst, Math.abs(f - e) / Math.ulp(e));
            n++;
        }
        assertTrue(n > N / 2, "sweep ran " + n + " cases");
        return worst;
    }

    @Test
    void log1pWithinUlps() {
        assertTrue(sweep(FastMath::log1p, StrictMath::log1p, 1e-20, 1e300, false) <= MAX_ULPS);
        assertTrue(sweep(FastMath::log1p, StrictMath::log1p, 1e-20, 0.999999, true) <= MAX_ULPS);
        assertEquals(Double.NEGATIVE_INFINITY, FastMath.log1p(-1));
        assertTrue(Double.isNaN(FastMath.log1p(-2)));
        assertTrue(Double.isNaN(FastMath.log1p(Double.NaN)));
        assertEquals(Double.POSITIVE_INFINITY, FastMath.log1p(Double.POSITIVE_INFINITY));
        assertEquals(-0.0, FastMath.log1p(-0.0));
    }

    @Test
    void expm1WithinUlps() {
        assertTrue(sweep(FastMath::expm1, StrictMath::expm1, 1e-20, 700, true) <= MAX_ULPS);
        assertEquals(-1.0, FastMath.expm1(-800));
        assertEquals(Double.POSITIVE_INFINITY, FastMath.expm1(800));
        assertTrue(Double.isNaN(FastMath.expm1(Double.NaN)));
    }

    @Test
    void tanhWithinUlps() {
        assertTrue(sweep(FastMath::tanh, StrictMath::tanh, 1e-20, 40, true) <= MAX_ULPS);
        assertEquals(1.0, FastMath.tanh(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, FastMath.tanh(Double.NEGATIVE_INFINITY));
        assertEquals(-0.0, FastMath.tanh(-0.0));
        assertTrue(Double.isNaN(FastMath.tanh(Double.NaN)));
    }

    @Test
    void softplusWithinUlps() {
        DoubleUnaryOperator ref = x -> Math.max(x, 0) + StrictMath.log1p(StrictMath.exp(-Math.abs(x)));
        assertTrue(sweep(FastMath::softplus, ref, 1e-10, 700, true) <= MAX_ULPS);
        assertEquals(800.0, FastMath.softplus(800));
        assertEquals(Math.exp(-800), FastMath.softplus(-800), 0.0);
    }
}
