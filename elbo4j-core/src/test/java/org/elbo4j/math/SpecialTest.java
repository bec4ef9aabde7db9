package org.elbo4j.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** Identities, domains, special values and branch seams; accuracy itself is {@link SpecialReferenceTest}. */
class SpecialTest {
    private static final double NEG_INF = Double.NEGATIVE_INFINITY;
    private static final double POS_INF = Double.POSITIVE_INFINITY;
    /** A few ulps: identities that hold exactly in real arithmetic, evaluated with two or three roundings. */
    private static final double ULPS = 4 * Math.ulp(1.0);

    @Test
    void nanInNanOut() {
        double nan = Double.NaN;
        DoubleUnaryOperator[] unary = {
            Special::lgamma,
            Special::digamma,
            Special::trigamma,
            Special::lfactorial,
            Special::log1pexp,
            Special::logSigmoid,
            Special::sigmoid,
            Special::log1mexp,
            Special::erf,
            Special::erfc,
            Special::normalCdf,
            Special::normalLogCdf,
            Special::normalQuantile
        };
        for (DoubleUnaryOperator f : unary) {
            assertTrue(Double.isNaN(f.applyAsDouble(nan)));
        }
        assertTrue(Double.isNaN(Special.logAddExp(nan, 1)));
        assertTrue(Double.isNaN(Special.logAddExp(NEG_INF, nan)));
        assertTrue(Double.isNaN(Special.logSumExp(new double[] {0, nan, 1}, 0, 3)));
        assertTrue(Double.isNaN(Special.gammaPDerivA(nan, 1)));
        assertTrue(Double.isNaN(Special.gammaPDerivA(1, nan)));
        assertTrue(Double.isNaN(Special.standardGammaSampleGrad(nan, 1)));
        assertTrue(Double.isNaN(Special.standardGammaSampleGrad(1, nan)));
        assertTrue(Double.isNaN(Special.logBinomial(nan, 1)));
    }

    @Test
    void domainsPolesAndLimits() {
        assertEquals(POS_INF, Special.lgamma(0));
        assertEquals(POS_INF, Special.lgamma(-2));
        assertTrue(Double.isNaN(Special.digamma(0)));
        assertTrue(Double.isNaN(Special.digamma(-3)));
        assertEquals(POS_INF, Special.digamma(POS_INF));
        assertEquals(POS_INF, Special.trigamma(-3));
        assertEquals(POS_INF, Special.trigamma(0));
        assertEquals(0.0, Special.trigamma(POS_INF));
        assertTrue(Double.isNaN(Special.lbeta(-1, 2)));
        assertTrue(Double.isNaN(Special.lfactorial(-1)));
        assertTrue(Double.isNaN(Special.logBinomial(5, 6)));
        assertTrue(Double.isNaN(Special.logBinomial(5, -1)));
        assertEquals(0.0, Special.logBinomial(7, 0));
        assertEquals(0.0, Special.logBinomial(7, 7));
        assertEquals(NEG_INF, Special.log1mexp(0));
        assertEquals(0.0, Special.log1mexp(POS_INF), 0.0);
        assertTrue(Double.isNaN(Special.log1mexp(-1)));
        assertEquals(NEG_INF, Special.normalQuantile(0));
        assertEquals(POS_INF, Special.normalQuantile(1));
        assertTrue(Double.isNaN(Special.normalQuantile(-0.1)));
        assertTrue(Double.isNaN(Special.normalQuantile(1.1)));
        assertEquals(0.0, Special.normalQuantile(0.5));
        assertEquals(0.0, Special.normalCdf(NEG_INF));
        assertEquals(1.0, Special.normalCdf(POS_INF));
        assertEquals(NEG_INF, Special.normalLogCdf(NEG_INF));
        assertEquals(0.0, Special.normalLogCdf(POS_INF), 0.0);
        assertTrue(Double.isFinite(Special.normalLogCdf(-1e150)), "no overflow of x^2 / 2 before -1e154");
        assertTrue(Double.isNaN(Special.regularizedGammaP(-1, 1)));
        assertTrue(Double.isNaN(Special.regularizedBeta(1.5, 1, 1)));
        assertEquals(POS_INF, Special.log1pexp(POS_INF));
        assertEquals(0.0, Special.log1pexp(NEG_INF));
        assertEquals(0.0, Special.sigmoid(NEG_INF));
        assertEquals(1.0, Special.sigmoid(POS_INF));
    }

