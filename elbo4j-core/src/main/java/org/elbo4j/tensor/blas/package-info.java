/**
 * Dense double-precision matrix products on row-major {@code double[]} arrays — GEMM, GEMV and DOT
 * with the Fortran BLAS argument conventions (transposes, alpha/beta, offsets, row strides) — the
 * kernels beneath {@code Tensor.matmul} and the neural-network layers. {@link
 * org.elbo4j.tensor.blas.Blas} runs a packed, register-blocked micro-kernel on the JDK Vector API
 * when the JVM is started with {@code --add-modules jdk.incubator.vector}, and a plain-Java kernel
 * otherwise; large products are split across threads with bit-identical results for any thread
 * count.
 *
 * <pre>{@code
 * double[] a = {1, 2, 3, 4, 5, 6};             // A[2×3], row-major
 * double[] b = {1, 0, 0, 1, 1, 1};             // B[3×2]
 * double[] c = new double[4];                  // C[2×2]
 * Blas.dgemm(false, false, 2, 2, 3, 1.0, a, 0, 3, b, 0, 2, 0.0, c, 0, 2);
 * // c = {4, 5, 10, 11}; Blas.backend() = "vector-api (AVX-512, 8 lanes), 2 threads" (say)
 * }</pre>
 */
package org.elbo4j.tensor.blas;
