package org.elbo4j.tensor.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * GEMM against the naive triple loop, for every kernel, transpose combination and a sweep of sizes
 * around the kernels' tile and vector widths, with offsets, padded row strides and alpha/beta cases.
 */
class GemmTest {

    /**
     * Allowed error per element, relative to {@code |alpha|·Σ_p|a_ip·b_pj| + |beta·c_ij|}, per unit
     * of k. Any summation order errs by at most about {@code k·2⁻⁵³ ≈ k·1.1e-16} of that scale, so a
     * correct kernel sits far below; a wrong index errs by O(1).
     */
    static final double TOL_PER_K = 1e-12;
    /** Padding and prefix slots of A and B: a kernel that reads them produces NaN. */
    static final double OUTSIDE = Double.NaN;
    /** Padding slots of C: must come back untouched. */
    static final double SENTINEL = 12345.0;
    /** alpha/beta cases: beta == 0 on a NaN-filled C must ignore it; beta == 1; general. */
    static final double[][] ALPHA_BETA = {{1.0, 0.0}, {1.0, 1.0}, {-0.75, 0.5}};

    static int[] sizes() {
        GemmKernel v = Blas.vectorKernelOrNull();
        int lanes = v == null ? 4 : v.lanes();
        return new int[] {1, 2, 3, lanes - 1, lanes, lanes + 1, 17, 64};
    }

    @Test
    void sweepMatchesNaiveLoop() {
        SplittableRandom rng = new SplittableRandom(20240601L);
        List<GemmKernel> kernels = Reference.kernels();
        int[] sizes = sizes();
        int cases = 0;
        for (GemmKernel kernel : kernels) {
            for (int m : sizes) {
                for (int n : sizes) {
                    for (int k : sizes) {
                        for (int t = 0; t < 4; t++) {
                            double[] ab = ALPHA_BETA[(m + 3 * n + 7 * k + t) % ALPHA_BETA.length];
                            check(kernel, 1, t >= 2, (t & 1) == 1, m, n, k, ab[0], ab[1], rng);
                            cases++;
                        }
                    }
                }
            }
        }
        assertEquals(kernels.size() * sizes.length * sizes.length * sizes.length * 4, cases);
        assertTrue(cases >= 2048, "sweep ran " + cases + " cases");
    }

    @Test
    void everyAlphaBetaCaseOnEdgeSizes() {
        SplittableRandom rng = new SplittableRandom(7L);
        int cases = 0;
        for (GemmKernel kernel : Reference.kernels()) {
            for (int t = 0; t < 4; t++) {
                for (double[] ab : ALPHA_BETA) {
                    check(kernel, 1, t >= 2, (t & 1) == 1, 13, 19, 23, ab[0], ab[1], rng);
                    check(kernel, 1, t >= 2, (t & 1) == 1, 7, 33, 300, ab[0], ab[1], rng); // two k blocks
                    cases += 2;
                }
            }
        }
        assertEquals(Reference.kernels().size() * 4 * ALPHA_BETA.length * 2, cases);
    }

    @Test
    void mlpShapeAllTransposes() {
        SplittableRandom rng = new SplittableRandom(99L);
        int cases = 0;
        for (GemmKernel kernel : Reference.kernels()) {
            for (int t = 0; t < 4; t++) {
                check(kernel, 2, t >= 2, (t & 1) == 1, 100, 500, 784, 1.0, 0.0, rng);
                cases++;
            }
        }
        assertEquals(Reference.kernels().size() * 4, cases);
    }

    @Test
    void publicEntryPointUsesTheSelectedKernel() {
        SplittableRandom rng = new SplittableRandom(3L);
        double[] a = Reference.uniform(rng, 5 * 4);
        double[] b = Reference.uniform(rng, 4 * 6);
        double[] c = new double[5 * 6];
        double[] viaHook = new double[5 * 6];
        Blas.dgemm(false, false, 5, 6, 4, 2.0, a, 0, 4, b, 0, 6, 0.0, c, 0, 6);
        Blas.gemm(Blas.kernel(), 1, false, false, 5, 6, 4, 2.0, a, 0, 4, b, 0, 6, 0.0, viaHook, 0, 6);
        assertTrue(java.util.Arrays.equals(viaHook, c));
        assertNotNull(Blas.backend());
    }

