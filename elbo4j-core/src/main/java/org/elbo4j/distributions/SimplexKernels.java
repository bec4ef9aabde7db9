package org.elbo4j.distributions;

import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * Fused ops over the last dimension of categorical parameters (shape batch + [K]), with closed-form partials and
 * the conventions that keep impossible categories (p_k = 0, log p_k = −∞) from turning gradients into NaN:
 * 0·log 0 = 0 and 0/0 = 0 in an adjoint that no gradient reaches.
 */
final class SimplexKernels {
    private SimplexKernels() {}

    /**
     * Normalized log-probabilities from logits: a_k = ℓ_k − log Σ_j e^{ℓ_j} (max-shifted; ℓ_k = −∞ gives
     * a_k = −∞). ∂/∂ℓ_j: g_j − p_j·Σ_k g_k with p = e^a.
     *
     * @param logits batch + [K], every row with at least one finite entry and none +∞ or NaN
     */
    static Tensor logSoftmax(Tensor logits) {
        int k = logits.dim(-1), rows = logits.size() / k;
        double[] a = new double[logits.size()];
        for (int r = 0; r < rows; r++) {
            int o = r * k;
            double m = Double.NEGATIVE_INFINITY, s = 0;
            for (int i = 0; i < k; i++) m = Math.max(m, logits.at(o + i));
            for (int i = 0; i < k; i++) s += Math.exp(logits.at(o + i) - m);
            double lse = m + Math.log(s);
            for (int i = 0; i < k; i++) a[o + i] = logits.at(o + i) - lse;
        }
        return Tensor.custom(
                "logSoftmax",
                logits.shape(),
                a,
                (g, adj) -> {
                    double[] gl = adj.of(logits);
                    for (int r = 0; r < rows; r++) {
                        int o = r * k;
                        double sg = 0;
                        for (int i = 0; i < k; i++) sg += g[o + i];
                        for (int i = 0; i < k; i++) gl[o + i] += g[o + i] - Math.exp(a[o + i]) * sg;
                    }
                },
                logits);
    }

    /**
     * Normalized log-probabilities from non-negative weights: a_k = log(p_k / Σ_j p_j). ∂/∂p_j: g_j/p_j − Σ_k g_k/S,
     * with g_j/p_j = 0 when g_j = 0 (an impossible category that the loss does not touch).
     *
     * @param probs batch + [K], non-negative, each row with a positive sum
     */
    static Tensor logNormalize(Tensor probs) {
        int k = probs.dim(-1), rows = probs.size() / k;
        double[] a = new double[probs.size()], sums = new double[rows];
        for (int r = 0; r < rows; r++) {
            int o = r * k;
            double s = 0;
            for (int i = 0; i < k; i++) s += probs.at(o + i);
            sums[r] = s;
            for (int i = 0; i < k; i++) a[o + i] = Math.log(probs.at(o + i) / s);
        }
        return Tensor.custom(
                "logNormalize",
                probs.shape(),
                a,
                (g, adj) -> {
                    double[] gp = adj.of(probs);
                    for (int r = 0; r < rows; r++) {
                        int o = r * k;
                        double sg = 0;
                        for (int i = 0; i < k; i++) sg += g[o + i];
                        for (int i = 0; i < k; i++) {
                            double gi = g[o + i];
                            gp[o + i] += (gi == 0 ? 0 : gi / probs.at(o + i)) - sg / sums[r];
                        }
                    }
                },
                probs);
    }

    /**
     * H = −Σ_k p_k·a_k with p = e^a (terms with p_k = 0 are 0). ∂H/∂a_k = −p_k·(a_k + 1).
     *
     * @param a normalized log-probabilities, batch + [K]
     * @return shape batch
     */
    static Tensor entropy(Tensor a) {
        int k = a.dim(-1), rows = a.size() / k;
        double[] h = new double[rows];
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int i = 0; i < k; i++) {
                double ai = a.at(r * k + i), p = Math.exp(ai);
                if (p != 0) s -= p * ai;
            }
            h[r] = s;
        }
        return Tensor.custom(
                "categoricalEntropy",
                a.shape().dropLast(1),
                h,
                (g, adj) -> {
                    double[] ga = adj.of(a);
                    for (int r = 0; r < rows; r++) {
                        for (int i = 0; i < k; i++) {
                            double ai = a.at(r * k + i), p = Math.exp(ai);
                            if (p != 0) ga[r * k + i] -= g[r] * p * (ai + 1);
                        }
                    }
                },
                a);
    }

    /**
     * KL = Σ_k p_k·(a_k − b_k) with p = e^a: 0 where p_k = 0, +∞ where p_k > 0 = q_k. ∂/∂a_k = p_k·(a_k − b_k + 1),
     * ∂/∂b_k = −p_k. The leading (batch) dimensions broadcast.
     *
     * @param a normalized log-probabilities of p, batchP + [K]
     * @param b normalized log-probabilities of q, batchQ + [K]
     * @return shape broadcast(batchP, batchQ)
     * @throws IllegalArgumentException naming both shapes if K differs or the batches do not broadcast
     */
    static Tensor kl(Tensor a, Tensor b) {
        int k = a.dim(-1);
        if (b.dim(-1) != k) {
            throw new IllegalArgumentException("KL(Categorical || Categorical): the numbers of categories differ, "
                    + a.shape() + " vs " + b.shape());
        }
        Shape batch = Shape.broadcast(
                "KL(Categorical || Categorical)",
                a.shape().dropLast(1),
                b.shape().dropLast(1));
        Shape s = batch.append(Shape.of(k));
        Tensor x = a.shape().equals(s) ? a : a.broadcastTo(s), y = b.shape().equals(s) ? b : b.broadcastTo(s);
        int rows = batch.size();
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
            double t = 0;
            for (int i = 0; i < k; i++) {
                double ai = x.at(r * k + i), p = Math.exp(ai);
                if (p != 0) t += p * (ai - y.at(r * k + i));
            }
            out[r] = t;
        }
        return Tensor.custom(
                "categoricalKl",
                batch,
                out,
                (g, adj) -> {
                    double[] ga = adj.of(x), gb = adj.of(y);
                    for (int r = 0; r < rows; r++) {
                        for (int i = 0; i < k; i++) {
                            double ai = x.at(r * k + i), p = Math.exp(ai);
                            if (p == 0) continue;
                            if (ga != null) ga[r * k + i] += g[r] * p * (ai - y.at(r * k + i) + 1);
                            if (gb != null) gb[r * k + i] -= g[r] * p;
                        }
                    }
                },
                x,
                y);
    }
}
