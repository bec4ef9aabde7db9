package org.elbo4j.distributions;

import org.elbo4j.tensor.Tensor;

/** Differentiable elementwise functions the contract tests need and {@link Tensor} does not have. */
final class TestFunctions {
    private TestFunctions() {}

    /** sin x, with d/dx = cos x. */
    static Tensor sin(Tensor x) {
        int n = x.size();
        double[] y = new double[n];
        for (int i = 0; i < n; i++) y[i] = Math.sin(x.at(i));
        return Tensor.custom(
                "sin",
                x.shape(),
                y,
                (g, adj) -> {
                    double[] gx = adj.of(x);
                    for (int i = 0; i < n; i++) gx[i] += g[i] * Math.cos(x.at(i));
                },
                x);
    }
}
