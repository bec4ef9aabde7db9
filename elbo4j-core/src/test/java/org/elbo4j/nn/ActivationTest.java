package org.elbo4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ActivationTest {
    /**
     * Measured worst case of the sweep below (seed 1, 200,000 log-uniform arguments in ±[1e-12, 30]): 2 ulps of
     * StrictMath.tanh (fdlibm, &lt; 1 ulp). The bound adds one ulp; a wrong coefficient in Cephes' rational
     * function is off by 10⁶+ ulps.
     */
    static final double TANH_MAX_ULPS = 3;

    @Test
    void tanhIsWithinAFewUlpsOfStrictMath() {
        SplittableRandom r = new SplittableRandom(1);
        double worst = 0;
        int n = 0;
        for (int i = 0; i < 200_000; i++) {
            double mag = Math.exp(Math.log(1e-12) + r.nextDouble() * (Math.log(30) - Math.log(1e-12)));
            double x = r.nextBoolean() ? -mag : mag;
            double e = StrictMath.tanh(x);
            worst = Math.max(worst, Math.abs(Activation.tanh(x) - e) / Math.ulp(e));
            n++;
        }
        assertEquals(200_000, n);
        assertTrue(worst <= TANH_MAX_ULPS, "worst " + worst + " ulps");
        assertEquals(0.0, Activation.tanh(0.0));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Activation.tanh(-0.0)));
        assertEquals(1.0, Activation.tanh(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, Activation.tanh(-800));
        assertTrue(Double.isNaN(Activation.tanh(Double.NaN)));
    }

    /**
     * f′ written in terms of the output against a central difference of f: h = 1e-6 gives truncation error
     * ~h²|f‴|/6 ≈ 1e-13 and rounding ~ε/h ≈ 2e-10, so 1e-8 separates a wrong formula (O(0.1) off) from noise.
     */
    @Test
    void derivativesFromTheOutputMatchFiniteDifferences() {
        double[] xs = {-6, -2.5, -0.7, -0.1, 0.3, 0.62, 0.63, 1.0, 3.0, 8.0};
        int checked = 0;
        for (Activation f : Activation.values()) {
            for (double x : xs) {
                double h = 1e-6;
                double fd = (f.apply(x + h) - f.apply(x - h)) / (2 * h);
                assertEquals(fd, f.derivativeAt(f.apply(x)), 1e-8, f + " at " + x);
                checked++;
            }
        }
        assertEquals(5 * xs.length, checked);
    }

    @Test
    void valuesOfEachActivation() {
        assertEquals(Math.log1p(Math.exp(0.5)), Activation.SOFTPLUS.apply(0.5), 1e-15);
        assertEquals(1 / (1 + Math.exp(-0.5)), Activation.SIGMOID.apply(0.5), 1e-15);
        assertEquals(0.0, Activation.RELU.apply(-3));
        assertEquals(2.5, Activation.RELU.apply(2.5));
        assertEquals(-4.0, Activation.IDENTITY.apply(-4));
        assertEquals(0.0, Activation.SIGMOID.apply(-800), 0.0);
        assertEquals(800.0, Activation.SOFTPLUS.apply(800));
    }

    @Test
    void byNameRoundTripsAndRejectsUnknownNames() {
        for (Activation f : Activation.values()) assertEquals(f, Activation.byName(f.id().toUpperCase()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activation.byName("gelu"));
        assertTrue(e.getMessage().contains("gelu"), e.getMessage());
    }
}
