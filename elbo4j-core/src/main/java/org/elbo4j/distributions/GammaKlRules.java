package org.elbo4j.distributions;

import org.elbo4j.tensor.Tensor;

/**
 * Closed-form KL divergences of the gamma family and its compositions, registered by {@link KlRules}. KL is
 * invariant under a bijection applied to both arguments, so InverseGamma pairs reuse the Gamma formula and
 * LogNormal pairs the Normal one.
 *
 * <blockquote>W. D. Penny, "KL-divergences of Normal, Gamma, Dirichlet and Wishart densities", Wellcome Department
 * of Cognitive Neurology, 2001.</blockquote>
 */
final class GammaKlRules {
    private GammaKlRules() {}

    static void register() {
        KlDivergence.register(Gamma.class, Gamma.class, GammaKlRules::gammaGamma);
        KlDivergence.register(
                IntegerShapeGamma.class, IntegerShapeGamma.class, (p, q) -> gammaGamma(p.asGamma(), q.asGamma()));
        KlDivergence.register(IntegerShapeGamma.class, Gamma.class, (p, q) -> gammaGamma(p.asGamma(), q));
        KlDivergence.register(Gamma.class, IntegerShapeGamma.class, (p, q) -> gammaGamma(p, q.asGamma()));
        KlDivergence.register(ChiSquared.class, ChiSquared.class, (p, q) -> gammaGamma(p.asGamma(), q.asGamma()));
        KlDivergence.register(InverseGamma.class, InverseGamma.class, GammaKlRules::inverseGammaInverseGamma);
        KlDivergence.register(Beta.class, Beta.class, GammaKlRules::betaBeta);
        KlDivergence.register(Dirichlet.class, Dirichlet.class, GammaKlRules::dirichletDirichlet);
        KlDivergence.register(LogNormal.class, LogNormal.class, GammaKlRules::logNormalLogNormal);
        KlDivergence.register(HalfNormal.class, HalfNormal.class, GammaKlRules::halfNormalHalfNormal);
    }

    /**
     * KL(Gamma(α₁, β₁)‖Gamma(α₂, β₂)) = (α₁ − α₂)ψ(α₁) − log Γ(α₁) + log Γ(α₂) + α₂(log β₁ − log β₂)
     * + α₁(β₂ − β₁)/β₁.
     */
    static Tensor gammaGamma(Gamma p, Gamma q) {
        return gammaKl(p.concentration(), p.rate(), q.concentration(), q.rate());
    }

    private static Tensor gammaKl(Tensor a1, Tensor b1, Tensor a2, Tensor b2) {
        return a1.sub(a2)
                .mul(a1.digamma())
                .sub(a1.lgamma())
                .add(a2.lgamma())
                .add(a2.mul(b1.log().sub(b2.log())))
                .add(a1.mul(b2.sub(b1)).div(b1));
    }

    /** KL(InvGamma(α₁, β₁)‖InvGamma(α₂, β₂)) = KL(Gamma(α₁, β₁)‖Gamma(α₂, β₂)) (y = 1/x is a bijection). */
    static Tensor inverseGammaInverseGamma(InverseGamma p, InverseGamma q) {
        return gammaKl(p.concentration(), p.rate(), q.concentration(), q.rate());
    }

    /**
     * KL(Beta(α₁, β₁)‖Beta(α₂, β₂)) = log B(α₂, β₂) − log B(α₁, β₁) + (α₁ − α₂)ψ(α₁) + (β₁ − β₂)ψ(β₁)
     * + (α₂ − α₁ + β₂ − β₁)ψ(α₁ + β₁).
     */
    static Tensor betaBeta(Beta p, Beta q) {
        Tensor a1 = p.concentration1(), b1 = p.concentration0(), a2 = q.concentration1(), b2 = q.concentration0();
        return TensorFunctions.logBeta(a2, b2)
                .sub(TensorFunctions.logBeta(a1, b1))
                .add(a1.sub(a2).mul(a1.digamma()))
                .add(b1.sub(b2).mul(b1.digamma()))
                .add(a2.sub(a1).add(b2).sub(b1).mul(a1.add(b1).digamma()));
    }

    /**
     * KL(Dir(α)‖Dir(γ)) = log Γ(α₀) − Σ log Γ(α_k) − log Γ(γ₀) + Σ log Γ(γ_k) + Σ (α_k − γ_k)(ψ(α_k) − ψ(α₀)).
     *
     * @throws IllegalArgumentException if the two event sizes K differ
     */
    static Tensor dirichletDirichlet(Dirichlet p, Dirichlet q) {
        if (!p.eventShape().equals(q.eventShape())) {
            throw new IllegalArgumentException(
                    "KL(Dirichlet || Dirichlet): event shapes differ, " + p.eventShape() + " vs " + q.eventShape());
        }
        Tensor a = p.concentration(), g = q.concentration();
        Tensor psiA0 = a.sum(-1, true).digamma();
        return q.logNormalizer()
                .sub(p.logNormalizer())
                .add(a.sub(g).mul(a.digamma().sub(psiA0)).sum(-1));
    }

    /** KL(LogN(μ₁, σ₁)‖LogN(μ₂, σ₂)) = KL(N(μ₁, σ₁²)‖N(μ₂, σ₂²)) (y = exp x is a bijection). */
    static Tensor logNormalLogNormal(LogNormal p, LogNormal q) {
        Tensor varRatio = p.scale().div(q.scale()).square();
        Tensor t1 = p.loc().sub(q.loc()).div(q.scale()).square();
        return varRatio.add(t1).sub(1).sub(varRatio.log()).mul(0.5);
    }

    /** KL(HalfN(σ₁)‖HalfN(σ₂)) = log(σ₂/σ₁) + σ₁²/(2σ₂²) − ½ (that of N(0, σ₁²)‖N(0, σ₂²): |x| folds both alike). */
    static Tensor halfNormalHalfNormal(HalfNormal p, HalfNormal q) {
        Tensor varRatio = p.scale().div(q.scale()).square();
        return varRatio.sub(1).sub(varRatio.log()).mul(0.5);
    }
}
