package org.elbo4j.tensor.blas;

import java.util.Objects;

/**
 * Transcendental elementwise kernels of the neural-network hot paths, vectorized: tanh in place, and the Bernoulli
 * log-likelihood with logits Σ x ℓ − softplus(ℓ) with its gradient x − σ(ℓ). With the {@code jdk.incubator.vector}
 * module they run on the Vector API; without it, or with {@code -Delbo4j.blas=java}, on scalar Java (the same switch
 * as {@link Blas}). Their exp and log are this package's own polynomial ones, built from IEEE basic operations only,
 * so every element is the same bits on both backends and whatever the JIT has compiled (the JDK's SVML-backed
 * lanewise EXP is not: its Java fallback differs in the last bit, which would make a run depend on JIT timing). Only
 * the order of the Bernoulli sum differs between the backends.
 *
 * <pre>{@code
 * double[] h = {-1, 0, 0.5};
 * VectorMath.tanh(h, 0, 3);                                    // h = {-0.7616, 0, 0.4621}
 * double ll = VectorMath.bernoulliLogits(3, logits, 0, x, 0, grad, 0);
 * }</pre>
 */
public final class VectorMath {
    private static final String[] NOTE = new String[1];
    private static final ElementwiseKernel KERNEL = select(System.getProperty(Blas.BACKEND_PROPERTY), NOTE);

    private VectorMath() {}

    static ElementwiseKernel select(String forced, String[] note) {
        String want = forced == null ? "" : forced.trim().toLowerCase(java.util.Locale.ROOT);
        if (want.equals("java") || !Blas.vectorModulePresent()) {
            return new JavaElementwise();
        }
        try {
            return (ElementwiseKernel) Class.forName("org.elbo4j.tensor.blas.VectorElementwise")
                    .getDeclaredConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            note[0] = "vector elementwise kernels unavailable: " + e;
            return new JavaElementwise();
        }
    }

    /** {@code "vector-api"} or {@code "java"}. */
    public static String backend() {
        return NOTE[0] == null ? KERNEL.name() : KERNEL.name() + " (" + NOTE[0] + ")";
    }

    /** The kernel in use (hook for tests). */
    static ElementwiseKernel kernel() {
        return KERNEL;
    }

    /**
     * {@code a[off, off+n) ← tanh(a[off, off+n))}. Modified.
     *
     * @throws IndexOutOfBoundsException if the range is outside {@code a}
     */
    public static void tanh(double[] a, int off, int n) {
        Objects.checkFromIndexSize(off, n, a.length);
        KERNEL.tanh(a, off, n);
    }

    /**
     * Σ<sub>i&lt;n</sub> x<sub>i</sub> ℓ<sub>i</sub> − softplus(ℓ<sub>i</sub>), the Bernoulli log-likelihood of data x
     * under logits ℓ, computed as max(ℓ, 0) + log1p(e^{−|ℓ|}) (no overflow); with {@code dl != null} also writes
     * ∂/∂ℓ<sub>i</sub> = x<sub>i</sub> − σ(ℓ<sub>i</sub>) to {@code dl[dlOff + i]}.
     *
     * @param l the logits from {@code lOff}. Not modified.
     * @param x the data from {@code xOff}. Not modified.
     * @param dl null, or the gradient from {@code dlOff}. Modified.
     * @throws IndexOutOfBoundsException if a range is outside its array
     */
    public static double bernoulliLogits(int n, double[] l, int lOff, double[] x, int xOff, double[] dl, int dlOff) {
        Objects.checkFromIndexSize(lOff, n, l.length);
        Objects.checkFromIndexSize(xOff, n, x.length);
        if (dl != null) {
            Objects.checkFromIndexSize(dlOff, n, dl.length);
        }
        return KERNEL.bernoulliLogits(n, l, lOff, x, xOff, dl, dlOff);
    }

    /**
     * tanh x, one value: the same function, bit for bit, as {@link #tanh(double[], int, int)} applies to each element;
     * a few ulps (Cephes' rational approximation below |x| = 0.625, (1 − t)/(1 + t) with t = e^{−2|x|} above).
     */
    public static double tanh(double x) {
        return JavaElementwise.tanh(x);
    }
}
