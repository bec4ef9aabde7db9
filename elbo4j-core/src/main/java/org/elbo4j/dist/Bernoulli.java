package org.elbo4j.dist;

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
 * <p><b>Reparameterization:</b> none (discrete): sites with this distribution use the score-function
 * estimator; a continuous relaxation (RelaxedBernoulli) is pathwise.
 *
 * <p>The logits form evaluates logProb as one fused op ({@link org.elbo4j.tensor.FusedOps#bernoulliLogitLogProb}), y·ℓ − softplus(ℓ), with gradient y − σ(ℓ): no
 * overflow for large |ℓ| and one tape node for the whole likelihood of a logistic regression.
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
    public static Bernoulli ofProbs(double p) { return ofProbs(Tensor.scalar(p)); }

    /**
     * @param logits ℓ ∈ ℝ (±∞ allowed: certain outcomes)
     * @throws IllegalArgumentException if an entry is NaN
     */
    public static Bernoulli ofLogits(Tensor logits) {
        for (int i = 0; i < logits.size(); i++) {
            if (Double.isNaN(logits.at(i))) {
                throw new IllegalArgumentException("Bernoulli: logits must not be NaN (at flat index " + i + " of shape " + logits.shape() + ")");
            }
        }
        return new Bernoulli(logits, null);
    }

    /** p (computed from the logits when given those). */
    public Tensor probs() { return probs != null ? probs : logits.sigmoid(); }

    /** ℓ (computed from the probabilities when given those). */
    public Tensor logits() { return logits != null ? logits : probs.log().sub(probs.rsub(1.0).log()); }

    @Override public Shape batchShape() { return batch; }
    @Override public Shape eventShape() { return Shape.SCALAR; }
    @Override public Constraint support() { return Constraints.BOOLEAN; }
    @Override public boolean hasRsample() { return false; }
    @Override public boolean hasEntropy() { return true; }

    @Override
    public Tensor sample(RandomStream rng, Shape sampleShape) {
        Shape s = batch.prepend(sampleShape);
        Tensor p = probs().detach();
        int n = s.size(), m = p.size();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = rng.nextDouble() < p.at(i % m) ? 1 : 0;
        return Tensor.wrap(out, s);
    }

    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        if (logits == null) {
            Tensor lp = value.mul(probs.log()).add(value.rsub(1.0).mul(probs.rsub(1.0).log()));
            return Distributions.maskOutside(this, value, fixCertain(value, lp));
        }
        return Distributions.maskOutside(this, value, org.elbo4j.tensor.FusedOps.bernoulliLogitLogProb(logits, value.detach()));
    }

    /** With p ∈ {0, 1}, 0·log 0 must be 0, not NaN. */
    private Tensor fixCertain(Tensor value, Tensor lp) {
        boolean nan = false;
        for (int i = 0; i < lp.size(); i++) nan |= Double.isNaN(lp.at(i));
        if (!nan) return lp;
        Shape s = lp.shape();
        Tensor v = value.broadcastTo(s), p = probs.detach().broadcastTo(s);
        double[] mask = new double[s.size()], fixed = new double[s.size()];
        for (int i = 0; i < mask.length; i++) {
            if (Double.isNaN(lp.at(i))) {
                mask[i] = 1;
                fixed[i] = v.at(i) == p.at(i) ? 0 : Double.NEGATIVE_INFINITY;
            }
        }
        return Tensor.where(Tensor.wrap(mask, s), Tensor.wrap(fixed, s), lp);
    }

    @Override public Tensor mean() { return probs(); }
    @Override public Tensor variance() { Tensor p = probs(); return p.mul(p.rsub(1.0)); }

    @Override
    public Tensor entropy() {
        // H = softplus(ℓ) − p·ℓ (= −p log p − (1−p) log(1−p)), finite at the ends.
        Tensor l = logits(), p = probs();
        if (logits == null) {
            Tensor h = p.mul(p.log()).add(p.rsub(1.0).mul(p.rsub(1.0).log())).neg();
            return Tensor.where(p.mul(p.rsub(1.0)), h, Tensor.scalar(0.0));
        }
        return l.softplus().sub(p.mul(l));
    }

    @Override public String toString() { return "Bernoulli(" + (logits != null ? "logits=" + logits : "probs=" + probs) + ")"; }
}
