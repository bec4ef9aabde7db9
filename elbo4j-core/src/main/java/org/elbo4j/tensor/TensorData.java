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
    public static double[] readOnly(Tensor t) {
        return t.data;
    }

    // Whole-array scans for the checks that run on every log-density evaluation (observed data, logits, support):
    // branch-free loops over the IEEE bits (about one element per cycle), remembered on the tensor when they pass, so
    // the observed data of a model, the same tensor on every step, is scanned once.

    private static final long ABS = 0x7FFF_FFFF_FFFF_FFFFL, EXP = 0x7FF0_0000_0000_0000L;
    /** Scans of shorter tensors are not remembered: rescanning costs less than the object that would remember. */
    private static final int REMEMBER = 32;

    /**
     * Σ log of every element (the normalizing term of a scale parameter), remembered on a constant tensor: the fixed
     * standard deviations of a model's data (eight schools' σ) are the same tensor on every step.
     */
    public static double sumOfLogs(Tensor t) {
        Double known = Facts.of(t).sumOfLogs;
        if (known != null) return known;
        double[] a = t.data;
        double s = 0;
        for (int i = 0; i < a.length; i++) s += Math.log(a[i]);
        if (t.tape == null) t.facts = Facts.of(t).withSumOfLogs(s);
        return s;
    }

    /** True when no element of {@code t} is NaN or ±∞. */
    public static boolean allFinite(Tensor t) {
        if (Facts.of(t).has(Facts.FINITE)) return true;
        double[] a = t.data;
        long m = 0;
        // the exponent field plus one exponent unit carries into the sign bit exactly when the field is all ones
        for (int i = 0; i < a.length; i++) m |= (Double.doubleToRawLongBits(a[i]) & EXP) + 0x0010_0000_0000_0000L;
        if (m < 0) return false;
        if (a.length >= REMEMBER) t.facts = Facts.of(t).withFlags(Facts.FINITE);
        return true;
    }

    /** True when some element of {@code t} is NaN. */
    public static boolean anyNaN(Tensor t) {
        if (Facts.of(t).has(Facts.FINITE)) return false;
        double[] a = t.data;
        long m = 0;
        for (int i = 0; i < a.length; i++) m |= EXP - (Double.doubleToRawLongBits(a[i]) & ABS); // < 0 iff NaN
        return m < 0;
    }

    /** True when every element of {@code t} is 0 (or −0) or 1. */
    public static boolean allZeroOrOne(Tensor t) {
        if (Facts.of(t).has(Facts.ZERO_OR_ONE)) return true;
        double[] a = t.data;
        long m = 0;
        // v(1 − v) is ±0 exactly for v ∈ {0, 1}: a NaN or ∞ gives NaN or −∞, any other finite v a non-zero product
        for (int i = 0; i < a.length; i++) m |= Double.doubleToRawLongBits(a[i] * (1 - a[i])) & ABS;
        if (m != 0) return false;
        if (a.length >= REMEMBER) t.facts = Facts.of(t).withFlags((byte) (Facts.ZERO_OR_ONE | Facts.FINITE));
        return true;
    }
}
