package org.elbo4j.stan.functions;

import org.elbo4j.math.Special;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.tensor.TensorData;

/**
 * Stan's reductions and whole-container functions: {@code sum}, {@code prod}, {@code mean}, {@code variance},
 * {@code sd}, {@code max}, {@code min}, {@code log_sum_exp}, {@code log_mix}, {@code cumulative_sum},
 * {@code dot_product}, {@code dot_self}, {@code softmax}, {@code log_softmax}, {@code columns_dot_product},
 * {@code rows_dot_product}, and the size queries. A real container is one tensor whatever its Stan type; int
 * containers are {@code int[]}.
 */
public final class Containers {
    private Containers() {}

    /** {@code sum(x)}: 0 for an empty container. */
    public static Tensor sum(Tensor x) {
        return x.sum();
    }

    /** {@code sum(array[] int)}. */
    public static int sum(int[] x) {
        int s = 0;
        for (int v : x) s += v;
        return s;
    }

    /** {@code prod(x)}; ∂/∂x_i = Π_{j≠i} x_j (computed without dividing, so zeros are exact). */
    public static Tensor prod(Tensor x) {
        double[] v = TensorData.readOnly(x);
        int n = v.length;
        double[] left = new double[n + 1];
        left[0] = 1;
        for (int i = 0; i < n; i++) left[i + 1] = left[i] * v[i];
        double[] d = null;
        if (x.requiresGrad()) {
            d = new double[n];
            double right = 1;
            for (int i = n - 1; i >= 0; i--) {
                d[i] = left[i] * right;
                right *= v[i];
            }
        }
        return Fused.scalar("prod", left[n], x, d);
    }

    /** {@code prod(array[] int)}. */
    public static int prod(int[] x) {
        int p = 1;
        for (int v : x) p *= v;
        return p;
    }

    /** {@code mean(x)}. @throws StanDomainException for an empty container */
    public static Tensor mean(Tensor x) {
        if (x.size() == 0) throw new StanDomainException("mean: x has size 0, but must have a non-zero size");
        return x.sum().div(x.size());
    }

    /** {@code mean(array[] int)} as a real. */
    public static Tensor mean(int[] x) {
        return mean(Fused.ofInts(x));
    }

    /** {@code variance(x)}: the sample variance, Σ(x − x̄)²/(n − 1); 0 for n = 1. */
    public static Tensor variance(Tensor x) {
        int n = x.size();
        if (n == 0) throw new StanDomainException("variance: x has size 0, but must have a non-zero size");
        if (n == 1) return Tensor.scalar(0);
        double[] v = TensorData.readOnly(x);
        double m = 0;
        for (double a : v) m += a;
        m /= n;
        double ss = 0;
        for (double a : v) ss += (a - m) * (a - m);
        double[] d = null;
        if (x.requiresGrad()) {
            d = new double[n];
            for (int i = 0; i < n; i++) d[i] = 2 * (v[i] - m) / (n - 1);
        }
        return Fused.scalar("variance", ss / (n - 1), x, d);
    }

    /** {@code sd(x)} = √variance(x); 0 for n = 1. */
    public static Tensor sd(Tensor x) {
        if (x.size() == 1) return Tensor.scalar(0);
        return variance(x).sqrt();
    }

    /** {@code max(x)}: −∞ for an empty container; the gradient goes to the first maximiser. */
    public static Tensor max(Tensor x) {
        return x.size() == 0 ? Tensor.scalar(Double.NEGATIVE_INFINITY) : x.max();
    }

    /** {@code min(x)}: +∞ for an empty container. */
    public static Tensor min(Tensor x) {
        return x.size() == 0
                ? Tensor.scalar(Double.POSITIVE_INFINITY)
                : x.neg().max().neg();
    }

    /** {@code max(array[] int)}. @throws StanDomainException for an empty array */
    public static int max(int[] x) {
        if (x.length == 0) throw new StanDomainException("max: int array is empty");
        int m = x[0];
        for (int v : x) m = Math.max(m, v);
        return m;
    }

    /** {@code min(array[] int)}. @throws StanDomainException for an empty array */
    public static int min(int[] x) {
        if (x.length == 0) throw new StanDomainException("min: int array is empty");
        int m = x[0];
        for (int v : x) m = Math.min(m, v);
        return m;
    }

    /** {@code max(int, int)}. */
    public static int max(int a, int b) {
        return Math.max(a, b);
    }

    /** {@code min(int, int)}. */
    public static int min(int a, int b) {
        return Math.min(a, b);
    }

    /** {@code max(real, real)} (as fmax). */
    public static Tensor max(Tensor a, Tensor b) {
        return MathFunctions.fmax(a, b);
    }

