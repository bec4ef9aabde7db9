package org.elbo4j.tensor.blas;

/**
 * One single-threaded implementation of the BLAS routines behind {@link Blas}. Arguments arrive
 * validated; implementations never allocate per call beyond their reusable per-thread buffers.
 *
 * <p>Determinism contract, relied upon by the multi-threaded driver in {@link Blas}: in {@link #gemm},
 * the sequence of floating-point operations that produces an element {@code C[i][j]} depends only on
 * {@code k}, {@code alpha}, {@code beta}, row {@code i} of op(A) and column {@code j} of op(B) — never
 * on {@code m}, {@code n}, or on where the element falls in the kernel's tiles. Computing a block of
 * rows or columns of C as its own sub-problem therefore gives the same bits as computing it inside
 * the whole product.
 */
interface GemmKernel {

    /** A short name for {@link Blas#backend()}, e.g. {@code "java"}. */
    String name();

    /**
     * Row-major {@code C[m×n] = alpha·op(A)·op(B) + beta·C} with {@code m, n, k ≥ 1} and
     * {@code alpha ≠ 0}; {@code beta == 0} overwrites C without reading it. C is modified; A and B are
     * not.
     */
    void gemm(
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
            double[] c,
            int cOff,
            int ldc);

    /** {@code Σ_{i<n} x[xOff+i]·y[yOff+i]}, with {@code n ≥ 1}, in an order fixed by {@code n}. */
    double dot(int n, double[] x, int xOff, double[] y, int yOff);

    /**
     * {@code y[n] += alpha·Σ_p x[p]·B[p][·]}: the accumulation {@code y += alpha·Bᵀx} over the
     * row-major {@code B[k×n]} with row stride {@code ldb}, used by {@code dgemv} with a transposed
     * matrix. {@code k, n ≥ 1}.
     */
    void axpyRows(
            int k, int n, double alpha, double[] b, int bOff, int ldb, double[] x, int xOff, double[] y, int yOff);

    /** Doubles per SIMD vector (1 for scalar code). */
    int lanes();

    /** Rows of C per register tile: {@link Blas} splits work across threads in multiples of it. */
    int rowGrain();

    /** Columns of C per register tile: {@link Blas} splits work across threads in multiples of it. */
    int colGrain();
}