    @Test
    void logisticIdentities() {
        int checked = 0;
        for (double x = -50; x <= 50; x += 0.37) {
            // log1pexp(x) - log1pexp(-x) = x;  sigma(x) + sigma(-x) = 1;  log sigma(x) - log sigma(-x) = x
            assertEquals(x, Special.log1pexp(x) - Special.log1pexp(-x), ULPS * Math.max(1, Math.abs(x)));
            assertEquals(1.0, Special.sigmoid(x) + Special.sigmoid(-x), ULPS);
            assertEquals(x, Special.logSigmoid(x) - Special.logSigmoid(-x), ULPS * Math.max(1, Math.abs(x)));
            // exp turns an absolute error of 1 ulp in log sigma into a relative one of |log sigma| ulps
            assertEquals(
                    Special.sigmoid(x),
                    Math.exp(Special.logSigmoid(x)),
                    ULPS * Math.max(1, Math.abs(Special.logSigmoid(x))) * Special.sigmoid(x));
            checked++;
        }
        assertEquals(271, checked);
        assertEquals(800.0, Special.log1pexp(800));
        assertEquals(-800.0, Special.logSigmoid(-800));
        assertEquals(Math.exp(-800), Special.log1pexp(-800));
    }

    @Test
    void branchSeamsAreContinuous() {
        // At each switch point the two formulas must agree to a few ulps on both sides.
        assertSeam(Special::log1pexp, -37);
        assertSeam(Special::log1pexp, 18);
        assertSeam(Special::log1pexp, 33.3);
        assertSeam(Special::log1mexp, Math.log(2));
        assertSeam(Special::normalCdf, -1);
        assertSeam(Special::normalLogCdf, -1);
        assertSeam(Special::normalLogCdf, 0);
        assertSeam(Special::normalQuantile, 0.075);
        assertSeam(Special::normalQuantile, 0.925);
        assertSeam(Special::normalQuantile, Math.exp(-25));
        assertSeam(Special::digamma, 10);
        assertSeam(Special::digamma, 1.4616321449683622 + 0.2);
        assertSeam(Special::digamma, 1.4616321449683622 - 0.2);
        assertSeam(Special::trigamma, 10);
        // Series | continued fraction: each side is accurate to a few 1e-15 (SpecialReferenceTest), so 32 ulps.
        assertSeam(x -> Special.standardGammaSampleGrad(2.5, x), 2.5, 32);
        assertSeam(x -> Special.standardGammaSampleGrad(0.3, x), 1, 32);
        assertSeam(x -> Special.gammaPDerivA(40, x), 40, 32);
        assertSeam(x -> Special.standardGammaSampleGrad(x, 11.5), 10.5, 32); // a + 1 crosses b = 10 in log x − ψ
    }

    private static void assertSeam(DoubleUnaryOperator f, double at) {
        assertSeam(f, at, 8);
    }

    private static void assertSeam(DoubleUnaryOperator f, double at, int ulps) {
        double lo = f.applyAsDouble(Math.nextDown(at));
        double hi = f.applyAsDouble(Math.nextUp(at));
        // Allow the change of the function over 2 ulps of the argument, plus a few ulps of the value.
        double step = 1e-6 * (at == 0 ? 1 : Math.abs(at));
        double slope = Math.abs((f.applyAsDouble(at + step) - f.applyAsDouble(at - step)) / (2 * step));
        double tol = ulps * Math.ulp(Math.abs(lo)) + slope * 2 * Math.ulp(Math.max(Math.abs(at), Double.MIN_NORMAL));
        assertEquals(lo, hi, tol, "seam at " + at);
    }

