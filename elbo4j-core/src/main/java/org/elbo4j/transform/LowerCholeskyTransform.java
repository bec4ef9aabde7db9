package org.elbo4j.transform;

import org.elbo4j.tensor.Tensor;

/**
 * The map from a square matrix to a lower-triangular matrix with a positive diagonal, torch's convention
 * (matrix in, matrix out; event rank 2): the strict lower triangle is kept, the diagonal exponentiated, the
 * upper triangle of x ignored (set to 0):
 * \[ L_{ij} = x_{ij}\ (i &gt; j), \qquad L_{ii} = e^{x_{ii}}, \qquad L_{ij} = 0\ (i &lt; j); \qquad
 *    x_{ij} = L_{ij}\ (i &gt; j), \quad x_{ii} = \log L_{ii}, \quad x_{ij} = 0\ (i &lt; j). \]
 * It is a bijection between the n(n+1)/2 free entries (the lower triangle with the diagonal) of x and of L;
 * the Jacobian between them is diagonal, so
 * \[ \log|\det J| = \sum_i x_{ii}. \]
 * Forward and inverse are fused ops with closed-form backward rules (no gradient reaches x's upper triangle).
 */
public final class LowerCholeskyTransform implements Transform {
    /** The single instance. */
    public static final LowerCholeskyTransform INSTANCE = new LowerCholeskyTransform();

    private LowerCholeskyTransform() {}

    /**
     * @param x shape [..., n, n], finite. Not modified.
     * @return L, shape [..., n, n]
     * @throws IllegalArgumentException if x is not a (batch of) square matrices or an element is not finite
     */
    @Override
    public Tensor forward(Tensor x) {
        int n = TransformChecks.requireSquare(this, "forward", "x", x);
        TransformChecks.requireFinite(this, "forward", x);
        double[] a = x.toArray(), y = new double[a.length];
        int count = a.length / (n * n);
        for (int b = 0; b < count; b++) {
            int o = b * n * n;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < i; j++) y[o + i * n + j] = a[o + i * n + j];
                y[o + i * n + i] = Math.exp(a[o + i * n + i]);
            }
        }
        return Tensor.custom(
                "lowerCholesky",
                x.shape(),
                y,
                (g, adj) -> {
                    double[] gx = adj.of(x);
                    if (gx == null) return;
                    for (int b = 0; b < count; b++) {
                        int o = b * n * n;
                        for (int i = 0; i < n; i++) {
                            for (int j = 0; j < i; j++) gx[o + i * n + j] += g[o + i * n + j];
                            gx[o + i * n + i] += g[o + i * n + i] * y[o + i * n + i];
                        }
                    }
                },
                x);
    }

    /**
     * @param y shape [..., n, n], lower-triangular with a positive diagonal. Not modified.
     * @return x, shape [..., n, n], zero above the diagonal
     * @throws IllegalArgumentException if y is not a (batch of) square matrices in {@link Constraints#LOWER_CHOLESKY}
     */
    @Override
    public Tensor inverse(Tensor y) {
        int n = TransformChecks.requireSquare(this, "inverse", "y", y);
        TransformChecks.requireIn(this, "inverse", y, codomain());
        double[] a = y.toArray(), x = new double[a.length];
        int count = a.length / (n * n);
        for (int b = 0; b < count; b++) {
            int o = b * n * n;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < i; j++) x[o + i * n + j] = a[o + i * n + j];
                x[o + i * n + i] = Math.log(a[o + i * n + i]);
            }
        }
        return Tensor.custom(
                "lowerCholeskyInverse",
                y.shape(),
                x,
                (g, adj) -> {
                    double[] gy = adj.of(y);
                    if (gy == null) return;
                    for (int b = 0; b < count; b++) {
                        int o = b * n * n;
                        for (int i = 0; i < n; i++) {
                            for (int j = 0; j < i; j++) gy[o + i * n + j] += g[o + i * n + j];
                            gy[o + i * n + i] += g[o + i * n + i] / a[o + i * n + i];
                        }
                    }
                },
                y);
    }

    /**
     * @param x shape [..., n, n]. Not modified.
     * @param y forward(x) (unused)
     * @return Σ_i x_ii, shape [...]
     * @throws IllegalArgumentException if x is not a (batch of) square matrices
     */
    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        int n = TransformChecks.requireSquare(this, "logAbsDetJacobian", "x", x);
        return MatrixOps.diagonal(x, n).sum(-1);
    }

    @Override
    public Constraint domain() {
        return Constraints.REAL;
    }

    @Override
    public Constraint codomain() {
        return Constraints.LOWER_CHOLESKY;
    }

    @Override
    public int eventRank() {
        return 2;
    }

    @Override
    public String name() {
        return "lowerCholesky";
    }
}
