package org.elbo4j.tensor.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** GEMV and DOT against naive loops, for both kernels, with offsets and a padded row stride. */
class GemvDotTest {

    /** Error per element relative to {@code Σ|terms|}, per unit of length; see {@link GemmTest}. */
    static final double TOL_PER_N = 1e-12;

    @Test
    void gemvMatchesNaiveLoop() {
        SplittableRandom rng = new SplittableRandom(5L);
        int[] sizes = {0, 1, 2, 3, 7, 8, 9, 17, 64, 300};
        int cases = 0;
        for (GemmKernel kernel : Reference.kernels()) {
            for (int m : sizes) {
                for (int n : sizes) {
                    for (boolean transA : new boolean[] {false, true}) {
                        for (double[] ab : GemmTest.ALPHA_BETA) {
                            checkGemv(kernel, transA, m, n, ab[0], ab[1], rng);
                            cases++;
                        }
                    }
                }
            }
        }
        assertEquals(Reference.kernels().size() * sizes.length * sizes.length * 2 * 3, cases);
    }

    @Test
    void dotMatchesNaiveLoop() {
        SplittableRandom rng = new SplittableRandom(6L);
        int cases = 0;
        for (GemmKernel kernel : Reference.kernels()) {
            for (int n = 0; n <= 70; n++) {
                double[] x = Reference.uniform(rng, n + 3);
                double[] y = Reference.uniform(rng, n + 1);
                double s = 0, abs = 0;
                for (int i = 0; i < n; i++) {
                    s += x[3 + i] * y[1 + i];
                    abs += Math.abs(x[3 + i] * y[1 + i]);
                }
                double got = Blas.dot(kernel, n, x, 3, y, 1);
                if (!(Math.abs(got - s) <= TOL_PER_N * Math.max(n, 1) * abs)) {
                    fail(kernel.name() + " n=" + n + ": " + got + " vs " + s);
                }
                cases++;
            }
        }
        assertEquals(Reference.kernels().size() * 71, cases);
        assertEquals(Blas.ddot(2, new double[] {1, 2}, 0, new double[] {3, 4}, 0), 11.0);
    }

    /**
     * Rows shorter than Blas.SHORT_ROW are summed by Blas itself, the fused multiply-adds of each row in order: the
     * same bits on every kernel, for any number of rows (eight-row blocks and the remainder).
     */
    @Test
    void shortRowsAreTheSameBitsOnEveryKernelAndMatchSequentialFma() {
        SplittableRandom rng = new SplittableRandom(9L);
        for (int m : new int[] {1, 7, 8, 9, 23, 1000}) {
            for (int n = 1; n < Blas.SHORT_ROW; n++) {
                double[] a = new double[m * n], x = new double[n];
                for (int i = 0; i < a.length; i++) a[i] = rng.nextDouble() - 0.5;
                for (int i = 0; i < n; i++) x[i] = rng.nextDouble() - 0.5;
                double[] first = null;
                for (GemmKernel kernel : Reference.kernels()) {
                    double[] y = new double[m];
                    Blas.gemv(kernel, false, m, n, 1.0, a, 0, n, x, 0, 0.0, y, 0);
                    if (first == null) {
                        first = y;
                        for (int i = 0; i < m; i++) {
                            double s = 0;
                            for (int p = 0; p < n; p++) s = Math.fma(a[i * n + p], x[p], s);
                            assertEquals(
                                    Double.doubleToRawLongBits(s),
                                    Double.doubleToRawLongBits(y[i]),
                                    "m=" + m + " n=" + n + " row " + i);
                        }
                    } else {
                        for (int i = 0; i < m; i++) {
                            assertEquals(
                                    Double.doubleToRawLongBits(first[i]),
                                    Double.doubleToRawLongBits(y[i]),
                                    kernel.name() + " m=" + m + " n=" + n + " row " + i);
                        }
                    }
                }
            }
        }
    }

    static void checkGemv(
            GemmKernel kernel, boolean transA, int m, int n, double alpha, double beta, SplittableRandom rng) {
        int rows = transA ? n : m, cols = transA ? m : n;
        int aOff = 2, lda = cols + 3, xOff = 1, yOff = 4;
        double[] a = Reference.padded(rng, rows, cols, aOff, lda, 2, Double.NaN);
        double[] x = Reference.padded(rng, 1, n, xOff, n, 2, Double.NaN);
        double[] y = Reference.padded(rng, 1, m, yOff, m, 2, 777.0);
        if (beta == 0.0) {
            Arrays.fill(y, yOff, yOff + m, Double.NaN);
        }
        double[] expect = new double[m];
        double[] mag = new double[m];
        for (int i = 0; i < m; i++) {
            double s = 0, abs = 0;
            for (int p = 0; p < n; p++) {
                double v = (transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p]) * x[xOff + p];
                s += v;
                abs += Math.abs(v);
            }
            double old = beta == 0.0 ? 0.0 : beta * y[yOff + i];
            expect[i] = alpha * s + old;
            mag[i] = Math.abs(alpha) * abs + Math.abs(old);
        }
        Blas.gemv(kernel, transA, m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff);
        for (int idx = 0; idx < y.length; idx++) {
            int i = idx - yOff;
            if (i >= 0 && i < m) {
                if (!(Math.abs(y[idx] - expect[i]) <= TOL_PER_N * Math.max(n, 1) * mag[i])) {
                    fail(kernel.name() + " gemv transA=" + transA + " m=" + m + " n=" + n + " alpha=" + alpha + " beta="
                            + beta + ": y[" + i + "] = " + y[idx] + ", expected " + expect[i]);
                }
            } else if (y[idx] != 777.0) {
                fail("gemv wrote outside y at " + idx);
            }
        }
    }
}
