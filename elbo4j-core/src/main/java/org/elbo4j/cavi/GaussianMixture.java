package org.elbo4j.cavi;

import org.elbo4j.random.RandomStream;

/**
 * The Bayesian Gaussian mixture with unknown means, precisions and weights, fitted by CAVI (Bishop, PRML §10.2):
 * \[ \pi\sim\mathrm{Dir}(\alpha_0),\quad (\mu_k,\Lambda_k)\sim\mathcal N(\mu_k\mid m_0,(\beta_0\Lambda_k)^{-1})\,
 *    \mathcal W(\Lambda_k\mid W_0,\nu_0),\quad z_n\sim\mathrm{Cat}(\pi),\quad x_n\mid z_n=k\sim\mathcal N(\mu_k,\Lambda_k^{-1}), \]
 * with full D × D precisions (Normal–Wishart, not Normal–Gamma per dimension), under the mean-field family
 * q(z) q(π) Π_k q(μ_k, Λ_k).
 *
 * <p><b>Sweep.</b> (1) q(z_n = k) ∝ exp(E[log π_k] + E[log N(x_n | μ_k, Λ_k⁻¹)]) (PRML (10.46)–(10.49));
 * (2) q(π) = Dir(α₀ + N) with N_k = Σ_n r_nk (10.58); (3) q(μ_k, Λ_k) = the Normal–Wishart update from the
 * weighted statistics N_k, x̄_k, N_k S_k (10.60)–(10.63). Each step maximises the ELBO over its factor.
 *
 * <p><b>ELBO</b> (PRML (10.70)–(10.77)):
 * Σ_nk r_nk (E[log π_k] + E[log N(x_n | μ_k, Λ_k⁻¹)]) + H[q(z)] + E[log p(π)] + H[q(π)]
 * + Σ_k (E[log p(μ_k, Λ_k)] + H[q(μ_k, Λ_k)]).
 *
 * <p><b>Initialisation.</b> k-means++ seeding from the restart's stream, hard assignments to the nearest seed,
 * then steps (2)–(3); so the initial ELBO is that of a proper q.
 *
 * <pre>{@code
 * double[][] x = {{-4, 0}, {-4.2, 0.3}, {4, 1}, {4.1, 0.8}, {0, 6}, {0.2, 5.9}};   // n × D points
 * GaussianMixture.Prior prior = GaussianMixture.defaultPrior(x, 3);
 * CaviFit<GaussianMixture> fit = Cavi.defaults().restarts(10).seed(1).run(rng -> GaussianMixture.init(x, prior, rng));
 * fit.state().weights().mean();  fit.state().component(0).loc();
 * }</pre>
 *
 * <blockquote>C. M. Bishop, <i>Pattern Recognition and Machine Learning</i>, Springer, 2006, §10.2.</blockquote>
 */
public final class GaussianMixture implements CaviState {

    /**
     * The prior: Dir(α₀) on the K weights and one Normal–Wishart shared by the components.
     *
     * @param weights Dir(α₀), its size is K
     * @param component NW(m₀, β₀, W₀, ν₀), its dimension is D
     */
    public record Prior(DirichletFactor weights, NormalWishartFactor component) {
        /** @throws NullPointerException if a part is null */
        public Prior {
            java.util.Objects.requireNonNull(weights, "weights");
            java.util.Objects.requireNonNull(component, "component");
        }

        /** @return K */
        public int k() {
            return weights.size();
        }
    }

    private final double[][] x;
    private final int n, d, k;
    private final Prior prior;
    private CategoricalFactor resp;
    private DirichletFactor qPi;
    private final NormalWishartFactor[] qComp;

    private GaussianMixture(double[][] x, Prior prior, int[] labels) {
        this.x = x;
        this.n = x.length;
        this.d = x[0].length;
        this.k = prior.k();
        this.prior = prior;
        this.qComp = new NormalWishartFactor[k];
        this.resp = CategoricalFactor.oneHot(labels, k);
        updateGlobals();
    }

