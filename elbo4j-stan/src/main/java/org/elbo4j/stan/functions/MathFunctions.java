package org.elbo4j.stan.functions;

import org.elbo4j.math.Special;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.tensor.TensorData;

/**
 * Stan's elementwise real functions. Each takes any real container (a real, vector, row_vector, matrix or array of
 * them: one tensor) and returns the same shape, as one tape node.
 */
public final class MathFunctions {
    private MathFunctions() {}

    private static final double LOG10 = Math.log(10);

    /** {@code exp(x)}. */
    public static Tensor exp(Tensor x) {
        return x.exp();
    }

    /** {@code log(x)}; NaN below 0, −∞ at 0 (as C++). */
    public static Tensor log(Tensor x) {
        return x.log();
    }

    /** {@code log10(x)}. */
    public static Tensor log10(Tensor x) {
        return x.log().div(LOG10);
    }

    /** {@code log2(x)}. */
    public static Tensor log2(Tensor x) {
        return x.log().div(Math.log(2));
    }

    /** {@code sqrt(x)}. */
    public static Tensor sqrt(Tensor x) {
        return x.sqrt();
    }

    /** {@code square(x)}. */
    public static Tensor square(Tensor x) {
        return x.square();
    }

    /** {@code inv(x)} = 1/x. */
    public static Tensor inv(Tensor x) {
        return x.reciprocal();
    }

    /** {@code inv_sqrt(x)} = 1/√x. */
    public static Tensor invSqrt(Tensor x) {
        return x.sqrt().reciprocal();
    }

    /** {@code inv_square(x)} = 1/x². */
    public static Tensor invSquare(Tensor x) {
        return x.square().reciprocal();
    }

    /** {@code inv_logit(x)} = 1/(1 + e^−x). */
    public static Tensor invLogit(Tensor x) {
        return x.sigmoid();
    }

    /** {@code log_inv_logit(x)} = log σ(x). */
    public static Tensor logInvLogit(Tensor x) {
        return x.logSigmoid();
    }

    /** {@code log1m_inv_logit(x)} = log(1 − σ(x)) = log σ(−x). */
    public static Tensor log1mInvLogit(Tensor x) {
        return x.neg().logSigmoid();
    }

    /** {@code log1p_exp(x)} = log(1 + e^x). */
    public static Tensor log1pExp(Tensor x) {
        return x.softplus();
    }

    /** {@code log1p(x)}. */
    public static Tensor log1p(Tensor x) {
        return x.log1p();
    }

    /** {@code expm1(x)}. */
    public static Tensor expm1(Tensor x) {
        return x.expm1();
    }

    /** {@code tanh(x)}. */
    public static Tensor tanh(Tensor x) {
        return x.tanh();
    }

    /** {@code lgamma(x)}. */
    public static Tensor lgamma(Tensor x) {
        return x.lgamma();
    }

    /** {@code digamma(x)}. */
    public static Tensor digamma(Tensor x) {
        return x.digamma();
    }

    /** {@code fabs(x)} and {@code abs(x)} for reals; derivative 0 at 0. */
    public static Tensor fabs(Tensor x) {
        return x.abs();
    }

