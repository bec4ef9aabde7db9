package org.elbo4j.nn;

import org.elbo4j.tensor.FastMath;
import org.elbo4j.tensor.blas.VectorMath;

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
 * <p>tanh runs on {@link VectorMath}: vectorized on arrays, and one value at a time the same function bit for bit
 * ({@link VectorMath#tanh(double)}; the JDK's {@code Math.tanh} is a JNI call to fdlibm), within a few ulps of
 * {@code StrictMath.tanh} ({@code ActivationTest}).
 */
public enum Activation {
    /** tanh a. */
    TANH {
        @Override
        public double apply(double a) {
            return tanh(a);
        }

        @Override
        double derivativeAt(double y) {
            return 1 - y * y;
        }

        @Override
        void applyInPlace(double[] a, int from, int to) {
            VectorMath.tanh(a, from, to - from);
        }

        @Override
        void backward(double[] y, double[] g, double[] out, int n) {
            for (int i = 0; i < n; i++) out[i] = g[i] * (1 - y[i] * y[i]);
        }
    },
    /** max(a, 0). */
    RELU {
        @Override
        public double apply(double a) {
            return a > 0 ? a : 0.0;
        }

        @Override
        double derivativeAt(double y) {
            return y > 0 ? 1.0 : 0.0;
        }
    },
    /** log(1 + eᵃ). */
    SOFTPLUS {
        @Override
        public double apply(double a) {
            return FastMath.softplus(a);
        }

        @Override
        double derivativeAt(double y) {
            return -FastMath.expm1(-y);
        }
    },
    /** 1/(1 + e^{−a}). */
    SIGMOID {
        @Override
        public double apply(double a) {
            return sigmoid(a);
        }

        @Override
        double derivativeAt(double y) {
            return y * (1 - y);
        }
    },
    /** a. */
    IDENTITY {
        @Override
        public double apply(double a) {
            return a;
        }

        @Override
        double derivativeAt(double y) {
            return 1.0;
        }

        @Override
        void applyInPlace(double[] a, int from, int to) {}
    };

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
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The activation named {@code id} (case-insensitive): tanh, relu, softplus, sigmoid, identity.
     *
     * @throws IllegalArgumentException naming the value and the choices
     */
    public static Activation byName(String id) {
        for (Activation a : values()) if (a.id().equalsIgnoreCase(id.trim())) return a;
        throw new IllegalArgumentException(
                "unknown activation '" + id + "'; choose tanh, relu, softplus, sigmoid or identity");
    }

    /** tanh x, a few ulps ({@link VectorMath#tanh(double)}). */
    static double tanh(double x) {
        return VectorMath.tanh(x);
    }

    /** σ(x) without overflow: e^{−|x|} is never larger than 1. */
    static double sigmoid(double x) {
        double e = Math.exp(-Math.abs(x));
        return x >= 0 ? 1 / (1 + e) : e / (1 + e);
    }
}
