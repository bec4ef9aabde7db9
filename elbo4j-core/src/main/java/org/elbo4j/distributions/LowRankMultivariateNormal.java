package org.elbo4j.distributions;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;
import org.elbo4j.transform.Constraints;

/**
 * The multivariate normal distribution on ℝ^d with mean {@code loc} (often written μ) and a low-rank-plus-diagonal
 * covariance Σ = W·Wᵀ + diag(D), from {@code covFactor} (W, d × k) and {@code covDiag} (D > 0):
 * \[ \log p(x) = -\tfrac{d}{2}\log 2\pi - \tfrac12\log\det\Sigma - \tfrac12 (x-\mu)^\top\Sigma^{-1}(x-\mu). \]
 * With the capacitance C = I_k + WᵀD⁻¹W = L_C L_Cᵀ, the matrix determinant lemma gives
 * log det Σ = Σ log D_i + 2 Σ log (L_C)_jj, and Woodbury's identity
 * (x−μ)ᵀΣ⁻¹(x−μ) = δᵀD⁻¹δ − ‖L_C⁻¹WᵀD⁻¹δ‖² with δ = x − μ: O(dk² + k³) per batch member instead of O(d³).
 *
 * <p><b>Reparameterization (location–scale):</b> z = μ + W·ε₁ + √D ∘ ε₂, ε₁ ~ N(0, I_k), ε₂ ~ N(0, I_d);
 * differentiable in μ, W and D.
 *
 * <p>Event shape [d]; batch shape the broadcast of the parameters' leading dimensions. Mean μ, variance
 * Σ_j W_ij² + D_i, entropy ½d(1 + log 2π) + ½log det Σ.
 *
 * <blockquote>M. A. Woodbury, "Inverting modified matrices", Memorandum Report 42, Statistical Research Group,
 * Princeton, 1950; D. A. Harville, "Matrix Algebra From a Statistician's Perspective", Springer, 1997,
 * theorem 18.1.1 (the determinant lemma).</blockquote>
 */
public final class LowRankMultivariateNormal implements Distribution {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final Tensor loc, covFactor, covDiag;
    private final Shape batch;
    private final int d, k;

    private LowRankMultivariateNormal(Tensor loc, Tensor covFactor, Tensor covDiag, Shape batch) {
        this.loc = loc;
        this.covFactor = covFactor;
        this.covDiag = covDiag;
        this.batch = batch;
        this.d = loc.dim(-1);
        this.k = covFactor.dim(-1);
    }

    /**
     * @param loc       μ, shape batch₁ + [d]
     * @param covFactor W, shape batch₂ + [d, k], k ≥ 1
     * @param covDiag   D, shape batch₃ + [d], entries > 0
     * @throws IllegalArgumentException if loc is a scalar, an entry is not finite, a D entry is not > 0, or the shapes
     *                                  do not fit or broadcast
     */
    public static LowRankMultivariateNormal of(Tensor loc, Tensor covFactor, Tensor covDiag) {
        String f = "LowRankMultivariateNormal";
        if (loc.rank() < 1) {
            throw new IllegalArgumentException(
                    f + ": loc must have an event dimension (shape [..., d]), got shape " + loc.shape());
        }
        int d = loc.dim(-1);
        if (covFactor.rank() < 2 || covFactor.dim(-2) != d || covFactor.dim(-1) < 1) {
            throw new IllegalArgumentException(f + ": covFactor must have shape [..., " + d
                    + ", k] with k >= 1 to match loc of shape " + loc.shape() + ", got " + covFactor.shape());
        }
        if (covDiag.rank() < 1 || covDiag.dim(-1) != d) {
            throw new IllegalArgumentException(f + ": covDiag must have shape [..., " + d + "] to match loc of shape "
                    + loc.shape() + ", got " + covDiag.shape());
        }
        Distributions.requireFinite(f, "loc", loc);
        Distributions.requireFinite(f, "covFactor", covFactor);
        Distributions.requirePositive(f, "covDiag", covDiag);
        Shape batch = Shape.broadcast(
                f + " (batch shapes of loc, covFactor, covDiag)",
                Shape.broadcast(
                        f + " (batch shapes of loc and covFactor)",
                        loc.shape().dropLast(1),
                        covFactor.shape().dropLast(2)),
                covDiag.shape().dropLast(1));
        return new LowRankMultivariateNormal(loc, covFactor, covDiag, batch);
    }

    /** μ, as given. */
    public Tensor loc() {
        return loc;
    }

    /** W, as given. */
    public Tensor covFactor() {
        return covFactor;
    }

    /** D, as given. */
    public Tensor covDiag() {
        return covDiag;
    }

    /** Σ = WWᵀ + diag(D), shape batchShape + [d, d]. */
    public Tensor covarianceMatrix() {
        Tensor w = flatW();
        Tensor diag = flatD().reshape(nb(), d, 1).mul(Tensor.eye(d));
        return w.matmul(w.transpose()).add(diag).reshape(batch.append(Shape.of(d, d)));
    }

