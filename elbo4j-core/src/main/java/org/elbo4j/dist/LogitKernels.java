package org.elbo4j.dist;

import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/** Fused log-likelihood kernels with closed-form partials (Stan Math's style): one tape node each. */
final class LogitKernels {
    private LogitKernels() {}

    /**
     * y·ℓ − softplus(ℓ) elementwise with broadcasting of y against ℓ; ∂/∂ℓ = y − σ(ℓ). y is data (no gradient).
     * softplus(ℓ) = max(ℓ, 0) + log1p(e^−|ℓ|): no overflow.
     */
    static Tensor bernoulliLogProb(Tensor logits, Tensor y) {
        Shape s = Shape.broadcast("Bernoulli.logProb", logits.shape(), y.shape());
        Tensor l = logits.shape().equals(s) ? logits : logits.broadcastTo(s);
        Tensor v = y.shape().equals(s) ? y.detach() : y.detach().broadcastTo(s);
        int n = s.size();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double li = l.at(i);
            out[i] = v.at(i) * li - org.elbo4j.tensor.FastMath.softplus(li);
        }
        return Tensor.custom("bernoulliLogProb", s, out, (g, adj) -> {
            double[] gl = adj.of(l);
            if (gl == null) return;
            for (int i = 0; i < n; i++) {
                double li = l.at(i);
                double sig = li >= 0 ? 1 / (1 + Math.exp(-li)) : Math.exp(li) / (1 + Math.exp(li));
                gl[i] += g[i] * (v.at(i) - sig);
            }
        }, l);
    }
}
