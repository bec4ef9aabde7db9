package org.elbo4j.cavi.lda;

import java.util.List;
import org.elbo4j.random.RandomStream;

/**
 * Latent Dirichlet allocation fitted by stochastic variational inference on one machine: passes over the corpus
 * in shuffled minibatches; for each minibatch the {@link LocalStep local CAVI step} of every document, then a
 * {@link LdaTopics#update natural-gradient step} on the topics. Deterministic given the seed: the λ
 * initialisation draws from {@code RandomStream.of(seed).fork(0)} and the order of pass p from
 * {@code fork(1 + p)}.
 *
 * <pre>{@code
 * OnlineLda lda = OnlineLda.topics(10).batchSize(256).passes(5).seed(1);
 * LdaTopics topics = lda.fit(documents, vocabularySize);
 * double perWord = HeldOut.documentCompletion(topics, testDocuments, 0.5, 1, 1e-3, 100).perWord();
 * }</pre>
 *
 * @implSpec Defaults (those of Hoffman's onlineldavb.py): α = η = 1/K, τ₀ = 1024, κ = 0.7, batch size 256,
 * 1 pass, local tolerance 1e-3 (mean |Δγ|), at most 100 local iterations, seed 0.
 * <blockquote>M. D. Hoffman, D. M. Blei, C. Wang, J. Paisley. Stochastic variational inference. JMLR 14, 2013.<br>
 * M. D. Hoffman, D. M. Blei, F. Bach. Online learning for latent Dirichlet allocation. NIPS 2010.</blockquote>
 */
public final class OnlineLda {
    /** Progress callback, told after every step. */
    @FunctionalInterface
    public interface Listener {
        /** Called after step {@code step} (1-based) of pass {@code pass} (0-based). */
        void onStep(long step, int pass, LdaTopics topics);
    }

    private final int k;
    private final double alpha, eta, tau0, kappa, tolerance;
    private final int batchSize, passes, maxIterations;
    private final long seed;

    private OnlineLda(
            int k,
            double alpha,
            double eta,
            double tau0,
            double kappa,
            int batchSize,
            int passes,
            double tolerance,
            int maxIterations,
            long seed) {
        if (k < 1) throw new IllegalArgumentException("LDA: the number of topics must be >= 1, got " + k);
        if (batchSize < 1) throw new IllegalArgumentException("LDA: batch size must be >= 1, got " + batchSize);
        if (passes < 1) throw new IllegalArgumentException("LDA: passes must be >= 1, got " + passes);
        if (!(tolerance > 0)) throw new IllegalArgumentException("LDA: local tolerance must be > 0, got " + tolerance);
        if (maxIterations < 1)
            throw new IllegalArgumentException("LDA: local iterations must be >= 1, got " + maxIterations);
        this.k = k;
        this.alpha = alpha;
        this.eta = eta;
        this.tau0 = tau0;
        this.kappa = kappa;
        this.batchSize = batchSize;
        this.passes = passes;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
        this.seed = seed;
        LdaTopics.of(new double[][] {{1}}, alpha, eta, tau0, kappa, 0); // validates the hyper-parameters now
    }

    /** K topics with the defaults ({@code @implSpec}). */
    public static OnlineLda topics(int k) {
        return new OnlineLda(k, 1.0 / k, 1.0 / k, 1024, 0.7, 256, 1, 1e-3, 100, 0);
    }

    /** @return a copy with document–topic concentration α &gt; 0 */
    public OnlineLda alpha(double a) {
        return new OnlineLda(k, a, eta, tau0, kappa, batchSize, passes, tolerance, maxIterations, seed);
    }

    /** @return a copy with topic–word concentration η &gt; 0 */
    public OnlineLda eta(double e) {
        return new OnlineLda(k, alpha, e, tau0, kappa, batchSize, passes, tolerance, maxIterations, seed);
    }

    /** @return a copy with delay τ₀ ≥ 1 (down-weights the early steps; ρ₀ = τ₀^(−κ) ≤ 1) */
    public OnlineLda tau0(double t) {
        return new OnlineLda(k, alpha, eta, t, kappa, batchSize, passes, tolerance, maxIterations, seed);
    }

