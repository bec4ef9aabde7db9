package org.elbo4j.distributions;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;
import org.elbo4j.transform.Constraints;

/**
 * The categorical distribution on {0, 1, …, K − 1} with probabilities {@code probs} (p, a simplex along the last
 * dimension) or unnormalized log-probabilities {@code logits} (ℓ, p = softmax(ℓ)):
 * \[ p(k) = p_k = \frac{e^{\ell_k}}{\sum_j e^{\ell_j}}, \quad k \in \{0, \dots, K - 1\}. \]
 * The parameter has shape batch + [K]: the event shape is [] and the batch shape is all but the last dimension.
 * Parameter domains: probs ≥ 0 with |Σ_k p_k − 1| ≤ {@value #SIMPLEX_TOL} in every row (torch's simplex check; the
 * row is then divided by its sum); logits in [−∞, ∞) with at least one finite entry per row (−∞: an impossible
 * category).
 *
 * <p><b>Reparameterization:</b> none (discrete); score-function only; the Gumbel-softmax
 * {@link RelaxedOneHotCategorical} is its pathwise relaxation. Sampling by inversion: the first k whose
 * cumulative probability exceeds u·Σp, u ~ U[0, 1), by binary search (O(K) per batch row, O(log K) per draw).
 *
 * <p>logProb is the normalized log-probability a = log-softmax(ℓ) (or log(p/Σp)) taken at the value along the
 * last dimension; entropy −Σ_k p_k log p_k. Mean and variance are not defined (torch returns NaN; here they
 * throw). One fused op for each of log-softmax, entropy and KL, with 0·log 0 = 0 in values and gradients.
 *
 * <blockquote>C. M. Bishop, "Pattern Recognition and Machine Learning", Springer, 2006, section 2.2 (multinomial
 * variables).</blockquote>
 */
public final class Categorical implements Distribution {
    /** Tolerance of the simplex check on {@code probs}: |Σ_k p_k − 1| ≤ 1e−6 per row. */
    public static final double SIMPLEX_TOL = 1e-6;

    private static final String NAME = "Categorical";

    private final Tensor probs, logits; // as given, one of them null
    private final Tensor logProbs; // normalized log-probabilities a, batch + [K]
    private final Shape batch;
    private final int k;

    private Categorical(Tensor probs, Tensor logits) {
        this.probs = probs;
        this.logits = logits;
        this.logProbs = probs != null ? SimplexKernels.logNormalize(probs) : SimplexKernels.logSoftmax(logits);
        this.batch = logProbs.shape().dropLast(1);
        this.k = logProbs.dim(-1);
    }

    /**
     * @param probs batch + [K], rows on the simplex within {@link #SIMPLEX_TOL}
     * @throws IllegalArgumentException naming the entry or row at fault
     */
    public static Categorical ofProbs(Tensor probs) {
        requireSimplex(NAME, "probs", probs);
        return new Categorical(probs, null);
    }

    /** One vector of probabilities (batch shape []). */
    public static Categorical ofProbs(double... probs) {
        return ofProbs(Tensor.of(probs));
    }

    /**
     * @param logits batch + [K]: no NaN or +∞, at least one finite entry per row
     * @throws IllegalArgumentException naming the entry or row at fault
     */
    public static Categorical ofLogits(Tensor logits) {
        requireLogits(NAME, "logits", logits, true);
        return new Categorical(null, logits);
    }

    /** Checks a simplex-valued parameter (shared with the relaxed and one-hot families). */
    static void requireSimplex(String family, String param, Tensor p) {
        if (p.rank() < 1 || p.dim(-1) < 1) {
            throw new IllegalArgumentException(
                    family + ": " + param + " needs shape batch + [K] with K >= 1, got " + p.shape());
        }
        int k = p.dim(-1);
        for (int r = 0; r < p.size() / k; r++) {
            double s = 0;
            for (int i = 0; i < k; i++) {
                double x = p.at(r * k + i);
                if (!(x >= 0 && x < Double.POSITIVE_INFINITY)) {
                    throw new IllegalArgumentException(family + ": " + param + " must be finite and >= 0, got " + x
                            + " (at flat index " + (r * k + i) + " of shape " + p.shape() + ")");
                }
                s += x;
            }
            if (!(Math.abs(s - 1) <= SIMPLEX_TOL)) {
                throw new IllegalArgumentException(
                        family + ": " + param + " must sum to 1 along the last dimension (within " + SIMPLEX_TOL
                                + "), got sum " + s + " in row " + r + " of shape " + p.shape());
            }
        }
    }