    @Test
    void logSumExpHandlesInfinitiesRangesAndDominance() {
        double[] x = {7, NEG_INF, 0, 1, NEG_INF, 5};
        assertEquals(Math.log(Math.exp(0) + Math.exp(1)), Special.logSumExp(x, 1, 4), ULPS);
        assertEquals(NEG_INF, Special.logSumExp(x, 1, 0), "empty sum");
        assertEquals(NEG_INF, Special.logSumExp(new double[] {NEG_INF, NEG_INF}, 0, 2));
        assertEquals(POS_INF, Special.logSumExp(new double[] {1, POS_INF, NEG_INF}, 0, 3));
        assertEquals(1000 + Math.log(3), Special.logSumExp(new double[] {1000, 1000, 1000}, 0, 3), ULPS * 1000);
        assertEquals(1e-20, Special.logSumExp(new double[] {0, -1000, 1e-20, -1e300}, 2, 1), 0.0);
        assertEquals(Special.logAddExp(3, -2), Special.logSumExp(new double[] {3, -2}, 0, 2), 0.0);
        assertEquals(NEG_INF, Special.logAddExp(NEG_INF, NEG_INF));
        assertEquals(POS_INF, Special.logAddExp(POS_INF, POS_INF));
        assertEquals(-2.0, Special.logAddExp(NEG_INF, -2), 0.0);
        assertThrows(IndexOutOfBoundsException.class, () -> Special.logSumExp(x, 4, 3));
    }

    @Test
    void normalQuantileInvertsTheCdf() {
        int checked = 0;
        for (int k = -300; k <= -1; k++) {
            for (double p : new double[] {Math.pow(10, k), 1 - Math.pow(10, k) * 0.5}) {
                if (p >= 1) {
                    continue;
                }
                double x = Special.normalQuantile(p);
                // Compare in log space: a relative error e in x moves log Phi by about |x|^2 e in the tail,
                // and AS 241 is good to about 1e-16 relative, so allow 8 ulps times max(1, x^2).
                double tail = Math.min(p, 1 - p);
                double got = p < 0.5 ? Special.normalLogCdf(x) : Special.normalLogCdf(-x);
                assertEquals(
                        Math.log(tail),
                        got,
                        8 * Math.ulp(1.0) * Math.max(1, x * x) * Math.max(1, Math.abs(Math.log(tail))),
                        "p = " + p);
                checked++;
            }
        }
        assertTrue(checked > 300, "sweep ran " + checked);
    }

    @Test
    void gammaPDerivAMatchesFiniteDifferencesOfP() {
        // Central differences with Richardson extrapolation, (4 D(h/2) - D(h)) / 3, of the smaller of P and -Q
        // (dP/da = -dQ/da; Commons gives both to ~4e-16 relative). For f = e^(k a) the extrapolated difference
        // has relative error ~(kh)^4 / 160; h = 1e-3 min(a, 1) / max(1, k), k = |d log f / da| (estimated by a
        // crude difference), bounds it by 1e-14. Rounding adds ~4e-16 / (k h), at most 8e-12 / min(k, 1) on this
        // grid; the largest difference measured is 9.5e-11, and fdTol = 1e-9 leaves a margin of 10.
        final double fdTol = 1e-9;
        int checked = 0;
        for (double a : new double[] {0.05, 0.5, 1, 3.7, 25, 400}) {
            for (double r : new double[] {0.05, 0.5, 0.9, 1, 1.2, 2, 4}) {
                double x = a * r + (a < 1 ? r : 0);
                DoubleUnaryOperator f =
                        x <= a ? s -> Special.regularizedGammaP(s, x) : s -> -Special.regularizedGammaQ(s, x);
                if (Math.abs(f.applyAsDouble(a)) < 1e-280) {
                    continue; // P(400, 20) underflows: nothing to difference (covered by the mpmath file)
                }
                double fd = richardson(f, a);
                double got = Special.gammaPDerivA(a, x);
                assertEquals(fd, got, fdTol * Math.abs(got), "a = " + a + ", x = " + x);
                checked++;
            }
        }
        assertEquals(40, checked, "42 grid points less P(400, 20) and Q(400, 1600), which underflow");
    }

    /** f'(a) by Richardson-extrapolated central differences with a step scaled to f's log-derivative. */
    static double richardson(DoubleUnaryOperator f, double a) {
        double d = 1e-6 * Math.min(a, 1);
        double k = Math.abs(Math.log(Math.abs(f.applyAsDouble(a + d) / f.applyAsDouble(a - d)))) / (2 * d);
        double h = 1e-3 * Math.min(a, 1) / Math.max(1, k);
        double d1 = (f.applyAsDouble(a + h) - f.applyAsDouble(a - h)) / (2 * h);
        double d2 = (f.applyAsDouble(a + h / 2) - f.applyAsDouble(a - h / 2)) / h;
        return (4 * d2 - d1) / 3;
    }
}
