package org.elbo4j.stan.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.elbo4j.math.Special;
import org.elbo4j.stan.check.Signature;
import org.elbo4j.stan.parse.Expr;
import org.elbo4j.stan.parse.UnsizedType;
import org.elbo4j.tensor.FastMath;
import org.elbo4j.tensor.Tensor;

/**
 * The library calls that {@link ScalarFusion} inlines into a fused scalar tree: real math functions of one or two
 * scalars ({@code log1p}, {@code inv_logit}, {@code lgamma}, {@code log_sum_exp(a, b)}, ...) and the scalar
 * {@code _lpdf}/{@code _lpmf} calls of the common families (and so {@code y ~ normal(mu, sigma)} with scalar
 * arguments). Each kind's value and partials use the arithmetic of the library method it replaces (named in
 * {@code signatures.txt}; the densities keep every constant, as the library does for {@code ~}, {@code _lpdf} and
 * {@code _lupdf} alike), so the fused tree agrees with the unfused path to rounding. An argument the library rejects
 * is reported by calling the library method itself on the same values, so the message is the library's.
 */
final class ScalarOps {
    private ScalarOps() {}

    // one real argument (MathFunctions)
    private static final int LOG10 = 0,
            LOG2 = 1,
            SQRT = 2,
            SQUARE = 3,
            INV = 4,
            INV_SQRT = 5,
            INV_SQUARE = 6,
            INV_LOGIT = 7,
            LOGIT = 8,
            LOG_INV_LOGIT = 9,
            LOG1M_INV_LOGIT = 10,
            LOG1P_EXP = 11,
            LOG1P = 12,
            LOG1M = 13,
            LOG1M_EXP = 14,
            EXPM1 = 15,
            TANH = 16,
            LGAMMA = 17,
            DIGAMMA = 18,
            FABS = 19,
            INV_CLOGLOG = 20,
            PHI = 21,
            PHI_APPROX = 22;
    // two real arguments
    private static final int POW = 30, FMIN = 31, FMAX = 32, LOG_DIFF_EXP = 33, LOG_SUM_EXP2 = 34, LBETA = 35;
    private static final int LOG_MIX = 36; // three reals
    // densities with scalar arguments
    private static final int NORMAL = 40,
            STD_NORMAL = 41,
            LOGNORMAL = 42,
            STUDENT_T = 43,
            CAUCHY = 44,
            GAMMA = 45,
            INV_GAMMA = 46,
            EXPONENTIAL = 47,
            BETA = 48,
            LOGISTIC = 49,
            DOUBLE_EXPONENTIAL = 50,
            BERNOULLI = 51,
            BERNOULLI_LOGIT = 52,
            BINOMIAL = 53,
            BINOMIAL_LOGIT = 54,
            POISSON = 55,
            POISSON_LOG = 56,
            NEG_BINOMIAL_2 = 57;

    /** {@code Class.method/arity} of signatures.txt to the kind. */
    private static final Map<String, Integer> KINDS = new HashMap<>();

    static {
        String m = "MathFunctions.";
        String[] unary = {
            "log10", "log2", "sqrt", "square", "inv", "invSqrt", "invSquare", "invLogit", "logit", "logInvLogit",
            "log1mInvLogit", "log1pExp", "log1p", "log1m", "log1mExp", "expm1", "tanh", "lgamma", "digamma", "fabs",
            "invCloglog", "phi", "phiApprox"
        };
        for (int k = 0; k < unary.length; k++) KINDS.put(m + unary[k] + "/1", k);
        KINDS.put(m + "pow/2", POW);
        KINDS.put(m + "fmin/2", FMIN);
        KINDS.put(m + "fmax/2", FMAX);
        KINDS.put("Containers.min/2", FMIN); // min(real, real) is fmin in the library
        KINDS.put("Containers.max/2", FMAX);
        KINDS.put(m + "logDiffExp/2", LOG_DIFF_EXP);
        KINDS.put("Containers.logSumExp/2", LOG_SUM_EXP2);
        KINDS.put(m + "lbeta/2", LBETA);
        KINDS.put("Containers.logMix/3", LOG_MIX);
        KINDS.put("Normals.normalLpdf/3", NORMAL);
        KINDS.put("Normals.stdNormalLpdf/1", STD_NORMAL);
        KINDS.put("Normals.lognormalLpdf/3", LOGNORMAL);
        KINDS.put("StudentTs.studentTLpdf/4", STUDENT_T);
        KINDS.put("StudentTs.cauchyLpdf/3", CAUCHY);
        KINDS.put("Gammas.gammaLpdf/3", GAMMA);
        KINDS.put("Gammas.invGammaLpdf/3", INV_GAMMA);
        KINDS.put("Gammas.exponentialLpdf/2", EXPONENTIAL);
        KINDS.put("Betas.betaLpdf/3", BETA);
        KINDS.put("Logistics.logisticLpdf/3", LOGISTIC);
        KINDS.put("Logistics.doubleExponentialLpdf/3", DOUBLE_EXPONENTIAL);
        KINDS.put("Bernoullis.bernoulliLpmf/2", BERNOULLI);
        KINDS.put("Bernoullis.bernoulliLogitLpmf/2", BERNOULLI_LOGIT);
        KINDS.put("Counts.binomialLpmf/3", BINOMIAL);
        KINDS.put("Counts.binomialLogitLpmf/3", BINOMIAL_LOGIT);
        KINDS.put("Counts.poissonLpmf/2", POISSON);
        KINDS.put("Counts.poissonLogLpmf/2", POISSON_LOG);
        KINDS.put("Counts.negBinomial2Lpmf/3", NEG_BINOMIAL_2);
    }

