package org.elbo4j.dist;

import org.elbo4j.tensor.Tensor;

/** The built-in closed-form KL divergences, registered once when {@link KlDivergence} loads. */
final class KlRules {
    private KlRules() {}

    static void registerDefaults() {
        KlDivergence.register(Normal.class, Normal.class, KlRules::normalNormal);
    }

    /** KL(N(μ₁,σ₁²)‖N(μ₂,σ₂²)) = log(σ₂/σ₁) + (σ₁² + (μ₁−μ₂)²)/(2σ₂²) − ½. */
    static Tensor normalNormal(Normal p, Normal q) {
        Tensor varRatio = p.scale().div(q.scale()).square();
        Tensor t1 = p.loc().sub(q.loc()).div(q.scale()).square();
        return varRatio.add(t1).sub(1).sub(varRatio.log()).mul(0.5);
    }
}
