package org.elbo4j.transform;

import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/** Differentiable matrix helpers the Cholesky-type transforms share. */
final class MatrixOps {
    private MatrixOps() {}

    /**
     * The diagonals of a batch of square matrices.
     *
     * @param a shape [..., n, n]. Not modified.
     * @return shape [..., n]
     */
    static Tensor diagonal(Tensor a, int n) {
        double[] x = a.toArray();
        int count = x.length / (n * n);
        double[] d = new double[count * n];
        for (int b = 0; b < count; b++) for (int i = 0; i < n; i++) d[b * n + i] = x[b * n * n + i * n + i];
        return Tensor.custom(
                "diagonal",
                a.shape().dropLast(1),
                d,
                (g, adj) -> {
                    double[] ga = adj.of(a);
                    if (ga == null) return;
                    for (int b = 0; b < count; b++)
                        for (int i = 0; i < n; i++) ga[b * n * n + i * n + i] += g[b * n + i];
                },
                a);
    }

    /**
     * L·Lᵀ for a batch of square matrices (any leading shape).
     *
     * @param l shape [..., n, n]. Not modified.
     * @return shape [..., n, n]
     */
    static Tensor outer(Tensor l, int n) {
        if (l.rank() == 2) return l.matmul(l.transpose());
        Shape s = l.shape();
        Tensor b = l.reshape(-1, n, n);
        return b.matmul(b.transpose()).reshape(s);
    }
}
