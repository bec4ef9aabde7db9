package org.elbo4j.tensor.blas;

/**
 * The kernels of {@link VectorMath} in scalar Java, and the scalar forms of its elementary functions. The vector
 * kernel ({@link VectorElementwise}) performs, lane by lane, exactly the operations of {@link #expNonPositive},
 * {@link #log1pUnit} and {@link #tanh(double)}, so both backends give the same bits per element; only the order in
 * which {@link #bernoulliLogits} sums differs (left to right here, lane-wise there).
 *
 * <p>Only IEEE-754 basic operations (+, −, ×, ÷, fused multiply-add, comparisons, exponent arithmetic on the bits)
 * are used: their results are specified exactly, so the JIT tiers (interpreter, C1, C2) and the Vector API's
 * intrinsic and fallback implementations all agree. The JDK's {@code Math.exp} / SVML lanewise {@code EXP} would not:
 * the Vector API's fallback and its SVML intrinsic differ in the last bit, and a run would depend on when the JIT
 * compiled which method.
 *
 * <blockquote>W. J. Cody, W. Waite, Software Manual for the Elementary Functions, 1980 (argument reduction).<br>
 * Sun Microsystems, fdlibm 5.3, e_log.c (the log polynomial Lg1…Lg7).<br>
 * W. Kahan, HP-15C Advanced Functions Handbook, 1982 (log1p(x) = log(u)·x/(u − 1), u = 1 + x).<br>
 * S. L. Moshier, Cephes Math Library, tanh.c (the rational approximation below 0.625).</blockquote>
 */
final class JavaElementwise implements ElementwiseKernel {
    // exp: x = k·ln 2 + r, |r| ≤ ln2/2; e^r by its Taylor series to r^13 (remainder < 4e-18 relative).
    static final double LOG2E = 1.4426950408889634;
    static final double LN2_HI = 0x1.62e42fefa39efp-1; // ln 2 rounded to double
    static final double LN2_LO = 0x1.abc9e3b39803fp-56; // ln 2 − LN2_HI
    static final double ROUND = 0x1.8p52; // x + 1.5·2⁵² − 1.5·2⁵² rounds x to an integer
    static final long ROUND_BITS = Double.doubleToRawLongBits(ROUND);
    static final double EXP_MIN = -746.0; // e^{−746} < 2^{−1075}: rounds to 0 below
    static final double[] EXP_C = {
        1.0,
        1.0,
        1.0 / 2,
        1.0 / 6,
        1.0 / 24,
        1.0 / 120,
        1.0 / 720,
        1.0 / 5040,
        1.0 / 40320,
        1.0 / 362880,
        1.0 / 3628800,
        1.0 / 39916800,
        1.0 / 479001600,
        1.0 / 6227020800.0
    };

    // log on [√2/2, √2): fdlibm e_log.c.
    static final double SQRT2 = 1.4142135623730951;
    static final double LG_LN2_HI = 6.93147180369123816490e-01;
    static final double LG_LN2_LO = 1.90821492927058770002e-10;
    static final double LG1 = 6.666666666666735130e-01;
    static final double LG2 = 3.999999999940941908e-01;
    static final double LG3 = 2.857142874366239149e-01;
    static final double LG4 = 2.222219843214978396e-01;
    static final double LG5 = 1.818357216161805012e-01;
    static final double LG6 = 1.531383769920937332e-01;
    static final double LG7 = 1.479819860511658591e-01;

    // Cephes tanh.c: tanh x = x + x·s·P(s)/Q(s), s = x², for |x| < 0.625.
    static final double TANH_SMALL = 0.625;
    static final double P0 = -9.64399179425052238628E-1;
    static final double P1 = -9.92877231001918586564E1;
    static final double P2 = -1.61468768441708447952E3;
    static final double Q0 = 1.12811678491632931402E2;
    static final double Q1 = 2.23548839060100448583E3;
    static final double Q2 = 4.84406305325125486048E3;

    @Override
    public String name() {
        return "java";
    }

    /** e^x for x ≤ 0 (0 below −746, NaN for NaN); a few ulps. */
    static double expNonPositive(double x) {
        double xc = Math.max(x, EXP_MIN);
        double t = xc * LOG2E + ROUND; // 1.5·2⁵² + k: k = round(x/ln 2) sits in the low bits of t
        double kd = t - ROUND;
        double r = Math.fma(-kd, LN2_HI, xc);
        r = Math.fma(-kd, LN2_LO, r);
        double p = EXP_C[13];
        for (int i = 12; i >= 0; i--) {
            p = Math.fma(p, r, EXP_C[i]);
        }
        long k = Double.doubleToRawLongBits(t) - ROUND_BITS; // (no double→long conversion: see VectorElementwise)
        long k1 = k >> 1; // 2^k as 2^k1·2^k2, both normal down to k = −1076
        long k2 = k - k1;
        return p * Double.longBitsToDouble((k1 + 1023) << 52) * Double.longBitsToDouble((k2 + 1023) << 52);
    }

    /** log(1 + e) for 0 ≤ e ≤ 1; a few ulps. */
    static double log1pUnit(double e) {
        double u = 1.0 + e;
        boolean big = u > SQRT2;
        double m = big ? u * 0.5 : u; // u = 2^j·m, m ∈ [√2/2, √2)
        double j = big ? 1.0 : 0.0;
        double f = m - 1.0;
        double s = f / (2.0 + f);
        double z = s * s;
        double w = z * z;
        double t1 = w * (LG2 + w * (LG4 + w * LG6));
        double t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
        double hfsq = 0.5 * f * f;
        double logu = j * LG_LN2_HI - ((hfsq - (s * (hfsq + (t2 + t1)) + j * LG_LN2_LO)) - f);
        double um1 = u - 1.0; // exact; Kahan's factor e/(u − 1) undoes the rounding of 1 + e
        return um1 == 0 ? e : logu * (e / um1);
    }

    /** tanh x: the Cephes rational below |x| = 0.625, (1 − t)/(1 + t) with t = e^{−2|x|} above; a few ulps. */
    static double tanh(double x) {
        double a = Math.abs(x);
        double t = expNonPositive(-2 * a);
        double big = (1 - t) / (1 + t);
        double s = x * x;
        double p = (P0 * s + P1) * s + P2;
        double q = ((s + Q0) * s + Q1) * s + Q2;
        double small = x + x * s * (p / q);
        double r = a < TANH_SMALL ? small : (x < 0 ? -big : big);
        return x == 0 ? x : r; // keeps the sign of −0
    }

    /** σ(v) and the Bernoulli term of one element: returns x·v − softplus(v), writes x − σ(v) to {@code grad[0]}. */
    static double bernoulliTerm(double v, double x, double[] grad) {
        double e = expNonPositive(-Math.abs(v)); // softplus(v) = max(v, 0) + log1p(e^{−|v|}): no overflow
        double one = v >= 0 ? 1.0 : e;
        grad[0] = x - one / (1 + e);
        return x * v - (Math.max(v, 0) + log1pUnit(e));
    }

    @Override
    public void tanh(double[] a, int off, int n) {
        for (int i = off, e = off + n; i < e; i++) {
            a[i] = tanh(a[i]);
        }
    }

    @Override
    public double bernoulliLogits(int n, double[] l, int lOff, double[] x, int xOff, double[] dl, int dlOff) {
        double s = 0;
        double[] g = new double[1];
        for (int i = 0; i < n; i++) {
            s += bernoulliTerm(l[lOff + i], x[xOff + i], g);
            if (dl != null) {
                dl[dlOff + i] = g[0];
            }
        }
        return s;
    }
}
