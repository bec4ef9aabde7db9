package org.elbo4j.infer;

import org.elbo4j.tensor.Tensor;

/**
 * An active plate: a set of conditionally independent indices, possibly a random minibatch of them. Sites
 * recorded while it is open are scaled by {@link #scale()}. Close it to leave it (plates nest).
 *
 * <pre>{@code
 * try (Plate p = s.plate("data", n, 100)) {
 *     s.observe("y", Bernoulli.ofLogits(p.subsample(x).matmul(w)), p.subsample(y));
 * }
 * }</pre>
 */
public final class Plate implements AutoCloseable {
    private final String name;
    private final int size;
    private final int[] indices;
    private final Runnable onClose;

    Plate(String name, int size, int[] indices, Runnable onClose) {
        this.name = name;
        this.size = size;
        this.indices = indices;
        this.onClose = onClose;
    }

    /** The plate's name. */
    public String name() {
        return name;
    }

    /** The full size N. */
    public int size() {
        return size;
    }

    /** The minibatch size B (= N without subsampling). */
    public int subsampleSize() {
        return indices == null ? size : indices.length;
    }

    /** True when a strict subset of the indices is used. */
    public boolean isSubsampled() {
        return indices != null;
    }

    /** N/B, the factor applied to the log density of sites inside. */
    public double scale() {
        return (double) size / subsampleSize();
    }

    /** The chosen indices (a copy), {@code 0..N-1} without subsampling. */
    public int[] indices() {
        if (indices != null) return indices.clone();
        int[] all = new int[size];
        for (int i = 0; i < size; i++) all[i] = i;
        return all;
    }

    /**
     * The rows of {@code data} (first dimension N) that belong to this minibatch; {@code data} itself without
     * subsampling.
     *
     * @throws IllegalArgumentException if data's first dimension is not the plate size
     */
    public Tensor subsample(Tensor data) {
        if (data.rank() == 0 || data.dim(0) != size) {
            throw new IllegalArgumentException("plate '" + name + "': data of shape " + data.shape()
                    + " does not have the plate size " + size + " as its first dimension");
        }
        return indices == null ? data : data.gather(indices);
    }

    int[] rawIndices() {
        return indices;
    }

    @Override
    public void close() {
        onClose.run();
    }
}