    /** {@code min(real, real)} (as fmin). */
    public static Tensor min(Tensor a, Tensor b) {
        return MathFunctions.fmin(a, b);
    }

    /** {@code log_sum_exp(x)} over a container: −∞ when empty; ∂/∂x_i = softmax(x)_i. One node. */
    public static Tensor logSumExp(Tensor x) {
        double[] v = TensorData.readOnly(x);
        double lse = Special.logSumExp(v, 0, v.length);
        double[] d = null;
        if (x.requiresGrad()) {
            d = new double[v.length];
            if (Double.isFinite(lse)) for (int i = 0; i < v.length; i++) d[i] = Math.exp(v[i] - lse);
        }
        return Fused.scalar("log_sum_exp", lse, x, d);
    }

    /** {@code log_sum_exp(a, b)} for two reals. */
    public static Tensor logSumExp(Tensor a, Tensor b) {
        double av = Check.scalar("log_sum_exp", "x", a), bv = Check.scalar("log_sum_exp", "y", b);
        double lse = Special.logAddExp(av, bv);
        double da = Double.isFinite(lse) ? Math.exp(av - lse) : 0, db = Double.isFinite(lse) ? Math.exp(bv - lse) : 0;
        return Fused.scalar("log_sum_exp", lse, a, new double[] {da}, b, new double[] {db});
    }

    /**
     * {@code log_mix(theta, lambda1, lambda2)} = log(θ e^λ₁ + (1 − θ) e^λ₂) for reals.
     *
     * @throws StanDomainException if theta is outside [0, 1] or a lambda is NaN
     */
    public static Tensor logMix(Tensor theta, Tensor lambda1, Tensor lambda2) {
        String fn = "log_mix";
        Check.bounded(fn, "theta", theta, 0, 1);
        Check.notNan(fn, "lambda1", lambda1);
        Check.notNan(fn, "lambda2", lambda2);
        double t = Check.scalar(fn, "theta", theta),
                l1 = Check.scalar(fn, "lambda1", lambda1),
                l2 = Check.scalar(fn, "lambda2", lambda2);
        double a = Math.log(t) + l1, b = Math.log1p(-t) + l2;
        double v = Special.logAddExp(a, b);
        double w1 = Math.exp(a - v), w2 = Math.exp(b - v); // posterior weights of the two components
        double dt = Math.exp(l1 - v) - Math.exp(l2 - v);
        return Fused.scalar(fn, v, theta, new double[] {dt}, lambda1, new double[] {w1}, lambda2, new double[] {w2});
    }

