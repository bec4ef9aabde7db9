package org.elbo4j.distributions;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;
import org.elbo4j.transform.Constraints;

/**
 * The Bernoulli distribution on {0, 1} with success probability {@code probs} (p) or log-odds {@code logits}
 * (ℓ = log p − log(1 − p)):
 * \[ \log p(y) = y\,\ell - \log(1 + e^{\ell}) = y \log p + (1 - y)\log(1 - p), \quad y \in \{0, 1\}. \]
 *
 * Parameter domains: p ∈ [0, 1] (the ends are certain outcomes, with 0·log 0 = 0); ℓ ∈ [−∞, +∞], not NaN.
 *
 * <p><b>Reparameterization:</b> none (discrete): sites with this distribution use the score-function
 * estimator; its continuous relaxation {@link RelaxedBernoulli} is pathwise. Sampling: y = [u &lt; p], u ~ U[0, 1).
 *
 * <p>Mean p, variance p(1 − p), entropy −p log p − (1 − p) log(1 − p).
 *
 * <p>The logits form evaluates logProb as one fused op ({@code FusedOps.bernoulliLogitLogProb}), y·ℓ −
 * softplus(ℓ), with gradient y − σ(ℓ): no overflow for large |ℓ|, log p = 0 for a certain outcome (ℓ = ±∞), and
 * one tape node for the whole likelihood of a logistic regression. Values other than 0 and 1 have log mass −∞
 * (they are replaced by 0 before the arithmetic, so the gradient stays finite).
 *
 * <blockquote>C. M. Bishop, "Pattern Recognition and Machine Learning", Springer, 2006, section 2.1 (the Bernoulli
 * distribution) and 4.3.2 (logistic regression).</blockquote>
 */
public final class Bernoulli implements Distribution {
    private final Tensor logits;
    private final Tensor probs;
    private final Shape batch;

    private Bernoulli(Tensor logits, Tensor probs) {
        this.logits = logits;
        this.probs = probs;
        this.batch = (logits != null ? logits : probs).shape();
    }

    /**
     * @param probs p ∈ [0, 1]
     * @throws IllegalArgumentException naming the entry outside [0, 1]
     */
    public static Bernoulli ofProbs(Tensor probs) {
        Distributions.requireInRange("Bernoulli", "probs", probs, 0, 1);
        return new Bernoulli(null, probs);
    }

    /** Scalar probability. */
    public static Bernoulli ofProbs(double p) {
        return ofProbs(Tensor.scalar(p));
    }

    /**
     * @param logits ℓ ∈ ℝ (±∞ allowed: certain outcomes)
     * @throws IllegalArgumentException if an entry is NaN
     */
    public static Bernoulli ofLogits(Tensor logits) {
        boolean nan = org.elbo4j.tensor.TensorData.anyNaN(logits); // one branch-free scan; the index only on error
        for (int i = 0; nan && i < logits.size(); i++) {
            if (Double.isNaN(logits.at(i))) {
                throw new IllegalArgumentException(
                        "Bernoulli: logits must not be NaN (at flat index " + i + " of shape " + logits.shape() + ")");
            }
        }
        return new Bernoulli(logits, null);
    }

    /** p (computed from the logits when given those), shape {@code batchShape}. */
    public Tensor probs() {
        return probs != null ? probs : logits.sigmoid();
    }

    /** ℓ = log p − log1p(−p) (computed from the probabilities when given those; ±∞ at p ∈ {0, 1}). */
    public Tensor logits() {
        return logits != null ? logits : probs.log().sub(probs.neg().log1p());
    }

    /** True when the distribution was made by {@link #ofLogits}. */
    boolean hasLogits() {
        return logits != null;
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
        return Constraints.BOOLEAN;
    }

    @Override
    public boolean hasRsample() {
        return false;
    }

    @Override
    public boolean hasEntropy() {
        return true;
    }

    @Override
    public Tensor sample(RandomStream rng, Shape sampleShape) {
        Shape s = batch.prepend(sampleShape);
        Tensor p = probs != null ? probs.detach() : logits.detach().sigmoid();
        int n = s.size(), m = p.size();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = rng.nextDouble() < p.at(i % m) ? 1 : 0;
        return Tensor.wrap(out, s);
    }

    /**
     * log p(y), elementwise; −∞ where y ∉ {0, 1}.
     *
     * @param value y, shape {@code sampleShape + batchShape} (or broadcasting to it). Not modified.
     * @return shape: the broadcast of the value and the batch shape
     * @throws IllegalArgumentException on a NaN value or a shape that does not broadcast
     */
    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        DiscreteValues y = DiscreteValues.of(value, Constraints.BOOLEAN);
        if (logits == null) {
            // y·log p + (1 − y)·log(1 − p) with 0·log 0 = 0 (p ∈ {0, 1} allowed); log1p(−p) is exact near p = 0
            return y.mask(TensorFunctions.xlogy(y.values(), probs)
                    .add(TensorFunctions.xlog1py(y.values().rsub(1.0), probs.neg())));
        }
        return y.mask(org.elbo4j.tensor.FusedOps.bernoulliLogitLogProb(logits, y.values()));
    }

    /**
     * Σ log p(y) in one pass and one tape node in the logits form (the vectorized
     * {@link org.elbo4j.tensor.FusedOps#bernoulliLogitLogProbSum}), when the values have the batch shape and are
     * all 0 or 1; otherwise, or when a logit is infinite, the elementwise {@link #logProb} summed.
     */
    @Override
    public Tensor logProbSum(Tensor value) {
        if (logits != null && value.shape().equals(batch)) {
            Distributions.checkValue(this, value);
            if (org.elbo4j.tensor.TensorData.allZeroOrOne(value)) {
                Tensor s = org.elbo4j.tensor.FusedOps.bernoulliLogitLogProbSum(logits, value);
                if (s != null) return s;
            }
        }
        return Distribution.super.logProbSum(value);
    }

    @Override
    public Tensor mean() {
        return probs();
    }
    /** p(1 − p); in the logits form σ(ℓ)·σ(−ℓ), which keeps the tail when p rounds to 1. */
    @Override
    public Tensor variance() {
        if (logits == null) return probs.mul(probs.rsub(1.0));
        return logits.sigmoid().mul(logits.neg().sigmoid());
    }

    /**
     * H = −p·log p − (1 − p)·log(1 − p) (0 at p ∈ {0, 1}); in the logits form σ(ℓ)·softplus(−ℓ) +
     * σ(−ℓ)·softplus(ℓ), accurate for large |ℓ| and 0 at ℓ = ±∞. Shape {@code batchShape}.
     */
    @Override
    public Tensor entropy() {
        if (logits == null) {
            return TensorFunctions.xlogy(probs, probs)
                    .add(TensorFunctions.xlog1py(probs.rsub(1.0), probs.neg()))
                    .neg();
        }
        return LogitKernels.bernoulliEntropy(logits);
    }

    @Override
    public String toString() {
        return "Bernoulli(" + (logits != null ? "logits=" + logits : "probs=" + probs) + ")";
    }
}
