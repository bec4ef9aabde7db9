package org.elbo4j.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Distributional checks with fixed seeds. Each tolerance is derived from the Monte Carlo error and its
 * false-failure rate is stated; moment checks use 5 standard errors (two-sided normal tail 5.7e-7), and
 * goodness-of-fit checks use critical values at a false-failure rate of 1e-6.
 */
class RandomStreamStatisticsTest {
    private static final int N = 1_000_000;
    private static final double Z = 5.0;

    /** Critical values at upper tail 1e-6: scipy 1.10.1 {@code chi2.isf(1e-6, df)} for df = 99, 6, 5. */
    private static final double CHI2_99 = 180.79201532589974;

    private static final double CHI2_6 = 38.25833637720969;
    private static final double CHI2_5 = 35.888186879672865;
    /** scipy 1.10.1 {@code kstwo.isf(1e-6, 100000) * sqrt(100000)}: √n·D critical value, n = 100,000. */
    private static final double KS_SQRT_N_D = 2.692840425641423;

    private static double[] meanAndVariance(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        return new double[] {mean, ss / (x.length - 1)};
    }

    @Test
    void uniformMomentsAndChiSquare() {
        double[] u = new double[N];
        RandomStream.of(2024).fillUniform(u, 0, N);
        double[] mv = meanAndVariance(u);
        // SE(mean) = sqrt(Var U / n) = sqrt(1/12 / 1e6) = 2.89e-4.
        assertEquals(0.5, mv[0], Z * Math.sqrt(1.0 / 12 / N));
        // SE(sample variance) = sqrt((mu4 - sigma^4) / n), mu4 = 1/80, sigma^4 = 1/144: 7.45e-5.
        assertEquals(1.0 / 12, mv[1], Z * Math.sqrt((1.0 / 80 - 1.0 / 144) / N));
        int bins = 100;
        long[] counts = new long[bins];
        for (double v : u) {
            counts[(int) (v * bins)]++;
        }
        assertTrue(chiSquare(counts, (double) N / bins) < CHI2_99, "chi-square, 99 df");
    }

    @Test
    void openUnitPassesKolmogorovSmirnov() {
        int n = 100_000;
        double[] u = new double[n];
        RandomStream.of(77).fillOpenUnit(u, 0, n);
        Arrays.sort(u);
        double d = 0;
        for (int i = 0; i < n; i++) {
            d = Math.max(d, Math.max((i + 1.0) / n - u[i], u[i] - (double) i / n));
        }
        assertTrue(Math.sqrt(n) * d < KS_SQRT_N_D, "KS sqrt(n) D = " + Math.sqrt(n) * d);
    }

    @Test
    void gaussianMoments() {
        double[] z = new double[N];
        RandomStream.of(31).fillGaussian(z, 0, N);
        double[] mv = meanAndVariance(z);
        // SE(mean) = 1/sqrt(n) = 1e-3; SE(variance) = sqrt((mu4 - 1)/n) = sqrt(2/n) = 1.41e-3 (mu4 = 3).
        assertEquals(0.0, mv[0], Z / Math.sqrt(N));
        assertEquals(1.0, mv[1], Z * Math.sqrt(2.0 / N));
    }

    @Test
    void exponentialMomentsAndKolmogorovSmirnov() {
        double[] e = new double[N];
        RandomStream.of(32).fillExponential(e, 0, N);
        double[] mv = meanAndVariance(e);
        // Exp(1): mean 1, variance 1, mu4 = 9. SE(mean) = 1e-3; SE(variance) = sqrt((9 - 1)/n) = 2.83e-3.
        assertEquals(1.0, mv[0], Z / Math.sqrt(N));
        assertEquals(1.0, mv[1], Z * Math.sqrt(8.0 / N));
        int n = 100_000;
        double[] x = Arrays.copyOf(e, n);
        Arrays.sort(x);
        double d = 0;
        for (int i = 0; i < n; i++) {
            double f = -Math.expm1(-x[i]);
            d = Math.max(d, Math.max((i + 1.0) / n - f, f - (double) i / n));
        }
        assertTrue(Math.sqrt(n) * d < KS_SQRT_N_D, "KS sqrt(n) D = " + Math.sqrt(n) * d);
    }

    @Test
    void boundedIntsAreUniform() {
        RandomStream r = RandomStream.of(4);
        long[] counts = new long[7];
        for (int i = 0; i < N; i++) {
            counts[r.nextInt(7)]++;
        }
        assertTrue(chiSquare(counts, N / 7.0) < CHI2_6, "nextInt(7) chi-square, 6 df");
        // A bound just above 2^30 exercises the rejection step (2^32 mod bound is large).
        int bound = (1 << 30) + 1;
        for (int i = 0; i < 10_000; i++) {
            int v = r.nextInt(bound);
            assertTrue(v >= 0 && v < bound);
        }
    }

    @Test
    void shufflesAreUniformOverOrders() {
        RandomStream r = RandomStream.of(6);
        long[] counts = new long[6];
        int n = 600_000;
        for (int i = 0; i < n; i++) {
            int[] p = r.permutation(3);
            counts[p[0] * 2 + (p[1] > p[2] ? 1 : 0)]++; // the 3! orders, indexed by first element and the rest
        }
        assertTrue(chiSquare(counts, n / 6.0) < CHI2_5, "3! orders chi-square, 5 df");
    }

    private static double chiSquare(long[] counts, double expected) {
        double c = 0;
        for (long k : counts) {
            c += (k - expected) * (k - expected) / expected;
        }
        return c;
    }
}
