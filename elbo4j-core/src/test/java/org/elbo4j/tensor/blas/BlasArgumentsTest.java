package org.elbo4j.tensor.blas;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad arguments: IllegalArgumentException whose message names the argument and its value. */
class BlasArgumentsTest {

    static final double[] A6 = new double[6]; // 2×3
    static final double[] B12 = new double[12]; // 3×4
    static final double[] C8 = new double[8]; // 2×4

    static void expect(String fragment, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
    }

    @Test
    void gemmRejectsBadArguments() {
        expect("m = -1", () -> Blas.dgemm(false, false, -1, 4, 3, 1, A6, 0, 3, B12, 0, 4, 0, C8, 0, 4));
        expect("n = -2", () -> Blas.dgemm(false, false, 2, -2, 3, 1, A6, 0, 3, B12, 0, 4, 0, C8, 0, 4));
        expect("k = -3", () -> Blas.dgemm(false, false, 2, 4, -3, 1, A6, 0, 3, B12, 0, 4, 0, C8, 0, 4));
        expect("a is null", () -> Blas.dgemm(false, false, 2, 4, 3, 1, null, 0, 3, B12, 0, 4, 0, C8, 0, 4));
        expect("aOff = -1", () -> Blas.dgemm(false, false, 2, 4, 3, 1, A6, -1, 3, B12, 0, 4, 0, C8, 0, 4));
        expect("lda = 2", () -> Blas.dgemm(false, false, 2, 4, 3, 1, A6, 0, 2, B12, 0, 4, 0, C8, 0, 4));
        expect("a.length = 6", () -> Blas.dgemm(false, false, 2, 4, 3, 1, A6, 1, 3, B12, 0, 4, 0, C8, 0, 4));
        // transA: A is stored k×m = 3×2, so lda = 3 is fine but needs 2·3 + 2 = 8 > 6 elements
        expect("a.length = 6", () -> Blas.dgemm(true, false, 2, 4, 3, 1, A6, 0, 3, B12, 0, 4, 0, C8, 0, 4));
        expect("ldb = 3", () -> Blas.dgemm(false, false, 2, 4, 3, 1, A6, 0, 3, B12, 0, 3, 0, C8, 0, 4));
        expect("b.length = 12", () -> Blas.dgemm(false, true, 2, 4, 3, 1, A6, 0, 3, B12, 0, 4, 0, C8, 0, 4));
        expect("bOff = -5", () -> Blas.dgemm(false, false, 2, 4, 3, 1, A6, 0, 3, B12, -5, 4, 0, C8, 0, 4));
        expect("ldc = 3", () -> Blas.dgemm(false, false, 2, 4, 3, 1, A6, 0, 3, B12, 0, 4, 0, C8, 0, 3));
        expect("c.length = 8", () -> Blas.dgemm(false, false, 2, 4, 3, 1, A6, 0, 3, B12, 0, 4, 0, C8, 1, 4));
        expect("c is null", () -> Blas.dgemm(false, false, 2, 4, 3, 1, A6, 0, 3, B12, 0, 4, 0, null, 0, 4));
        // huge strides must not overflow into a false "fits"
        expect(
                "a.length = 6",
                () -> Blas.dgemm(false, false, 3, 1, 1, 1, A6, 0, Integer.MAX_VALUE, B12, 0, 4, 0, C8, 0, 4));
    }

    @Test
    void gemvAndDotRejectBadArguments() {
        double[] x3 = new double[3];
        double[] y2 = new double[2];
        expect("m = -1", () -> Blas.dgemv(false, -1, 3, 1, A6, 0, 3, x3, 0, 0, y2, 0));
        expect("x.length = 3", () -> Blas.dgemv(false, 2, 3, 1, A6, 0, 3, x3, 1, 0, y2, 0));
        expect("y.length = 2", () -> Blas.dgemv(false, 2, 3, 1, A6, 0, 3, x3, 0, 0, y2, 1));
        expect("lda = 2", () -> Blas.dgemv(true, 3, 2, 1, A6, 0, 2, y2, 0, 0, x3, 0));
        expect("yOff = -1", () -> Blas.dgemv(false, 2, 3, 1, A6, 0, 3, x3, 0, 0, y2, -1));
        expect("n = -1", () -> Blas.ddot(-1, x3, 0, x3, 0));
        expect("y.length = 2", () -> Blas.ddot(3, x3, 0, y2, 0));
        expect("x is null", () -> Blas.ddot(1, null, 0, y2, 0));
    }

    @Test
    void setThreadsRejectsZero() {
        expect("threads = 0", () -> Blas.setThreads(0));
    }
}
