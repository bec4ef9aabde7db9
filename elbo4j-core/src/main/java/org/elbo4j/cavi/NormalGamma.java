package org.elbo4j.cavi;

import org.elbo4j.math.Special;

/**
 * The Normal–Gamma distribution over coefficients w ∈ ℝᴰ and a precision τ > 0,
 * p(w, τ) = N(w | m, (τΛ)⁻¹) · Gamma(τ | a, b), with mean m ({@code loc}), precision matrix Λ (positive
 * definite), shape a and rate b: the conjugate prior of Bayesian linear regression with unknown noise
 * precision, y | w, τ ~ N(Xw, τ⁻¹I). The prior scale of w is tied to the noise: sd(w_j | τ) = (τΛ_jj)^{−1/2}
 * when Λ is diagonal.
 *
 * <p><b>Exact posterior</b> (Bishop PRML ex. 3.12; Murphy 2012 §7.6.3): after n observations,
 * Λₙ = Λ + XᵀX, mₙ = Λₙ⁻¹(Λm + Xᵀy), aₙ = a + n/2,
 * bₙ = b + ½(‖y − Xmₙ‖² + (mₙ − m)ᵀΛ(mₙ − m)) (the residual form of b + ½(yᵀy + mᵀΛm − mₙᵀΛₙmₙ), which does not
 * cancel). The marginal of w is a multivariate Student t with 2aₙ degrees of freedom, mean mₙ and covariance
 * (bₙ/(aₙ − 1)) Λₙ⁻¹; the log evidence is
 * log p(y) = −(n/2) log 2π + ½ log|Λ| − ½ log|Λₙ| + a log b − aₙ log bₙ + log Γ(aₙ) − log Γ(a).
 *
 * <p><b>ELBO term</b> under a mean-field q(w) q(τ) ({@link #expectedLogProb}):
 * E[log p(w, τ)] = (D/2)E[log τ] + ½ log|Λ| − (D/2) log 2π − ½E[τ] E_q[(w − m)ᵀΛ(w − m)] + E_q[log Gamma(τ | a, b)].
 *
 * <blockquote>K. P. Murphy, <i>Machine Learning: A Probabilistic Perspective</i>, MIT Press, 2012, §7.6.3.
 * C. M. Bishop, <i>Pattern Recognition and Machine Learning</i>, Springer, 2006, §10.1.3 and ex. 3.12.</blockquote>
 */
public final class NormalGamma {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final double[] m;
    private final double[][] lambda;
    private final double a, b, logDetLambda;

    private NormalGamma(double[] m, double[][] lambda, double a, double b) {
        this.m = m;
        this.lambda = lambda;
        this.a = a;
        this.b = b;
        this.logDetLambda = Dense.logDet(lambda, "Normal-Gamma precision");
    }

    /**
     * @param loc m, length D ≥ 1; copied
     * @param precision Λ, D × D symmetric positive definite; copied
     * @param concentration a > 0
     * @param rate b > 0
     * @return NG(m, Λ, a, b)
     * @throws IllegalArgumentException if a value is not finite, a shape disagrees, Λ is not positive definite, or
     *     a, b are not > 0
     */
    public static NormalGamma of(double[] loc, double[][] precision, double concentration, double rate) {
        if (loc == null || loc.length == 0)
            throw new IllegalArgumentException("Normal-Gamma loc must have length >= 1");
        int d = loc.length;
        return new NormalGamma(
                Dense.checkVector(loc, d, "Normal-Gamma loc"),
                Dense.checkSymmetric(precision, d, "Normal-Gamma precision"),
                Dense.checkPositive(concentration, "Normal-Gamma concentration"),
                Dense.checkPositive(rate, "Normal-Gamma rate"));
    }

    /** @return NG(0, λI, a, b) in D dimensions. @throws IllegalArgumentException as {@link #of} */
    public static NormalGamma isotropic(int d, double lambda, double concentration, double rate) {
        if (d < 1) throw new IllegalArgumentException("Normal-Gamma dimension must be >= 1, got " + d);
        return of(
                new double[d],
                Dense.scaledIdentity(d, Dense.checkPositive(lambda, "Normal-Gamma precision")),
                concentration,
                rate);
    }

