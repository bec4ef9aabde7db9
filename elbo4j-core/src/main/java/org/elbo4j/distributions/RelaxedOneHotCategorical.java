package org.elbo4j.distributions;

import org.apache.commons.numbers.gamma.LogGamma;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;
import org.elbo4j.transform.Constraints;

/**
 * The Concrete (Gumbel-softmax, relaxed one-hot categorical) distribution on the open simplex of dimension K − 1,
 * with {@code temperature} (τ > 0) and {@code logits} (ℓ = log α, shape batch + [K]) or {@code probs} (α):
 * \[ p(x) = (K-1)!\, \tau^{K-1} \prod_{k=1}^{K} \frac{\alpha_k x_k^{-\tau-1}}{\sum_{i=1}^{K} \alpha_i x_i^{-\tau}},
 *    \quad x_k > 0,\ \sum_k x_k = 1, \]
 * a density with respect to Lebesgue measure on (x₁, …, x_{K−1}) (Maddison et al., eq. (1)), computed in log
 * space: log p(x) = log (K − 1)! + (K − 1)·log τ + Σ_k (ℓ_k − (τ + 1)·log x_k) − K·logsumexp_k(ℓ_k − τ·log x_k).
 * It is unchanged by adding a constant to ℓ (scaling α), so unnormalized logits are fine. Event shape [K]; the
 * batch shape is the broadcast of τ's shape and all but the last dimension of the logits. Parameter domains: τ > 0
 * finite; ℓ finite; probs > 0 on the simplex within {@link Categorical#SIMPLEX_TOL}; K ≥ 2.
 *
 * <p><b>Reparameterization (Gumbel-softmax):</b> x = softmax((ℓ + g)/τ), g_k = −log(−log u_k), u_k ~ U(0, 1),
 * pathwise in ℓ (or α) and τ. argmax_k x_k is Categorical(softmax(ℓ)) for every τ (the Gumbel-max trick), and as
 * τ → 0 the draws approach one-hot vectors. Coordinates that underflow are clamped to 2^−1022 so that the
 * log density stays finite (the gradient is 0 there).
 *
 * <p>logProb returns −∞ for a value off the open simplex (an entry ≤ 0, or a sum further than 1e−6 from 1); it
 * is differentiable in the value. Mean, variance and entropy have no closed form.
 *
 * <blockquote>C. J. Maddison, A. Mnih and Y. W. Teh, "The Concrete Distribution: A Continuous Relaxation of
 * Discrete Random Variables", ICLR 2017; E. Jang, S. Gu and B. Poole, "Categorical Reparameterization with
 * Gumbel-Softmax", ICLR 2017.</blockquote>
 */
public final class RelaxedOneHotCategorical implements Distribution {
    private static final String NAME = "RelaxedOneHotCategorical";

    private final Tensor temperature, logits, probs;
    private final Tensor tau; // τ reshaped to τ.shape + [1], to broadcast against batch + [K]
    private final Shape batch;
    private final int k;

    private RelaxedOneHotCategorical(Tensor temperature, Tensor logits, Tensor probs) {
        this.temperature = temperature;
        this.logits = logits;
        this.probs = probs;
        Tensor p = logits != null ? logits : probs;
        this.k = p.dim(-1);
        this.batch = Shape.broadcast(NAME, temperature.shape(), p.shape().dropLast(1));
        this.tau = temperature.reshape(temperature.shape().append(Shape.of(1)));
    }

    /**
     * @param temperature τ > 0, broadcasting against the logits' batch shape
     * @param logits      ℓ, batch + [K], K ≥ 2, finite
     * @throws IllegalArgumentException naming the parameter and the value, or if the shapes do not broadcast
     */
    public static RelaxedOneHotCategorical ofLogits(Tensor temperature, Tensor logits) {
        Distributions.requirePositive(NAME, "temperature", temperature);
        Categorical.requireLogits(NAME, "logits", logits, false);
        requireTwo(logits);
        return new RelaxedOneHotCategorical(temperature, logits, null);
    }

