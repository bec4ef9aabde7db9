package org.elbo4j.cavi.lda;

import java.util.ArrayList;
import java.util.List;
import org.elbo4j.random.RandomStream;

/**
 * A corpus drawn from the LDA generative process, for tests and benchmarks: β_k ~ Dir(η) (or given topics),
 * θ_d ~ Dir(α), N_d ~ Poisson(mean length) (at least 1), z_dn ~ Cat(θ_d), w_dn ~ Cat(β_{z_dn}). Deterministic
 * given the seed: the topics come from {@code fork(0)} and document d from {@code fork(1 + d)}, so document d is
 * the same whatever the corpus size.
 */
public final class SyntheticLda {
    private SyntheticLda() {}

    /** The corpus and the topics it was drawn from. */
    public record Corpus(List<Document> documents, double[][] topics, int vocabularySize) {}

    /**
     * Topics that are easy to tell apart: topic k puts mass (1 − noise) uniformly on its own block of V/K words and
     * the rest uniformly on all words.
     *
     * @throws IllegalArgumentException unless V is a positive multiple of K and noise ∈ [0, 1)
     */
    public static double[][] blockTopics(int k, int v, double noise) {
        if (k < 1 || v < k || v % k != 0)
            throw new IllegalArgumentException(
                    "blockTopics: V must be a positive multiple of K, got V=" + v + ", K=" + k);
        if (!(noise >= 0 && noise < 1))
            throw new IllegalArgumentException("blockTopics: noise must be in [0, 1), got " + noise);
        int block = v / k;
        double[][] t = new double[k][v];
        for (int j = 0; j < k; j++) {
            for (int w = 0; w < v; w++) t[j][w] = noise / v + (w / block == j ? (1 - noise) / block : 0);
        }
        return t;
    }

    /** Topics drawn from Dir(η), from {@code RandomStream.of(seed).fork(0)}. */
    public static double[][] dirichletTopics(int k, int v, double eta, long seed) {
        RandomStream rng = RandomStream.of(seed).fork(0);
        double[][] t = new double[k][];
        for (int j = 0; j < k; j++) t[j] = dirichlet(v, eta, rng);
        return t;
    }

    /**
     * D documents from the given topics.
     *
     * @param topics     K × V, rows are distributions; not modified
     * @param alpha      document–topic concentration &gt; 0
     * @param meanLength mean document length &gt; 0
     * @throws IllegalArgumentException for non-positive sizes or parameters
     */
    public static Corpus generate(double[][] topics, int d, double alpha, double meanLength, long seed) {
        if (d < 1) throw new IllegalArgumentException("SyntheticLda: D must be >= 1, got " + d);
        if (!(alpha > 0) || !(meanLength > 0))
            throw new IllegalArgumentException("SyntheticLda: alpha and meanLength must be > 0");
        int k = topics.length, v = topics[0].length;
        double[][] cum = new double[k][v];
        for (int j = 0; j < k; j++) {
            double c = 0;
            for (int w = 0; w < v; w++) cum[j][w] = c += topics[j][w];
        }
        RandomStream root = RandomStream.of(seed);
        List<Document> docs = new ArrayList<>(d);
        for (int i = 0; i < d; i++) docs.add(document(cum, alpha, meanLength, root.fork(1 + i)));
        return new Corpus(docs, topics, v);
    }

    /** Document i alone (the i-th of {@link #generate} with the same arguments): for generating corpora in parallel. */
    public static Document document(double[][] topics, int i, double alpha, double meanLength, long seed) {
        int k = topics.length, v = topics[0].length;
        double[][] cum = new double[k][v];
        for (int j = 0; j < k; j++) {
            double c = 0;
            for (int w = 0; w < v; w++) cum[j][w] = c += topics[j][w];
        }
        return document(cum, alpha, meanLength, RandomStream.of(seed).fork(1 + i));
    }

    private static Document document(double[][] cum, double alpha, double meanLength, RandomStream rng) {
        int k = cum.length, v = cum[0].length;
        double[] theta = dirichlet(k, alpha, rng);
        int n = Math.max(1, poisson(meanLength, rng));
        int[] tokens = new int[n];
        for (int t = 0; t < n; t++) {
            int z = pick(theta, rng.nextDouble());
            double u = rng.nextDouble() * cum[z][v - 1];
            int lo = 0, hi = v - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cum[z][mid] > u) hi = mid;
                else lo = mid + 1;
            }
            tokens[t] = lo;
        }
        return Document.ofTokens(tokens);
    }

    private static int pick(double[] p, double u) {
        double c = 0;
        for (int i = 0; i < p.length - 1; i++) if (u < (c += p[i])) return i;
        return p.length - 1;
    }

    /** Knuth's product of uniforms for small means, a rounded normal approximation above 500. */
    private static int poisson(double mean, RandomStream rng) {
        if (mean > 500) return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.nextGaussian()));
        double l = Math.exp(-mean), p = 1;
        int n = 0;
        do {
            n++;
            p *= rng.nextDouble();
        } while (p > l);
        return n - 1;
    }

    /** Dir(a,…,a) via normalised Gamma(a) draws (Marsaglia–Tsang, boosted by U^{1/a} when a &lt; 1). */
    static double[] dirichlet(int n, double a, RandomStream rng) {
        double[] x = new double[n];
        double s = 0;
        for (int i = 0; i < n; i++) s += x[i] = gamma(a, rng);
        if (s == 0) { // every draw underflowed (tiny a): put the mass on one coordinate at random
            x[rng.nextInt(n)] = 1;
            return x;
        }
        for (int i = 0; i < n; i++) x[i] /= s;
        return x;
    }

    private static double gamma(double a, RandomStream rng) {
        if (a < 1) return gamma(a + 1, rng) * Math.pow(rng.nextOpenUnit(), 1 / a);
        double d = a - 1.0 / 3, c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = rng.nextGaussian(), v = 1 + c * x;
            if (v <= 0) continue;
            v = v * v * v;
            double u = rng.nextOpenUnit();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
        }
    }
}
