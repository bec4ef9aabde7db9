package org.elbo4j.tensor;

/**
 * Zero-copy read access to a tensor's values, for fused kernels outside this package that hand them to
 * {@link org.elbo4j.tensor.blas.Blas} (the neural-network layers of {@code org.elbo4j.nn}, the AEVB kernels of
 * {@code org.elbo4j.vae}). {@link Tensor#toArray()} copies, which for a 784×400 weight matrix on every step of a VAE
 * costs more than the matrix product it feeds.
 *
 * <p><b>Contract.</b> The array returned is the tensor's own storage, row-major, of length {@link Tensor#size()}.
 * Tensors are values and may share storage (reshape does not copy): a caller must never write to it. Kernels
 * read it and write only into arrays they allocated themselves or into adjoint buffers ({@link Adjoints#of}).
 */
public final class TensorData {
    private TensorData() {}

    /**
     * The values of {@code t}, not a copy. Read only.
     *
     * @param t any tensor (constant or on a tape)
     * @return its storage, length {@code t.size()}
     */
    public static double[] readOnly(Tensor t) { return t.data; }
}
