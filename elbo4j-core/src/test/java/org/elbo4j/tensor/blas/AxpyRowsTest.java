package org.elbo4j.tensor.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Blas#dgemv} with {@code transA} (the kernel's axpyRows, register-blocked in the vector kernel) bit for bit
 * against its specification, {@code y[j] = fma(alpha·x[p], A[p][j], y[j])} for p = 0, 1, …, k − 1 in order; and
 * {@link Blas#ddot}, the same bits on every call (before and after the JIT compiles it) and within 1e-13 of the
 * exact sum relative to Σ|x_i·y_i| (its error bound is about (n/(4L) + L)·2⁻⁵³ of that, below 1e-14 here).
 */
class AxpyRowsTest {
    static final int[] ROW_LENGTHS = {1, 7, 8, 31, 32, 33, 100, 1000};
    static final int[] ROWS = {1, 2, 10};

    private static boolean vectorBackend() {
        return Blas.backend().startsWith("vector");
    }

    /**
     * A stored k×n (row stride {@code lda = n + 5}, offset 3), x with offset 2, y with offset 1; the padding is NaN
     * (A, x) or 777 (y), so that a read or write outside the ranges shows.
     */
    @Test
    void transposedGemvIsBitIdenticalToRowByRowFusedMultiplyAdds() {
        assumeTrue(vectorBackend(), "the bit-exact contract is the vector kernel's; backend: " + Blas.backend());
        SplittableRandom rng = new SplittableRandom(41);
        int cases = 0;
        for (int n : ROW_LENGTHS) {
            for (int k : ROWS) {
                for (double alpha : new double[] {1.0, -0.75, 3.0e-3}) {
                    int aOff = 3, lda = n + 5, xOff = 2, yOff = 1;
                    double[] a = new double[aOff + k * lda + 4];
                    java.util.Arrays.fill(a, Double.NaN);
                    for (int p = 0; p < k; p++) {
                        for (int j = 0; j < n; j++) {
                            a[aOff + p * lda + j] = 2 * rng.nextDouble() - 1;
                        }
                    }
                    double[] x = new double[xOff + k + 2];
                    java.util.Arrays.fill(x, Double.NaN);
                    for (int p = 0; p < k; p++) {
                        x[xOff + p] = 2 * rng.nextDouble() - 1;
                    }
                    double[] y0 = new double[yOff + n + 3];
                    java.util.Arrays.fill(y0, 777.0);
                    for (int j = 0; j < n; j++) {
                        y0[yOff + j] = 4 * rng.nextDouble() - 2;
                    }
                    double[] expect = y0.clone();
                    for (int p = 0; p < k; p++) {
                        for (int j = 0; j < n; j++) {
                            expect[yOff + j] = Math.fma(alpha * x[xOff + p], a[aOff + p * lda + j], expect[yOff + j]);
                        }
                    }
                    // several times: the first calls run interpreted or by C1, later ones by C2
                    for (int rep = 0; rep < 30; rep++) {
                        double[] y = y0.clone();
                        Blas.dgemv(true, n, k, alpha, a, aOff, lda, x, xOff, 1.0, y, yOff);
                        for (int j = 0; j < y.length; j++) {
                            if (Double.doubleToRawLongBits(expect[j]) != Double.doubleToRawLongBits(y[j])) {
                                fail("n=" + n + " k=" + k + " alpha=" + alpha + " rep " + rep + ": y[" + j + "] = "
                                        + y[j] + ", expected " + expect[j]);
                            }
                        }
                    }
                    cases++;
                }
            }
        }
        assertEquals(ROW_LENGTHS.length * ROWS.length * 3, cases);
    }

    /** beta = 0 ignores y's old contents (NaN there must not leak in); the result is the product alone. */
    @Test
    void transposedGemvWithBetaZeroOverwrites() {
        assumeTrue(vectorBackend(), "backend: " + Blas.backend());
        SplittableRandom rng = new SplittableRandom(42);
        for (int n : ROW_LENGTHS) {
            int k = 10;
            double[] a = Reference.uniform(rng, k * n), x = Reference.uniform(rng, k);
            double[] y = new double[n];
            java.util.Arrays.fill(y, Double.NaN);
            Blas.dgemv(true, n, k, 1.0, a, 0, n, x, 0, 0.0, y, 0);
            for (int j = 0; j < n; j++) {
                double e = 0;
                for (int p = 0; p < k; p++) {
                    e = Math.fma(x[p], a[p * n + j], e);
                }
                assertEquals(
                        Double.doubleToRawLongBits(e), Double.doubleToRawLongBits(y[j]), "n=" + n + " [" + j + "]");
            }
        }
    }

    @Test
    void dotGivesTheSameBitsOnEveryCall() {
        SplittableRandom rng = new SplittableRandom(43);
        for (int n : new int[] {1, 7, 8, 15, 16, 17, 33, 37, 100, 1000}) {
            double[] x = Reference.uniform(rng, n + 2), y = Reference.uniform(rng, n + 1);
            long first = Double.doubleToRawLongBits(Blas.ddot(n, x, 2, y, 1));
            int reps = n >= 100 ? 3000 : 20000; // enough calls for C2 to compile the kernel
            for (int rep = 0; rep < reps; rep++) {
                long bits = Double.doubleToRawLongBits(Blas.ddot(n, x, 2, y, 1));
                if (bits != first) {
                    fail("n=" + n + ": call " + rep + " gave " + Double.longBitsToDouble(bits) + ", the first "
                            + Double.longBitsToDouble(first));
                }
            }
        }
    }

    @Test
    void dotMatchesTheExactSum() {
        SplittableRandom rng = new SplittableRandom(44);
        for (int n : new int[] {1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 1000, 4099}) {
            for (boolean positive : new boolean[] {true, false}) {
                double[] x = new double[n], y = new double[n];
                for (int i = 0; i < n; i++) {
                    x[i] = positive ? 0.5 + rng.nextDouble() : 2 * rng.nextDouble() - 1;
                    y[i] = positive ? 0.5 + rng.nextDouble() : 2 * rng.nextDouble() - 1;
                }
                BigDecimal exact = BigDecimal.ZERO;
                double abs = 0;
                for (int i = 0; i < n; i++) {
                    exact = exact.add(new BigDecimal(x[i]).multiply(new BigDecimal(y[i])));
                    abs += Math.abs(x[i] * y[i]);
                }
                double want = exact.doubleValue();
                double got = Blas.ddot(n, x, 0, y, 0);
                if (!(Math.abs(got - want) <= 1e-13 * abs)) {
                    fail("n=" + n + (positive ? " positive" : " mixed signs") + ": " + got + " vs exact " + want
                            + " (Σ|terms| " + abs + ")");
                }
            }
        }
        assertEquals(0.0, Blas.ddot(0, new double[0], 0, new double[0], 0), 0.0);
    }
}
