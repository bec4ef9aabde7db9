package org.elbo4j.distributions;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;

/**
 * The binomial distribution: the number of successes in {@code totalCount} (n) independent trials with success
 * probability {@code probs} (p) or log-odds {@code logits} (ℓ):
 * \[ p(k) = \binom{n}{k} p^k (1 - p)^{n - k}, \quad k \in \{0, 1, \dots, n\}. \]
 * Parameter domains: n ∈ {0, 1, 2, …} (batched; data, not differentiated), p ∈ [0, 1] with 0·log 0 = 0 at the
 * ends, ℓ ∈ [−∞, +∞].
 *
 * <p><b>Reparameterization:</b> none (discrete); score-function only. Sampling is exact for every n: with
 * p ≤ ½ (else n − X for 1 − p), sequential inversion of the CDF from k = 0 when n·p &lt; 10 (expected O(n·p) steps;
 * a walk past 10 standard deviations, probability below 1e−12, restarts), else Hörmann's BTRS, a transformed
 * rejection with squeeze, O(1) in n.
 *
 * <p>Mean n·p, variance n·p·(1 − p); the entropy has no closed form. logProb is one fused op whose value comes
 * from Loader's saddle-point form (accurate for large n, where log C(n, k) + k·log p + (n − k)·log(1 − p) would
 * cancel; see CountKernels) and whose partial is k/p − (n − k)/(1 − p), or k − n·σ(ℓ).
 *
 * <blockquote>W. Hörmann, "The generation of binomial random variates", Journal of Statistical Computation and
 * Simulation 46(1–2), 1993, 101–110 (algorithm BTRS; the acceptance step as in TensorFlow's
 * random_binomial_op).</blockquote>
 */
public final class Binomial implements Distribution {
    private static final String NAME = "Binomial";
    private final Tensor totalCount, probs, logits;
    private final Shape batch;

    private Binomial(Tensor totalCount, Tensor probs, Tensor logits) {
        this.totalCount = totalCount.detach();
        this.probs = probs;
        this.logits = logits;
        this.batch = Distributions.batchShape(NAME, totalCount, probs != null ? probs : logits);
    }

    /**
     * @param totalCount n, non-negative integers, broadcasting against {@code probs}
     * @param probs      p ∈ [0, 1]
     * @throws IllegalArgumentException naming the parameter and the value, if n is not a non-negative integer,
     *                                  p is outside [0, 1] (or NaN), or the shapes do not broadcast
     */
    public static Binomial ofProbs(Tensor totalCount, Tensor probs) {
        requireCount(NAME, "totalCount", totalCount);
        Distributions.requireInRange(NAME, "probs", probs, 0, 1);
        return new Binomial(totalCount, probs, null);
    }

    /** Scalar parameters. */
    public static Binomial ofProbs(double totalCount, double probs) {
        return ofProbs(Tensor.scalar(totalCount), Tensor.scalar(probs));
    }

    /**
     * @param totalCount n, non-negative integers, broadcasting against {@code logits}
     * @param logits     ℓ = log p − log(1 − p), not NaN (±∞: certain outcomes)
     * @throws IllegalArgumentException naming the parameter and the value
     */
    public static Binomial ofLogits(Tensor totalCount, Tensor logits) {
        requireCount(NAME, "totalCount", totalCount);
        requireNotNaN(NAME, "logits", logits);
        return new Binomial(totalCount, null, logits);
    }

    /** Requires finite non-negative integers (shared with the other count families). */
    static void requireCount(String family, String param, Tensor v) {
        for (int i = 0; i < v.size(); i++) {
            double x = v.at(i);
            if (!(x >= 0 && x == Math.rint(x) && x < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException(family + ": " + param + " must be a non-negative integer, got " + x
                        + (v.size() == 1 ? "" : " (at flat index " + i + " of shape " + v.shape() + ")"));
            }
        }
    }

    /** Requires no NaN entry (shared with the other logit families). */
    static void requireNotNaN(String family, String param, Tensor v) {
        for (int i = 0; i < v.size(); i++) {
            if (Double.isNaN(v.at(i))) {
                throw new IllegalArgumentException(family + ": " + param + " must not be NaN, got NaN"
                        + (v.size() == 1 ? "" : " (at flat index " + i + " of shape " + v.shape() + ")"));
            }
        }
    }

    /** n (data). */
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
        return IntegerBounds.upTo(totalCount);
    }

    @Override
    public boolean hasRsample() {
        return false;
    }

    @Override
    public Tensor sample(RandomStream rng, Shape sampleShape) {
        Shape s = batch.prepend(sampleShape);
        int b = batch.size();
        Tensor n = totalCount.broadcastTo(batch);
        // p and q = 1 − p, each computed directly (σ(±ℓ) in the logits form) so that neither loses its tail
        Tensor p = probs != null
                ? probs.detach().broadcastTo(batch)
                : logits.detach().sigmoid().broadcastTo(batch);
        Tensor q = probs != null
                ? probs.detach().rsub(1.0).broadcastTo(batch)
                : logits.detach().neg().sigmoid().broadcastTo(batch);
        double[] out = new double[s.size()];
        for (int i = 0; i < out.length; i++) out[i] = draw(rng, n.at(i % b), p.at(i % b), q.at(i % b));
        return Tensor.wrap(out, s);
    }

