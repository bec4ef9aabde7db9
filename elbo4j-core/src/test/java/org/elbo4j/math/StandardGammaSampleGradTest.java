package org.elbo4j.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The implicit reparameterization gradient against its definition: for x(a) = F⁻¹(u; a) with the level u
 * fixed, dx/da is the derivative of the quantile, here by finite differences of a quantile found by bisection
 * on Commons' P and Q (no use of the code under test).
 */
class StandardGammaSampleGradTest {
    /**
     * Relative tolerance of the finite-difference check ({@link SpecialTest#richardson}: step h scaled so that
     * the O((kh)⁴) truncation is below 1e-14, k = |d log x / da|, k·h = 1e-3·min(a, 1)). The bisection leaves
     * ~1 ulp of log x (≤ 6e-14 here, |log x| ≤ 280), and P's or Q's rounding moves the quantile by
     * ≈4e-16 · min(P, Q)/(x g) ≤ 1e-14 relative (g the density). Divided by k·h ≥ 5e-5 this bounds the
     * finite-difference error by ~1.4e-9 relative (measured: 1.2e-9, at a = 0.05, u = 1e-6); 1e-8 leaves a
     * margin of 7.
     */
    private static final double FD_TOL = 1e-8;

    /** The u-quantile of Gamma(a, 1), by bisection on log x; the lower tail via P, the upper via Q. */
    static double quantile(double a, double u) {
        double lo = -745; // log of the bracket [e^-745, e^+710]
        double hi = 710;
        for (int i = 0; i < 200 && Math.nextUp(lo) < hi; i++) {
            double mid = 0.5 * (lo + hi);
            double x = Math.exp(mid);
            boolean below = u <= 0.5 ? Special.regularizedGammaP(a, x) < u : Special.regularizedGammaQ(a, x) > 1 - u;
            if (below) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return Math.exp(0.5 * (lo + hi));
    }

    @Test
    void matchesFiniteDifferencesOfTheQuantile() {
        int checked = 0;
        for (double a : new double[] {0.05, 0.3, 1, 2.5, 10, 100, 1000}) {
            for (double u : new double[] {1e-6, 0.01, 0.3, 0.5, 0.7, 0.99, 1 - 1e-6}) {
                double x = quantile(a, u);
                if (!(x > 1e-280)) {
                    continue; // a = 0.05, u = 1e-6 puts x near 1e-120: fine; this guards only against underflow
                }
                double fd = SpecialTest.richardson(s -> quantile(s, u), a);
                double got = Special.standardGammaSampleGrad(a, x);
                assertEquals(fd, got, FD_TOL * Math.abs(got), "a = " + a + ", u = " + u + ", x = " + x);
                checked++;
            }
        }
        assertEquals(49, checked);
    }

    @Test
    void finitePositiveAndZeroAtTheOriginInBothTails() {
        double[] shapes = {1e-3, 0.01, 0.1, 0.5, 1, 2.5, 10, 100, 1e3, 1e4, 1e5};
        double[] xs = {
            Double.MIN_VALUE,
            1e-320,
            1e-300,
            1e-100,
            1e-10,
            1e-3,
            0.1,
            0.5,
            1,
            2,
            10,
            100,
            1e3,
            1e4,
            1e5,
            1e6,
            1e10,
            1e100,
            1e300,
            Double.MAX_VALUE
        };
        int checked = 0;
        for (double a : shapes) {
            for (double x : xs) {
                double g = Special.standardGammaSampleGrad(a, x);
                assertTrue(Double.isFinite(g) && g >= 0, "dx/da(" + a + ", " + x + ") = " + g);
                double d = Special.gammaPDerivA(a, x);
                assertTrue(Double.isFinite(d) && d <= 0, "dP/da(" + a + ", " + x + ") = " + d);
                checked++;
            }
        }
        assertEquals(shapes.length * xs.length, checked);
        assertEquals(0.0, Special.standardGammaSampleGrad(2, 0));
        assertEquals(Double.POSITIVE_INFINITY, Special.standardGammaSampleGrad(2, Double.POSITIVE_INFINITY));
        assertEquals(0.0, Special.gammaPDerivA(2, 0));
        assertEquals(0.0, Special.gammaPDerivA(2, Double.POSITIVE_INFINITY));
        assertTrue(Double.isNaN(Special.standardGammaSampleGrad(0, 1)));
        assertTrue(Double.isNaN(Special.standardGammaSampleGrad(-1, 1)));
        assertTrue(Double.isNaN(Special.standardGammaSampleGrad(1, -1)));
    }

    @Test
    void exponentialCaseHasAClosedForm() {
        // At a = 1: d/da Gamma(a, x) = int_x^inf log t e^-t dt = e^-x log x + E1(x) and d/da 1/Gamma(a) = gamma
        // (Euler's constant), so dQ/da = E1(x) + e^-x (log x + gamma); dividing by the density e^-x,
        // dx/da = e^x E1(x) + log x + gamma. e^x E1(x) from mpmath 1.2.1: mp.e**x * mp.e1(x), mp.dps = 30.
        double[] xs = {0.5, 2.0, 20.0};
        double[] expE1 = {0.9229106324837305, 0.3613286168882226, 0.04771854549596084};
        for (int i = 0; i < xs.length; i++) {
            double expected = expE1[i] + Math.log(xs[i]) + 0.5772156649015329;
            // a few roundings in the sum and in the code under test: 16 ulps of the result
            assertEquals(expected, Special.standardGammaSampleGrad(1, xs[i]), 16 * Math.ulp(expected), "x = " + xs[i]);
        }
    }
}