    /**
     * The exact posterior given a design X and responses y (class doc).
     *
     * @param x n × D (rows are observations); not modified
     * @param y length n; not modified
     * @return NG(mₙ, Λₙ, aₙ, bₙ)
     * @throws IllegalArgumentException if the shapes disagree
     */
    public NormalGamma posterior(double[][] x, double[] y) {
        int n = y.length, d = m.length;
        if (x.length != n)
            throw new IllegalArgumentException("X has " + x.length + " rows but y has " + n + " entries");
        Data.Moments s = Data.moments(x, y, d);
        double[][] lamN = new double[d][d];
        for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) lamN[i][j] = lambda[i][j] + s.xtx()[i][j];
        double[] h = Dense.times(lambda, m);
        for (int i = 0; i < d; i++) h[i] += s.xty()[i];
        double[] mN = Dense.solveCholesky(Dense.cholesky(lamN, "posterior precision Λ + XᵀX"), h);
        double rss = Data.residualSumOfSquares(x, y, mN);
        return new NormalGamma(mN, lamN, a + 0.5 * n, b + 0.5 * (rss + Dense.quadForm(mN, m, lambda)));
    }

    /**
     * log p(y) = log ∫ p(y | w, τ) p(w, τ) dw dτ, with this as the prior and {@code posterior} from
     * {@link #posterior}(X, y).
     *
     * @param posterior the exact posterior after the n observations
     * @param n the number of observations
     * @return the log evidence (class doc)
     */
    public double logEvidence(NormalGamma posterior, int n) {
        return -0.5 * n * LOG_2PI
                + 0.5 * logDetLambda
                - 0.5 * posterior.logDetLambda
                + a * Math.log(b)
                - posterior.a * Math.log(posterior.b)
                + Special.lgamma(posterior.a)
                - Special.lgamma(a);
    }

    /** @return D */
    public int dim() {
        return m.length;
    }

    /** @return m = E[w]; a copy */
    public double[] loc() {
        return m.clone();
    }

    /** @return Λ; a copy */
    public double[][] precision() {
        return Dense.copy(lambda);
    }

    /** @return a */
    public double concentration() {
        return a;
    }

    /** @return b */
    public double rate() {
        return b;
    }

    /** @return the marginal of τ, Gamma(a, b) */
    public GammaFactor tau() {
        return GammaFactor.of(a, b);
    }

    /**
     * The marginal covariance of w, (b/(a − 1)) Λ⁻¹ (Student t with 2a degrees of freedom).
     *
     * @return D × D; new
     * @throws IllegalStateException if a ≤ 1 (the variance is infinite)
     */
    public double[][] marginalCovariance() {
        if (!(a > 1))
            throw new IllegalStateException("the marginal variance of w is infinite when a <= 1 (a = " + a + ")");
        double[][] c = Dense.inverse(lambda, "Normal-Gamma precision");
        for (double[] row : c) for (int j = 0; j < row.length; j++) row[j] *= b / (a - 1);
        return c;
    }

    /**
     * E_{q(w) q(τ)}[log p(w, τ)] (class doc).
     *
     * @param qw q(w), dimension D; not modified
     * @param qTau q(τ); not modified
     * @return the expected log prior density
     * @throws IllegalArgumentException if qw's dimension is not D
     */
    public double expectedLogProb(NormalFactor qw, GammaFactor qTau) {
        int d = m.length;
        if (qw.dim() != d) throw new IllegalArgumentException("q(w) has dimension " + qw.dim() + ", the prior " + d);
        return 0.5 * d * qTau.meanLog()
                + 0.5 * logDetLambda
                - 0.5 * d * LOG_2PI
                - 0.5 * qTau.mean() * qw.expectedQuadratic(m, lambda)
                + qTau.expectedLogProb(tau());
    }

    /** @return log p(w, τ) = log N(w | m, (τΛ)⁻¹) + log Gamma(τ | a, b); −∞ for τ ≤ 0 */
    public double logDensity(double[] w, double tau) {
        if (!(tau > 0)) return Double.NEGATIVE_INFINITY;
        int d = m.length;
        return 0.5 * d * Math.log(tau)
                + 0.5 * logDetLambda
                - 0.5 * d * LOG_2PI
                - 0.5 * tau * Dense.quadForm(w, m, lambda)
                + tau().logDensity(tau);
    }

    @Override
    public String toString() {
        return "NormalGamma(loc=" + java.util.Arrays.toString(m) + ", precision="
                + java.util.Arrays.deepToString(lambda) + ", concentration=" + a + ", rate=" + b + ")";
    }
}
