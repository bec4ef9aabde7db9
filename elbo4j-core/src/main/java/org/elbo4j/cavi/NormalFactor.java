package org.elbo4j.cavi;

import org.elbo4j.random.RandomStream;

/**
 * A D-dimensional Gaussian factor q(w) = N(w | m, S) with mean m (often written μ, {@code loc}) and covariance S,
 * as a variational factor or a prior:
 * \[ \log q(w) = -\tfrac D2\log 2\pi - \tfrac12\log|S| - \tfrac12 (w-m)^\top S^{-1}(w-m), \quad w\in\mathbb R^D. \]
 *
 * <p><b>Exponential family.</b> Sufficient statistics T(w) = (w, wwᵀ), natural parameters
 * η = (Λm, −½Λ) with precision Λ = S⁻¹; this class takes them in information form (h = Λm, Λ)
 * ({@link #fromInformation}). Expected sufficient statistics E[w] = m, E[wwᵀ] = S + mmᵀ.
 *
 * <p><b>ELBO terms.</b> For a Gaussian density N(w | a, P⁻¹) with fixed a and precision P,
 * E_q[(w − a)ᵀP(w − a)] = (m − a)ᵀP(m − a) + tr(PS) and
 * E_q[log N(w | a, P⁻¹)] = −(D/2) log 2π + ½ log|P| − ½ E_q[(w − a)ᵀP(w − a)]; entropy
 * H[q] = (D/2)(1 + log 2π) + ½ log|S|. The same expectation read the other way round is the expected
 * log-likelihood of a fixed observation x under a Gaussian whose mean w has factor q.
 *
 * <pre>{@code
 * NormalFactor q = NormalFactor.fromInformation(h, lambda);      // q ∝ exp(hᵀw − ½wᵀΛw)
 * double e = q.expectedLogNormal(priorLoc, priorPrecision) + q.entropy();
 * }</pre>
 */
public final class NormalFactor {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final double[] m;
    private final double[][] s, scaleTril;
    private final double logDetCov;

    private NormalFactor(double[] m, double[][] s, double[][] scaleTril) {
        this.m = m;
        this.s = s;
        this.scaleTril = scaleTril;
        this.logDetCov = Dense.logDetFromCholesky(scaleTril);
    }

    /**
     * @param loc m, length D ≥ 1; copied
     * @param covariance S, D × D symmetric positive definite; copied
     * @return N(m, S)
     * @throws IllegalArgumentException if a value is not finite, the shapes disagree, or S is not positive definite
     */
    public static NormalFactor of(double[] loc, double[][] covariance) {
        if (loc == null || loc.length == 0) throw new IllegalArgumentException("Normal loc must have length >= 1");
        int d = loc.length;
        double[][] s = Dense.checkSymmetric(covariance, d, "Normal covariance");
        return new NormalFactor(Dense.checkVector(loc, d, "Normal loc"), s, Dense.cholesky(s, "Normal covariance"));
    }

    /**
     * From the information form (natural parameters η₁ = h, η₂ = −½Λ): mean Λ⁻¹h, covariance Λ⁻¹.
     *
     * @param h Λm, length D; not modified
     * @param precision Λ, D × D symmetric positive definite; not modified
     * @return N(Λ⁻¹h, Λ⁻¹)
     * @throws IllegalArgumentException if a value is not finite or Λ is not positive definite
     */
    public static NormalFactor fromInformation(double[] h, double[][] precision) {
        if (h == null || h.length == 0)
            throw new IllegalArgumentException("Normal information vector must have length >= 1");
        int d = h.length;
        double[][] lam = Dense.checkSymmetric(precision, d, "Normal precision");
        double[][] l = Dense.cholesky(lam, "Normal precision");
        double[] mean = Dense.solveCholesky(l, Dense.checkVector(h, d, "Normal information vector"));
        double[][] cov = Dense.inverseFromCholesky(l);
        return new NormalFactor(mean, cov, Dense.cholesky(cov, "Normal covariance"));
    }

    /** @return D */
    public int dim() {
        return m.length;
    }

    /** @return E[w] = m; a copy */
    public double[] mean() {
        return m.clone();
    }

    /** @return m_i (0-based) */
    public double mean(int i) {
        return m[i];
    }

    /** @return S; a copy */
    public double[][] covariance() {
        return Dense.copy(s);
    }

    /** @return S_ii, the marginal variance of w_i (0-based) */
    public double variance(int i) {
        return s[i][i];
    }

    /** @return E[wwᵀ] = S + mmᵀ, D × D; new */
    public double[][] secondMoment() {
        int d = m.length;
        double[][] e = Dense.copy(s);
        for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) e[i][j] += m[i] * m[j];
        return e;
    }

    /** @return log|S| */
    public double logDetCovariance() {
        return logDetCov;
    }

    /** @return H[q] = (D/2)(1 + log 2π) + ½ log|S| */
    public double entropy() {
        return 0.5 * m.length * (1 + LOG_2PI) + 0.5 * logDetCov;
    }

    /**
     * E_q[(w − a)ᵀP(w − a)] = (m − a)ᵀP(m − a) + tr(PS).
     *
     * @param a length D; not modified
     * @param p D × D (symmetric); not modified
     * @return the expected quadratic form
     */
    public double expectedQuadratic(double[] a, double[][] p) {
        return Dense.quadForm(m, a, p) + Dense.traceOfProduct(p, s);
    }

    /**
     * E_q[log N(w | a, P⁻¹)] = −(D/2) log 2π + ½ log|P| − ½ E_q[(w − a)ᵀP(w − a)].
     *
     * @param a the Gaussian's mean (or a fixed observation), length D; not modified
     * @param p its precision, D × D symmetric positive definite; not modified
     * @return the expected log density
     * @throws IllegalArgumentException if P is not positive definite
     */
    public double expectedLogNormal(double[] a, double[][] p) {
        return -0.5 * m.length * LOG_2PI + 0.5 * Dense.logDet(p, "precision") - 0.5 * expectedQuadratic(a, p);
    }

    /** @return log q(w) for w of length D */
    public double logDensity(double[] w) {
        double[] z = new double[m.length]; // z = L⁻¹(w − m), so (w − m)ᵀS⁻¹(w − m) = ‖z‖²
        double q = 0;
        for (int i = 0; i < z.length; i++) {
            double t = w[i] - m[i];
            for (int k = 0; k < i; k++) t -= scaleTril[i][k] * z[k];
            z[i] = t / scaleTril[i][i];
            q += z[i] * z[i];
        }
        return -0.5 * m.length * LOG_2PI - 0.5 * logDetCov - 0.5 * q;
    }

    /** @return one draw m + Lε, ε ~ N(0, I), L = chol(S); the stream advances */
    public double[] sample(RandomStream rng) {
        double[] e = new double[m.length];
        rng.fillGaussian(e, 0, e.length);
        double[] w = Dense.lowerTimes(scaleTril, e);
        for (int i = 0; i < w.length; i++) w[i] += m[i];
        return w;
    }

    @Override
    public String toString() {
        return "Normal(loc=" + java.util.Arrays.toString(m) + ", covariance=" + java.util.Arrays.deepToString(s) + ")";
    }
}
