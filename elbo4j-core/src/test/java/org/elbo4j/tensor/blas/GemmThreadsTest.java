package org.elbo4j.tensor.blas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Multi-threaded GEMM: the same bits for 1, 2, 3 and 5 threads, for both kernels, all transposes,
 * a column split ({@code m ≤ n}) and a row split ({@code m > n}), and correct against the naive loop.
 */
class GemmThreadsTest {

    /** Shapes large enough to be split ({@code m·n·k ≥ Blas.PARALLEL_MIN_WORK}); odd sizes on purpose. */
    static final int[][] SHAPES = {{67, 203, 190}, {203, 67, 190}, {41, 300, 401}};

    static final int[] THREADS = {2, 3, 5};

    @Test
    void resultsAreBitIdenticalForAnyThreadCount() {
        SplittableRandom rng = new SplittableRandom(11L);
        int cases = 0;
        for (GemmKernel kernel : Reference.kernels()) {
            for (int[] s : SHAPES) {
                int m = s[0], n = s[1], k = s[2];
                for (int t = 0; t < 4; t++) {
                    boolean transA = t >= 2, transB = (t & 1) == 1;
                    double[] a = Reference.uniform(rng, m * k);
                    double[] b = Reference.uniform(rng, k * n);
                    double[] c0 = Reference.uniform(rng, m * n);
                    double[] one = c0.clone();
                    Blas.gemm(
                            kernel,
                            1,
                            transA,
                            transB,
                            m,
                            n,
                            k,
                            0.5,
                            a,
                            0,
                            transA ? m : k,
                            b,
                            0,
                            transB ? k : n,
                            -1.5,
                            one,
                            0,
                            n);
                    for (int threads : THREADS) {
                        assertTrue(
                                Blas.plannedParts(kernel, threads, m, n, k) > 1,
                                "shape " + m + "x" + n + "x" + k + " is not split, the test would prove nothing");
                        double[] many = c0.clone();
                        Blas.gemm(
                                kernel,
                                threads,
                                transA,
                                transB,
                                m,
                                n,
                                k,
                                0.5,
                                a,
                                0,
                                transA ? m : k,
                                b,
                                0,
                                transB ? k : n,
                                -1.5,
                                many,
                                0,
                                n);
                        assertArrayEquals(
                                one,
                                many,
                                0.0,
                                kernel.name() + " " + threads + " threads, transA=" + transA + " transB=" + transB + " "
                                        + m + "x" + n + "x" + k);
                        cases++;
                    }
                }
            }
        }
        assertEquals(Reference.kernels().size() * SHAPES.length * 4 * THREADS.length, cases);
    }

    @Test
    void splitProductsMatchNaiveLoop() {
        SplittableRandom rng = new SplittableRandom(12L);
        int cases = 0;
        for (GemmKernel kernel : Reference.kernels()) {
            for (int[] s : SHAPES) {
                for (int t = 0; t < 4; t++) {
                    GemmTest.check(kernel, 3, t >= 2, (t & 1) == 1, s[0], s[1], s[2], 1.25, 0.0, rng);
                    GemmTest.check(kernel, 2, t >= 2, (t & 1) == 1, s[0], s[1], s[2], 1.0, 1.0, rng);
                    cases += 2;
                }
            }
        }
        assertEquals(Reference.kernels().size() * SHAPES.length * 8, cases);
    }

    /**
     * The kernel contract behind the bit-identity: an element of C does not depend on the shape of the
     * product it is computed in. Sub-blocks of C computed as products of their own (tiny ones take the
     * unpacked path, others land on partial tiles) equal the full product's bits.
     */
    @Test
    void elementsDoNotDependOnTheProductShape() {
        SplittableRandom rng = new SplittableRandom(13L);
        int[][] blocks = {{0, 1, 0, 1}, {2, 4, 3, 7}, {5, 6, 0, 16}, {1, 20, 17, 18}, {3, 30, 2, 29}};
        int cases = 0;
        for (GemmKernel kernel : Reference.kernels()) {
            for (int k : new int[] {1, 16, 300}) { // 300: two k blocks
                for (int t = 0; t < 4; t++) {
                    boolean transA = t >= 2, transB = (t & 1) == 1;
                    int m = 31, n = 37;
                    int lda = transA ? m : k, ldb = transB ? k : n;
                    double[] a = Reference.uniform(rng, m * k);
                    double[] b = Reference.uniform(rng, k * n);
                    double[] full = Reference.uniform(rng, m * n);
                    double[] c0 = full.clone();
                    Blas.gemm(kernel, 1, transA, transB, m, n, k, 0.7, a, 0, lda, b, 0, ldb, 0.3, full, 0, n);
                    for (int[] blk : blocks) {
                        int r0 = blk[0], r1 = blk[1], q0 = blk[2], q1 = blk[3];
                        double[] part = c0.clone();
                        Blas.gemm(
                                kernel,
                                1,
                                transA,
                                transB,
                                r1 - r0,
                                q1 - q0,
                                k,
                                0.7,
                                a,
                                transA ? r0 : r0 * lda,
                                lda,
                                b,
                                transB ? q0 * ldb : q0,
                                ldb,
                                0.3,
                                part,
                                r0 * n + q0,
                                n);
                        for (int i = r0; i < r1; i++) {
                            for (int j = q0; j < q1; j++) {
                                assertEquals(
                                        Double.doubleToLongBits(full[i * n + j]),
                                        Double.doubleToLongBits(part[i * n + j]),
                                        kernel.name() + " k=" + k + " t=" + t + " block "
                                                + java.util.Arrays.toString(blk) + " at " + i + "," + j);
                            }
                        }
                        cases++;
                    }
                }
            }
        }
        assertEquals(Reference.kernels().size() * 3 * 4 * blocks.length, cases);
    }

    /** Callers racing for the worker pool: the losers run alone, all get the single-thread bits. */
    @Test
    void concurrentCallersGetTheSameBits() throws Exception {
        SplittableRandom rng = new SplittableRandom(14L);
        int m = 64, n = 300, k = 200;
        double[] a = Reference.uniform(rng, m * k);
        double[] b = Reference.uniform(rng, k * n);
        GemmKernel kernel = Blas.kernel();
        double[] expect = new double[m * n];
        Blas.gemm(kernel, 1, false, false, m, n, k, 1.0, a, 0, k, b, 0, n, 0.0, expect, 0, n);
        int callers = 4, rounds = 20;
        java.util.concurrent.ExecutorService ex = java.util.concurrent.Executors.newFixedThreadPool(callers);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            for (int t = 0; t < callers; t++) {
                results.add(ex.submit(() -> {
                    int same = 0;
                    for (int r = 0; r < rounds; r++) {
                        double[] c = new double[m * n];
                        Blas.gemm(kernel, 2, false, false, m, n, k, 1.0, a, 0, k, b, 0, n, 0.0, c, 0, n);
                        same += java.util.Arrays.equals(expect, c) ? 1 : 0;
                    }
                    return same;
                }));
            }
            for (java.util.concurrent.Future<Integer> f : results) {
                assertEquals(rounds, f.get().intValue());
            }
        } finally {
            ex.shutdown();
        }
    }

    @Test
    void smallProductsStayOnTheCallingThread() {
        for (GemmKernel kernel : Reference.kernels()) {
            assertEquals(1, Blas.plannedParts(kernel, 8, 32, 32, 32));
            assertEquals(1, Blas.plannedParts(kernel, 1, 1000, 1000, 1000));
            assertEquals(2, Blas.plannedParts(kernel, 2, 100, 500, 784));
        }
    }
}
