package org.elbo4j.tensor.blas;

import static org.elbo4j.tensor.blas.JavaElementwise.EXP_C;
import static org.elbo4j.tensor.blas.JavaElementwise.EXP_MIN;
import static org.elbo4j.tensor.blas.JavaElementwise.LG1;
import static org.elbo4j.tensor.blas.JavaElementwise.LG2;
import static org.elbo4j.tensor.blas.JavaElementwise.LG3;
import static org.elbo4j.tensor.blas.JavaElementwise.LG4;
import static org.elbo4j.tensor.blas.JavaElementwise.LG5;
import static org.elbo4j.tensor.blas.JavaElementwise.LG6;
import static org.elbo4j.tensor.blas.JavaElementwise.LG7;
import static org.elbo4j.tensor.blas.JavaElementwise.LG_LN2_HI;
import static org.elbo4j.tensor.blas.JavaElementwise.LG_LN2_LO;
import static org.elbo4j.tensor.blas.JavaElementwise.LN2_HI;
import static org.elbo4j.tensor.blas.JavaElementwise.LN2_LO;
import static org.elbo4j.tensor.blas.JavaElementwise.LOG2E;
import static org.elbo4j.tensor.blas.JavaElementwise.P0;
import static org.elbo4j.tensor.blas.JavaElementwise.P1;
import static org.elbo4j.tensor.blas.JavaElementwise.P2;
import static org.elbo4j.tensor.blas.JavaElementwise.Q0;
import static org.elbo4j.tensor.blas.JavaElementwise.Q1;
import static org.elbo4j.tensor.blas.JavaElementwise.Q2;
import static org.elbo4j.tensor.blas.JavaElementwise.ROUND;
import static org.elbo4j.tensor.blas.JavaElementwise.ROUND_BITS;
import static org.elbo4j.tensor.blas.JavaElementwise.SQRT2;
import static org.elbo4j.tensor.blas.JavaElementwise.TANH_SMALL;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernels of {@link VectorMath} on the JDK Vector API: each lane performs exactly the operations of the scalar
 * {@link JavaElementwise#expNonPositive}, {@link JavaElementwise#log1pUnit} and {@link JavaElementwise#tanh(double)}
 * (IEEE basic operations and fused multiply-adds only, never the lanewise {@code EXP}/{@code LOG}/{@code TANH}, whose
 * SVML intrinsic and Java fallback differ in the last bit, which would make results depend on JIT timing). Elements
 * that do not fill a vector go through the scalar functions: the same bits. Sums accumulate lane-wise and the lanes
 * are then added left to right.
 *
 * <p>Load this class only when the {@code jdk.incubator.vector} module is present (see {@link VectorMath}).
 */
final class VectorElementwise implements ElementwiseKernel {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final DoubleVector C0 = DoubleVector.broadcast(S, EXP_C[0]);
  private static final DoubleVector C1 = DoubleVector.broadcast(S, EXP_C[1]);
  private static final DoubleVector C2 = DoubleVector.broadcast(S, EXP_C[2]);
  private static final DoubleVector C3 = DoubleVector.broadcast(S, EXP_C[3]);
  private static final DoubleVector C4 = DoubleVector.broadcast(S, EXP_C[4]);
  private static final DoubleVector C5 = DoubleVector.broadcast(S, EXP_C[5]);
  private static final DoubleVector C6 = DoubleVector.broadcast(S, EXP_C[6]);
  private static final DoubleVector C7 = DoubleVector.broadcast(S, EXP_C[7]);
  private static final DoubleVector C8 = DoubleVector.broadcast(S, EXP_C[8]);
  private static final DoubleVector C9 = DoubleVector.broadcast(S, EXP_C[9]);
  private static final DoubleVector C10 = DoubleVector.broadcast(S, EXP_C[10]);
  private static final DoubleVector C11 = DoubleVector.broadcast(S, EXP_C[11]);
  private static final DoubleVector C12 = DoubleVector.broadcast(S, EXP_C[12]);
  private static final DoubleVector C13 = DoubleVector.broadcast(S, EXP_C[13]);

  @Override
  public String name() {
    return "vector-api";
  }

  /** Lane-wise {@link JavaElementwise#expNonPositive}. */
  static DoubleVector expNonPositive(DoubleVector x) {
    DoubleVector xc = x.max(EXP_MIN);
    DoubleVector t = xc.mul(LOG2E).add(ROUND);
    DoubleVector kd = t.sub(ROUND);
    DoubleVector r = kd.neg().fma(DoubleVector.broadcast(S, LN2_HI), xc);
    r = kd.neg().fma(DoubleVector.broadcast(S, LN2_LO), r);
    // Horner, unrolled by hand: a loop would carry the vector through a back edge, which the JIT boxes.
    DoubleVector p = r.fma(C13, C12);
    p = p.fma(r, C11);
    p = p.fma(r, C10);
    p = p.fma(r, C9);
    p = p.fma(r, C8);
    p = p.fma(r, C7);
    p = p.fma(r, C6);
    p = p.fma(r, C5);
    p = p.fma(r, C4);
    p = p.fma(r, C3);
    p = p.fma(r, C2);
    p = p.fma(r, C1);
    p = p.fma(r, C0);
    // k from the bits of t: the Vector API's D2L conversion is not intrinsified here (measured 3–4.5 ns vs 0.14 ns
    // per element for this bit arithmetic)
    LongVector k = t.reinterpretAsLongs().sub(ROUND_BITS);
    LongVector k1 = k.lanewise(VectorOperators.ASHR, 1);
    LongVector k2 = k.sub(k1);
    DoubleVector s1 = k1.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
    DoubleVector s2 = k2.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
    return p.mul(s1).mul(s2);
  }

  /** Lane-wise {@link JavaElementwise#log1pUnit}. */
  static DoubleVector log1pUnit(DoubleVector e) {
    DoubleVector one = DoubleVector.broadcast(S, 1.0);
    DoubleVector u = one.add(e);
    VectorMask<Double> big = u.compare(VectorOperators.GT, SQRT2);
    DoubleVector m = u.blend(u.mul(0.5), big);
    DoubleVector j = DoubleVector.zero(S).blend(one, big);
    DoubleVector f = m.sub(1.0);
    DoubleVector s = f.div(f.add(2.0));
    DoubleVector z = s.mul(s);
    DoubleVector w = z.mul(z);
    DoubleVector t1 = w.mul(w.mul(w.mul(LG6).add(LG4)).add(LG2));
    DoubleVector t2 = z.mul(w.mul(w.mul(w.mul(LG7).add(LG5)).add(LG3)).add(LG1));
    DoubleVector hfsq = f.mul(0.5).mul(f);
    // j·ln2_hi − ((hfsq − (s·(hfsq + (t2 + t1)) + j·ln2_lo)) − f), the scalar expression's order
    DoubleVector inner = s.mul(hfsq.add(t2.add(t1))).add(j.mul(LG_LN2_LO));
    DoubleVector logu = j.mul(LG_LN2_HI).sub(hfsq.sub(inner).sub(f));
    DoubleVector um1 = u.sub(1.0);
    VectorMask<Double> exact = um1.compare(VectorOperators.EQ, 0.0);
    return logu.mul(e.div(um1)).blend(e, exact);
  }

  /** Lane-wise {@link JavaElementwise#tanh(double)}. */
  static DoubleVector tanh(DoubleVector x) {
    DoubleVector a = x.abs();
    DoubleVector t = expNonPositive(a.mul(-2.0));
    DoubleVector big = DoubleVector.broadcast(S, 1.0).sub(t).div(t.add(1.0));
    DoubleVector s = x.mul(x);
    DoubleVector p = s.mul(P0).add(P1).mul(s).add(P2);
    DoubleVector q = s.add(Q0).mul(s).add(Q1).mul(s).add(Q2);
    DoubleVector small = x.add(x.mul(s).mul(p.div(q)));
    DoubleVector signedBig = big.blend(big.neg(), x.compare(VectorOperators.LT, 0.0));
    DoubleVector r = signedBig.blend(small, a.compare(VectorOperators.LT, TANH_SMALL));
    return r.blend(x, x.compare(VectorOperators.EQ, 0.0));
  }

  @Override
  public void tanh(double[] a, int off, int n) {
    int i = 0;
    for (; i <= n - L; i += L) {
      tanh(DoubleVector.fromArray(S, a, off + i)).intoArray(a, off + i);
    }
    for (; i < n; i++) {
      a[off + i] = JavaElementwise.tanh(a[off + i]);
    }
  }

  /** Elements per pass of {@link #bernoulliLogits}: the temporary e^{−|ℓ|} stays in L1 (4 KiB). */
  private static final int CHUNK = 512;

  /**
   * In two passes per chunk: e = e^{−|ℓ|} into a temporary, then {@link #logPass} (log1p, the sum, the gradient).
   * One loop doing all of it measured 2.8 µs per 1,000 elements where the two passes take 1.9: C2 stops inlining at
   * its node-count cutoff (the Vector API's exp and log1p together exceed it), and a DoubleVector handed to a method
   * that is not inlined is boxed on every iteration ({@code -XX:+PrintInlining} shows "NodeCountInliningCutoff").
   * The lane sums run in the same order as one loop would, so the bits are unchanged.
   */
  @Override
  public double bernoulliLogits(int n, double[] l, int lOff, double[] x, int xOff, double[] dl, int dlOff) {
    int full = n - n % L;
    double[] lanes = new double[L];
    double[] e = new double[Math.min(full, CHUNK)];
    for (int c = 0; c < full; c += CHUNK) {
      int len = Math.min(CHUNK, full - c);
      expPass(len, l, lOff + c, e);
      logPass(len, l, lOff + c, x, xOff + c, e, lanes, dl, dlOff + c);
    }
    double s = 0;
    for (double v : lanes) {
      s += v;
    }
    double[] g = new double[1];
    for (int i = full; i < n; i++) {
      s += JavaElementwise.bernoulliTerm(l[lOff + i], x[xOff + i], g);
      if (dl != null) {
        dl[dlOff + i] = g[0];
      }
    }
    return s;
  }

  /**
   * e[i] = e^{−|ℓ_i|}, {@code len} a multiple of the vector length. The body of {@link #expNonPositive} is written
   * out, as in {@link #logPass} and for the same reason: a kernel method over FreqInlineSize is compiled as its own
   * root, so its Vector API calls are never pushed past C2's MaxInlineLevel (15) when a caller deep in an SVI step
   * inlines it; an intrinsic that is not inlined boxes every vector (measured: a logistic-regression step went from
   * 8 to 12–14 µs).
   */
  private static void expPass(int len, double[] l, int lOff, double[] e) {
    for (int i = 0; i < len; i += L) {
      DoubleVector x = DoubleVector.fromArray(S, l, lOff + i).abs().neg();
      // expNonPositive(x), operation for operation
      DoubleVector xc = x.max(EXP_MIN);
      DoubleVector t = xc.mul(LOG2E).add(ROUND);
      DoubleVector kd = t.sub(ROUND);
      DoubleVector r = kd.neg().fma(DoubleVector.broadcast(S, LN2_HI), xc);
      r = kd.neg().fma(DoubleVector.broadcast(S, LN2_LO), r);
      DoubleVector p = r.fma(C13, C12);
      p = p.fma(r, C11);
      p = p.fma(r, C10);
      p = p.fma(r, C9);
      p = p.fma(r, C8);
      p = p.fma(r, C7);
      p = p.fma(r, C6);
      p = p.fma(r, C5);
      p = p.fma(r, C4);
      p = p.fma(r, C3);
      p = p.fma(r, C2);
      p = p.fma(r, C1);
      p = p.fma(r, C0);
      LongVector k = t.reinterpretAsLongs().sub(ROUND_BITS);
      LongVector k1 = k.lanewise(VectorOperators.ASHR, 1);
      LongVector k2 = k.sub(k1);
      DoubleVector s1 = k1.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
      DoubleVector s2 = k2.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
      p.mul(s1).mul(s2).intoArray(e, i);
    }
  }

  /**
   * lanes += x·ℓ − (max(ℓ, 0) + log1p(e)) lane-wise in index order, and with {@code dl != null} dl = x − σ(ℓ),
   * σ(ℓ) = (ℓ ≥ 0 ? 1 : e)/(1 + e); {@code len} a multiple of the vector length.
   *
   * <p>The body of {@link #log1pUnit} is written out here on purpose: this method must stay over C2's
   * FreqInlineSize (325 bytes of bytecode) so that it is never inlined into its caller (see {@link #expPass});
   * a call to log1pUnit would make it small enough to inline.
   */
  private static void logPass(int len, double[] l, int lOff, double[] x, int xOff, double[] e, double[] lanes,
                              double[] dl, int dlOff) {
    DoubleVector acc = DoubleVector.fromArray(S, lanes, 0);
    DoubleVector one = DoubleVector.broadcast(S, 1.0);
    boolean grad = dl != null;
    for (int i = 0; i < len; i += L) {
      DoubleVector v = DoubleVector.fromArray(S, l, lOff + i);
      DoubleVector xv = DoubleVector.fromArray(S, x, xOff + i);
      DoubleVector ev = DoubleVector.fromArray(S, e, i);
      // log1pUnit(ev), operation for operation
      DoubleVector u = one.add(ev);
      VectorMask<Double> big = u.compare(VectorOperators.GT, SQRT2);
      DoubleVector m = u.blend(u.mul(0.5), big);
      DoubleVector j = DoubleVector.zero(S).blend(one, big);
      DoubleVector f = m.sub(1.0);
      DoubleVector sq = f.div(f.add(2.0));
      DoubleVector z = sq.mul(sq);
      DoubleVector w = z.mul(z);
      DoubleVector t1 = w.mul(w.mul(w.mul(LG6).add(LG4)).add(LG2));
      DoubleVector t2 = z.mul(w.mul(w.mul(w.mul(LG7).add(LG5)).add(LG3)).add(LG1));
      DoubleVector hfsq = f.mul(0.5).mul(f);
      DoubleVector inner = sq.mul(hfsq.add(t2.add(t1))).add(j.mul(LG_LN2_LO));
      DoubleVector logu = j.mul(LG_LN2_HI).sub(hfsq.sub(inner).sub(f));
      DoubleVector um1 = u.sub(1.0);
      VectorMask<Double> exact = um1.compare(VectorOperators.EQ, 0.0);
      DoubleVector log1p = logu.mul(ev.div(um1)).blend(ev, exact);
      // the term and its gradient
      acc = acc.add(xv.mul(v).sub(v.max(0.0).add(log1p)));
      if (grad) {
        DoubleVector num = ev.blend(one, v.compare(VectorOperators.GE, 0.0));
        xv.sub(num.div(ev.add(one))).intoArray(dl, dlOff + i);
      }
    }
    acc.intoArray(lanes, 0);
  }
}