    /** {@code logit(x)} = log(x/(1 − x)); derivative 1/(x(1 − x)). */
    public static Tensor logit(Tensor x) {
        double[] v = TensorData.readOnly(x),
                out = new double[v.length],
                d = x.requiresGrad() ? new double[v.length] : null;
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.log(v[i] / (1 - v[i]));
            if (d != null) d[i] = 1 / (v[i] * (1 - v[i]));
        }
        return Fused.unary("logit", x, out, d);
    }

    /** {@code log1m(x)} = log(1 − x). @throws StanDomainException if some x &gt; 1 */
    public static Tensor log1m(Tensor x) {
        double[] v = TensorData.readOnly(x),
                out = new double[v.length],
                d = x.requiresGrad() ? new double[v.length] : null;
        for (int i = 0; i < v.length; i++) {
            if (v[i] > 1) throw Check.fail("log1m", "x", x, i, v[i], "less than or equal to 1");
            out[i] = Math.log1p(-v[i]);
            if (d != null) d[i] = -1 / (1 - v[i]);
        }
        return Fused.unary("log1m", x, out, d);
    }

    /** {@code log1m_exp(x)} = log(1 − e^x) for x &lt; 0 (NaN above). */
    public static Tensor log1mExp(Tensor x) {
        double[] v = TensorData.readOnly(x),
                out = new double[v.length],
                d = x.requiresGrad() ? new double[v.length] : null;
        for (int i = 0; i < v.length; i++) {
            out[i] = Special.log1mexp(-v[i]);
            if (d != null) d[i] = -1 / Math.expm1(-v[i]); // −e^x/(1 − e^x)
        }
        return Fused.unary("log1m_exp", x, out, d);
    }

    /** {@code inv_cloglog(x)} = 1 − exp(−exp(x)). */
    public static Tensor invCloglog(Tensor x) {
        double[] v = TensorData.readOnly(x),
                out = new double[v.length],
                d = x.requiresGrad() ? new double[v.length] : null;
        for (int i = 0; i < v.length; i++) {
            double e = Math.exp(v[i]);
            out[i] = -Math.expm1(-e);
            if (d != null) d[i] = e * Math.exp(-e);
        }
        return Fused.unary("inv_cloglog", x, out, d);
    }

    /** {@code Phi(x)}, the standard normal CDF. */
    public static Tensor phi(Tensor x) {
        double[] v = TensorData.readOnly(x),
                out = new double[v.length],
                d = x.requiresGrad() ? new double[v.length] : null;
        for (int i = 0; i < v.length; i++) {
            out[i] = Special.normalCdf(v[i]);
            if (d != null) d[i] = Math.exp(-0.5 * v[i] * v[i]) / Math.sqrt(2 * Math.PI);
        }
        return Fused.unary("Phi", x, out, d);
    }

    /** {@code Phi_approx(x)} = logit⁻¹(0.07056 x³ + 1.5976 x), Stan's approximation. */
    public static Tensor phiApprox(Tensor x) {
        double[] v = TensorData.readOnly(x),
                out = new double[v.length],
                d = x.requiresGrad() ? new double[v.length] : null;
        for (int i = 0; i < v.length; i++) {
            double t = v[i], s = Special.sigmoid(0.07056 * t * t * t + 1.5976 * t);
            out[i] = s;
            if (d != null) d[i] = s * (1 - s) * (3 * 0.07056 * t * t + 1.5976);
        }
        return Fused.unary("Phi_approx", x, out, d);
    }

    /** {@code floor(x)}: derivative 0. */
    public static Tensor floor(Tensor x) {
        return constant(x, Math::floor);
    }

    /** {@code ceil(x)}: derivative 0. */
    public static Tensor ceil(Tensor x) {
        return constant(x, Math::ceil);
    }

    /** {@code round(x)}: halves away from zero (C++ round); derivative 0. */
    public static Tensor round(Tensor x) {
        return constant(x, v -> Math.signum(v) * Math.floor(Math.abs(v) + 0.5));
    }

    /** {@code step(x)}: 0 for x &lt; 0, 1 otherwise (Stan 2.33: step(0) = 1); derivative 0. */
    public static Tensor step(Tensor x) {
        return constant(x, v -> v < 0 ? 0 : 1);
    }

    private static Tensor constant(Tensor x, java.util.function.DoubleUnaryOperator f) {
        double[] v = TensorData.readOnly(x), out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = f.applyAsDouble(v[i]);
        return Tensor.wrap(out, x.shape());
    }

    /** {@code int_step(x)} for an int: 1 if x &gt; 0, else 0. */
    public static int intStep(int x) {
        return x > 0 ? 1 : 0;
    }

    /** {@code int_step(x)} for a real: 1 if x &gt; 0, else 0 (NaN gives 0). */
    public static int intStep(Tensor x) {
        return Check.scalar("int_step", "x", x) > 0 ? 1 : 0;
    }

    /** {@code abs(x)} for an int. */
    public static int abs(int x) {
        return Math.abs(x);
    }

    /** {@code pow(x, y)} (and {@code x ^ y}) elementwise with broadcasting. */
    public static Tensor pow(Tensor x, Tensor y) {
        if (!y.requiresGrad() && y.rank() == 0) return x.pow(TensorData.readOnly(y)[0]);
        return x.pow(y);
    }

    /** {@code fmin(x, y)}: the smaller; the gradient goes to the smaller (to x on a tie). */
    public static Tensor fmin(Tensor x, Tensor y) {
        return x.neg().maximum(y.neg()).neg();
    }

    /** {@code fmax(x, y)}: the larger; the gradient goes to the larger (to x on a tie). */
    public static Tensor fmax(Tensor x, Tensor y) {
        return x.maximum(y);
    }

    /** {@code lbeta(a, b)} = log Γ(a) + log Γ(b) − log Γ(a + b). */
    public static Tensor lbeta(Tensor a, Tensor b) {
        return a.lgamma().add(b.lgamma()).sub(a.add(b).lgamma());
    }

    /** {@code lchoose(n, k)} and {@code binomial_coefficient_log(n, k)}: log Γ(n+1) − log Γ(k+1) − log Γ(n−k+1). */
    public static Tensor lchoose(Tensor n, Tensor k) {
        return n.add(1.0)
                .lgamma()
                .sub(k.add(1.0).lgamma())
                .sub(n.sub(k).add(1.0).lgamma());
    }

    /** {@code log_diff_exp(a, b)} = log(e^a − e^b) for a &gt; b. */
    public static Tensor logDiffExp(Tensor a, Tensor b) {
        return a.add(log1mExp(b.sub(a)));
    }

    /** {@code pi()}. */
    public static Tensor pi() {
        return Tensor.scalar(Math.PI);
    }

    /** {@code e()}. */
    public static Tensor e() {
        return Tensor.scalar(Math.E);
    }

    /** {@code sqrt2()}. */
    public static Tensor sqrt2() {
        return Tensor.scalar(Math.sqrt(2));
    }

    /** {@code log2()}: log 2. */
    public static Tensor log2() {
        return Tensor.scalar(Math.log(2));
    }

    /** {@code log10()}: log 10. */
    public static Tensor log10() {
        return Tensor.scalar(LOG10);
    }

    /** {@code negative_infinity()}. */
    public static Tensor negativeInfinity() {
        return Tensor.scalar(Double.NEGATIVE_INFINITY);
    }

    /** {@code positive_infinity()}. */
    public static Tensor positiveInfinity() {
        return Tensor.scalar(Double.POSITIVE_INFINITY);
    }

    /** {@code not_a_number()}. */
    public static Tensor notANumber() {
        return Tensor.scalar(Double.NaN);
    }

    /** {@code machine_precision()}: the distance from 1 to the next double. */
    public static Tensor machinePrecision() {
        return Tensor.scalar(Math.ulp(1.0));
    }
}