    @Override
    public Shape batchShape() {
        return batch;
    }

    @Override
    public Shape eventShape() {
        return Shape.of(d);
    }
    /** ℝ^d (every entry finite). */
    @Override
    public Constraint support() {
        return Constraints.REAL;
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    @Override
    public boolean hasEntropy() {
        return true;
    }

    private int nb() {
        return Math.max(1, batch.size());
    }

    /** W broadcast and flattened: [B, d, k]. */
    private Tensor flatW() {
        return covFactor.broadcastTo(batch.append(Shape.of(d, k))).reshape(nb(), d, k);
    }

    /** D broadcast and flattened: [B, d]. */
    private Tensor flatD() {
        return covDiag.broadcastTo(batch.append(Shape.of(d))).reshape(nb(), d);
    }

    /** The Cholesky factors of the capacitances C_b = I + W_bᵀD_b⁻¹W_b: [B, k, k]. */
    private Tensor capacitanceTril(Tensor w, Tensor dd) {
        Tensor c = w.transpose().matmul(w.div(dd.reshape(nb(), d, 1))).add(Tensor.eye(k));
        if (nb() == 1) return c.index(0).cholesky().reshape(1, k, k);
        Tensor[] l = new Tensor[nb()];
        for (int b = 0; b < l.length; b++) l[b] = c.index(b).cholesky();
        return Tensor.stack(l);
    }

    @Override
    public Tensor sample(RandomStream rng, Shape sampleShape) {
        return rsample(rng, sampleShape).detach();
    }

    @Override
    public Tensor rsample(RandomStream rng, Shape sampleShape) {
        int ns = sampleShape.size();
        Tensor e1 = Draws.gaussian(rng, Shape.of(nb(), ns, k)), e2 = Draws.gaussian(rng, Shape.of(ns, nb(), d));
        Tensor lowRank = MvnKernels.swap01(e1.matmul(flatW().transpose())); // [S, B, d]: W·ε₁
        Tensor z = lowRank.add(flatD().sqrt().mul(e2));
        return loc.add(z.reshape(batch.prepend(sampleShape).append(Shape.of(d))));
    }

    /**
     * @param value shape sampleShape + batchShape + [d] (or broadcasting to batchShape + [d]). Not modified.
     * @return shape sampleShape + batchShape; −∞ for a draw with a non-finite entry
     * @throws IllegalArgumentException if the last dimension is not d, the rest does not broadcast, or a NaN
     */
    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        Shape full = Shape.broadcast(
                "LowRankMultivariateNormal.logProb", value.shape().dropLast(1), batch);
        int nb = nb(), ns = full.size() / nb;
        Tensor delta = value.sub(loc).broadcastTo(full.append(Shape.of(d))).reshape(ns, nb, d);
        Tensor w = flatW(), dd = flatD(), lc = capacitanceTril(w, dd);
        Tensor scaled = delta.div(dd); // D⁻¹δ, [S, B, d]
        Tensor diagTerm = scaled.mul(delta).sum(-1); // δᵀD⁻¹δ, [S, B]
        Tensor proj = MvnKernels.swap01(MvnKernels.swap01(scaled).matmul(w)); // WᵀD⁻¹δ, [S, B, k]
        Tensor maha = diagTerm.sub(MvnKernels.mahalanobis(lc, proj)); // Woodbury
        Tensor halfLogDet = dd.log().sum(-1).mul(0.5).add(MvnKernels.logDiag(lc)); // ½log det Σ, [B]
        Tensor lp = maha.mul(-0.5).sub(halfLogDet).sub(0.5 * d * LOG_2PI).reshape(full);
        if (value.allFinite()) return lp;
        Tensor v = value.detach().broadcastTo(full.append(Shape.of(d)));
        double[] ok = new double[full.size()];
        for (int e = 0; e < ok.length; e++) {
            ok[e] = 1;
            for (int i = 0; i < d; i++) if (!Double.isFinite(v.at(e * d + i))) ok[e] = 0;
        }
        return Tensor.where(Tensor.wrap(ok, full), lp, Tensor.scalar(Double.NEGATIVE_INFINITY));
    }

    @Override
    public Tensor mean() {
        return loc.broadcastTo(batch.append(Shape.of(d)));
    }

    @Override
    public Tensor variance() {
        return flatW().square().sum(-1).add(flatD()).reshape(batch.append(Shape.of(d)));
    }

    @Override
    public Tensor entropy() {
        Tensor w = flatW(), dd = flatD();
        Tensor halfLogDet = dd.log().sum(-1).mul(0.5).add(MvnKernels.logDiag(capacitanceTril(w, dd)));
        return halfLogDet.add(0.5 * d * (1 + LOG_2PI)).reshape(batch);
    }

    @Override
    public String toString() {
        return "LowRankMultivariateNormal(loc=" + loc + ", covFactor=" + covFactor + ", covDiag=" + covDiag + ")";
    }
}
