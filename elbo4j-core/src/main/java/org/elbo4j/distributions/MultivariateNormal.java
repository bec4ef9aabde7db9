package org.elbo4j.distributions;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;
import org.elbo4j.transform.Constraints;

/**
 * The multivariate normal distribution on ℝ^d with mean {@code loc} (often written μ) and covariance
 * Σ = L·Lᵀ given by its lower Cholesky factor {@code scaleTril} (L, positive diagonal):
 * \[ \log p(x) = -\tfrac{d}{2}\log 2\pi - \sum_i \log L_{ii} - \tfrac12 \lVert L^{-1}(x-\mu) \rVert^2, \quad x \in \mathbb{R}^d. \]
 *
 * <p><b>Reparameterization (location–scale):</b> z = μ + L·ε, ε ~ N(0, I_d); differentiable in μ and in the lower
 * triangle of L (and, through the Cholesky factorisation's backward rule, in Σ for {@link #ofCovariance}).
 *
 * <p>Event shape [d]; batch shape the broadcast of loc's leading dimensions and scaleTril's. The Mahalanobis
 * term is one triangular solve per draw (no inverse is formed), in a fused op with closed-form partials. Mean
 * μ, variance diag(LLᵀ), entropy ½d(1 + log 2π) + Σ log L_ii.
 *
 * <blockquote>C. M. Bishop, "Pattern Recognition and Machine Learning", Springer, 2006, section 2.3;
 * D. P. Kingma and M. Welling, "Auto-Encoding Variational Bayes", ICLR 2014.</blockquote>
 */
public final class MultivariateNormal implements Distribution {
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    /** Σ must be symmetric to this relative tolerance. */
    private static final double SYMMETRY_TOL = 1e-10;

    private final Tensor loc, scaleTril;
    private final Shape batch;
    private final int d;

    private MultivariateNormal(Tensor loc, Tensor scaleTril, Shape batch) {
        this.loc = loc;
        this.scaleTril = scaleTril;
        this.batch = batch;
        this.d = loc.dim(-1);
    }

    /**
     * @param loc       μ, shape batch₁ + [d]
     * @param scaleTril L, shape batch₂ + [d, d], lower-triangular with a positive diagonal
     * @throws IllegalArgumentException if loc is a scalar or not finite, the shapes do not fit or broadcast, or some
     *                                  L is not lower-triangular with a positive, finite diagonal
     */
    public static MultivariateNormal ofScaleTril(Tensor loc, Tensor scaleTril) {
        Shape batch = checkShapes(loc, scaleTril, "scaleTril");
        Tensor ok = Constraints.LOWER_CHOLESKY.check(scaleTril.detach());
        for (int i = 0; i < ok.size(); i++) {
            if (ok.at(i) == 0) {
                throw new IllegalArgumentException(
                        "MultivariateNormal: scaleTril must be lower-triangular with a positive, " + "finite diagonal; "
                                + where(ok, i) + "it is " + matrix(scaleTril, i));
            }
        }
        return new MultivariateNormal(loc, scaleTril, batch);
    }

