package org.elbo4j.tensor.blas;

import java.util.Objects;

/**
 * Transcendental elementwise kernels of the neural-network hot paths, vectorized: tanh in place, and the Bernoulli
 * log-likelihood with logits Σ x ℓ − softplus(ℓ) with its gradient x − σ(ℓ). With the {@code jdk.incubator.vector}
 * module they run on the Vector API (SVML exp/log1p/tanh on x86-64); without it, or with
 * {@code -Delbo4j.blas=java}, on scalar Java (the same switch as {@link Blas}). The two differ in the last bits;
 * each gives the same bits on every run.
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
          .getDeclaredConstructor().newInstance();
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

  // Cephes tanh.c: tanh x = x + x·s·P(s)/Q(s), s = x², for |x| < 0.625.
  private static final double P0 = -9.64399179425052238628E-1;
  private static final double P1 = -9.92877231001918586564E1;
  private static final double P2 = -1.61468768441708447952E3;
  private static final double Q0 = 1.12811678491632931402E2;
  private static final double Q1 = 2.23548839060100448583E3;
  private static final double Q2 = 4.84406305325125486048E3;

  /**
   * tanh x in scalar code, a few ulps (2 measured over ±[1e-12, 30]): Cephes' rational approximation below
   * |x| = 0.625, 1 − 2/(e^{2|x|} + 1) above (one exp; the JDK's {@code Math.tanh} is a JNI call to fdlibm).
   *
   * <blockquote>S. L. Moshier, Cephes Math Library, tanh.c.</blockquote>
   */
  public static double tanh(double x) {
    double z = Math.abs(x);
    if (z >= 0.625) {
      if (z > 22) {
        return Math.copySign(1.0, x); // 1 − 2/(e^{44} + 1) rounds to 1
      }
      double s = Math.exp(2 * z);
      return Math.copySign(1.0 - 2.0 / (s + 1.0), x);
    }
    if (x == 0) {
      return x; // keeps the sign of −0
    }
    double s = x * x;
    double p = (P0 * s + P1) * s + P2;
    double q = ((s + Q0) * s + Q1) * s + Q2;
    return x + x * s * (p / q);
  }
}