    /**
     * {@code log_mix(theta, lambda)} = log Σ_k θ_k e^{λ_k}: theta a simplex-like vector [K], lambda [K] (one
     * observation) or an array of K-vectors [n, K] (summed over the n observations).
     *
     * @throws StanDomainException if sizes differ or theta is outside [0, 1]
     */
    public static Tensor logMix(Tensor theta, Tensor lambda) {
        String fn = "log_mix";
        int k = theta.size();
        Check.bounded(fn, "theta", theta, 0, 1);
        Check.notNan(fn, "lambda", lambda);
        Check.sameSize(fn, "theta", k, "lambda", lambda.dim(-1));
        int n = lambda.rank() == 2 ? lambda.dim(0) : 1;
        double[] tv = TensorData.readOnly(theta), lv = TensorData.readOnly(lambda);
        double[] dt = Fused.partials(theta), dl = Fused.partials(lambda);
        double[] terms = new double[k];
        double total = 0;
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < k; j++) terms[j] = Math.log(tv[j]) + lv[r * k + j];
            double v = Special.logSumExp(terms, 0, k);
            total += v;
            for (int j = 0; j < k; j++) {
                if (dt != null) dt[j] += Math.exp(lv[r * k + j] - v);
                if (dl != null) dl[r * k + j] += Math.exp(terms[j] - v);
            }
        }
        return Fused.scalar(fn, total, theta, dt, lambda, dl);
    }

    /** {@code cumulative_sum(x)} for a real container of rank 1 (vector, row_vector, array[] real). */
    public static Tensor cumulativeSum(Tensor x) {
        double[] v = TensorData.readOnly(x);
        int n = v.length;
        double[] out = new double[n];
        double s = 0;
        for (int i = 0; i < n; i++) out[i] = s += v[i];
        if (!x.requiresGrad()) return Tensor.wrap(out, x.shape());
        return Tensor.custom(
                "cumulative_sum",
                x.shape(),
                out,
                (g, adj) -> {
                    double[] a = adj.of(x);
                    double acc = 0;
                    for (int i = n - 1; i >= 0; i--) {
                        acc += g[i];
                        a[i] += acc;
                    }
                },
                x);
    }

    /** {@code cumulative_sum(array[] int)}. */
    public static int[] cumulativeSum(int[] x) {
        int[] out = new int[x.length];
        int s = 0;
        for (int i = 0; i < x.length; i++) out[i] = s += x[i];
        return out;
    }

    /** {@code dot_product(x, y)} of two vectors/row vectors/arrays of the same size. */
    public static Tensor dotProduct(Tensor x, Tensor y) {
        Check.sameSize("dot_product", "size of v1", x.size(), "size of v2", y.size());
        return x.reshape(x.size()).dot(y.reshape(y.size()));
    }

    /** {@code dot_self(x)} = Σ x². */
    public static Tensor dotSelf(Tensor x) {
        return x.square().sum();
    }

    /** {@code columns_dot_product(a, b)}: a row vector of the column-wise dot products. */
    public static Tensor columnsDotProduct(Tensor a, Tensor b) {
        Check.sameSize("columns_dot_product", "rows of m1", a.dim(0), "rows of m2", b.dim(0));
        return a.mul(b).sum(0);
    }

    /** {@code rows_dot_product(a, b)}: a vector of the row-wise dot products. */
    public static Tensor rowsDotProduct(Tensor a, Tensor b) {
        Check.sameSize("rows_dot_product", "columns of m1", a.dim(-1), "columns of m2", b.dim(-1));
        return a.rank() == 1 ? a.mul(b).sum().reshape(1) : a.mul(b).sum(1);
    }

    /** {@code softmax(x)} of a vector; one node. */
    public static Tensor softmax(Tensor x) {
        double[] v = TensorData.readOnly(x);
        int n = v.length;
        double lse = Special.logSumExp(v, 0, n);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = Math.exp(v[i] - lse);
        if (!x.requiresGrad()) return Tensor.wrap(out, x.shape());
        return Tensor.custom(
                "softmax",
                x.shape(),
                out,
                (g, adj) -> {
                    double[] a = adj.of(x);
                    double dot = 0;
                    for (int i = 0; i < n; i++) dot += g[i] * out[i];
                    for (int i = 0; i < n; i++) a[i] += out[i] * (g[i] - dot);
                },
                x);
    }

    /** {@code log_softmax(x)} of a vector; one node. */
    public static Tensor logSoftmax(Tensor x) {
        double[] v = TensorData.readOnly(x);
        int n = v.length;
        double lse = Special.logSumExp(v, 0, n);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = v[i] - lse;
        if (!x.requiresGrad()) return Tensor.wrap(out, x.shape());
        return Tensor.custom(
                "log_softmax",
                x.shape(),
                out,
                (g, adj) -> {
                    double[] a = adj.of(x);
                    double s = 0;
                    for (int i = 0; i < n; i++) s += g[i];
                    for (int i = 0; i < n; i++) a[i] += g[i] - Math.exp(out[i]) * s;
                },
                x);
    }

    /** {@code num_elements(x)}. */
    public static int numElements(Tensor x) {
        return x.size();
    }

    /** {@code num_elements(array int)}. */
    public static int numElements(int[] x) {
        return x.length;
    }

    /** {@code size(x)}: the number of elements of a vector/row_vector/matrix, or the outer size of an array. */
    public static int size(Tensor x) {
        return x.rank() == 0 ? 1 : x.dim(0);
    }

    /** {@code size(array[] int)} (the compiler passes the outer size of a multi-dimensional int array itself). */
    public static int size(int[] x) {
        return x.length;
    }

    /** {@code size(matrix)}: rows × columns. */
    public static int sizeMatrix(Tensor x) {
        return x.size();
    }

    /** {@code dims(x)}: the dimensions of a real container (empty for a real). */
    public static int[] dims(Tensor x) {
        return x.shape().dims();
    }

    /** {@code rows(x)}: rows of a matrix, size of a vector, 1 for a row vector (the compiler routes row vectors). */
    public static int rows(Tensor x) {
        return x.dim(0);
    }

    /** {@code rows(row_vector)} = 1. */
    public static int rowsRowVector(Tensor x) {
        return 1;
    }

    /** {@code cols(x)}: columns of a matrix, size of a row vector. */
    public static int cols(Tensor x) {
        return x.dim(-1);
    }

    /** {@code cols(vector)} = 1. */
    public static int colsVector(Tensor x) {
        return 1;
    }

    /** A real array of the same shape as a constant (int data promoted). */
    static Tensor shaped(double[] v, Shape s) {
        return Tensor.wrap(v, s);
    }
}
