package org.elbo4j.distributions;

import org.elbo4j.tensor.FastMath;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * Fused kernels of the logit-parameterized binary families (log mass, entropy, KL), with closed-form partials
 * (Stan Math's style): one tape node each, no overflow for large |ℓ|, and 0·∞ = 0 at ℓ = ±∞.
 */
final class LogitKernels {
    private LogitKernels() {}

    /**
     * a·log σ(ℓ) + b·log σ(−ℓ) = −a·softplus(−ℓ) − b·softplus(ℓ), elementwise with broadcasting: the log mass of
     * Geometric (a = 1, b = k), and the ℓ-dependent part of those of Bernoulli (a = y, b = 1 − y; Bernoulli uses the
     * equivalent, faster {@code FusedOps.bernoulliLogitLogProb}), Binomial and NegativeBinomial (which use
     * {@link CountKernels} for accuracy at large counts).
     *
     * <p>∂/∂ℓ = a·σ(−ℓ) − b·σ(ℓ) (= a − (a + b)·σ(ℓ)); ∂/∂b = −softplus(ℓ); {@code a} is data (no gradient).
     * softplus(x) = max(x, 0) + log1p(e^−|x|) never overflows, and a zero coefficient times an infinite softplus
     * (ℓ = ±∞, a certain outcome) counts as 0, so log p(1) = 0 for ℓ = +∞ instead of ∞ − ∞ = NaN.
     *
     * @param logits ℓ, may be on a tape
     * @param a      the coefficient of log σ(ℓ); data
     * @param b      the coefficient of log σ(−ℓ); may be on a tape
     * @return shape: the broadcast of the three
     */
    static Tensor logitLogMass(Tensor logits, Tensor a, Tensor b) {
        Shape s =
                Shape.broadcast("logitLogMass", Shape.broadcast("logitLogMass", logits.shape(), a.shape()), b.shape());
        Tensor l = logits.shape().equals(s) ? logits : logits.broadcastTo(s);
        Tensor av = a.shape().equals(s) ? a.detach() : a.detach().broadcastTo(s);
        Tensor bv = b.shape().equals(s) ? b : b.broadcastTo(s);
        int n = s.size();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double li = l.at(i), ai = av.at(i), bi = bv.at(i);
            double t1 = ai == 0 ? 0 : ai * FastMath.softplus(-li);
            double t2 = bi == 0 ? 0 : bi * FastMath.softplus(li);
            out[i] = 0.0 - t1 - t2; // +0.0, not −0.0, for a certain outcome
        }
        return Tensor.custom(
                "logitLogMass",
                s,
                out,
                (g, adj) -> {
                    double[] gl = adj.of(l), gb = adj.of(bv);
                    for (int i = 0; i < n; i++) {
                        double li = l.at(i);
                        if (gl != null) {
                            double ai = av.at(i), bi = bv.at(i);
                            double d = (ai == 0 ? 0 : ai * sigmoid(-li)) - (bi == 0 ? 0 : bi * sigmoid(li));
                            gl[i] += g[i] * d;
                        }
                        if (gb != null) gb[i] -= g[i] * FastMath.softplus(li);
                    }
                },
                l,
                bv);
    }

    /** σ(x) without overflow. */
    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    /**
     * KL(Bernoulli(σ(ℓ₁)) ‖ Bernoulli(σ(ℓ₂))) = σ(ℓ₁)·(softplus(−ℓ₂) − softplus(−ℓ₁)) + σ(−ℓ₁)·(softplus(ℓ₂) −
     * softplus(ℓ₁)) (as p·log(p/q) + (1 − p)·log((1 − p)/(1 − q)) with log p = −softplus(−ℓ)), elementwise with
     * broadcasting. A term whose weight σ(±ℓ₁) is 0 is 0 (0·log 0 = 0), and a positive weight on an impossible
     * outcome of q gives +∞.
     *
     * <p>∂/∂ℓ₁ = σ(ℓ₁)σ(−ℓ₁)·(ℓ₁ − ℓ₂) (the softplus terms cancel, since softplus(−x) − softplus(x) = −x);
     * ∂/∂ℓ₂ = σ(ℓ₂) − σ(ℓ₁).
     */
    static Tensor bernoulliKl(Tensor l1, Tensor l2) {
        Shape s = Shape.broadcast("KL(Bernoulli || Bernoulli)", l1.shape(), l2.shape());
        Tensor a = l1.shape().equals(s) ? l1 : l1.broadcastTo(s);
        Tensor b = l2.shape().equals(s) ? l2 : l2.broadcastTo(s);
        int n = s.size();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double x = a.at(i), y = b.at(i), p = sigmoid(x), q = sigmoid(-x);
            double t1 = p == 0 ? 0 : p * (FastMath.softplus(-y) - FastMath.softplus(-x));
            double t2 = q == 0 ? 0 : q * (FastMath.softplus(y) - FastMath.softplus(x));
            out[i] = t1 + t2;
        }
        return Tensor.custom(
                "bernoulliKl",
                s,
                out,
                (g, adj) -> {
                    double[] ga = adj.of(a), gb = adj.of(b);
                    for (int i = 0; i < n; i++) {
                        double x = a.at(i), y = b.at(i), w = sigmoid(x) * sigmoid(-x);
                        if (ga != null && w != 0) ga[i] += g[i] * w * (x - y);
                        if (gb != null) gb[i] += g[i] * (sigmoid(y) - sigmoid(x));
                    }
                },
                a,
                b);
    }

    /**
     * The Bernoulli entropy H(ℓ) = σ(ℓ)·softplus(−ℓ) + σ(−ℓ)·softplus(ℓ) (= −p log p − (1 − p) log(1 − p), each
     * −log written as a softplus so that no term cancels for large |ℓ|), 0 at ℓ = ±∞; ∂H/∂ℓ = −ℓ·σ(ℓ)σ(−ℓ).
     */
    static Tensor bernoulliEntropy(Tensor logits) {
        int n = logits.size();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double x = logits.at(i), p = sigmoid(x), q = sigmoid(-x);
            out[i] = (p == 0 ? 0 : p * FastMath.softplus(-x)) + (q == 0 ? 0 : q * FastMath.softplus(x));
        }
        return Tensor.custom(
                "bernoulliEntropy",
                logits.shape(),
                out,
                (g, adj) -> {
                    double[] gl = adj.of(logits);
                    for (int i = 0; i < n; i++) {
                        double x = logits.at(i), w = sigmoid(x) * sigmoid(-x);
                        if (w != 0) gl[i] -= g[i] * x * w;
                    }
                },
                logits);
    }
}
