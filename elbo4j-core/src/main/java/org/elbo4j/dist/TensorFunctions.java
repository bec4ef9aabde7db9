package org.elbo4j.dist;

import org.apache.commons.numbers.gamma.Erfc;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/** Differentiable special functions that the families need beyond the tensor ops. */
final class TensorFunctions {
    private TensorFunctions() {}

    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    /** Φ(z) = ½·erfc(−z/√2) (accurate in the left tail); dΦ/dz = φ(z). */
    static Tensor normalCdf(Tensor z) {
        int n = z.size();
        double[] y = new double[n];
        for (int i = 0; i < n; i++) y[i] = 0.5 * Erfc.value(-z.at(i) / Math.sqrt(2));
        Shape s = z.shape();
        return Tensor.custom("normalCdf", s, y, (g, adj) -> {
            double[] gz = adj.of(z);
            for (int i = 0; i < n; i++) {
                double v = z.at(i);
                gz[i] += g[i] * INV_SQRT_2PI * Math.exp(-0.5 * v * v);
            }
        }, z);
    }
}