    /** Checks logits: no NaN or +∞; −∞ allowed when {@code allowMinusInf}, but not for a whole row. */
    static void requireLogits(String family, String param, Tensor l, boolean allowMinusInf) {
        if (l.rank() < 1 || l.dim(-1) < 1) {
            throw new IllegalArgumentException(
                    family + ": " + param + " needs shape batch + [K] with K >= 1, got " + l.shape());
        }
        int k = l.dim(-1);
        for (int r = 0; r < l.size() / k; r++) {
            boolean finite = false;
            for (int i = 0; i < k; i++) {
                double x = l.at(r * k + i);
                boolean ok = Double.isFinite(x) || allowMinusInf && x == Double.NEGATIVE_INFINITY;
                if (!ok) {
                    throw new IllegalArgumentException(family + ": " + param + " must be "
                            + (allowMinusInf ? "finite or -Infinity" : "finite") + ", got " + x
                            + " (at flat index " + (r * k + i) + " of shape " + l.shape() + ")");
                }
                finite |= Double.isFinite(x);
            }
            if (!finite) {
                throw new IllegalArgumentException(family + ": " + param + " row " + r + " of shape " + l.shape()
                        + " is all -Infinity (no category is possible)");
            }
        }
    }

    /** The probabilities p = e^a, normalized; shape batch + [K]. */
    public Tensor probs() {
        return logProbs.exp();
    }

    /** The normalized log-probabilities a = log p (torch's {@code logits} property); shape batch + [K]. */
    public Tensor logits() {
        return logProbs;
    }

    /** K. */
    public int numCategories() {
        return k;
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
        return Constraints.integerInterval(0, k - 1);
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
        int rows = batch.size();
        double[] cum = new double[rows * k];
        for (int r = 0; r < rows; r++) {
            double c = 0;
            for (int i = 0; i < k; i++) cum[r * k + i] = c += Math.exp(logProbs.at(r * k + i));
        }
        double[] out = new double[s.size()];
        for (int j = 0; j < out.length; j++) out[j] = inverse(cum, (j % rows) * k, k, rng.nextDouble());
        return Tensor.wrap(out, s);
    }

    /**
     * The first i with cum[o + i] > u·cum[o + K − 1] (so categories of probability 0 are never drawn).
     */
    private static int inverse(double[] cum, int o, int k, double u) {
        double t = u * cum[o + k - 1];
        int lo = 0, hi = k - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cum[o + mid] > t) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }

    /**
     * log p(k) = a_k, elementwise; −∞ where k is not an integer in [0, K − 1].
     *
     * @param value category indices, shape {@code sampleShape + batchShape} (or broadcasting to it). Not modified.
     * @return shape: the broadcast of the value and the batch shape
     * @throws IllegalArgumentException on a NaN value or a shape that does not broadcast
     */
    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        DiscreteValues v = DiscreteValues.of(value, support());
        Shape s = Shape.broadcast(NAME + ".logProb", value.shape(), batch);
        Tensor kv = v.values().shape().equals(s) ? v.values() : v.values().broadcastTo(s);
        int[] idx = new int[s.size()];
        for (int j = 0; j < idx.length; j++) idx[j] = (int) kv.at(j);
        return v.mask(pick(s, idx));
    }

    /** a[row, idx[j]] for each position j of shape s (= sampleShape + something broadcasting from batch). */
    private Tensor pick(Shape s, int[] idx) {
        int rows = batch.size();
        boolean suffix =
                s.rank() >= batch.rank() && s.dropFirst(s.rank() - batch.rank()).equals(batch);
        if (!suffix) return logProbs.broadcastTo(s.append(Shape.of(k))).takeLast(idx);
        // fast path: batch is the trailing part of s, so position j reads row j mod |batch| without a broadcast copy
        double[] out = new double[idx.length];
        for (int j = 0; j < out.length; j++) out[j] = logProbs.at((j % rows) * k + idx[j]);
        Tensor a = logProbs;
        return Tensor.custom(
                "categoricalLogProb",
                s,
                out,
                (g, adj) -> {
                    double[] ga = adj.of(a);
                    for (int j = 0; j < idx.length; j++) ga[(j % rows) * k + idx[j]] += g[j];
                },
                a);
    }

    @Override
    public Tensor entropy() {
        return SimplexKernels.entropy(logProbs);
    }

    @Override
    public String toString() {
        return NAME + "(" + (logits != null ? "logits=" + logits : "probs=" + probs) + ")";
    }
}
