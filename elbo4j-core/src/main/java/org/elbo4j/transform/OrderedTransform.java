package org.elbo4j.transform;

import org.elbo4j.tensor.Tensor;

/**
 * Stan's map from ℝ^K onto ordered vectors (strictly increasing entries), acting on the last dimension
 * (event rank 1). With 0-based k:
 * \[ y_0 = x_0, \qquad y_k = y_{k-1} + e^{x_k} \quad (k \ge 1), \]
 * inverse x_0 = y_0, x_k = log(y_k − y_{k−1}), and, the Jacobian being lower-triangular with diagonal
 * (1, e^{x_1}, …, e^{x_{K−1}}),
 * \[ \log|\det J| = \sum_{k \ge 1} x_k. \]
 * Forward and inverse are fused ops with closed-form O(K) backward rules:
 * ∂y_k/∂x_0 = 1, ∂y_k/∂x_j = e^{x_j} for 1 ≤ j ≤ k; ∂x_k/∂y_k = 1/(y_k − y_{k−1}) = −∂x_k/∂y_{k−1}.
 *
 * <p>Numerics: the inverse takes the differences y_k − y_{k−1} of the given values, so two entries closer than
 * their rounding error give x_k = log(0) = −∞, i.e. the inverse needs strictly increasing input (as the
 * constraint says); forward overflows when an x_k exceeds about 709.
 *
 * <blockquote>Stan Development Team, "Stan Reference Manual", section "Ordered vector" (Transformations of
 * constrained variables).</blockquote>
 */
public final class OrderedTransform implements Transform {
    /** The single instance. */
    public static final OrderedTransform INSTANCE = new OrderedTransform();

    private OrderedTransform() {}

    /**
     * @param x shape [..., K] with K ≥ 1, finite. Not modified.
     * @return y, same shape, each row strictly increasing (unless e^{x_k} underflows against |y_{k−1}|)
     * @throws IllegalArgumentException if x is a scalar or an element is not finite
     */
    @Override
    public Tensor forward(Tensor x) {
        int k = size(x, "forward");
        TransformChecks.requireFinite(this, "forward", x);
        int rows = x.size() / k;
        double[] xs = x.toArray(), y = new double[xs.length], e = new double[xs.length];
        for (int r = 0; r < rows; r++) {
            int o = r * k;
            y[o] = xs[o];
            for (int i = 1; i < k; i++) {
                e[o + i] = Math.exp(xs[o + i]);
                y[o + i] = y[o + i - 1] + e[o + i];
            }
        }
        return Tensor.custom(
                "ordered",
                x.shape(),
                y,
                (g, adj) -> {
                    double[] gx = adj.of(x);
                    if (gx == null) return;
                    for (int r = 0; r < rows; r++) {
                        int o = r * k;
                        double after = 0; // Σ_{i≥j} g_i: every y_i with i ≥ j contains e^{x_j}
                        for (int j = k - 1; j >= 1; j--) {
                            after += g[o + j];
                            gx[o + j] += e[o + j] * after;
                        }
                        gx[o] += after + g[o];
                    }
                },
                x);
    }

    /**
     * @param y shape [..., K] with K ≥ 1, each row finite and strictly increasing. Not modified.
     * @return x, same shape
     * @throws IllegalArgumentException if y is a scalar or a row is not strictly increasing
     */
    @Override
    public Tensor inverse(Tensor y) {
        int k = size(y, "inverse");
        TransformChecks.requireIn(this, "inverse", y, codomain());
        int rows = y.size() / k;
        double[] ys = y.toArray(), x = new double[ys.length], d = new double[ys.length];
        for (int r = 0; r < rows; r++) {
            int o = r * k;
            x[o] = ys[o];
            for (int i = 1; i < k; i++) {
                d[o + i] = ys[o + i] - ys[o + i - 1];
                x[o + i] = Math.log(d[o + i]);
            }
        }
        return Tensor.custom(
                "orderedInverse",
                y.shape(),
                x,
                (g, adj) -> {
                    double[] gy = adj.of(y);
                    if (gy == null) return;
                    for (int r = 0; r < rows; r++) {
                        int o = r * k;
                        gy[o] += g[o];
                        for (int i = 1; i < k; i++) {
                            double v = g[o + i] / d[o + i];
                            gy[o + i] += v;
                            gy[o + i - 1] -= v;
                        }
                    }
                },
                y);
    }

    /**
     * @param x shape [..., K]. Not modified.
     * @param y forward(x) (unused)
     * @return Σ_{k≥1} x_k, shape [...]
     * @throws IllegalArgumentException if x is a scalar
     */
    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        int k = size(x, "logAbsDetJacobian");
        if (k == 1) return x.sum(-1).mul(0.0);
        double[] mask = new double[k];
        for (int i = 1; i < k; i++) mask[i] = 1;
        return x.mul(Tensor.of(mask)).sum(-1);
    }

    private int size(Tensor x, String method) {
        if (x.rank() < 1 || x.dim(-1) < 1) {
            throw new IllegalArgumentException(
                    name() + "." + method + ": needs shape [..., K] with K >= 1, got " + x.shape());
        }
        return x.dim(-1);
    }

    @Override
    public Constraint domain() {
        return Constraints.REAL;
    }

    @Override
    public Constraint codomain() {
        return Constraints.ORDERED;
    }

    @Override
    public int eventRank() {
        return 1;
    }

    @Override
    public String name() {
        return "ordered";
    }
}
