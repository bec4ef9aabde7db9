package org.elbo4j.distributions;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;
import org.elbo4j.transform.Constraints;

/**
 * The binary Concrete (relaxed Bernoulli) distribution on (0, 1) with {@code temperature} (τ > 0) and
 * {@code logits} (ℓ = log α) or {@code probs} (p = σ(ℓ)):
 * \[ p(y) = \frac{\tau\, \alpha\, y^{-\tau-1} (1-y)^{-\tau-1}}{\left(\alpha\, y^{-\tau} + (1-y)^{-\tau}\right)^2},
 *    \quad y \in (0, 1), \]
 * computed in log space through x = logit(y), which is Logistic(ℓ/τ, 1/τ):
 * log p(y) = log τ + z − 2·softplus(z) − log y − log(1 − y), z = ℓ − τ·logit(y). Parameter domains: τ > 0 finite,
 * ℓ finite, p ∈ (0, 1). As τ → 0 the draws concentrate at {0, 1} with P(y > ½) = p; at τ = 1, p(y) =
 * α/(α(1 − y) + y)².
 *
 * <p><b>Reparameterization (transformation of logistic noise):</b> y = σ((ℓ + L)/τ), L = log u − log(1 − u),
 * u ~ U(0, 1), pathwise in ℓ (or p) and τ. A draw that rounds to 0 or 1 is clamped to [2^−1022, 1 − 2^−53]
 * (the gradient is 0 there, as with torch's clamp_probs). CDF: F(y) = σ(τ·logit(y) − ℓ).
 *
 * <p>logProb returns −∞ at y ∈ {0, 1} (the density is defined on the open interval; its limit there is 0 or ∞
 * depending on τ) and outside [0, 1]; it is differentiable in the value as well as the parameters. Mean, variance
 * and entropy have no closed form.
 *
 * <blockquote>C. J. Maddison, A. Mnih and Y. W. Teh, "The Concrete Distribution: A Continuous Relaxation of
 * Discrete Random Variables", ICLR 2017, section 3.3 and appendix B (the binary Concrete).</blockquote>
 */
public final class RelaxedBernoulli implements Distribution {
    private static final String NAME = "RelaxedBernoulli";
    /** The largest double below 1: the upper clamp of a draw. */
    private static final double ONE_MINUS = Math.nextDown(1.0);

    private final Tensor temperature, logits, probs;
    private final Shape batch;

    private RelaxedBernoulli(Tensor temperature, Tensor logits, Tensor probs) {
        this.temperature = temperature;
        this.logits = logits;
        this.probs = probs;
        this.batch = Distributions.batchShape(NAME, temperature, logits != null ? logits : probs);
    }

    /**
     * @param temperature τ > 0, broadcasting against {@code logits}
     * @param logits      ℓ, finite
     * @throws IllegalArgumentException naming the parameter and the value, or if the shapes do not broadcast
     */
    public static RelaxedBernoulli ofLogits(Tensor temperature, Tensor logits) {
        Distributions.requirePositive(NAME, "temperature", temperature);
        Distributions.requireFinite(NAME, "logits", logits);
        return new RelaxedBernoulli(temperature, logits, null);
    }

    /** Scalar parameters. */
    public static RelaxedBernoulli ofLogits(double temperature, double logits) {
        return ofLogits(Tensor.scalar(temperature), Tensor.scalar(logits));
    }

    /**
     * @param temperature τ > 0, broadcasting against {@code probs}
     * @param probs       p ∈ (0, 1) (at 0 or 1 every draw sits at the end: use {@link Bernoulli})
     * @throws IllegalArgumentException naming the parameter and the value
     */
    public static RelaxedBernoulli ofProbs(Tensor temperature, Tensor probs) {
        Distributions.requirePositive(NAME, "temperature", temperature);
        for (int i = 0; i < probs.size(); i++) {
            double p = probs.at(i);
            if (!(p > 0 && p < 1)) {
                throw new IllegalArgumentException(NAME + ": probs must be in (0, 1), got " + p
                        + (probs.size() == 1 ? "" : " (at flat index " + i + " of shape " + probs.shape() + ")"));
            }
        }
        return new RelaxedBernoulli(temperature, null, probs);
    }

    /** τ. */
    public Tensor temperature() {
        return temperature;
    }

    /** ℓ (log p − log1p(−p) when made from probabilities, differentiable in p). */
    public Tensor logits() {
        return logits != null ? logits : probs.log().sub(probs.neg().log1p());
    }

    /** p (σ(ℓ) when made from logits). */
    public Tensor probs() {
        return probs != null ? probs : logits.sigmoid();
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
        return Constraints.UNIT_INTERVAL;
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    @Override
    public Tensor sample(RandomStream rng, Shape sampleShape) {
        return rsample(rng, sampleShape).detach();
    }

    @Override
    public Tensor rsample(RandomStream rng, Shape sampleShape) {
        Tensor u = Draws.openUnit(rng, batch.prepend(sampleShape));
        double[] l = new double[u.size()];
        for (int i = 0; i < l.length; i++) l[i] = Math.log(u.at(i)) - Math.log1p(-u.at(i)); // L ~ Logistic(0, 1)
        Tensor noise = Tensor.wrap(l, u.shape());
        return logits().add(noise).div(temperature).sigmoid().clamp(Double.MIN_NORMAL, ONE_MINUS);
    }

    /**
     * log p(y); −∞ outside the open interval (0, 1).
     *
     * @param value y, shape {@code sampleShape + batchShape} (or broadcasting to it); may be on a tape (then
     *              differentiable in it). Not modified.
     * @return shape: the broadcast of the value and the batch shape
     * @throws IllegalArgumentException on a NaN value or a shape that does not broadcast
     */
    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        Tensor ok = TensorFunctions.mask(value, y -> y > 0 && y < 1);
        boolean all = true;
        for (int i = 0; i < ok.size() && all; i++) all = ok.at(i) != 0;
        // outside (0, 1): compute at y = ½ and mask afterwards, so no NaN reaches the parameters' gradients
        Tensor y = all ? value : Tensor.where(ok, value, Tensor.scalar(0.5));
        Tensor logY = y.log(), log1mY = y.neg().log1p();
        Tensor z = logits().sub(temperature.mul(logY.sub(log1mY)));
        Tensor lp = temperature.log().add(z).sub(z.softplus().mul(2)).sub(logY).sub(log1mY);
        return all ? lp : Tensor.where(ok, lp, Tensor.scalar(Double.NEGATIVE_INFINITY));
    }

    /** F(y) = σ(τ·logit(y) − ℓ) on (0, 1); 0 below, 1 above. */
    @Override
    public Tensor cdf(Tensor value) {
        Distributions.checkValue(this, value);
        Tensor inside = TensorFunctions.mask(value, y -> y > 0 && y < 1),
                above = TensorFunctions.mask(value, y -> y >= 1);
        Tensor y = Tensor.where(inside, value, Tensor.scalar(0.5));
        Tensor f = temperature.mul(y.log().sub(y.neg().log1p())).sub(logits()).sigmoid();
        return Tensor.where(inside, f, above);
    }

    @Override
    public String toString() {
        return NAME + "(temperature=" + temperature + ", " + (logits != null ? "logits=" + logits : "probs=" + probs)
                + ")";
    }
}
