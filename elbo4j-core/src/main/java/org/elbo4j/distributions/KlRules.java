package org.elbo4j.distributions;

import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/** The built-in closed-form KL divergences, registered once when {@link KlDivergence} loads. */
final class KlRules {
    private KlRules() {}

    static void registerDefaults() {
        KlDivergence.register(Normal.class, Normal.class, KlRules::normalNormal);
        KlDivergence.register(MultivariateNormal.class, MultivariateNormal.class, KlRules::mvnMvn);
        KlDivergence.register(Exponential.class, Exponential.class, KlRules::exponentialExponential);
        KlDivergence.register(Laplace.class, Laplace.class, KlRules::laplaceLaplace);
        KlDivergence.register(Uniform.class, Uniform.class, KlRules::uniformUniform);
        DiscreteKl.register();
        GammaKlRules.register();
    }

    /** KL(N(μ₁,σ₁²)‖N(μ₂,σ₂²)) = log(σ₂/σ₁) + (σ₁² + (μ₁−μ₂)²)/(2σ₂²) − ½. */
    static Tensor normalNormal(Normal p, Normal q) {
        Tensor varRatio = p.scale().div(q.scale()).square();
        Tensor t1 = p.loc().sub(q.loc()).div(q.scale()).square();
        return varRatio.add(t1).sub(1).sub(varRatio.log()).mul(0.5);
    }

    /**
     * KL(N(μ₁, L₁L₁ᵀ)‖N(μ₂, L₂L₂ᵀ)) = ½(‖L₂⁻¹L₁‖²_F + ‖L₂⁻¹(μ₂ − μ₁)‖² − d) + Σ log diag L₂ − Σ log diag L₁
     * (the trace, Mahalanobis and log-determinant terms of ½[tr(Σ₂⁻¹Σ₁) + (μ₂−μ₁)ᵀΣ₂⁻¹(μ₂−μ₁) − d + log|Σ₂|/|Σ₁|]).
     *
     * @throws IllegalArgumentException if the dimensions differ
     */
    static Tensor mvnMvn(MultivariateNormal p, MultivariateNormal q) {
        int d = p.eventShape().dim(0);
        if (q.eventShape().dim(0) != d) {
            throw new IllegalArgumentException("KL(MultivariateNormal || MultivariateNormal): dimensions differ, "
                    + p.eventShape() + " vs " + q.eventShape());
        }
        Shape batch = Shape.broadcast("KL(MultivariateNormal || MultivariateNormal)", p.batchShape(), q.batchShape());
        int nb = Math.max(1, batch.size());
        Tensor l1 = p.flatLAs(batch), l2 = q.flatLAs(batch);
        // columns of L₁ as d "draws" of each batch member: [B, d, d]ᵀ → [d(column), B, d]
        Tensor trace =
                MvnKernels.mahalanobis(l2, MvnKernels.swap01(l1.transpose())).sum(0);
        Tensor diff = q.flatLocAs(batch).sub(p.flatLocAs(batch)).reshape(1, nb, d);
        Tensor maha = MvnKernels.mahalanobis(l2, diff).reshape(nb);
        Tensor logDet = MvnKernels.logDiag(l2).sub(MvnKernels.logDiag(l1));
        return trace.add(maha).sub(d).mul(0.5).add(logDet).reshape(batch);
    }

    /** KL(Exp(λ₁)‖Exp(λ₂)) = log(λ₁/λ₂) + λ₂/λ₁ − 1. */
    static Tensor exponentialExponential(Exponential p, Exponential q) {
        Tensor ratio = q.rate().div(p.rate()); // λ₂/λ₁
        return ratio.sub(ratio.log()).sub(1);
    }

    /** KL(Laplace(μ₁,b₁)‖Laplace(μ₂,b₂)) = log(b₂/b₁) + |μ₁−μ₂|/b₂ + (b₁/b₂)·exp(−|μ₁−μ₂|/b₁) − 1. */
    static Tensor laplaceLaplace(Laplace p, Laplace q) {
        Tensor ratio = p.scale().div(q.scale()); // b₁/b₂
        Tensor dist = p.loc().sub(q.loc()).abs();
        return ratio.log()
                .neg()
                .add(dist.div(q.scale()))
                .add(ratio.mul(dist.div(p.scale()).neg().exp()))
                .sub(1);
    }

    /** KL(U(a₁,b₁)‖U(a₂,b₂)) = log((b₂ − a₂)/(b₁ − a₁)) when [a₁, b₁] ⊆ [a₂, b₂], +∞ otherwise. */
    static Tensor uniformUniform(Uniform p, Uniform q) {
        Tensor kl = q.high().sub(q.low()).div(p.high().sub(p.low())).log();
        Shape s = Shape.broadcast("KL(Uniform || Uniform)", p.batchShape(), q.batchShape());
        Tensor a1 = p.low().detach().broadcastTo(s), b1 = p.high().detach().broadcastTo(s);
        Tensor a2 = q.low().detach().broadcastTo(s), b2 = q.high().detach().broadcastTo(s);
        double[] inside = new double[s.size()];
        for (int i = 0; i < inside.length; i++) inside[i] = a2.at(i) <= a1.at(i) && b1.at(i) <= b2.at(i) ? 1 : 0;
        return Tensor.where(Tensor.wrap(inside, s), kl, Tensor.scalar(Double.POSITIVE_INFINITY))
                .broadcastTo(s);
    }
}
