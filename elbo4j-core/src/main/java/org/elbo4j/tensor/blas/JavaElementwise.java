package org.elbo4j.tensor.blas;

import org.elbo4j.tensor.FastMath;

/** The scalar kernels of {@link VectorMath}: one element at a time, left-to-right sums. */
final class JavaElementwise implements ElementwiseKernel {
  @Override
  public String name() {
    return "java";
  }

  @Override
  public void tanh(double[] a, int off, int n) {
    for (int i = off, e = off + n; i < e; i++) {
      a[i] = VectorMath.tanh(a[i]);
    }
  }

  @Override
  public double bernoulliLogits(int n, double[] l, int lOff, double[] x, int xOff, double[] dl, int dlOff) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      double v = l[lOff + i];
      double xi = x[xOff + i];
      double e = Math.exp(-Math.abs(v));          // softplus(v) = max(v, 0) + log1p(e^{-|v|}): no overflow
      s += xi * v - (Math.max(v, 0) + FastMath.log1p(e));
      if (dl != null) {
        dl[dlOff + i] = xi - (v >= 0 ? 1 : e) / (1 + e);
      }
    }
    return s;
  }
}
