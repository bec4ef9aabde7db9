package org.elbo4j.tensor.blas;

/**
 * One implementation of the transcendental elementwise kernels behind {@link VectorMath}. Arguments arrive
 * validated. The order of every floating-point operation, including the lanes of a sum, is fixed by the arguments,
 * so a kernel gives the same bits on every run.
 */
interface ElementwiseKernel {
    /** A short name, e.g. {@code "java"}. */
    String name();

    /** {@code a[off, off+n) ← tanh(a[off, off+n))}. Modified. */
    void tanh(double[] a, int off, int n);

    /**
     * {@code Σ_{i<n} x_i ℓ_i − softplus(ℓ_i)} over {@code ℓ = l[lOff..]}, {@code x = x[xOff..]}; when {@code dl != null}
     * also {@code dl[dlOff + i] = x_i − σ(ℓ_i)}. {@code l}, {@code x} not modified.
     */
    double bernoulliLogits(int n, double[] l, int lOff, double[] x, int xOff, double[] dl, int dlOff);
}