    private static final double LOG_10 = Math.log(10), LOG_2 = Math.log(2), LOG_PI = Math.log(Math.PI);
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI), SQRT_2PI = Math.sqrt(2 * Math.PI);

    /** Whether {@code call} is a library call with real scalar value and scalar arguments that fuses. */
    static boolean fusable(Expr.Call call) {
        if (!(call.target instanceof Signature sig) || !call.type.isReal()) return false;
        for (Expr a : call.args) if (!a.type.isScalar()) return false;
        return KINDS.containsKey(sig.className() + "." + sig.method() + "/" + call.args.size());
    }

    /** The fused call of {@code call} (which {@link #fusable} accepts) reading its arguments from nodes {@code args}. */
    static Op op(Expr.Call call, int[] args) {
        Signature sig = (Signature) call.target;
        List<UnsizedType> types = new ArrayList<>();
        for (Expr a : call.args) types.add(a.type);
        return new Op(KINDS.get(sig.className() + "." + sig.method() + "/" + args.length), args, sig, types);
    }

    /** One fused call: its kind, the tree nodes of its arguments, and what is needed to report a rejection. */
    static final class Op {
        final int kind;
        final int[] args;
        private final Signature sig;
        private final List<UnsizedType> types;

        Op(int kind, int[] args, Signature sig, List<UnsizedType> types) {
            this.kind = kind;
            this.args = args;
            this.sig = sig;
            this.types = types;
        }

        /** Whether an argument's subtree may be on the tape. */
        boolean live(boolean[] live) {
            for (int a : args) if (live[a]) return true;
            return false;
        }

        /** The call's value from its arguments' values {@code v[args[i]]}. */
        double forward(double[] v) {
            double x = v[args[0]];
            double y = args.length > 1 ? v[args[1]] : 0, z = args.length > 2 ? v[args[2]] : 0;
            switch (kind) {
                case LOG10:
                    return Math.log(x) / LOG_10;
                case LOG2:
                    return Math.log(x) / LOG_2;
                case SQRT:
                    return Math.sqrt(x);
                case SQUARE:
                    return x * x;
                case INV:
                    return 1.0 / x;
                case INV_SQRT:
                    return 1.0 / Math.sqrt(x);
                case INV_SQUARE:
                    return 1.0 / (x * x);
                case INV_LOGIT:
                    return Special.sigmoid(x);
                case LOGIT:
                    return Math.log(x / (1 - x));
                case LOG_INV_LOGIT:
                    return -FastMath.softplus(-x);
                case LOG1M_INV_LOGIT:
                    return -FastMath.softplus(-(x * -1.0));
                case LOG1P_EXP:
                    return FastMath.softplus(x);
                case LOG1P:
                    return FastMath.log1p(x);
                case LOG1M:
                    if (x > 1) throw reject(v);
                    return Math.log1p(-x);
                case LOG1M_EXP:
                    return Special.log1mexp(-x);
                case EXPM1:
                    return FastMath.expm1(x);
                case TANH:
                    return FastMath.tanh(x);
                case LGAMMA:
                    return Special.lgamma(x);
                case DIGAMMA:
                    return digamma(x);
                case FABS:
                    return Math.abs(x);
                case INV_CLOGLOG:
                    return -Math.expm1(-Math.exp(x));
                case PHI:
                    return Special.normalCdf(x);
                case PHI_APPROX:
                    return Special.sigmoid(0.07056 * x * x * x + 1.5976 * x);
                case POW:
                    return Math.pow(x, y);
                case FMIN: // -max(-x, -y), as the library forms it
                    return -x >= -y || Double.isNaN(-x) ? x : y;
                case FMAX:
                    return x >= y || Double.isNaN(x) ? x : y;
                case LOG_DIFF_EXP:
                    return x + Special.log1mexp(-(y - x));
                case LOG_SUM_EXP2:
                    return Special.logAddExp(x, y);
                case LBETA:
                    return Special.lgamma(x) + Special.lgamma(y) - Special.lgamma(x + y);
                case LOG_MIX:
                    if (!(x >= 0 && x <= 1) || Double.isNaN(y) || Double.isNaN(z)) throw reject(v);
                    return Special.logAddExp(Math.log(x) + y, Math.log1p(-x) + z);
                default:
                    return density(v, x, y, z);
            }
        }

        private double density(double[] v, double x, double y, double z) {
            switch (kind) {
                case NORMAL: {
                    if (Double.isNaN(x) || !Double.isFinite(y) || !(z > 0)) throw reject(v);
                    double u = (x - y) / z;
                    return -0.5 * u * u - Math.log(z) - HALF_LOG_2PI;
                }
                case STD_NORMAL:
                    if (Double.isNaN(x)) throw reject(v);
                    return -HALF_LOG_2PI - 0.5 * x * x;
                case LOGNORMAL: {
                    if (!(x >= 0) || !Double.isFinite(y) || !positiveFinite(z)) throw reject(v);
                    if (x == 0) return Double.NEGATIVE_INFINITY;
                    double ly = Math.log(x), u = (ly - y) / z;
                    return -HALF_LOG_2PI - (0.5 * u * u + Math.log(z) + ly);
                }
                case STUDENT_T: {
                    double nu = y, mu = z, s = v[args[3]];
                    if (Double.isNaN(x) || !positiveFinite(nu) || !Double.isFinite(mu) || !positiveFinite(s)) {
                        throw reject(v);
                    }
                    double r = x - mu, u = r / s, q = u * u / nu;
                    return 0
                            + (Special.lgamma(0.5 * (nu + 1))
                                    - Special.lgamma(0.5 * nu)
                                    - 0.5 * Math.log(nu)
                                    - 0.5 * LOG_PI
                                    - Math.log(s)
                                    - 0.5 * (nu + 1) * Math.log1p(q));
                }
                case CAUCHY: {
                    if (Double.isNaN(x) || !Double.isFinite(y) || !positiveFinite(z)) throw reject(v);
                    double u = (x - y) / z;
                    return -LOG_PI - (Math.log(z) + Math.log1p(u * u));
                }
                case GAMMA: {
                    if (Double.isNaN(x) || !positiveFinite(y) || !positiveFinite(z)) throw reject(v);
                    if (x < 0) return Double.NEGATIVE_INFINITY;
                    return 0 + (y * Math.log(z) - Special.lgamma(y) + (y - 1) * Math.log(x) - z * x);
                }
                case INV_GAMMA: {
                    if (Double.isNaN(x) || !positiveFinite(y) || !positiveFinite(z)) throw reject(v);
                    if (x <= 0) return Double.NEGATIVE_INFINITY;
                    return 0 + (y * Math.log(z) - Special.lgamma(y) - (y + 1) * Math.log(x) - z / x);
                }
                case EXPONENTIAL:
                    if (!(x >= 0) || !positiveFinite(y)) throw reject(v);
                    return 0 + (Math.log(y) - y * x);
                case BETA:
                    if (!positiveFinite(y) || !positiveFinite(z) || !(x >= 0 && x <= 1)) throw reject(v);
                    return 0 + ((y - 1) * Math.log(x) + (z - 1) * Math.log1p(-x) - Special.lbeta(y, z));
                case LOGISTIC: {
                    if (!Double.isFinite(x) || !Double.isFinite(y) || !positiveFinite(z)) throw reject(v);
                    double u = (x - y) / z;
                    return 0 + (-u - Math.log(z) - 2 * Special.log1pexp(-u));
                }
                case DOUBLE_EXPONENTIAL:
                    if (!Double.isFinite(x) || !Double.isFinite(y) || !positiveFinite(z)) throw reject(v);
                    return -LOG_2 - (Math.log(z) + Math.abs(x - y) / z);
                case BERNOULLI:
                    if (!(x == 0 || x == 1) || !(y >= 0 && y <= 1)) throw reject(v);
                    return 0 + (x == 1 ? Math.log(y) : Math.log1p(-y));
                case BERNOULLI_LOGIT:
                    if (!(x == 0 || x == 1) || Double.isNaN(y)) throw reject(v);
                    return 0 + Special.logSigmoid(x == 1 ? y : -y);
                case BINOMIAL:
                case BINOMIAL_LOGIT: {
                    boolean logit = kind == BINOMIAL_LOGIT;
                    if (y < 0 || x < 0 || x > y || (logit ? !Double.isFinite(z) : !(z >= 0 && z <= 1))) {
                        throw reject(v);
                    }
                    int k = (int) x, tot = (int) y;
                    double lp = 0;
                    lp += Special.logBinomial(tot, k);
                    if (logit) {
                        lp += k * Special.logSigmoid(z) + (tot - k) * Special.logSigmoid(-z);
                    } else {
                        if (k > 0) lp += k * Math.log(z);
                        if (tot - k > 0) lp += (tot - k) * Math.log1p(-z);
                    }
                    return lp;
                }
                case POISSON:
                case POISSON_LOG: {
                    boolean log = kind == POISSON_LOG;
                    if (x < 0 || (log ? Double.isNaN(y) : !(y >= 0))) throw reject(v);
                    int k = (int) x;
                    boolean impossible = log
                            ? y == Double.POSITIVE_INFINITY || (y == Double.NEGATIVE_INFINITY && k != 0)
                            : y == Double.POSITIVE_INFINITY || (y == 0 && k != 0);
                    if (impossible) return Double.NEGATIVE_INFINITY;
                    double lp = 0;
                    lp -= Special.lgamma(k + 1.0);
                    if (log) lp += (k == 0 ? 0 : k * y) - Math.exp(y);
                    else lp += (k == 0 ? 0 : k * Math.log(y)) - y;
                    return lp;
                }
                case NEG_BINOMIAL_2: {
                    if (x < 0 || !positiveFinite(y) || !positiveFinite(z)) throw reject(v);
                    int k = (int) x;
                    double m = y, f = z, logMu = Math.log(m), logMuPhi = Math.log(m + f);
                    double binom = Special.lgamma(k + f) - Special.lgamma(k + 1.0) - Special.lgamma(f);
                    return 0 + (binom + (k == 0 ? 0 : k * (logMu - logMuPhi)) + f * (Math.log(f) - logMuPhi));
                }
                default:
                    throw new IllegalStateException("fused call kind " + kind);
            }
        }

        /**
         * The chain rule: adds {@code g} times the partial of node {@code k}'s value (in {@code v[k]}) with respect
         * to each argument whose subtree is live into that argument's adjoint {@code a[args[i]]}.
         */
        void backward(double g, double[] v, int k, double[] a, boolean[] live) {
            int i0 = args[0], i1 = args.length > 1 ? args[1] : -1, i2 = args.length > 2 ? args[2] : -1;
            double x = v[i0], y = i1 >= 0 ? v[i1] : 0, z = i2 >= 0 ? v[i2] : 0, out = v[k];
            switch (kind) {
                case LOG10 -> a[i0] += (g / LOG_10) / x;
                case LOG2 -> a[i0] += (g / LOG_2) / x;
                case SQRT -> a[i0] += 0.5 * g / out;
                case SQUARE -> a[i0] += 2 * g * x;
                case INV -> a[i0] -= g * out * out;
                case INV_SQRT -> {
                    double s = Math.sqrt(x);
                    a[i0] += 0.5 * -(g * out * out) / s;
                }
                case INV_SQUARE -> a[i0] += 2 * -(g * out * out) * x;
                case INV_LOGIT -> a[i0] += g * out * Special.sigmoid(-x);
                case LOGIT -> a[i0] += g * (1 / (x * (1 - x)));
                case LOG_INV_LOGIT -> a[i0] += g * Special.sigmoid(-x);
                case LOG1M_INV_LOGIT -> a[i0] += g * Special.sigmoid(x) * -1.0;
                case LOG1P_EXP -> a[i0] += g * Special.sigmoid(x);
                case LOG1P -> a[i0] += g / (1 + x);
                case LOG1M -> a[i0] += g * (-1 / (1 - x));
                case LOG1M_EXP -> a[i0] += g * (-1 / Math.expm1(-x));
                case EXPM1 -> a[i0] += g * (out + 1);
                case TANH -> a[i0] += g * (1 - out * out);
                case LGAMMA -> a[i0] += g * digamma(x);
                case DIGAMMA -> a[i0] += g * Special.trigamma(x);
                case FABS -> a[i0] += x > 0 ? g : x < 0 ? -g : 0;
                case INV_CLOGLOG -> {
                    double e = Math.exp(x);
                    a[i0] += g * (e * Math.exp(-e));
                }
                case PHI -> a[i0] += g * (Math.exp(-0.5 * x * x) / SQRT_2PI);
                case PHI_APPROX -> a[i0] += g * (out * (1 - out) * (3 * 0.07056 * x * x + 1.5976));
                case POW -> { // Elementwise.pow's rules, including its conventions at 0
                    if (live[i0]) a[i0] += y == 0 ? 0 : g * y * Math.pow(x, y - 1);
                    if (live[i1]) a[i1] += x == 0 && y >= 0 ? 0 : g * out * Math.log(x);
                }
                case FMIN -> a[-x >= -y || Double.isNaN(-x) ? i0 : i1] += g;
                case FMAX -> a[x >= y || Double.isNaN(x) ? i0 : i1] += g;
                case LOG_DIFF_EXP -> {
                    double gd = g * (-1 / Math.expm1(-(y - x)));
                    a[i0] += g;
                    a[i1] += gd;
                    a[i0] -= gd;
                }
                case LOG_SUM_EXP2 -> {
                    boolean fin = Double.isFinite(out);
                    a[i0] += g * (fin ? Math.exp(x - out) : 0);
                    a[i1] += g * (fin ? Math.exp(y - out) : 0);
                }
                case LBETA -> {
                    double dab = digamma(x + y);
                    if (live[i0]) a[i0] += g * digamma(x) - g * dab;
                    if (live[i1]) a[i1] += g * digamma(y) - g * dab;
                }
                case LOG_MIX -> { // the posterior weights of the two components; ∂/∂θ = e^(λ₁−v) − e^(λ₂−v)
                    double w1 = Math.exp(Math.log(x) + y - out), w2 = Math.exp(Math.log1p(-x) + z - out);
                    a[i0] += g * (Math.exp(y - out) - Math.exp(z - out));
                    a[i1] += g * w1;
                    a[i2] += g * w2;
                }
                default -> densityBackward(g, v, a, live, x, y, z);
            }
        }

        private void densityBackward(double g, double[] v, double[] a, boolean[] live, double x, double y, double z) {
            int i0 = args[0], i1 = args.length > 1 ? args[1] : -1, i2 = args.length > 2 ? args[2] : -1;
            switch (kind) {
                case NORMAL -> {
                    double u = (x - y) / z, dmu = u / z;
                    a[i0] -= g * dmu;
                    a[i1] += g * dmu;
                    a[i2] += g * ((u * u - 1) / z);
                }
                case STD_NORMAL -> a[i0] += g * -x;
                case LOGNORMAL -> {
                    if (x == 0) return;
                    double ly = Math.log(x), u = (ly - y) / z;
                    a[i0] += g * -((u / z + 1) / x);
                    a[i1] += g * (u / z);
                    a[i2] += g * ((u * u - 1) / z);
                }
                case STUDENT_T -> {
                    int i3 = args[3];
                    double nu = y, s = v[i3], r = x - z, u = r / s, q = u * u / nu;
                    double dy = -(nu + 1) * r / ((1 + q) * s * s * nu), rep = (nu + 1) * q / (1 + q) - 1;
                    a[i0] += g * dy;
                    a[i2] += g * -dy;
                    a[i3] += g * (rep / s);
                    if (live[i1]) {
                        double l1p = Math.log1p(q);
                        a[i1] += g
                                * (0.5
                                        * (Special.digamma(0.5 * (nu + 1))
                                                - Special.digamma(0.5 * nu)
                                                - l1p
                                                + rep / nu));
                    }
                }
                case CAUCHY -> {
                    double r = x - y, den = z * z + r * r;
                    a[i0] += g * -(2 * r / den);
                    a[i1] += g * (2 * r / den);
                    a[i2] += g * ((r * r - z * z) / (z * den));
                }
                case GAMMA -> {
                    if (x < 0) return;
                    a[i0] += g * ((y - 1) / x - z);
                    if (live[i1]) a[i1] += g * (Math.log(z) - Special.digamma(y) + Math.log(x));
                    a[i2] += g * (y / z - x);
                }
                case INV_GAMMA -> {
                    if (x <= 0) return;
                    a[i0] += g * (-(y + 1) / x + z / (x * x));
                    if (live[i1]) a[i1] += g * (Math.log(z) - Special.digamma(y) - Math.log(x));
                    a[i2] += g * (y / z - 1 / x);
                }
                case EXPONENTIAL -> {
                    a[i0] += g * -y;
                    a[i1] += g * (1 / y - x);
                }
                case BETA -> {
                    a[i0] += g * ((y - 1) / x - (z - 1) / (1 - x));
                    if (live[i1] || live[i2]) {
                        double psiAb = Special.digamma(y + z);
                        a[i1] += g * (Math.log(x) - Special.digamma(y) + psiAb);
                        a[i2] += g * (Math.log1p(-x) - Special.digamma(z) + psiAb);
                    }
                }
                case LOGISTIC -> {
                    double u = (x - y) / z, dz = 1 - 2 * Special.sigmoid(u);
                    a[i0] += g * (dz / z);
                    a[i1] += g * -(dz / z);
                    a[i2] += g * ((-1 - u * dz) / z);
                }
                case DOUBLE_EXPONENTIAL -> {
                    double r = x - y, sign = Math.signum(r);
                    a[i0] += g * -(sign / z);
                    a[i1] += g * (sign / z);
                    a[i2] += g * ((Math.abs(r) / z - 1) / z);
                }
                case BERNOULLI -> a[i1] += g * (x == 1 ? 1 / y : -(1 / (1 - y)));
                case BERNOULLI_LOGIT -> a[i1] += g * (x - Special.sigmoid(y));
                case BINOMIAL -> {
                    int k = (int) x, tot = (int) y;
                    double d = 0;
                    if (k > 0) d += k / z;
                    if (tot - k > 0) d -= (tot - k) / (1 - z);
                    a[i2] += g * d;
                }
                case BINOMIAL_LOGIT -> a[i2] += g * ((int) x - (int) y * Special.sigmoid(z));
                case POISSON, POISSON_LOG -> {
                    int k = (int) x;
                    if (y == Double.POSITIVE_INFINITY) return; // an impossible outcome: a constant −∞
                    if (kind == POISSON_LOG ? y == Double.NEGATIVE_INFINITY && k != 0 : y == 0 && k != 0) return;
                    a[i1] += g * (kind == POISSON_LOG ? k - Math.exp(y) : k / y - 1);
                }
                case NEG_BINOMIAL_2 -> {
                    int k = (int) x;
                    double m = y, f = z, logMuPhi = Math.log(m + f);
                    a[i1] += g * (k / m - (k + f) / (m + f));
                    if (live[i2]) {
                        a[i2] += g
                                * (Special.digamma(k + f)
                                        - Special.digamma(f)
                                        + Math.log(f)
                                        - logMuPhi
                                        + (m - k) / (m + f));
                    }
                }
                default -> throw new IllegalStateException("fused call kind " + kind);
            }
        }

        /** Calls the library method on the rejected values, so that the message is the library's own. */
        private RuntimeException reject(double[] v) {
            Object[] in = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                double x = v[args[i]];
                in[i] = types.get(i).isInt() ? (Object) (int) x : Tensor.scalar(x);
            }
            LibraryCall.bind(sig, types).invoke(in, null);
            return new IllegalStateException("the fused " + sig.name() + " rejected arguments the library accepts");
        }
    }

    private static boolean positiveFinite(double x) {
        return x > 0 && x != Double.POSITIVE_INFINITY;
    }

    /** ψ(x) as the tape's digamma gives it: −∞ at 0, NaN at the negative integers. */
    private static double digamma(double x) {
        if (x == 0) return Double.NEGATIVE_INFINITY;
        return x < 0 && x == Math.rint(x) ? Double.NaN : Special.digamma(x);
    }
}
