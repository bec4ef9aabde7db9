package org.elbo4j.distributions;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;
import org.elbo4j.transform.Constraints;

/**
 * The negative binomial distribution (torch's convention): the number of successes, each with probability
 * {@code probs} (p) or log-odds {@code logits} (ℓ), before {@code totalCount} (r) failures,
 * \[ p(k) = \frac{\Gamma(k + r)}{k!\,\Gamma(r)}\, p^k (1 - p)^r, \quad k \in \{0, 1, 2, \dots\}. \]
 * Parameter domains: r > 0 real (differentiable), p ∈ [0, 1) (p = 0 is the point mass at 0), ℓ finite. SciPy's
 * {@code nbinom(n, q)} is this law with n = r and q = 1 − p.
 *
 * <p><b>Reparameterization:</b> none (discrete); score-function only. Sampling by the Gamma–Poisson mixture:
 * λ ~ Gamma(r, scale p/(1 − p)) (Marsaglia–Tsang, {@link Gamma}'s sampler), then k ~ Poisson(λ).
 *
 * <p>Mean r·p/(1 − p), variance r·p/(1 − p)²; the entropy has no closed form. logProb is one fused op whose value
 * comes from Loader's saddle-point form, as R's dnbinom (accurate for large r and k; see CountKernels), with
 * partials ∂/∂r = ψ(k + r) − ψ(r) + log(1 − p) and ∂/∂p = k/p − r/(1 − p) (or ∂/∂ℓ = k − (k + r)·σ(ℓ)).
 *
 * <blockquote>M. Greenwood and G. U. Yule, "An inquiry into the nature of frequency distributions representative
 * of multiple happenings…", Journal of the Royal Statistical Society 83(2), 1920, 255–279 (the Gamma mixture of
 * Poissons).</blockquote>
 */
public final class NegativeBinomial implements Distribution {
    private static final String NAME = "NegativeBinomial";
    private final Tensor totalCount, probs, logits;
    private final Shape batch;

    private NegativeBinomial(Tensor totalCount, Tensor probs, Tensor logits) {
        this.totalCount = totalCount;
        this.probs = probs;
        this.logits = logits;
        this.batch = Distributions.batchShape(NAME, totalCount, probs != null ? probs : logits);
    }

    /**
     * @param totalCount r > 0, broadcasting against {@code probs}
     * @param probs      p ∈ [0, 1)
     * @throws IllegalArgumentException naming the parameter and the value, or if the shapes do not broadcast
     */
    public static NegativeBinomial ofProbs(Tensor totalCount, Tensor probs) {
        Distributions.requirePositive(NAME, "totalCount", totalCount);
        for (int i = 0; i < probs.size(); i++) {
            double p = probs.at(i);
            if (!(p >= 0 && p < 1)) {
                throw new IllegalArgumentException(NAME + ": probs must be in [0, 1), got " + p
                        + (probs.size() == 1 ? "" : " (at flat index " + i + " of shape " + probs.shape() + ")"));
            }
        }
        return new NegativeBinomial(totalCount, probs, null);
    }

    /** Scalar parameters. */
    public static NegativeBinomial ofProbs(double totalCount, double probs) {
        return ofProbs(Tensor.scalar(totalCount), Tensor.scalar(probs));
    }

    /**
     * @param totalCount r > 0, broadcasting against {@code logits}
     * @param logits     ℓ, finite
     * @throws IllegalArgumentException naming the parameter and the value
     */
    public static NegativeBinomial ofLogits(Tensor totalCount, Tensor logits) {
        Distributions.requirePositive(NAME, "totalCount", totalCount);
        Distributions.requireFinite(NAME, "logits", logits);
        return new NegativeBinomial(totalCount, null, logits);
    }

    /** r. */
    public Tensor totalCount() {
        return totalCount;
    }

    /** p (σ(ℓ) when made from logits). */
    public Tensor probs() {
        return probs != null ? probs : logits.sigmoid();
    }

    /** ℓ (log p − log1p(−p) when made from probabilities). */
    public Tensor logits() {
        return logits != null ? logits : probs.log().sub(probs.neg().log1p());
    }

    /** p/(1 − p) = e^ℓ. */
    private Tensor odds() {
        return logits != null ? logits.exp() : probs.div(probs.rsub(1.0));
    }

    @Override
    public Shape batchShape() {
        return batch;
    }

    @Override
    public Shape eventShape() {
        return Shape.SCALAR;
    }

    @Override
    public Constraint support() {
        return Constraints.NON_NEGATIVE_INTEGER;
    }

    @Override
    public boolean hasRsample() {
        return false;
    }

    @Override
    public Tensor sample(RandomStream rng, Shape sampleShape) {
        Shape s = batch.prepend(sampleShape);
        int b = batch.size();
        Tensor r = totalCount.detach().broadcastTo(batch);
        Tensor scale = (logits != null
                        ? logits.detach().exp()
                        : probs.detach().div(probs.detach().rsub(1.0)))
                .broadcastTo(batch);
        double[] out = new double[s.size()];
        for (int i = 0; i < out.length; i++) {
            double lam = Gamma.standardGamma(rng, r.at(i % b)) * scale.at(i % b);
            out[i] = lam == Double.POSITIVE_INFINITY ? lam : Poisson.draw(rng, lam);
        }
        return Tensor.wrap(out, s);
    }

    /**
     * log p(k), elementwise; −∞ where k is not a non-negative integer. Differentiable in r and in p (or ℓ).
     *
     * @param value k, shape {@code sampleShape + batchShape} (or broadcasting to it). Not modified.
     * @return shape: the broadcast of the value and the batch shape
     * @throws IllegalArgumentException on a NaN value or a shape that does not broadcast
     */
    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        DiscreteValues k = DiscreteValues.of(value, support());
        return k.mask(CountKernels.negativeBinomial(totalCount, k.values(), probs, logits));
    }

    @Override
    public Tensor mean() {
        return totalCount.mul(odds()).broadcastTo(batch);
    }

    /** r·p/(1 − p)² = mean·(1 + p/(1 − p)). */
    @Override
    public Tensor variance() {
        return totalCount.mul(odds()).mul(odds().add(1)).broadcastTo(batch);
    }

    @Override
    public String toString() {
        return NAME + "(totalCount=" + totalCount + ", " + (logits != null ? "logits=" + logits : "probs=" + probs)
                + ")";
    }
}