    @Test
    void packageInfoExample() {
        double[] a = {1, 2, 3, 4, 5, 6};
        double[] b = {1, 0, 0, 1, 1, 1};
        double[] c = new double[4];
        Blas.dgemm(false, false, 2, 2, 3, 1.0, a, 0, 3, b, 0, 2, 0.0, c, 0, 2);
        assertTrue(java.util.Arrays.equals(new double[] {4, 5, 10, 11}, c), java.util.Arrays.toString(c));
    }

    @Test
    void alphaZeroOrEmptyKScalesCWithoutReadingAB() {
        for (GemmKernel kernel : Reference.kernels()) {
            double[] nanA = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
            double[] c = {1, 2, 3, 4};
            Blas.gemm(kernel, 1, false, false, 2, 2, 2, 0.0, nanA, 0, 2, nanA, 0, 2, 0.5, c, 0, 2);
            assertTrue(java.util.Arrays.equals(new double[] {0.5, 1, 1.5, 2}, c));
            double[] nanC = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
            Blas.gemm(kernel, 1, false, false, 2, 2, 0, 1.0, new double[0], 0, 0, new double[0], 0, 2, 0.0, nanC, 0, 2);
            assertTrue(java.util.Arrays.equals(new double[4], nanC));
            Blas.gemm(
                    kernel,
                    1,
                    true,
                    true,
                    0,
                    0,
                    5,
                    1.0,
                    new double[0],
                    0,
                    0,
                    new double[0],
                    0,
                    5,
                    0.0,
                    new double[0],
                    0,
                    0); // empty C: nothing to do, nothing thrown
        }
    }

    /**
     * One product with offsets 3/5/2 and row strides padded by 2/1/3 (NaN around A and B, a sentinel
     * around C), compared with {@link Reference#gemm}; C's padding must be untouched.
     */
    static void check(
            GemmKernel kernel,
            int threads,
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            double alpha,
            double beta,
            SplittableRandom rng) {
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        int aOff = 3, lda = aCols + 2, bOff = 5, ldb = bCols + 1, cOff = 2, ldc = n + 3;
        double[] a = Reference.padded(rng, aRows, aCols, aOff, lda, 4, OUTSIDE);
        double[] b = Reference.padded(rng, bRows, bCols, bOff, ldb, 4, OUTSIDE);
        double[] c = Reference.padded(rng, m, n, cOff, ldc, 4, SENTINEL);
        if (beta == 0.0) {
            for (int i = 0; i < m; i++) {
                java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, Double.NaN);
            }
        }
        double[] expect = new double[m * n];
        double[] mag = new double[m * n];
        Reference.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, expect, mag);
        Blas.gemm(kernel, threads, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        String what = kernel.name() + " transA=" + transA + " transB=" + transB + " m=" + m + " n=" + n + " k=" + k
                + " alpha=" + alpha + " beta=" + beta;
        for (int idx = 0; idx < c.length; idx++) {
            int rel = idx - cOff;
            int i = rel < 0 ? -1 : rel / ldc;
            int j = rel < 0 ? -1 : rel % ldc;
            if (i >= 0 && i < m && j < n) {
                double err = Math.abs(c[idx] - expect[i * n + j]);
                if (!(err <= TOL_PER_K * k * mag[i * n + j])) {
                    fail(what + ": C[" + i + "][" + j + "] = " + c[idx] + ", expected " + expect[i * n + j]);
                }
            } else if (c[idx] != SENTINEL) {
                fail(what + ": wrote outside C at index " + idx);
            }
        }
    }
}
