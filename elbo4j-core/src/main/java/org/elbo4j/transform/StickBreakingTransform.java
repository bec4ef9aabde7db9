package org.elbo4j.transform;

import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * Stan's stick-breaking map from ℝ^{K−1} onto the K-simplex, acting on the last dimension (event rank 1).
 * With 0-based k = 0 … K−2:
 * \[ z_k = \sigma\bigl(x_k - \log(K-1-k)\bigr), \qquad
 *    y_k = z_k \prod_{j&lt;k} (1 - z_j), \qquad y_{K-1} = \prod_{j&lt;K-1} (1 - z_j). \]
 * The offset −log(K−1−k) makes x = 0 the uniform simplex (z_k = 1/(K−k)). The inverse breaks the stick back:
 * x_k = log y_k − log(Σ_{j>k} y_j) + log(K−1−k). The log Jacobian determinant of the map from the K−1 free
 * inputs to the first K−1 simplex coordinates (the last is 1 minus their sum) is
 * \[ \log|\det J| = \sum_{k&lt;K-1} \bigl[\log z_k + \log(1 - z_k) + \log \textstyle\prod_{j&lt;k}(1-z_j)\bigr]
 *    = \sum_{k&lt;K-1} \bigl[\log\sigma(u_k) + (K-1-k)\log\sigma(-u_k)\bigr], \quad u_k = x_k - \log(K-1-k). \]
 *
 * <p>Numerics: the forward map works in logs (log y_k = log σ(u_k) + Σ_{j&lt;k} log σ(−u_j)), so no 1 − z
 * cancels and tiny coordinates keep their relative precision; the inverse takes the remaining stick as the
 * suffix sum Σ_{j>k} y_j of non-negative terms, not 1 − Σ_{j≤k} y_j. Forward and inverse are fused ops with
 * closed-form O(K) backward rules; log|J| is built from tensor ops.
 *
 * <blockquote>Stan Development Team, "Stan Reference Manual", section "Unit simplex" (Transformations of
 * constrained variables).</blockquote>
 */
public final class StickBreakingTransform implements Transform {
    /** The single instance. */
    public static final StickBreakingTransform INSTANCE = new StickBreakingTransform();

    private StickBreakingTransform() {}

    /**
     * @param x shape [..., K−1] with K−1 ≥ 1, finite. Not modified.
     * @return y, shape [..., K], each row on the simplex
     * @throws IllegalArgumentException if x is a scalar, its last dimension is 0, or an element is not finite
     */
    @Override
    public Tensor forward(Tensor x) {
        int m = freeSize(x, "forward");
        TransformChecks.requireFinite(this, "forward", x);
        int k1 = m + 1, rows = x.size() / m;
        double[] xs = x.toArray(), y = new double[rows * k1], z = new double[rows * m], zc = new double[rows * m];
        for (int r = 0; r < rows; r++) {
            double logRest = 0; // log of the stick left, Σ_{j<k} log(1 − z_j)
            for (int k = 0; k < m; k++) {
                double u = xs[r * m + k] - Math.log(m - k);
                double logZ = -softplus(-u), logZc = -softplus(u);
                z[r * m + k] = Math.exp(logZ);
                zc[r * m + k] = Math.exp(logZc);
                y[r * k1 + k] = Math.exp(logZ + logRest);
                logRest += logZc;
            }
            y[r * k1 + m] = Math.exp(logRest);
        }
        return Tensor.custom(
                "stickBreaking",
                forwardShape(x.shape()),
                y,
                (g, adj) -> {
                    double[] gx = adj.of(x);
                    if (gx == null) return;
                    // ∂log y_k/∂u_k = 1 − z_k; ∂log y_k/∂u_j = −z_j for j < k (through the stick left).
                    for (int r = 0; r < rows; r++) {
                        double after = g[r * k1 + m] * y[r * k1 + m]; // Σ_{k>j} g_k y_k
                        for (int j = m - 1; j >= 0; j--) {
                            double gy = g[r * k1 + j] * y[r * k1 + j];
                            gx[r * m + j] += gy * zc[r * m + j] - z[r * m + j] * after;
                            after += gy;
                        }
                    }
                },
                x);
    }

