package org.elbo4j.transform;

import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * The map from ℝ^{n(n−1)/2} onto Cholesky factors of n×n correlation matrices (Stan's and the LKJ
 * construction through canonical partial correlations). The input vector fills the strict lower triangle row
 * by row, x at position i(i−1)/2 + j holding entry (i, j), j &lt; i (torch's {@code tril_indices} order). With
 * z_ij = tanh(x_ij) ∈ (−1, 1):
 * \[ L_{00} = 1, \qquad L_{ij} = z_{ij} \prod_{k&lt;j} \sqrt{1 - z_{ik}^2}\ (j &lt; i), \qquad
 *    L_{ii} = \prod_{k&lt;i} \sqrt{1 - z_{ik}^2}, \]
 * so every row has unit norm and a positive diagonal, and L·Lᵀ is a correlation matrix. The Jacobian of the
 * map from the n(n−1)/2 inputs to the strict lower triangle of L is triangular; with ∂L_ij/∂z_ij =
 * Π_{k&lt;j} √(1 − z_ik²) and dz/dx = 1 − z²,
 * \[ \log|\det J| = \sum_{i&gt;j} \Bigl[\log(1 - z_{ij}^2) + \tfrac12 \sum_{k&lt;j} \log(1 - z_{ik}^2)\Bigr]
 *    = \sum_{i>j} \frac{i - j + 1}{2}\,\log(1 - z_{ij}^2). \]
 * Inverse: z_ij = L_ij / (Σ_{k≥j} L_ik²)^{1/2}, x = atanh z.
 *
 * <p>Numerics: √(1 − z²) is computed as sech x = 2e^{−|x|}/(1 + e^{−2|x|}), never as 1 − tanh² (which is
 * 0 once tanh rounds to ±1, for |x| ≳ 19), so the diagonal stays positive while each row's Σ_k |x_ik| stays
 * below about 745 (where the product of the sech terms underflows); log(1 − z²) = 2(log 2 − x − softplus(−2x)). The inverse uses the remaining row norm Σ_{k≥j} L_ik² (non-negative
 * terms, no cancellation) and atanh(L/r) = sign(L)·(log(r + |L|) − ½ log Σ_{k>j} L_ik²), exact where z is near
 * ±1; it needs the squares of the row's entries to stay normal doubles, so the round trip holds while each
 * row's Σ_k |x_ik| is below about 350. Forward and inverse are fused ops with closed-form O(n²) backward rules
 * per matrix.
 *
 * <blockquote>D. Lewandowski, D. Kurowicka and H. Joe, "Generating random correlation matrices based on vines
 * and extended onion method", Journal of Multivariate Analysis 100(9), 2009. Stan Development Team, "Stan
 * Reference Manual", section "Cholesky factors of correlation matrices".</blockquote>
 */
public final class CorrCholeskyTransform implements Transform {
    /** The single instance. */
    public static final CorrCholeskyTransform INSTANCE = new CorrCholeskyTransform();

    private CorrCholeskyTransform() {}

    /**
     * @param x shape [..., n(n−1)/2] with n ≥ 2, finite. Not modified.
     * @return L, shape [..., n, n]
     * @throws IllegalArgumentException if x is a scalar, its last dimension is not n(n−1)/2 for an n ≥ 2, or an
     *                                  element is not finite
     */
    @Override
    public Tensor forward(Tensor x) {
        int m = freeSize(x.shape(), "forward");
        int n = dimOf(m);
        TransformChecks.requireFinite(this, "forward", x);
        int count = x.size() / m, nn = n * n;
        double[] xs = x.toArray(), y = new double[count * nn];
        double[] t = new double[xs.length], s = new double[xs.length], w = new double[xs.length];
        for (int b = 0; b < count; b++) {
            int o = b * nn, q = b * m;
            y[o] = 1;
            for (int i = 1; i < n; i++) {
                double rest = 1; // Π_{k<j} sech x_ik = √(1 − Σ_{k<j} L_ik²)
                for (int j = 0; j < i; j++) {
                    int p = q + i * (i - 1) / 2 + j;
                    double v = xs[p], e = Math.exp(-2 * Math.abs(v));
                    t[p] = Math.tanh(v);
                    s[p] = 2 * Math.exp(-Math.abs(v)) / (1 + e); // sech v without overflow
                    w[p] = rest;
                    y[o + i * n + j] = t[p] * rest;
                    rest *= s[p];
                }
                y[o + i * n + i] = rest;
            }
        }
        return Tensor.custom(
                "corrCholesky",
                forwardShape(x.shape()),
                y,
                (g, adj) -> {
                    double[] gx = adj.of(x);
                    if (gx == null) return;
                    // ∂L_ik/∂x_ik = sech²x_ik·w_ik; ∂L_ij/∂x_ik = −tanh x_ik·L_ij for k < j ≤ i (diagonal included).
                    for (int b = 0; b < count; b++) {
                        int o = b * nn, q = b * m;
                        for (int i = 1; i < n; i++) {
                            double after = g[o + i * n + i] * y[o + i * n + i]; // Σ_{j>k} g_ij L_ij
                            for (int k = i - 1; k >= 0; k--) {
                                int p = q + i * (i - 1) / 2 + k;
                                double gl = g[o + i * n + k];
                                gx[p] += gl * s[p] * s[p] * w[p] - t[p] * after;
                                after += gl * y[o + i * n + k];
                            }
                        }
                    }
                },
                x);
    }

    /**
     * @param y shape [..., n, n] with n ≥ 2, each matrix in {@link Constraints#CORRELATION_CHOLESKY}. Not modified.
     * @return x, shape [..., n(n−1)/2]
     * @throws IllegalArgumentException if y is not a (batch of) square matrices with n ≥ 2 or a matrix is not
     *                                  the Cholesky factor of a correlation matrix
     */
    @Override
    public Tensor inverse(Tensor y) {
        int n = TransformChecks.requireSquare(this, "inverse", "y", y);
        if (n < 2) throw new IllegalArgumentException(name() + ".inverse: y needs n >= 2, got shape " + y.shape());
        TransformChecks.requireIn(this, "inverse", y, codomain());
        int m = n * (n - 1) / 2, nn = n * n, count = y.size() / nn;
        double[] a = y.toArray(), x = new double[count * m], r = new double[count * m], rho = new double[count * m];
        for (int b = 0; b < count; b++) {
            int o = b * nn, q = b * m;
            for (int i = 1; i < n; i++) {
                double after = a[o + i * n + i] * a[o + i * n + i]; // Σ_{k>j} L_ik², built from the diagonal leftwards
                for (int j = i - 1; j >= 0; j--) {
                    int p = q + i * (i - 1) / 2 + j;
                    double l = a[o + i * n + j];
                    rho[p] = after;
                    r[p] = Math.sqrt(after + l * l);
                    // atanh(l/r) = ½log((r+l)/(r−l)) = log(r + |l|) − ½log(r² − l²), with r² − l² = Σ_{k>j} L_ik².
                    x[p] = Math.copySign(Math.log(r[p] + Math.abs(l)) - 0.5 * Math.log(after), l);
                    after += l * l;
                }
            }
        }
        return Tensor.custom(
                "corrCholeskyInverse",
                inverseShape(y.shape()),
                x,
                (g, adj) -> {
                    double[] gy = adj.of(y);
                    if (gy == null) return;
                    // ∂x_ij/∂L_ij = 1/r_ij; ∂x_ij/∂L_ik = −L_ij L_ik/(ρ_ij r_ij) for j < k ≤ i.
                    for (int b = 0; b < count; b++) {
                        int o = b * nn, q = b * m;
                        for (int i = 1; i < n; i++) {
                            double before = 0; // Σ_{j<k} g_ij L_ij/(ρ_ij r_ij)
                            for (int k = 0; k <= i; k++) {
                                double l = a[o + i * n + k], v = -l * before;
                                if (k < i) {
                                    int p = q + i * (i - 1) / 2 + k;
                                    v += g[p] / r[p];
                                    before += g[p] * l / (rho[p] * r[p]);
                                }
                                gy[o + i * n + k] += v;
                            }
                        }
                    }
                },
                y);
    }

    /**
     * @param x shape [..., n(n−1)/2]. Not modified.
     * @param y forward(x) (unused)
     * @return log|det J|, shape [...]
     * @throws IllegalArgumentException if x's last dimension is not n(n−1)/2 for an n ≥ 2
     */
    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        int m = freeSize(x.shape(), "logAbsDetJacobian");
        int n = dimOf(m);
        double[] weight = new double[m];
        for (int i = 1; i < n; i++) for (int j = 0; j < i; j++) weight[i * (i - 1) / 2 + j] = i - j + 1;
        // ½(i − j + 1)·log(1 − tanh²x), with log(1 − tanh²x) = 2(log 2 − x − softplus(−2x)): finite for all x.
        return x.mul(-2)
                .softplus()
                .add(x)
                .rsub(Math.log(2))
                .mul(Tensor.of(weight))
                .sum(-1);
    }

    private int freeSize(Shape x, String method) {
        if (x.rank() < 1)
            throw new IllegalArgumentException(name() + "." + method + ": x needs shape [..., n(n-1)/2], got a scalar");
        int m = x.dim(-1), n = (int) Math.round((1 + Math.sqrt(1 + 8.0 * m)) / 2);
        if (m < 1 || n * (n - 1) / 2 != m) {
            throw new IllegalArgumentException(name() + "." + method + ": the last dimension of x, " + m
                    + ", is not n(n-1)/2 for any n >= 2 (shape " + x + ")");
        }
        return m;
    }

    private static int dimOf(int m) {
        return (int) Math.round((1 + Math.sqrt(1 + 8.0 * m)) / 2);
    }

    @Override
    public Constraint domain() {
        return Constraints.REAL;
    }

    @Override
    public Constraint codomain() {
        return Constraints.CORRELATION_CHOLESKY;
    }
    /** 1: the input is a vector per matrix, and log|J| sums over it. */
    @Override
    public int eventRank() {
        return 1;
    }
    /** 2: the output is a matrix. */
    @Override
    public int codomainEventRank() {
        return 2;
    }

    /** [..., n(n−1)/2] → [..., n, n]. */
    @Override
    public Shape forwardShape(Shape x) {
        int n = dimOf(freeSize(x, "forwardShape"));
        return TransformChecks.withLastTwo(x, n, n);
    }

    /** [..., n, n] → [..., n(n−1)/2]. */
    @Override
    public Shape inverseShape(Shape y) {
        if (y.rank() < 2 || y.dim(-1) != y.dim(-2) || y.dim(-1) < 2) {
            throw new IllegalArgumentException(name() + ": y needs shape [..., n, n] with n >= 2, got " + y);
        }
        int n = y.dim(-1);
        return TransformChecks.withLast(y.dropLast(1), n * (n - 1) / 2);
    }

    @Override
    public String name() {
        return "corrCholesky";
    }
}