    /**
     * @param temperature τ > 0, broadcasting against the probabilities' batch shape
     * @param probs       α, batch + [K], K ≥ 2, positive, on the simplex within {@link Categorical#SIMPLEX_TOL}
     * @throws IllegalArgumentException naming the parameter and the value
     */
    public static RelaxedOneHotCategorical ofProbs(Tensor temperature, Tensor probs) {
        Distributions.requirePositive(NAME, "temperature", temperature);
        Categorical.requireSimplex(NAME, "probs", probs);
        Distributions.requirePositive(NAME, "probs", probs);
        requireTwo(probs);
        return new RelaxedOneHotCategorical(temperature, null, probs);
    }

    private static void requireTwo(Tensor p) {
        if (p.dim(-1) < 2) {
            throw new IllegalArgumentException(
                    NAME + ": needs K >= 2 categories (last dimension), got shape " + p.shape());
        }
    }

    /** τ. */
    public Tensor temperature() {
        return temperature;
    }

    /** log α: the logits as given, or log(probs) (differentiable). */
    public Tensor logits() {
        return logits != null ? logits : probs.log();
    }

    @Override
    public Shape batchShape() {
        return batch;
    }

    @Override
    public Shape eventShape() {
        return Shape.of(k);
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
    public Tensor sample(RandomStream rng, Shape sampleShape) {
        return rsample(rng, sampleShape).detach();
    }

    @Override
    public Tensor rsample(RandomStream rng, Shape sampleShape) {
        Tensor u = Draws.openUnit(rng, Distributions.drawShape(this, sampleShape));
        double[] g = new double[u.size()];
        for (int i = 0; i < g.length; i++) g[i] = -Math.log(-Math.log(u.at(i))); // Gumbel(0, 1)
        Tensor s = logits().add(Tensor.wrap(g, u.shape())).div(tau);
        return SimplexKernels.logSoftmax(s).exp().clamp(Double.MIN_NORMAL, 1);
    }

    /**
     * log p(x); −∞ off the open simplex.
     *
     * @param value x, shape {@code sampleShape + batchShape + [K]} (or broadcasting to it); may be on a tape.
     *              Not modified.
     * @return shape {@code sampleShape + batchShape}
     * @throws IllegalArgumentException on a NaN value or a shape that does not fit
     */
    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        Tensor ok = onOpenSimplex(value);
        boolean all = true;
        for (int i = 0; i < ok.size() && all; i++) all = ok.at(i) != 0;
        // off the simplex: compute at the centre (1/K, …) and mask afterwards, so that no NaN reaches the gradients
        Tensor x =
                all ? value : Tensor.where(ok.reshape(ok.shape().append(Shape.of(1))), value, Tensor.scalar(1.0 / k));
        Tensor logX = x.log(), l = logits();
        Tensor score = l.sub(tau.mul(logX));
        Tensor lp = l.sub(tau.add(1).mul(logX))
                .sum(-1)
                .sub(score.logSumExp(-1).mul(k))
                .add(temperature.log().mul(k - 1))
                .add(LogGamma.value(k));
        return all ? lp : Tensor.where(ok, lp, Tensor.scalar(Double.NEGATIVE_INFINITY));
    }

    /** 1 where every entry is > 0 and the sum is within 1e−6 of 1; shape: all but the last dimension. */
    private Tensor onOpenSimplex(Tensor value) {
        int n = value.size() / k;
        double[] m = new double[n];
        for (int r = 0; r < n; r++) {
            double s = 0;
            boolean pos = true;
            for (int i = 0; i < k; i++) {
                double v = value.at(r * k + i);
                pos &= v > 0;
                s += v;
            }
            m[r] = pos && Math.abs(s - 1) <= 1e-6 ? 1 : 0;
        }
        return Tensor.wrap(m, value.shape().dropLast(1));
    }

    @Override
    public String toString() {
        return NAME + "(temperature=" + temperature + ", " + (logits != null ? "logits=" + logits : "probs=" + probs)
                + ")";
    }
}