    /**
     * @param y shape [..., K] with K ≥ 2, each row on the simplex (tolerance of {@link Constraints#SIMPLEX}).
     *          Not modified.
     * @return x, shape [..., K−1]
     * @throws IllegalArgumentException if y has rank 0, K &lt; 2, or a row is not on the simplex
     */
    @Override
    public Tensor inverse(Tensor y) {
        if (y.rank() < 1 || y.dim(-1) < 2) {
            throw new IllegalArgumentException(
                    name() + ".inverse: y needs shape [..., K] with K >= 2, got " + y.shape());
        }
        TransformChecks.requireIn(this, "inverse", y, codomain());
        int k1 = y.dim(-1), m = k1 - 1, rows = y.size() / k1;
        double[] ys = y.toArray(), x = new double[rows * m], rest = new double[rows * m];
        for (int r = 0; r < rows; r++) {
            double after = ys[r * k1 + m]; // Σ_{j>k} y_j, a sum of non-negative terms: no cancellation
            for (int k = m - 1; k >= 0; k--) {
                rest[r * m + k] = after;
                x[r * m + k] = Math.log(ys[r * k1 + k]) - Math.log(after) + Math.log(m - k);
                after += ys[r * k1 + k];
            }
        }
        return Tensor.custom(
                "stickBreakingInverse",
                inverseShape(y.shape()),
                x,
                (g, adj) -> {
                    double[] gy = adj.of(y);
                    if (gy == null) return;
                    // ∂x_k/∂y_k = 1/y_k; ∂x_k/∂y_j = −1/Σ_{i>k} y_i for j > k.
                    for (int r = 0; r < rows; r++) {
                        double before = 0; // Σ_{k<j} g_k / rest_k
                        for (int j = 0; j < k1; j++) {
                            double v = -before;
                            if (j < m) {
                                v += g[r * m + j] / ys[r * k1 + j];
                                before += g[r * m + j] / rest[r * m + j];
                            }
                            gy[r * k1 + j] += v;
                        }
                    }
                },
                y);
    }

    /**
     * @param x shape [..., K−1]. Not modified.
     * @param y forward(x) (unused)
     * @return log|det J|, shape [...]
     * @throws IllegalArgumentException if x is a scalar or its last dimension is 0
     */
    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        int m = freeSize(x, "logAbsDetJacobian");
        double[] offset = new double[m], weight = new double[m];
        for (int k = 0; k < m; k++) {
            offset[k] = Math.log(m - k);
            weight[k] = m - k; // log(1 − z_k) appears in its own term and in the stick left of the K−2−k later ones
        }
        Tensor u = x.sub(Tensor.of(offset));
        return u.logSigmoid().add(u.neg().logSigmoid().mul(Tensor.of(weight))).sum(-1);
    }

    private int freeSize(Tensor x, String method) {
        if (x.rank() < 1 || x.dim(-1) < 1) {
            throw new IllegalArgumentException(
                    name() + "." + method + ": x needs shape [..., K-1] with K-1 >= 1, got " + x.shape());
        }
        return x.dim(-1);
    }

    private static double softplus(double v) {
        return Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
    }

    @Override
    public Constraint domain() {
        return Constraints.REAL;
    }

    @Override
    public Constraint codomain() {
        return Constraints.SIMPLEX;
    }

    @Override
    public int eventRank() {
        return 1;
    }

    /** [..., K−1] → [..., K]. */
    @Override
    public Shape forwardShape(Shape x) {
        if (x.rank() < 1)
            throw new IllegalArgumentException(name() + ": x needs at least one dimension, got shape " + x);
        return TransformChecks.withLast(x, x.dim(-1) + 1);
    }

    /** [..., K] → [..., K−1]. */
    @Override
    public Shape inverseShape(Shape y) {
        if (y.rank() < 1 || y.dim(-1) < 1)
            throw new IllegalArgumentException(name() + ": y needs shape [..., K] with K >= 1, got " + y);
        return TransformChecks.withLast(y, y.dim(-1) - 1);
    }

    @Override
    public String name() {
        return "stickBreaking";
    }
}
