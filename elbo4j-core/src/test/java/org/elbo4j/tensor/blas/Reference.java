package org.elbo4j.tensor.blas;

import java.util.SplittableRandom;

/** Naive reference products and test data for the BLAS tests. */
final class Reference {

    private Reference() {}

    /**
     * The textbook triple loop: {@code out[i·n + j] = alpha·Σ_p op(A)[i][p]·op(B)[p][j] + beta·C0[i][j]}
     * (beta == 0: C0 ignored), and {@code mag[i·n + j] = |alpha|·Σ_p |op(A)[i][p]·op(B)[p][j]| +
     * |beta·C0[i][j]|}, the scale of the rounding error any summation order can make.
     */
    static void gemm(
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            double alpha,
            double[] a,
            int aOff,
            int lda,
            double[] b,
            int bOff,
            int ldb,
            double beta,
            double[] c0,
            int cOff,
            int ldc,
            double[] out,
            double[] mag) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                double abs = 0;
                for (int p = 0; p < k; p++) {
                    double x = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    double y = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += x * y;
                    abs += Math.abs(x * y);
                }
                double old = beta == 0.0 ? 0.0 : beta * c0[cOff + i * ldc + j];
                out[i * n + j] = alpha * s + old;
                mag[i * n + j] = Math.abs(alpha) * abs + Math.abs(old);
            }
        }
    }

    /** {@code len} numbers uniform in [−1, 1). */
    static double[] uniform(SplittableRandom rng, int len) {
        double[] x = new double[len];
        for (int i = 0; i < len; i++) {
            x[i] = 2 * rng.nextDouble() - 1;
        }
        return x;
    }

    /**
     * A stored {@code rows×cols} matrix at offset {@code off} with row stride {@code ld}, uniform
     * entries, every other slot of the array (offset prefix, row padding, tail) set to {@code fill}.
     */
    static double[] padded(SplittableRandom rng, int rows, int cols, int off, int ld, int tail, double fill) {
        double[] x = new double[off + Math.max(0, rows - 1) * ld + (rows == 0 ? 0 : cols) + tail];
        java.util.Arrays.fill(x, fill);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                x[off + i * ld + j] = 2 * rng.nextDouble() - 1;
            }
        }
        return x;
    }

    /** The two kernels to test: Java always, the Vector API one when its module is present. */
    static java.util.List<GemmKernel> kernels() {
        java.util.List<GemmKernel> list = new java.util.ArrayList<>();
        list.add(Blas.JAVA);
        GemmKernel v = Blas.vectorKernelOrNull();
        if (v != null) {
            list.add(v);
        }
        return list;
    }
}
