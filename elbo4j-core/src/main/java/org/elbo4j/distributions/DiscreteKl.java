package org.elbo4j.distributions;

import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * Closed-form KL divergences between discrete families, registered by {@link KlRules}. Each is
 * E_p[log p(k) − log q(k)] summed in closed form; 0·log 0 = 0, and +∞ where p puts mass outside q's support.
 */
final class DiscreteKl {
    private DiscreteKl() {}

    static void register() {
        KlDivergence.register(Bernoulli.class, Bernoulli.class, DiscreteKl::bernoulliBernoulli);
        KlDivergence.register(Categorical.class, Categorical.class, DiscreteKl::categoricalCategorical);
        KlDivergence.register(OneHotCategorical.class, OneHotCategorical.class, DiscreteKl::oneHotOneHot);
        KlDivergence.register(Binomial.class, Binomial.class, DiscreteKl::binomialBinomial);
        KlDivergence.register(Geometric.class, Geometric.class, DiscreteKl::geometricGeometric);
        KlDivergence.register(Poisson.class, Poisson.class, DiscreteKl::poissonPoisson);
    }

    /** KL = p·log(p/q) + (1 − p)·log((1 − p)/(1 − q)), as one fused op on the logits (see LogitKernels.bernoulliKl). */
    static Tensor bernoulliBernoulli(Bernoulli p, Bernoulli q) {
        return LogitKernels.bernoulliKl(p.logits(), q.logits());
    }

    /** KL = Σ_k p_k·(log p_k − log q_k); the batch shapes broadcast; K must agree. */
    static Tensor categoricalCategorical(Categorical p, Categorical q) {
        return SimplexKernels.kl(p.logits(), q.logits());
    }

    /** As Categorical. */
    static Tensor oneHotOneHot(OneHotCategorical p, OneHotCategorical q) {
        return SimplexKernels.kl(p.logits(), q.logits());
    }

    /**
     * KL(Bin(n, p)‖Bin(n, q)) = n·KL(Bern(p)‖Bern(q)) (the binomial coefficients cancel). Only for equal n.
     *
     * @throws IllegalArgumentException naming both counts when n differs at some position
     */
    static Tensor binomialBinomial(Binomial p, Binomial q) {
        Shape s = Shape.broadcast(
                "KL(Binomial || Binomial)",
                p.totalCount().shape(),
                q.totalCount().shape());
        Tensor np = p.totalCount().broadcastTo(s), nq = q.totalCount().broadcastTo(s);
        for (int i = 0; i < np.size(); i++) {
            if (np.at(i) != nq.at(i)) {
                throw new IllegalArgumentException(
                        "KL(Binomial || Binomial): closed form only for equal totalCount, got " + np.at(i) + " vs "
                                + nq.at(i) + (s.isScalar() ? "" : " at flat index " + i + " of shape " + s));
            }
        }
        return LogitKernels.bernoulliKl(p.logits(), q.logits()).mul(p.totalCount());
    }

    /**
     * KL = log(p/q) + ((1 − p)/p)·(log(1 − p) − log(1 − q)): the mean (1 − p)/p of p times the per-failure log
     * ratio, plus the success term.
     */
    static Tensor geometricGeometric(Geometric p, Geometric q) {
        Tensor mean = p.mean();
        return p.logSuccess().sub(q.logSuccess()).add(xlog1mp(mean, p)).sub(xlog1mp(mean, q));
    }

    /** c·log(1 − p) with 0·log 0 = 0: −c·softplus(ℓ) in the logits form, c·log1p(−p) otherwise. */
    private static Tensor xlog1mp(Tensor c, Geometric d) {
        Tensor l = d.logitsIfGiven();
        return l != null
                ? c.mul(l.softplus()).neg()
                : TensorFunctions.xlog1py(c, d.probs().neg());
    }

    /** KL(Poisson(λ₁)‖Poisson(λ₂)) = λ₁·log(λ₁/λ₂) − λ₁ + λ₂. */
    static Tensor poissonPoisson(Poisson p, Poisson q) {
        Tensor l1 = p.rate(), l2 = q.rate();
        return l1.mul(l1.log().sub(l2.log())).sub(l1).add(l2);
    }
}