    /** One draw of Binomial(n, p), q = 1 − p. */
    static double draw(RandomStream rng, double n, double p, double q) {
        if (n == 0 || p == 0) return 0;
        if (q == 0) return n;
        if (p > 0.5) return n - draw(rng, n, q, p);
        return n * p < 10 ? inversion(rng, n, p, q) : btrs(rng, n, p, q);
    }

    /** Sequential search from k = 0 using P(k)/P(k − 1) = (n − k + 1)p/(kq); p ≤ ½, n·p < 10. */
    private static double inversion(RandomStream rng, double n, double p, double q) {
        double qn = Math.exp(n * Math.log1p(-p)), np = n * p; // log1p: q = 1 − p has lost p's low bits
        double bound = Math.min(n, np + 10 * Math.sqrt(np * q + 1));
        double x = 0, px = qn, u = rng.nextDouble();
        while (u > px) {
            x++;
            if (x > bound) { // rounding left u above the remaining mass: start over (probability < 1e−12)
                x = 0;
                px = qn;
                u = rng.nextDouble();
            } else {
                u -= px;
                px = (n - x + 1) * p * px / (x * q);
            }
        }
        return x;
    }

    /** Hörmann's BTRS for p ≤ ½, n·p ≥ 10. */
    private static double btrs(RandomStream rng, double n, double p, double q) {
        double spq = Math.sqrt(n * p * q);
        double b = 1.15 + 2.53 * spq, a = -0.0873 + 0.0248 * b + 0.01 * p, c = n * p + 0.5;
        double vr = 0.92 - 4.2 / b, r = p / q, alpha = (2.83 + 5.1 / b) * spq;
        double m = Math.floor((n + 1) * p);
        while (true) {
            double u = rng.nextDouble() - 0.5, v = rng.nextDouble();
            double us = 0.5 - Math.abs(u);
            double k = Math.floor((2 * a / us + b) * u + c);
            if (us >= 0.07 && v <= vr) return k; // inside the box: accept at once
            if (k < 0 || k > n) continue;
            v = Math.log(v * alpha / (a / (us * us) + b));
            // log f(k)/f(m) by Stirling's formula with the exact correction terms fc
            double bound = (m + 0.5) * Math.log((m + 1) / (r * (n - m + 1)))
                    + (n + 1) * Math.log((n - m + 1) / (n - k + 1))
                    + (k + 0.5) * Math.log(r * (n - k + 1) / (k + 1))
                    + stirlingTail(m)
                    + stirlingTail(n - m)
                    - stirlingTail(k)
                    - stirlingTail(n - k);
            if (v <= bound) return k;
        }
    }

    private static final double[] STIRLING_TAIL = {
        0.0810614667953272,
        0.0413406959554092,
        0.0276779256849983,
        0.02079067210376509,
        0.0166446911898211,
        0.0138761288230707,
        0.0118967099458917,
        0.0104112652619720,
        0.00925546218271273,
        0.00833056343336287
    };

    /**
     * fc(k) = log k! − [(k + ½)·log(k + 1) − (k + 1) + ½·log 2π]: tabulated for k ≤ 9, else the series
     * (1/12 − (1/360 − 1/(1260(k+1)²))/(k+1)²)/(k+1), whose error is below 1/(1680(k+1)⁷) < 1e−10.
     */
    static double stirlingTail(double k) {
        if (k <= 9) return STIRLING_TAIL[(int) k];
        double kp1 = k + 1, kp1sq = kp1 * kp1;
        return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / kp1sq) / kp1sq) / kp1;
    }

    /**
     * log p(k), elementwise; −∞ where k is not an integer in [0, n].
     *
     * @param value k, shape {@code sampleShape + batchShape} (or broadcasting to it). Not modified.
     * @return shape: the broadcast of the value and the batch shape
     * @throws IllegalArgumentException on a NaN value or a shape that does not broadcast
     */
    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        DiscreteValues k = DiscreteValues.of(value, support());
        return k.mask(CountKernels.binomial(totalCount, k.values(), probs, logits));
    }

    @Override
    public Tensor mean() {
        return totalCount.mul(probs()).broadcastTo(batch);
    }

    @Override
    public Tensor variance() {
        Tensor pq = probs != null
                ? probs.mul(probs.rsub(1.0))
                : logits.sigmoid().mul(logits.neg().sigmoid());
        return totalCount.mul(pq).broadcastTo(batch);
    }

    @Override
    public String toString() {
        return "Binomial(totalCount=" + totalCount + ", " + (logits != null ? "logits=" + logits : "probs=" + probs)
                + ")";
    }
}
