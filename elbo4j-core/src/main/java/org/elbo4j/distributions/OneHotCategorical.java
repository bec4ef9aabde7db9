package org.elbo4j.distributions;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;

/**
 * The categorical distribution with one-hot values: x ∈ {e₀, …, e_{K−1}} ⊂ {0, 1}^K with p(e_k) = p_k, for
 * {@code probs} (p on the simplex) or {@code logits} (ℓ, p = softmax(ℓ)), parameter shape batch + [K]:
 * \[ \log p(x) = \sum_k x_k \log p_k, \quad x \text{ one-hot}. \]
 * Event shape [K]. A view of {@link Categorical} (same validation, sampler, log-probabilities and entropy),
 * with mean p and variance p·(1 − p).
 *
 * <p><b>Reparameterization:</b> none (discrete); score-function only; {@link RelaxedOneHotCategorical} is its
 * pathwise relaxation.
 *
 * <blockquote>C. M. Bishop, "Pattern Recognition and Machine Learning", Springer, 2006, section 2.2 (the 1-of-K
 * scheme).</blockquote>
 */
public final class OneHotCategorical implements Distribution {
    private static final String NAME = "OneHotCategorical";
    private final Categorical categorical;

    private OneHotCategorical(Categorical categorical) {
        this.categorical = categorical;
    }

    /**
     * @param probs batch + [K], rows on the simplex within {@link Categorical#SIMPLEX_TOL}
     * @throws IllegalArgumentException naming the entry or row at fault
     */
    public static OneHotCategorical ofProbs(Tensor probs) {
        Categorical.requireSimplex(NAME, "probs", probs);
        return new OneHotCategorical(Categorical.ofProbs(probs));
    }

    /**
     * @param logits batch + [K]: no NaN or +∞, at least one finite entry per row
     * @throws IllegalArgumentException naming the entry or row at fault
     */
    public static OneHotCategorical ofLogits(Tensor logits) {
        Categorical.requireLogits(NAME, "logits", logits, true);
        return new OneHotCategorical(Categorical.ofLogits(logits));
    }

    /** The normalized probabilities, batch + [K]. */
    public Tensor probs() {
        return categorical.probs();
    }

    /** The normalized log-probabilities, batch + [K]. */
    public Tensor logits() {
        return categorical.logits();
    }

    @Override
    public Shape batchShape() {
        return categorical.batchShape();
    }

    @Override
    public Shape eventShape() {
        return Shape.of(categorical.numCategories());
    }

    @Override
    public Constraint support() {
        return ONE_HOT;
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
        Tensor idx = categorical.sample(rng, sampleShape);
        int k = categorical.numCategories();
        double[] out = new double[idx.size() * k];
        for (int j = 0; j < idx.size(); j++) out[j * k + (int) idx.at(j)] = 1;
        return Tensor.wrap(out, idx.shape().append(Shape.of(k)));
    }

    /**
     * log p_k at the hot index k; −∞ for a value that is not one-hot.
     *
     * @param value batch-broadcasting + [K]. Not modified.
     * @return shape {@code sampleShape + batchShape}
     * @throws IllegalArgumentException on a NaN value or a shape that does not fit
     */
    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        int k = categorical.numCategories(), n = value.size() / k;
        double[] idx = new double[n];
        for (int r = 0; r < n; r++) {
            idx[r] = -1; // not one-hot: Categorical gives −∞
            int ones = 0, hot = -1;
            boolean binary = true;
            for (int i = 0; i < k; i++) {
                double v = value.at(r * k + i);
                binary &= v == 0 || v == 1;
                if (v == 1) {
                    ones++;
                    hot = i;
                }
            }
            if (binary && ones == 1) idx[r] = hot;
        }
        return categorical.logProb(Tensor.wrap(idx, value.shape().dropLast(1)));
    }

    @Override
    public Tensor mean() {
        return probs().broadcastTo(eventShape().prepend(batchShape()));
    }

    @Override
    public Tensor variance() {
        Tensor p = probs();
        return p.mul(p.rsub(1.0)).broadcastTo(eventShape().prepend(batchShape()));
    }

    @Override
    public Tensor entropy() {
        return categorical.entropy();
    }

    @Override
    public String toString() {
        return NAME + "(probs=" + probs() + ")";
    }

    /** One-hot vectors along the last dimension (discrete, event rank 1). */
    static final Constraint ONE_HOT = new Constraint() {
        @Override
        public String name() {
            return "oneHot";
        }

        @Override
        public int eventRank() {
            return 1;
        }

        @Override
        public boolean isDiscrete() {
            return true;
        }

        @Override
        public Tensor check(Tensor value) {
            if (value.rank() < 1)
                throw new IllegalArgumentException("oneHot: needs a vector, got shape " + value.shape());
            int k = value.dim(-1), n = value.size() / Math.max(1, k);
            double[] m = new double[n];
            for (int r = 0; r < n; r++) {
                int ones = 0;
                boolean binary = true;
                for (int i = 0; i < k; i++) {
                    double v = value.at(r * k + i);
                    binary &= v == 0 || v == 1;
                    if (v == 1) ones++;
                }
                m[r] = binary && ones == 1 ? 1 : 0;
            }
            return Tensor.wrap(m, value.shape().dropLast(1));
        }

        @Override
        public String toString() {
            return name();
        }
    };
}
