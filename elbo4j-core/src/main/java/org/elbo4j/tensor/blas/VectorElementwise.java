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

    /** Elements per pass of the two-pass kernels: the temporary e^{−c|x|} stays in L1 (4 KiB). */
    private static final int CHUNK = 512;

    /**
     * tanh in two passes per chunk: t = e^{−2|x|} ({@link #expPass}), then (1 − t)/(1 + t) with the sign, or the
     * rational form below |x| = 0.625, lane for lane the operations of {@link JavaElementwise#tanh(double)}.
     */
    @Override
    public void tanh(double[] a, int off, int n) {
        int full = n - n % L;
        double[] t = new double[Math.min(full, CHUNK)];
        for (int c = 0; c < full; c += CHUNK) {
            int len = Math.min(CHUNK, full - c);
            expPass(len, a, off + c, 2.0, t);
            tanhPass(len, a, off + c, t);
        }
        for (int i = full; i < n; i++) {
            a[off + i] = JavaElementwise.tanh(a[off + i]);
        }
    }

    private static void tanhPass(int len, double[] a, int off, double[] t) {
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        for (int i = 0; i < len; i += L) {
            DoubleVector x = DoubleVector.fromArray(S, a, off + i);
            DoubleVector tv = DoubleVector.fromArray(S, t, i);
            DoubleVector ax = x.abs();
            DoubleVector big = one.sub(tv).div(tv.add(1.0));
            DoubleVector s = x.mul(x);
            DoubleVector p = s.mul(P0).add(P1).mul(s).add(P2);
            DoubleVector q = s.add(Q0).mul(s).add(Q1).mul(s).add(Q2);
            DoubleVector small = x.add(x.mul(s).mul(p.div(q)));
            DoubleVector signedBig = big.blend(big.neg(), x.compare(VectorOperators.LT, 0.0));
            DoubleVector r = signedBig.blend(small, ax.compare(VectorOperators.LT, TANH_SMALL));
            r.blend(x, x.compare(VectorOperators.EQ, 0.0)).intoArray(a, off + i);
        }
    }

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
            expPass(len, l, lOff + c, 1.0, e);
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
     * e[i] = e^{−c·|x_i|} (c = 1 for the Bernoulli kernel, 2 for tanh), {@code len} a multiple of the vector length:
     * lane for lane the operations of {@link JavaElementwise#expNonPositive} (IEEE basic operations and fused
     * multiply-adds only, never the lanewise EXP, whose SVML intrinsic and Java fallback differ in the last bit).
     *
     * <p>Why passes, and why this is the only vector exp: a kernel method over C2's FreqInlineSize (325 bytes of
     * bytecode) is compiled as its own root, so its Vector API calls are never pushed past C2's MaxInlineLevel (15) or
     * its node-count cutoff when a caller deep in an SVI step inlines it; an intrinsic that is not inlined boxes every
     * vector. One loop doing exp, log1p, the sum and the gradient measured 2.8 µs per 1,000 Bernoulli terms against
     * 2.0 for the passes, and a logistic-regression step 12–14 µs in some JVMs against 8 (-XX:+PrintInlining showed
     * "NodeCountInliningCutoff" and "inlining too deep"). A helper returning a DoubleVector would be inlined and bring
     * the problem back, hence the exp written out here.
     */
    private static void expPass(int len, double[] src, int off, double c, double[] e) {
        for (int i = 0; i < len; i += L) {
            DoubleVector x = DoubleVector.fromArray(S, src, off + i).abs().mul(-c); // −c|x|: exact for c = 1 and c = 2
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
            // k from the bits of t: the Vector API's D2L conversion is not intrinsified here (measured 3–4.5 ns vs 0.14
            // ns
            // per element for this bit arithmetic)
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
     * <p>Lane for lane the operations of {@link JavaElementwise#log1pUnit}, written out for the reason given at
     * {@link #expPass}: this method must stay over FreqInlineSize.
     */
    private static void logPass(
            int len, double[] l, int lOff, double[] x, int xOff, double[] e, double[] lanes, double[] dl, int dlOff) {
        DoubleVector acc = DoubleVector.fromArray(S, lanes, 0);
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        boolean grad = dl != null;
        for (int i = 0; i < len; i += L) {
            DoubleVector v = DoubleVector.fromArray(S, l, lOff + i);
            DoubleVector xv = DoubleVector.fromArray(S, x, xOff + i);
            DoubleVector ev = DoubleVector.fromArray(S, e, i);
            // log1p(e), JavaElementwise.log1pUnit's operations
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
