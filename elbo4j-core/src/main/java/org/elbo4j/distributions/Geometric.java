package org.elbo4j.distributions;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;
import org.elbo4j.transform.Constraints;

/**
 * The geometric distribution of the number of failures before the first success (torch's convention; SciPy's
 * {@code geom} counts trials, k + 1), with success probability {@code probs} (p) or log-odds {@code logits} (ℓ):
 * \[ p(k) = (1 - p)^k\, p, \quad k \in \{0, 1, 2, \dots\}. \]
 * Parameter domains: p ∈ (0, 1] (p = 1 is the point mass at 0); ℓ finite.
 *
 * <p><b>Reparameterization:</b> none (discrete); score-function only. Sampling by inversion:
 * k = ⌊log u / log(1 − p)⌋, u ~ U(0, 1), since P(K ≥ k) = (1 − p)^k.
 *
 * <p>Mean (1 − p)/p, variance (1 − p)/p², entropy [−p·log p − (1 − p)·log(1 − p)]/p.
 *
 * <blockquote>W. Feller, "An Introduction to Probability Theory and Its Applications", vol. 1, 3rd ed., Wiley,
 * 1968, section VI.8.</blockquote>
 */
public final class Geometric implements Distribution {
    private static final String NAME = "Geometric";
    private final Tensor probs, logits;

    private Geometric(Tensor probs, Tensor logits) {
        this.probs = probs;
        this.logits = logits;
    }

    /**
     * @param probs p ∈ (0, 1], any shape
     * @throws IllegalArgumentException naming the entry outside (0, 1]
     */
    public static Geometric ofProbs(Tensor probs) {
        for (int i = 0; i < probs.size(); i++) {
            double p = probs.at(i);
            if (!(p > 0 && p <= 1)) {
                throw new IllegalArgumentException(NAME + ": probs must be in (0, 1], got " + p
                        + (probs.size() == 1 ? "" : " (at flat index " + i + " of shape " + probs.shape() + ")"));
            }
        }
        return new Geometric(probs, null);
    }

    /** Scalar probability. */
    public static Geometric ofProbs(double p) {
        return ofProbs(Tensor.scalar(p));
    }

    /**
     * @param logits ℓ, finite, any shape
     * @throws IllegalArgumentException naming the entry that is not finite
     */
    public static Geometric ofLogits(Tensor logits) {
        Distributions.requireFinite(NAME, "logits", logits);
        return new Geometric(null, logits);
    }

    /** p (σ(ℓ) when made from logits). */
    public Tensor probs() {
        return probs != null ? probs : logits.sigmoid();
    }

    /** ℓ (log p − log1p(−p) when made from probabilities; +∞ at p = 1). */
    public Tensor logits() {
        return logits != null ? logits : probs.log().sub(probs.neg().log1p());
    }

    /** ℓ when made from logits, else null. */
    Tensor logitsIfGiven() {
        return logits;
    }

    /** log p, accurately in either form. */
    Tensor logSuccess() {
        return logits != null ? logits.logSigmoid() : probs.log();
    }

    /** (1 − p)/p = e^−ℓ, the mean. */
    private Tensor odds() {
        return logits != null ? logits.neg().exp() : probs.reciprocal().sub(1);
    }

    @Override
    public Shape batchShape() {
        return (probs != null ? probs : logits).shape();
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
    public boolean hasEntropy() {
        return true;
    }

    @Override
    public Tensor sample(RandomStream rng, Shape sampleShape) {
        Shape s = batchShape().prepend(sampleShape);
        // log(1 − p): log1p(−p), or −softplus(ℓ) in the logits form (no rounding of 1 − p either way); −∞ at p = 1
        Tensor log1mp = probs != null
                ? probs.detach().neg().log1p()
                : logits.detach().softplus().neg();
        int b = log1mp.size();
        double[] out = new double[s.size()];
        for (int i = 0; i < out.length; i++) out[i] = Math.floor(Math.log(rng.nextOpenUnit()) / log1mp.at(i % b));
        return Tensor.wrap(out, s);
    }

    /**
     * log p(k) = k·log(1 − p) + log p, elementwise; −∞ where k is not a non-negative integer. The logits form is
     * the fused −softplus(−ℓ) − k·softplus(ℓ).
     *
     * @param value k, shape {@code sampleShape + batchShape} (or broadcasting to it). Not modified.
     * @return shape: the broadcast of the value and the batch shape
     * @throws IllegalArgumentException on a NaN value or a shape that does not broadcast
     */
    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        DiscreteValues k = DiscreteValues.of(value, support());
        if (logits != null) return k.mask(LogitKernels.logitLogMass(logits, Tensor.scalar(1.0), k.values()));
        return k.mask(TensorFunctions.xlog1py(k.values(), probs.neg()).add(probs.log()));
    }

    @Override
    public Tensor mean() {
        return odds();
    }

    /** (1 − p)/p² = mean/p (= e^−ℓ·(1 + e^−ℓ) in the logits form). */
    @Override
    public Tensor variance() {
        return logits != null ? odds().mul(odds().add(1)) : odds().div(probs);
    }

    /**
     * H = −log p − ((1 − p)/p)·log(1 − p); in the logits form softplus(−ℓ) + e^−ℓ·softplus(ℓ). Shape batchShape.
     */
    @Override
    public Tensor entropy() {
        if (logits != null) return logits.neg().softplus().add(odds().mul(logits.softplus()));
        return probs.log().add(TensorFunctions.xlog1py(odds(), probs.neg())).neg();
    }

    @Override
    public String toString() {
        return NAME + "(" + (logits != null ? "logits=" + logits : "probs=" + probs) + ")";
    }
}
