package org.elbo4j.nn;

import org.elbo4j.tensor.FastMath;

/**
 * The elementwise nonlinearities of a layer, h = f(a), each with its derivative written as a function of the
 * OUTPUT y = f(a), so that a fused layer keeps only its output for the backward pass:
 * <ul>
 *   <li>{@link #TANH}: f(a) = tanh a, f′ = 1 − y² (the AEVB paper's choice);</li>
 *   <li>{@link #RELU}: f(a) = max(a, 0), f′ = [y &gt; 0] (0 at a = 0);</li>
 *   <li>{@link #SOFTPLUS}: f(a) = log(1 + eᵃ), f′ = σ(a) = 1 − e^{−y} = −expm1(−y);</li>
 *   <li>{@link #SIGMOID}: f(a) = σ(a) = 1/(1 + e^{−a}), f′ = y(1 − y);</li>
 *   <li>{@link #IDENTITY}: f(a) = a, f′ = 1 (output layers: logits, means, log-variances).</li>
 * </ul>
 *
 * <p>tanh uses Cephes' rational approximation below |a| = 0.625 and 1 − 2/(e^{2|a|} + 1) above (one exp; the
 * JDK's {@code Math.tanh} is a JNI call to fdlibm): relative error a few ulps, checked against
 * {@code StrictMath.tanh} in {@code ActivationTest}.
 *
 * <blockquote>S. L. Moshier, Cephes Math Library, tanh.c (1984–2000).</blockquote>
 */
public enum Activation {
    /** tanh a. */
    TANH {
        @Override public double apply(double a) { return tanh(a); }
        @Override double derivativeAt(double y) { return 1 - y * y; }
    },
    /** max(a, 0). */
    RELU {
        @Override public double apply(double a) { return a > 0 ? a : 0.0; }
        @Override double derivativeAt(double y) { return y > 0 ? 1.0 : 0.0; }
    },
    /** log(1 + eᵃ). */
    SOFTPLUS {
        @Override public double apply(double a) { return FastMath.softplus(a); }
        @Override double derivativeAt(double y) { return -FastMath.expm1(-y); }
    },
    /** 1/(1 + e^{−a}). */
    SIGMOID {
        @Override public double apply(double a) { return sigmoid(a); }
        @Override double derivativeAt(double y) { return y * (1 - y); }
    },
    /** a. */
    IDENTITY {
        @Override public double apply(double a) { return a; }
        @Override double derivativeAt(double y) { return 1.0; }
        @Override void applyInPlace(double[] a, int from, int to) {}
    };

    // Cephes tanh.c: tanh x = x + x·s·P(s)/Q(s), s = x², for |x| < 0.625.
    private static final double P0 = -9.64399179425052238628E-1;
    private static final double P1 = -9.92877231001918586564E1;
    private static final double P2 = -1.61468768441708447952E3;
    private static final double Q0 = 1.12811678491632931402E2;
    private static final double Q1 = 2.23548839060100448583E3;
    private static final double Q2 = 4.84406305325125486048E3;

    /** f(a). */
    public abstract double apply(double a);

    /** f′ at the point where the output is y. */
    abstract double derivativeAt(double y);

    /** a[i] ← f(a[i]) for i in [from, to). Modified. */
    void applyInPlace(double[] a, int from, int to) {
        for (int i = from; i < to; i++) a[i] = apply(a[i]);
    }

    /** out[i] = g[i]·f′ where f = y[i], for i &lt; n. {@code y}, {@code g} not modified; {@code out} modified. */
    void backward(double[] y, double[] g, double[] out, int n) {
        for (int i = 0; i < n; i++) out[i] = g[i] * derivativeAt(y[i]);
    }

    /** The name used on command lines and in checkpoints: lower case. */
    public String id() { return name().toLowerCase(java.util.Locale.ROOT); }

    /**
     * The activation named {@code id} (case-insensitive): tanh, relu, softplus, sigmoid, identity.
     *
     * @throws IllegalArgumentException naming the value and the choices
     */
    public static Activation byName(String id) {
        for (Activation a : values()) if (a.id().equalsIgnoreCase(id.trim())) return a;
        throw new IllegalArgumentException("unknown activation '" + id + "'; choose tanh, relu, softplus, sigmoid or identity");
    }

    /** tanh x, a few ulps (see the class doc). */
    static double tanh(double x) {
        double z = Math.abs(x);
        if (z >= 0.625) {
            if (z > 22) return Math.copySign(1.0, x); // 1 − 2/(e^{44} + 1) rounds to 1
            double s = Math.exp(2 * z);
            return Math.copySign(1.0 - 2.0 / (s + 1.0), x);
        }
        if (x == 0) return x; // keeps the sign of −0
        double s = x * x;
        double p = (P0 * s + P1) * s + P2;
        double q = ((s + Q0) * s + Q1) * s + Q2;
        return x + x * s * (p / q);
    }

    /** σ(x) without overflow: e^{−|x|} is never larger than 1. */
    static double sigmoid(double x) {
        double e = Math.exp(-Math.abs(x));
        return x >= 0 ? 1 / (1 + e) : e / (1 + e);
    }
}
