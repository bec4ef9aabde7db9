package org.elbo4j.cavi.lda;

import java.util.List;
import org.elbo4j.random.RandomStream;

/**
 * Held-out per-word log-likelihood of LDA topics by <b>document completion</b> (Hoffman, Blei, Wang &amp;
 * Paisley 2013, §4.1; Wallach et al. 2009): each test document's tokens are split at random into an observed part
 * and a held-out part; q(θ_d) = Dir(γ_d) is fitted to the observed part by the {@link LocalStep local step} with
 * the topics fixed; the held-out tokens are scored under the posterior means,
 * \[ \log p(w_{\text{held-out}} \mid w_{\text{obs}}) \approx \sum_{w} n^{\text{held-out}}_w
 *    \log \sum_k \bar\theta_k \bar\beta_{kw}, \qquad \bar\theta = \gamma / \textstyle\sum\gamma,\;
 *    \bar\beta_k = \lambda_k / \textstyle\sum_w \lambda_{kw}, \]
 * and the total is divided by the number of held-out tokens. The estimator only needs λ and α, so the topics
 * of any implementation (e.g. Spark MLlib's online LDA) are scored the same way. Higher is better; perplexity
 * is exp(−per-word).
 *
 * <p>The split of document i draws from {@code RandomStream.of(seed).fork(i)}: the same test set and seed give the
 * same split whatever the model.
 */
public final class HeldOut {
    /** The estimate: total log-likelihood, number of held-out tokens and documents scored. */
    public record Result(double logLikelihood, long tokens, int documents) {
        /** Per-word log-likelihood (nats per held-out token). */
        public double perWord() {
            return logLikelihood / tokens;
        }

        /** Perplexity exp(−per-word). */
        public double perplexity() {
            return Math.exp(-perWord());
        }
    }

    /** A document split into its observed and held-out parts. */
    public record Split(Document observed, Document heldOut) {}

    private HeldOut() {}

    /**
     * Splits every token of a document independently: observed with probability {@code observedFraction}.
     *
     * @param rng advanced. Modified.
     */
    public static Split split(Document doc, double observedFraction, RandomStream rng) {
        long len = doc.length();
        if (len > Integer.MAX_VALUE)
            throw new IllegalArgumentException("document too long to split: " + len + " tokens");
        int[] obs = new int[(int) len], held = new int[(int) len];
        int no = 0, nh = 0;
        for (int i = 0; i < doc.distinct(); i++) {
            for (int c = 0; c < doc.count(i); c++) {
                if (rng.nextDouble() < observedFraction) obs[no++] = doc.id(i);
                else held[nh++] = doc.id(i);
            }
        }
        return new Split(
                Document.ofTokens(java.util.Arrays.copyOf(obs, no)),
                Document.ofTokens(java.util.Arrays.copyOf(held, nh)));
    }

    /**
     * Per-word held-out log-likelihood by document completion.
     *
     * @param topics           λ, α; not modified
     * @param test             test documents (word ids below V); not modified
     * @param observedFraction the share of each document's tokens that is observed, in (0, 1)
     * @param seed             seed of the split
     * @param tolerance        local step tolerance
     * @param maxIterations    local step budget
     * @throws IllegalArgumentException if the fraction is outside (0, 1), a word id is out of range, or no test
     *                                  token is held out
     */
    public static Result documentCompletion(
            LdaTopics topics,
            List<Document> test,
            double observedFraction,
            long seed,
            double tolerance,
            int maxIterations) {
        if (!(observedFraction > 0 && observedFraction < 1)) {
            throw new IllegalArgumentException(
                    "held-out: observed fraction must be in (0, 1), got " + observedFraction);
        }
        double[][] eb = topics.expElogBeta();
        double[][] beta = topics.topicMeans();
        int kk = topics.topics();
        RandomStream root = RandomStream.of(seed);
        double total = 0;
        long tokens = 0;
        int scored = 0;
        for (int d = 0; d < test.size(); d++) {
            Split s = split(test.get(d), observedFraction, root.fork(d));
            if (s.heldOut().length() == 0) continue;
            double[] gamma = LocalStep.infer(s.observed(), eb, topics.alpha(), tolerance, maxIterations, null);
            double sg = 0;
            for (double g : gamma) sg += g;
            Document h = s.heldOut();
            for (int i = 0; i < h.distinct(); i++) {
                int w = h.id(i);
                if (w >= topics.vocabularySize())
                    throw new IllegalArgumentException(
                            "held-out: document " + d + " has word id " + w + " outside the vocabulary");
                double p = 0;
                for (int k = 0; k < kk; k++) p += gamma[k] / sg * beta[k][w];
                total += h.count(i) * Math.log(p);
            }
            tokens += h.length();
            scored++;
        }
        if (tokens == 0) throw new IllegalArgumentException("held-out: no token was held out (empty test set?)");
        return new Result(total, tokens, scored);
    }
}