    /**
     * A weakly informative, data-scaled default prior (the choice of scikit-learn's BayesianGaussianMixture, with a
     * flatter prior on the means): α₀ = 1 (uniform on the simplex), m₀ = the column means, β₀ = 0.01, ν₀ = D and
     * W₀⁻¹ = diag of the column variances, so E[Λ_k]⁻¹ = diag(var)/D a priori.
     *
     * @param x n × D points; not modified
     * @param k components, 1 ≤ K ≤ n
     * @return the prior
     * @throws IllegalArgumentException if the data are empty or not finite, K is out of range, or a column is constant
     */
    public static Prior defaultPrior(double[][] x, int k) {
        double[][] c = Data.checkPoints(x, k);
        int d = c[0].length;
        double[][] cov = Data.covariance(c);
        double[][] wInv = new double[d][d];
        for (int j = 0; j < d; j++) {
            if (!(cov[j][j] > 0)) {
                throw new IllegalArgumentException("points: column " + (j + 1) + " is constant (every value is "
                        + c[0][j] + "); the default prior scales the Wishart by the column variances");
            }
            wInv[j][j] = cov[j][j];
        }
        return new Prior(
                DirichletFactor.symmetric(k, 1.0),
                NormalWishartFactor.of(Data.columnMeans(c), 0.01, Dense.inverse(wInv, "W0^-1"), d));
    }

    /**
     * The initial state of one restart (class doc).
     *
     * @param x n × D points, finite; copied
     * @param prior the prior, with K ≤ n and dimension D
     * @param rng the restart's stream; advances
     * @return a fresh state
     * @throws IllegalArgumentException if the data are empty or not finite, K > n, or the prior's dimension is not D
     */
    public static GaussianMixture init(double[][] x, Prior prior, RandomStream rng) {
        double[][] c = Data.checkPoints(x, prior.k());
        if (prior.component().dim() != c[0].length) {
            throw new IllegalArgumentException("the prior has dimension "
                    + prior.component().dim() + " but the points have " + c[0].length + " columns");
        }
        return new GaussianMixture(c, prior, Seeding.kMeansPlusPlus(c, prior.k(), rng));
    }

    @Override
    public void sweep() {
        updateAssignments();
        updateGlobals();
    }

    /** Step (1): q(z) from the current q(π), q(μ, Λ). */
    private void updateAssignments() {
        double[] elogpi = qPi.meanLog();
        double[] logRho = new double[n * k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) logRho[i * k + j] = elogpi[j] + qComp[j].expectedLogLikelihood(x[i]);
        }
        resp = CategoricalFactor.fromLogPotentials(logRho, n, k);
    }

    /** Steps (2)–(3): q(π) and every q(μ_k, Λ_k) from the current q(z). */
    private void updateGlobals() {
        double[] nk = resp.counts();
        qPi = DirichletFactor.posterior(prior.weights(), nk);
        for (int j = 0; j < k; j++) {
            double[] mean = new double[d];
            double[][] scatter = new double[d][d];
            if (nk[j] > 0) {
                for (int i = 0; i < n; i++) {
                    double r = resp.prob(i, j);
                    for (int a = 0; a < d; a++) mean[a] += r * x[i][a];
                }
                for (int a = 0; a < d; a++) mean[a] /= nk[j];
                for (int i = 0; i < n; i++) {
                    double r = resp.prob(i, j);
                    if (r == 0) continue;
                    for (int a = 0; a < d; a++) {
                        double da = x[i][a] - mean[a];
                        for (int b = 0; b <= a; b++) scatter[a][b] += r * da * (x[i][b] - mean[b]);
                    }
                }
                for (int a = 0; a < d; a++) for (int b = 0; b < a; b++) scatter[b][a] = scatter[a][b];
            }
            qComp[j] = NormalWishartFactor.posterior(prior.component(), nk[j], mean, scatter);
        }
    }

    @Override
    public double elbo() {
        double[] elogpi = qPi.meanLog();
        double like = 0;
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < n; i++) {
                double r = resp.prob(i, j);
                if (r > 0) like += r * qComp[j].expectedLogLikelihood(x[i]);
            }
        }
        double l = like
                + resp.expectedLogProb(elogpi)
                + resp.entropy()
                + qPi.expectedLogProb(prior.weights())
                + qPi.entropy();
        for (int j = 0; j < k; j++) l += qComp[j].expectedLogProb(prior.component()) + qComp[j].entropy();
        return l;
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

    /** @return the prior */
    public Prior prior() {
        return prior;
    }

    /** @return q(π) */
    public DirichletFactor weights() {
        return qPi;
    }

    /** @return q(μ_j, Λ_j), 0-based j */
    public NormalWishartFactor component(int j) {
        return qComp[j];
    }

    /** @return q(z): the responsibilities r_nk */
    public CategoricalFactor assignments() {
        return resp;
    }
}