    /**
     * From a covariance matrix, through its Cholesky factor (differentiable: Murray's backward rule).
     *
     * @param loc              μ, shape batch₁ + [d]
     * @param covarianceMatrix Σ, shape batch₂ + [d, d], symmetric positive-definite
     * @throws IllegalArgumentException if loc is a scalar or not finite, the shapes do not fit or broadcast, or some
     *                                  Σ is not finite, not symmetric or not positive definite
     */
    public static MultivariateNormal ofCovariance(Tensor loc, Tensor covarianceMatrix) {
        Shape batch = checkShapes(loc, covarianceMatrix, "covarianceMatrix");
        int d = loc.dim(-1), n = covarianceMatrix.size() / (d * d);
        Tensor flat = covarianceMatrix.reshape(n, d, d);
        Tensor[] factors = new Tensor[n];
        for (int b = 0; b < n; b++) {
            Tensor s = flat.index(b);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < i; j++) {
                    double x = s.at(i * d + j), y = s.at(j * d + i);
                    if (!(Math.abs(x - y) <= SYMMETRY_TOL * Math.max(Math.abs(x), Math.abs(y)) || x == y)) {
                        throw new IllegalArgumentException(
                                "MultivariateNormal: covarianceMatrix is not symmetric: entry ("
                                        + i + ", " + j + ") = " + x + " but (" + j + ", " + i + ") = " + y
                                        + (n == 1 ? "" : " in batch matrix " + b));
                    }
                }
                if (!Double.isFinite(s.at(i * d + i))) {
                    throw new IllegalArgumentException(
                            "MultivariateNormal: covarianceMatrix has a non-finite diagonal entry " + s.at(i * d + i)
                                    + " at (" + i + ", " + i + ")" + (n == 1 ? "" : " in batch matrix " + b));
                }
            }
            try {
                factors[b] = s.cholesky();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "MultivariateNormal: covarianceMatrix is not positive definite"
                                + (n == 1 ? "" : " (batch matrix " + b + ")") + ": " + e.getMessage() + "; matrix "
                                + s.detach(),
                        e);
            }
            for (int k = 0; k < d * d; k++) {
                if (!Double.isFinite(factors[b].at(k))) {
                    throw new IllegalArgumentException(
                            "MultivariateNormal: covarianceMatrix has non-finite entries: " + s.detach());
                }
            }
        }
        Tensor l = n == 1
                ? factors[0].reshape(covarianceMatrix.shape())
                : Tensor.stack(factors).reshape(covarianceMatrix.shape());
        return new MultivariateNormal(loc, l, batch);
    }

    private static Shape checkShapes(Tensor loc, Tensor m, String name) {
        if (loc.rank() < 1) {
            throw new IllegalArgumentException(
                    "MultivariateNormal: loc must have an event dimension (shape [..., d]), got shape " + loc.shape());
        }
        Distributions.requireFinite("MultivariateNormal", "loc", loc);
        int d = loc.dim(-1);
        if (m.rank() < 2 || m.dim(-1) != d || m.dim(-2) != d) {
            throw new IllegalArgumentException("MultivariateNormal: " + name + " must have shape [..., " + d + ", " + d
                    + "] to match loc of shape " + loc.shape() + ", got " + m.shape());
        }
        return Shape.broadcast(
                "MultivariateNormal (loc vs " + name + " batch shapes)",
                loc.shape().dropLast(1),
                m.shape().dropLast(2));
    }

    private static String where(Tensor ok, int i) {
        return ok.size() == 1 ? "" : "at batch index " + i + " ";
    }

    private static String matrix(Tensor m, int i) {
        int d = m.dim(-1);
        return m.detach().reshape(-1, d, d).index(i).toString();
    }

    /** μ, as given (shape batch₁ + [d]). */
    public Tensor loc() {
        return loc;
    }

    /** L, as given or as the Cholesky factor of the covariance (shape batch₂ + [d, d]). */
    public Tensor scaleTril() {
        return scaleTril;
    }

    /** Σ = L·Lᵀ, shape batchShape + [d, d]. */
    public Tensor covarianceMatrix() {
        Tensor l = flatL();
        return l.matmul(l.transpose()).reshape(batch.append(Shape.of(d, d)));
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

    /** L broadcast to the batch and flattened: [B, d, d]. */
    private Tensor flatL() {
        return scaleTril.broadcastTo(batch.append(Shape.of(d, d))).reshape(Math.max(1, batch.size()), d, d);
    }

    @Override
    public Tensor sample(RandomStream rng, Shape sampleShape) {
        return rsample(rng, sampleShape).detach();
    }

    @Override
    public Tensor rsample(RandomStream rng, Shape sampleShape) {
        Shape out = batch.prepend(sampleShape).append(Shape.of(d));
        Tensor eps = Draws.gaussian(rng, Shape.of(sampleShape.size(), batch.size(), d));
        return loc.add(MvnKernels.trilMatVec(flatL(), eps).reshape(out));
    }

    /**
     * @param value shape sampleShape + batchShape + [d] (or broadcasting to batchShape + [d]). Not modified.
     * @return shape sampleShape + batchShape; −∞ for a draw with a non-finite entry
     * @throws IllegalArgumentException if the last dimension is not d, the rest does not broadcast, or a NaN
     */
    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        Shape full = Shape.broadcast("MultivariateNormal.logProb", value.shape().dropLast(1), batch);
        int nb = Math.max(1, batch.size()), ns = full.size() / nb;
        Tensor delta = value.sub(loc).broadcastTo(full.append(Shape.of(d))).reshape(ns, nb, d);
        Tensor l = flatL();
        Tensor maha = MvnKernels.mahalanobis(l, delta); // [S, B]
        Tensor lp =
                maha.mul(-0.5).sub(MvnKernels.logDiag(l)).sub(0.5 * d * LOG_2PI).reshape(full);
        return maskNonFinite(value, lp, full);
    }

    /** −∞ for every event with an infinite entry (an infinite Mahalanobis term could otherwise be ∞ − ∞). */
    private Tensor maskNonFinite(Tensor value, Tensor lp, Shape full) {
        if (value.allFinite()) return lp;
        Tensor v = value.detach().broadcastTo(full.append(Shape.of(d)));
        double[] ok = new double[full.size()];
        for (int e = 0; e < ok.length; e++) {
            ok[e] = 1;
            for (int k = 0; k < d; k++) if (!Double.isFinite(v.at(e * d + k))) ok[e] = 0;
        }
        return Tensor.where(Tensor.wrap(ok, full), lp, Tensor.scalar(Double.NEGATIVE_INFINITY));
    }

    @Override
    public Tensor mean() {
        return loc.broadcastTo(batch.append(Shape.of(d)));
    }

    /** diag(LLᵀ)_i = Σ_j L_ij², shape batchShape + [d]. */
    @Override
    public Tensor variance() {
        return scaleTril.square().sum(-1).broadcastTo(batch.append(Shape.of(d)));
    }

    @Override
    public Tensor entropy() {
        return MvnKernels.logDiag(flatL()).add(0.5 * d * (1 + LOG_2PI)).reshape(batch);
    }

    /** This distribution with loc and L broadcast to {@code target} (used by the KL rules). */
    Tensor flatLocAs(Shape target) {
        return loc.broadcastTo(target.append(Shape.of(d))).reshape(Math.max(1, target.size()), d);
    }

    /** L broadcast to {@code target} and flattened to [B, d, d]. */
    Tensor flatLAs(Shape target) {
        return scaleTril.broadcastTo(target.append(Shape.of(d, d))).reshape(Math.max(1, target.size()), d, d);
    }

    @Override
    public String toString() {
        return "MultivariateNormal(loc=" + loc + ", scaleTril=" + scaleTril + ")";
    }
}
