package org.elbo4j.cavi.lda;

import org.elbo4j.random.RandomStream;

/**
 * The global state of LDA by stochastic variational inference: the topics' variational parameters λ (q(β_k) =
 * Dir(λ_k)), the hyper-parameters and the number of natural-gradient steps taken. The one mutable object of the
 * algorithm; {@link #copy()} and {@code restore} make it a value for checkpoints.
 *
 * <p>A step (Hoffman, Blei, Wang &amp; Paisley 2013, Algorithm 2) with the minibatch's sufficient statistics
 * s_kw = Σ_{d∈B} n_dw φ_dwk, the minibatch size |B| and the corpus size D:
 * \[ \hat\lambda = \eta + \frac{D}{|B|}\, s, \qquad \lambda \leftarrow (1-\rho_t)\,\lambda + \rho_t\,\hat\lambda,
 *    \qquad \rho_t = (\tau_0 + t)^{-\kappa}, \]
 * which is a natural-gradient step of size ρ_t on the ELBO, since the natural gradient is λ̂ − λ.
 *
 * <blockquote>M. D. Hoffman, D. M. Blei, C. Wang, J. Paisley. Stochastic variational inference. JMLR 14,
 * 2013.</blockquote>
 */
public final class LdaTopics {
    private final double[][] lambda;
    private final double alpha, eta, tau0, kappa;
    private long step;

    private LdaTopics(double[][] lambda, double alpha, double eta, double tau0, double kappa, long step) {
        this.lambda = lambda;
        this.alpha = alpha;
        this.eta = eta;
        this.tau0 = tau0;
        this.kappa = kappa;
        this.step = step;
    }

    /**
     * Topics initialised as Hoffman's and MLlib's online LDA: λ_kw ~ Gamma(100, 1/100), i.e. near 1 with a
     * 10% spread, which breaks the symmetry between topics.
     *
     * @param k     topics ≥ 1
     * @param v     vocabulary size ≥ 1
     * @param rng   advanced (K·V gamma draws). Modified.
     * @throws IllegalArgumentException if a size is below 1 or a hyper-parameter is outside its domain (named)
     */
    public static LdaTopics init(int k, int v, double alpha, double eta, double tau0, double kappa, RandomStream rng) {
        if (k < 1) throw new IllegalArgumentException("LDA: the number of topics must be >= 1, got " + k);
        if (v < 1) throw new IllegalArgumentException("LDA: the vocabulary size must be >= 1, got " + v);
        checkHyper(alpha, eta, tau0, kappa);
        double[][] l = new double[k][v];
        for (double[] row : l) for (int w = 0; w < v; w++) row[w] = gamma100(rng);
        return new LdaTopics(l, alpha, eta, tau0, kappa, 0);
    }

    /**
     * Topics from given λ and step count (a resumed run, or another implementation's topics to evaluate).
     *
     * @param lambda K × V, positive and finite; copied
     * @throws IllegalArgumentException naming the entry that is not positive and finite, or a bad hyper-parameter
     */
    public static LdaTopics of(double[][] lambda, double alpha, double eta, double tau0, double kappa, long step) {
        checkHyper(alpha, eta, tau0, kappa);
        if (step < 0) throw new IllegalArgumentException("LDA: step must be >= 0, got " + step);
        if (lambda.length == 0 || lambda[0].length == 0) throw new IllegalArgumentException("LDA: λ is empty");
        double[][] l = new double[lambda.length][];
        for (int k = 0; k < lambda.length; k++) {
            if (lambda[k].length != lambda[0].length)
                throw new IllegalArgumentException(
                        "LDA: λ row " + k + " has length " + lambda[k].length + ", row 0 has " + lambda[0].length);
            for (int w = 0; w < lambda[k].length; w++) {
                if (!(lambda[k][w] > 0) || Double.isInfinite(lambda[k][w])) {
                    throw new IllegalArgumentException(
                            "LDA: λ[" + k + "][" + w + "] = " + lambda[k][w] + " is not positive and finite");
                }
            }
            l[k] = lambda[k].clone();
        }
        return new LdaTopics(l, alpha, eta, tau0, kappa, step);
    }

    private static void checkHyper(double alpha, double eta, double tau0, double kappa) {
        if (!(alpha > 0) || Double.isInfinite(alpha))
            throw new IllegalArgumentException("LDA: alpha must be > 0 and finite, got " + alpha);
        if (!(eta > 0) || Double.isInfinite(eta))
            throw new IllegalArgumentException("LDA: eta must be > 0 and finite, got " + eta);
        // ρ_0 = τ₀^(−κ) must not exceed 1, or the first step would give λ a negative weight
        if (!(tau0 >= 1) || Double.isInfinite(tau0))
            throw new IllegalArgumentException("LDA: tau0 must be >= 1 and finite, got " + tau0);
        // Robbins–Monro: Σρ = ∞ and Σρ² < ∞ need κ ∈ (0.5, 1]
        if (!(kappa > 0.5 && kappa <= 1))
            throw new IllegalArgumentException("LDA: kappa must be in (0.5, 1], got " + kappa);
    }

