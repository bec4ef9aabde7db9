package org.elbo4j.cavi;

import org.elbo4j.distributions.Gamma;
import org.elbo4j.math.Special;
import org.elbo4j.random.RandomStream;

/**
 * A Dirichlet factor q(π) = Dir(π | α) over the K-simplex with concentrations α_k > 0 (often written α,
 * {@code concentration}), as a variational factor or a prior:
 * \[ \log q(\pi) = \log C(\alpha) + \sum_k (\alpha_k - 1)\log\pi_k, \qquad
 *    \log C(\alpha) = \log\Gamma(\hat\alpha) - \sum_k \log\Gamma(\alpha_k),\ \hat\alpha = \sum_k\alpha_k. \]
 *
 * <p><b>Exponential family.</b> T(π) = (log π_k)_k, η = α − 1; E[log π_k] = ψ(α_k) − ψ(α̂). The conjugate
 * update under categorical assignments with expected counts N_k is α_k = α₀ₖ + N_k ({@link #posterior}).
 *
 * <p><b>ELBO terms.</b> E_q[log Dir(π | α₀)] = log C(α₀) + Σ_k (α₀ₖ − 1) E[log π_k];
 * H[q] = −log C(α) + (α̂ − K) ψ(α̂) − Σ_k (α_k − 1) ψ(α_k).
 *
 * <pre>{@code
 * DirichletFactor prior = DirichletFactor.symmetric(3, 1.0);
 * DirichletFactor q = DirichletFactor.posterior(prior, resp.counts());
 * double[] elogpi = q.meanLog();
 * }</pre>
 */
public final class DirichletFactor {
    private final double[] alpha;

    private DirichletFactor(double[] alpha) {
        this.alpha = alpha;
    }

    /**
     * @param concentration α, length K ≥ 1, entries > 0; copied
     * @return Dir(α)
     * @throws IllegalArgumentException if K = 0 or an entry is not > 0 and finite
     */
    public static DirichletFactor of(double[] concentration) {
        if (concentration == null || concentration.length == 0) {
            throw new IllegalArgumentException("Dirichlet concentration must have length >= 1");
        }
        double[] a = concentration.clone();
        for (int k = 0; k < a.length; k++) Dense.checkPositive(a[k], "Dirichlet concentration[" + (k + 1) + "]");
        return new DirichletFactor(a);
    }

    /** @return Dir(α₀, …, α₀) over K categories. @throws IllegalArgumentException if K &lt; 1 or α₀ is not &gt; 0 */
    public static DirichletFactor symmetric(int k, double alpha0) {
        if (k < 1) throw new IllegalArgumentException("Dirichlet: number of categories must be >= 1, got " + k);
        double[] a = new double[k];
        java.util.Arrays.fill(a, alpha0);
        return of(a);
    }

    /**
     * The conjugate update α_k = α₀ₖ + N_k.
     *
     * @param prior Dir(α₀); not modified
     * @param counts expected counts N_k ≥ 0, length K; not modified
     * @return Dir(α₀ + N)
     * @throws IllegalArgumentException if the lengths differ or a count is negative or not finite
     */
    public static DirichletFactor posterior(DirichletFactor prior, double[] counts) {
        double[] a = Dense.checkVector(counts, prior.alpha.length, "Dirichlet counts");
        for (int k = 0; k < a.length; k++) {
            if (!(a[k] >= 0))
                throw new IllegalArgumentException("Dirichlet counts[" + (k + 1) + "] must be >= 0, got " + a[k]);
            a[k] += prior.alpha[k];
        }
        return of(a);
    }

    /** @return K */
    public int size() {
        return alpha.length;
    }

    /** @return α; a copy */
    public double[] concentration() {
        return alpha.clone();
    }

    /** @return E[π] = α/α̂; new */
    public double[] mean() {
        double s = sum(alpha);
        double[] p = new double[alpha.length];
        for (int k = 0; k < p.length; k++) p[k] = alpha[k] / s;
        return p;
    }

    /** @return Var[π_k] = α_k(α̂ − α_k)/(α̂²(α̂ + 1)); new */
    public double[] variance() {
        double s = sum(alpha);
        double[] v = new double[alpha.length];
        for (int k = 0; k < v.length; k++) v[k] = alpha[k] * (s - alpha[k]) / (s * s * (s + 1));
        return v;
    }

    /** @return E[log π_k] = ψ(α_k) − ψ(α̂); new */
    public double[] meanLog() {
        double ps = Special.digamma(sum(alpha));
        double[] e = new double[alpha.length];
        for (int k = 0; k < e.length; k++) e[k] = Special.digamma(alpha[k]) - ps;
        return e;
    }

    /** @return log C(α) = log Γ(α̂) − Σ log Γ(α_k) */
    public double logNormalizer() {
        double s = Special.lgamma(sum(alpha));
        for (double a : alpha) s -= Special.lgamma(a);
        return s;
    }

    /** @return H[q] = −log C(α) + (α̂ − K) ψ(α̂) − Σ (α_k − 1) ψ(α_k) */
    public double entropy() {
        double s = sum(alpha);
        double h = -logNormalizer() + (s - alpha.length) * Special.digamma(s);
        for (double a : alpha) h -= (a - 1) * Special.digamma(a);
        return h;
    }

    /**
     * E_q[log Dir(π | α₀)].
     *
     * @param p Dir(α₀) with the same K; not modified
     * @return log C(α₀) + Σ (α₀ₖ − 1) E_q[log π_k]
     * @throws IllegalArgumentException if the sizes differ
     */
    public double expectedLogProb(DirichletFactor p) {
        requireSameSize(p);
        double[] el = meanLog();
        double s = p.logNormalizer();
        for (int k = 0; k < el.length; k++) s += (p.alpha[k] - 1) * el[k];
        return s;
    }

    /** @return KL(q ‖ p) = −E_q[log p] − H[q] */
    public double kl(DirichletFactor p) {
        return -expectedLogProb(p) - entropy();
    }

    /** @return log q(π) for π on the simplex (length K; not checked to sum to 1) */
    public double logDensity(double[] pi) {
        double s = logNormalizer();
        for (int k = 0; k < alpha.length; k++) s += (alpha[k] - 1) * Math.log(pi[k]);
        return s;
    }

    /** @return one draw, normalised independent Gamma(α_k, 1) draws; the stream advances */
    public double[] sample(RandomStream rng) {
        double[] g = new double[alpha.length];
        double s = 0;
        for (int k = 0; k < g.length; k++) {
            g[k] = Gamma.of(alpha[k], 1).sample(rng).item();
            s += g[k];
        }
        for (int k = 0; k < g.length; k++) g[k] /= s;
        return g;
    }

    private void requireSameSize(DirichletFactor p) {
        if (p.alpha.length != alpha.length) {
            throw new IllegalArgumentException("Dirichlet sizes differ: " + alpha.length + " vs " + p.alpha.length);
        }
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s;
    }

    @Override
    public String toString() {
        return "Dirichlet(concentration=" + java.util.Arrays.toString(alpha) + ")";
    }
}
