package org.elbo4j.distributions;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;
import org.elbo4j.transform.Constraints;

/**
 * The Dirichlet distribution on the probability simplex with {@code concentration} (often written α, a vector
 * of K entries &gt; 0 in the last dimension):
 * \[ p(x) = \frac{\Gamma(\alpha_0)}{\prod_k \Gamma(\alpha_k)} \prod_{k=1}^{K} x_k^{\alpha_k - 1}, \quad
 *    x_k \ge 0,\ \sum_k x_k = 1,\ \alpha_0 = \sum_k \alpha_k \]
 * (with respect to the Lebesgue measure on the first K − 1 coordinates, as in PyTorch and SciPy).
 *
 * <p><b>Reparameterization (normalised gammas):</b> with independent G_k ~ Gamma(α_k, 1),
 * \[ z_k = \frac{G_k}{\sum_j G_j} = \mathrm{softmax}(\log G)_k \sim \mathrm{Dirichlet}(\alpha). \]
 * Each log G_k carries the implicit gradient ∂log G_k/∂α_k of {@link StandardGamma} (Figurnov et al. 2018),
 * and the softmax passes it on. The draws are normalised in log space, so small concentrations (whose gamma
 * draws underflow) stay exact. Components are clamped below at 2⁻¹⁰²² (the smallest normal double), so that
 * log z_k and the log density stay finite; the sum moves by at most K·2⁻¹⁰²².
 *
 * <p>Mean α_k/α₀, variance α_k(α₀ − α_k)/(α₀²(α₀ + 1)), covariance −α_iα_j/(α₀²(α₀ + 1)) (i ≠ j), entropy
 * log B(α) + (α₀ − K)ψ(α₀) − Σ_k(α_k − 1)ψ(α_k) with log B(α) = Σ_k log Γ(α_k) − log Γ(α₀).
 *
 * <blockquote>M. Figurnov, S. Mohamed and A. Mnih, "Implicit Reparameterization Gradients", NeurIPS 2018.<br>
 * L. Devroye, "Non-Uniform Random Variate Generation", Springer 1986, section XI.4.</blockquote>
 */
public final class Dirichlet implements Distribution {
    private final Tensor concentration;
    private final Shape batch, event;

    private Dirichlet(Tensor concentration) {
        this.concentration = concentration;
        this.batch = concentration.shape().dropLast(1);
        this.event = Shape.of(concentration.dim(-1));
    }

    /**
     * @param concentration α, shape batchShape + [K], K ≥ 1
     * @throws IllegalArgumentException if it is a scalar, has an empty last dimension, or an entry is not &gt; 0
     *                                  and finite
     */
    public static Dirichlet of(Tensor concentration) {
        if (concentration.rank() < 1 || concentration.dim(-1) < 1) {
            throw new IllegalArgumentException(
                    "Dirichlet: concentration must have a last dimension of size K >= 1, got shape "
                            + concentration.shape());
        }
        Distributions.requirePositive("Dirichlet", "concentration", concentration);
        return new Dirichlet(concentration);
    }

    /** A single vector of concentrations. */
    public static Dirichlet of(double... concentration) {
        return of(Tensor.of(concentration));
    }

    /** α (batchShape + [K]). */
    public Tensor concentration() {
        return concentration;
    }

    @Override
    public Shape batchShape() {
        return batch;
    }
    /** [K]. */
    @Override
    public Shape eventShape() {
        return event;
    }

    @Override
    public Constraint support() {
        return Constraints.SIMPLEX;
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    @Override
    public boolean hasEntropy() {
        return true;
    }

    @Override
    public Tensor sample(RandomStream rng, Shape sampleShape) {
        return draw(rng, sampleShape, concentration.detach());
    }

    /**
     * z = softmax(log G), G_k ~ Gamma(α_k, 1), with implicit gradients.
     *
     * @return shape {@code sampleShape + batchShape + [K]}
     */
    @Override
    public Tensor rsample(RandomStream rng, Shape sampleShape) {
        return draw(rng, sampleShape, concentration);
    }

    private Tensor draw(RandomStream rng, Shape sampleShape, Tensor alpha) {
        Shape s = event.prepend(batch).prepend(sampleShape);
        Tensor logG = StandardGamma.logDraws(rng, alpha.broadcastTo(s));
        return logG.sub(logG.logSumExp(-1, true)).exp().clamp(Double.MIN_NORMAL, 1);
    }

    /**
     * log p(x) = log Γ(α₀) − Σ_k log Γ(α_k) + Σ_k (α_k − 1) log x_k, with 0·log 0 = 0; −∞ off the simplex (entries
     * ≥ 0 summing to 1 within 1e−6).
     */
    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        int k = event.dim(0);
        return SupportGuard.logProb(
                this,
                value,
                Tensor.full(1.0 / k, k),
                x -> TensorFunctions.xlogy(concentration.sub(1), x).sum(-1).sub(logNormalizer()));
    }

    /** log B(α) = Σ_k log Γ(α_k) − log Γ(α₀), shape batchShape. */
    Tensor logNormalizer() {
        return concentration.lgamma().sum(-1).sub(concentration.sum(-1).lgamma());
    }

    @Override
    public Tensor mean() {
        return concentration.div(concentration.sum(-1, true));
    }

    @Override
    public Tensor variance() {
        Tensor a0 = concentration.sum(-1, true);
        return concentration.mul(a0.sub(concentration)).div(a0.square().mul(a0.add(1)));
    }

    /**
     * The covariance matrices (α₀·diag(α) − ααᵀ)/(α₀²(α₀ + 1)).
     *
     * @return shape batchShape + [K, K]
     */
    public Tensor covarianceMatrix() {
        int k = event.dim(0);
        Tensor a0 = concentration.sum(-1, true);
        Tensor col = concentration.reshape(event.prepend(batch).append(Shape.of(1))),
                row = col.reshape(Shape.of(1, k).prepend(batch));
        Tensor diag = Tensor.eye(k).mul(col.mul(a0.reshape(Shape.of(1, 1).prepend(batch))));
        Tensor scale = a0.square().mul(a0.add(1)).reshape(Shape.of(1, 1).prepend(batch));
        return diag.sub(col.mul(row)).div(scale);
    }

    /** H = log B(α) + (α₀ − K)ψ(α₀) − Σ_k(α_k − 1)ψ(α_k). */
    @Override
    public Tensor entropy() {
        int k = event.dim(0);
        Tensor a0 = concentration.sum(-1);
        return logNormalizer()
                .add(a0.sub(k).mul(a0.digamma()))
                .sub(concentration.sub(1).mul(concentration.digamma()).sum(-1));
    }

    @Override
    public String toString() {
        return "Dirichlet(concentration=" + concentration + ")";
    }
}