    /** @return a copy with forgetting rate κ ∈ (0.5, 1] */
    public OnlineLda kappa(double c) {
        return new OnlineLda(k, alpha, eta, tau0, c, batchSize, passes, tolerance, maxIterations, seed);
    }

    /** @return a copy with minibatches of {@code b} ≥ 1 documents */
    public OnlineLda batchSize(int b) {
        return new OnlineLda(k, alpha, eta, tau0, kappa, b, passes, tolerance, maxIterations, seed);
    }

    /** @return a copy making {@code p} ≥ 1 passes over the corpus */
    public OnlineLda passes(int p) {
        return new OnlineLda(k, alpha, eta, tau0, kappa, batchSize, p, tolerance, maxIterations, seed);
    }

    /** @return a copy whose local steps stop at mean |Δγ| &lt; tol or after {@code maxIter} iterations */
    public OnlineLda local(double tol, int maxIter) {
        return new OnlineLda(k, alpha, eta, tau0, kappa, batchSize, passes, tol, maxIter, seed);
    }

    /** @return a copy with this seed */
    public OnlineLda seed(long s) {
        return new OnlineLda(k, alpha, eta, tau0, kappa, batchSize, passes, tolerance, maxIterations, s);
    }

    /** Number of topics. */
    public int k() {
        return k;
    }
    /** α. */
    public double alpha() {
        return alpha;
    }
    /** η. */
    public double eta() {
        return eta;
    }
    /** τ₀. */
    public double tau0() {
        return tau0;
    }
    /** κ. */
    public double kappa() {
        return kappa;
    }
    /** Minibatch size. */
    public int batchSize() {
        return batchSize;
    }
    /** Passes. */
    public int passes() {
        return passes;
    }
    /** Local tolerance. */
    public double tolerance() {
        return tolerance;
    }
    /** Local iteration budget. */
    public int maxIterations() {
        return maxIterations;
    }
    /** Seed. */
    public long seed() {
        return seed;
    }

    /** The initial topics of this configuration (λ ~ Gamma(100, 1/100) from {@code fork(0)} of the seed). */
    public LdaTopics initialTopics(int vocabularySize) {
        return LdaTopics.init(
                k,
                vocabularySize,
                alpha,
                eta,
                tau0,
                kappa,
                RandomStream.of(seed).fork(0));
    }

    /** Fits without progress callbacks; see {@link #fit(List, int, Listener)}. */
    public LdaTopics fit(List<Document> docs, int vocabularySize) {
        return fit(docs, vocabularySize, (s, p, t) -> {});
    }

    /**
     * Fits the topics: {@code passes} passes, each over a fresh permutation of the documents cut into minibatches
     * of {@code batchSize} (the last one smaller), one natural-gradient step per minibatch.
     *
     * @param docs           the corpus, D ≥ 1 documents with ids below {@code vocabularySize}; not modified
     * @param vocabularySize V ≥ 1
     * @return the fitted topics
     * @throws IllegalArgumentException if the corpus is empty or a document has a word id ≥ V (naming it)
     */
    public LdaTopics fit(List<Document> docs, int vocabularySize, Listener listener) {
        if (docs.isEmpty()) throw new IllegalArgumentException("LDA: the corpus has no documents");
        for (int d = 0; d < docs.size(); d++) {
            if (docs.get(d).maxId() >= vocabularySize) {
                throw new IllegalArgumentException("LDA: document " + d + " has word id "
                        + docs.get(d).maxId() + " but the vocabulary has " + vocabularySize + " words");
            }
        }
        LdaTopics topics = initialTopics(vocabularySize);
        RandomStream root = RandomStream.of(seed);
        int n = docs.size();
        for (int p = 0; p < passes; p++) {
            int[] order = root.fork(1 + p).permutation(n);
            for (int start = 0; start < n; start += batchSize) {
                int end = Math.min(n, start + batchSize);
                double[][] sstats = new double[k][vocabularySize];
                double[][] eb = topics.expElogBeta();
                for (int i = start; i < end; i++)
                    LocalStep.infer(docs.get(order[i]), eb, alpha, tolerance, maxIterations, sstats);
                topics.update(sstats, end - start, n);
                listener.onStep(topics.step(), p, topics);
            }
        }
        return topics;
    }
}
