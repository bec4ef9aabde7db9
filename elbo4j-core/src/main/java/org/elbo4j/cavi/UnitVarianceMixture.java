package org.elbo4j.cavi;

import org.elbo4j.random.RandomStream;

/**
 * The Bayesian mixture of unit-variance Gaussians of Blei, Kucukelbir &amp; McAuliffe (2017), §3:
 * \[ \mu_k\sim\mathcal N(m_0,\sigma^2 I),\quad c_i\sim\mathrm{Cat}(1/K,\dots,1/K),\quad
 *    x_i\mid c_i,\mu\sim\mathcal N(\mu_{c_i}, I), \]
 * with the mean-field family q(μ_k) = N(m_k, s_k² I), q(c_i) = Cat(φ_i). (The paper has m₀ = 0; here m₀ is a
 * parameter.)
 *
 * <p><b>Sweep</b> (the paper's (25)–(28), Algorithm 2): φ_ik ∝ exp(E[μ_k]ᵀx_i − E[μ_kᵀμ_k]/2), written as
 * exp(E[log N(x_i | μ_k, I)]) (equal up to a constant in k); then
 * s_k² = 1/(1/σ² + Σ_i φ_ik), m_k = s_k²(m₀/σ² + Σ_i φ_ik x_i) — the natural-parameter sum
 * (h, Λ) = (m₀/σ², I/σ²) + Σ_i φ_ik (x_i, I).
 *
 * <p><b>ELBO</b> (the paper's (21)): Σ_k E[log p(μ_k)] + Σ_i (E[log p(c_i)] + E[log p(x_i | c_i, μ)])
 * − Σ_i E[log q(c_i)] − Σ_k E[log q(μ_k)], with E[log p(c_i)] = −log K.
 *
 * <p><b>Initialisation.</b> k-means++ seeding, hard assignments, then the q(μ) update.
 *
 * <blockquote>D. M. Blei, A. Kucukelbir and J. D. McAuliffe, "Variational Inference: A Review for Statisticians",
 * JASA 112(518), 2017, §3.</blockquote>
 */
public final class UnitVarianceMixture implements CaviState {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final double[][] x, identity, priorPrecision;
    private final double[] priorLoc;
    private final int n, d, k;
    private final double sigma2;
    private CategoricalFactor resp;
    private final NormalFactor[] qMu;

    private UnitVarianceMixture(double[][] x, int k, double[] priorLoc, double sigma2, int[] labels) {
        this.x = x;
        this.n = x.length;
        this.d = x[0].length;
        this.k = k;
        this.priorLoc = priorLoc;
        this.sigma2 = sigma2;
        this.identity = Dense.scaledIdentity(d, 1);
        this.priorPrecision = Dense.scaledIdentity(d, 1 / sigma2);
        this.qMu = new NormalFactor[k];
        this.resp = CategoricalFactor.oneHot(labels, k);
        updateMeans();
    }

    /**
     * The initial state of one restart.
     *
     * @param x n × D points, finite; copied
     * @param k components, 1 ≤ K ≤ n
     * @param priorLoc m₀, length D; copied
     * @param priorScale σ > 0, the prior standard deviation of each coordinate of μ_k
     * @param rng the restart's stream; advances
     * @return a fresh state
     * @throws IllegalArgumentException if the data are empty or not finite, K is out of range, m₀ has the wrong length
     *     or σ is not > 0
     */
    public static UnitVarianceMixture init(
            double[][] x, int k, double[] priorLoc, double priorScale, RandomStream rng) {
        double[][] c = Data.checkPoints(x, k);
        double[] m0 = Dense.checkVector(priorLoc, c[0].length, "prior loc");
        double s = Dense.checkPositive(priorScale, "prior scale sigma");
        return new UnitVarianceMixture(c, k, m0, s * s, Seeding.kMeansPlusPlus(c, k, rng));
    }

    @Override
    public void sweep() {
        updateAssignments();
        updateMeans();
    }

    private void updateAssignments() {
        double[] logRho = new double[n * k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) logRho[i * k + j] = expectedLogLikelihood(j, x[i]);
        }
        resp = CategoricalFactor.fromLogPotentials(logRho, n, k);
    }

    /** E_q[log N(x | μ_j, I)] = −(D/2) log 2π − ½(‖x − m_j‖² + tr S_j). */
    private double expectedLogLikelihood(int j, double[] xi) {
        return -0.5 * d * LOG_2PI - 0.5 * qMu[j].expectedQuadratic(xi, identity);
    }

    private void updateMeans() {
        double[] nk = resp.counts();
        for (int j = 0; j < k; j++) {
            double[] h = new double[d];
            for (int a = 0; a < d; a++) h[a] = priorLoc[a] / sigma2;
            for (int i = 0; i < n; i++) {
                double r = resp.prob(i, j);
                for (int a = 0; a < d; a++) h[a] += r * x[i][a];
            }
            qMu[j] = NormalFactor.fromInformation(h, Dense.scaledIdentity(d, 1 / sigma2 + nk[j]));
        }
    }

    @Override
    public double elbo() {
        double l = resp.entropy() + resp.expectedLogProb(uniformLogWeights());
        for (int j = 0; j < k; j++) {
            l += qMu[j].expectedLogNormal(priorLoc, priorPrecision) + qMu[j].entropy();
            for (int i = 0; i < n; i++) {
                double r = resp.prob(i, j);
                if (r > 0) l += r * expectedLogLikelihood(j, x[i]);
            }
        }
        return l;
    }

    private double[] uniformLogWeights() {
        double[] w = new double[k];
        java.util.Arrays.fill(w, -Math.log(k));
        return w;
    }

    /** @return the number of points n */
    public int size() {
        return n;
    }

    /** @return the dimension D */
    public int dim() {
        return d;
    }

    /** @return the number of components K */
    public int components() {
        return k;
    }

    /** @return σ², the prior variance of each coordinate of μ_k */
    public double priorVariance() {
        return sigma2;
    }

    /** @return m₀; a copy */
    public double[] priorLoc() {
        return priorLoc.clone();
    }

    /** @return q(μ_j) = N(m_j, s_j² I), 0-based j */
    public NormalFactor mean(int j) {
        return qMu[j];
    }

    /** @return q(c): the responsibilities φ_ik */
    public CategoricalFactor assignments() {
        return resp;
    }
}