    /** Marsaglia–Tsang for Gamma(100, 1/100): d = 100 − 1/3, c = 1/√(9d). */
    private static double gamma100(RandomStream rng) {
        double d = 100 - 1.0 / 3, c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = rng.nextGaussian(), v = 1 + c * x;
            if (v <= 0) continue;
            v = v * v * v;
            double u = rng.nextOpenUnit();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v / 100;
        }
    }

    /** ρ_t = (τ₀ + t)^(−κ) for the next step t (0-based count of steps taken). */
    public double rho() {
        return Math.pow(tau0 + step, -kappa);
    }

    /**
     * One natural-gradient step: λ ← (1 − ρ_t) λ + ρ_t (η + D/|B| · s), then t ← t + 1.
     *
     * @param sstats     K × V minibatch sufficient statistics; not modified
     * @param batchDocs  |B| ≥ 1, the number of documents the statistics came from
     * @param corpusDocs D ≥ |B|
     * @throws IllegalArgumentException if the sizes are inconsistent or a statistic is negative or not finite
     *                                  (nothing is changed then)
     */
    public void update(double[][] sstats, long batchDocs, long corpusDocs) {
        if (batchDocs < 1 || corpusDocs < batchDocs) {
            throw new IllegalArgumentException(
                    "LDA step: need 1 <= batch size <= corpus size, got " + batchDocs + " and " + corpusDocs);
        }
        if (sstats.length != lambda.length || sstats[0].length != lambda[0].length) {
            throw new IllegalArgumentException("LDA step: statistics are " + sstats.length + " × " + sstats[0].length
                    + ", topics are " + lambda.length + " × " + lambda[0].length);
        }
        for (int k = 0; k < sstats.length; k++) {
            for (int w = 0; w < sstats[k].length; w++) {
                if (!(sstats[k][w] >= 0) || Double.isInfinite(sstats[k][w])) {
                    throw new IllegalArgumentException("LDA step: statistic [" + k + "][" + w + "] = " + sstats[k][w]);
                }
            }
        }
        double rho = rho(), scale = (double) corpusDocs / batchDocs;
        for (int k = 0; k < lambda.length; k++) {
            double[] l = lambda[k], s = sstats[k];
            for (int w = 0; w < l.length; w++) l[w] = (1 - rho) * l[w] + rho * (eta + scale * s[w]);
        }
        step++;
    }

    /** exp E[log β] for the local steps; K × V, new. */
    public double[][] expElogBeta() {
        return LocalStep.expElogBeta(lambda);
    }

    /** E[β_k] = λ_k / Σ_w λ_kw, the topics' posterior means; K × V, new. */
    public double[][] topicMeans() {
        double[][] b = new double[lambda.length][];
        for (int k = 0; k < lambda.length; k++) {
            double s = 0;
            for (double x : lambda[k]) s += x;
            b[k] = new double[lambda[k].length];
            for (int w = 0; w < b[k].length; w++) b[k][w] = lambda[k][w] / s;
        }
        return b;
    }

    /**
     * The {@code n} words of highest E[β_kw] in topic k, most probable first (ties: lower id first).
     *
     * @throws IndexOutOfBoundsException if k is not a topic
     */
    public int[] topWords(int k, int n) {
        double[] row = lambda[k];
        Integer[] idx = new Integer[row.length];
        for (int w = 0; w < idx.length; w++) idx[w] = w;
        java.util.Arrays.sort(idx, (a, b) -> row[a] != row[b] ? Double.compare(row[b], row[a]) : Integer.compare(a, b));
        int m = Math.min(n, row.length);
        int[] out = new int[m];
        for (int i = 0; i < m; i++) out[i] = idx[i];
        return out;
    }

    /** λ (a copy), K × V. */
    public double[][] lambda() {
        double[][] c = new double[lambda.length][];
        for (int k = 0; k < c.length; k++) c[k] = lambda[k].clone();
        return c;
    }

    /** λ_kw without a copy of the matrix. */
    public double lambda(int k, int w) {
        return lambda[k][w];
    }

    /** A deep copy (a checkpoint of the state). */
    public LdaTopics copy() {
        return new LdaTopics(lambda(), alpha, eta, tau0, kappa, step);
    }

    /** Number of topics K. */
    public int topics() {
        return lambda.length;
    }

    /** Vocabulary size V. */
    public int vocabularySize() {
        return lambda[0].length;
    }

    /** The document–topic concentration α. */
    public double alpha() {
        return alpha;
    }

    /** The topic–word concentration η. */
    public double eta() {
        return eta;
    }

    /** The delay τ₀. */
    public double tau0() {
        return tau0;
    }

    /** The forgetting rate κ. */
    public double kappa() {
        return kappa;
    }

    /** The number of steps taken. */
    public long step() {
        return step;
    }
}
