package org.elbo4j.cavi;

import org.elbo4j.math.Special;
import org.elbo4j.random.RandomStream;

/**
 * A Normal–Wishart factor over a Gaussian's mean μ ∈ ℝᴰ and precision Λ (D × D, positive definite),
 * q(μ, Λ) = N(μ | m, (βΛ)⁻¹) · W(Λ | W, ν), with mean m, scale β > 0, scale matrix W (positive definite) and
 * degrees of freedom ν > D − 1 (Bishop, PRML (2.157), (B.78)):
 * \[ \log\mathcal W(\Lambda\mid W,\nu) = \log B(W,\nu) + \tfrac{\nu-D-1}{2}\log|\Lambda| - \tfrac12\operatorname{tr}(W^{-1}\Lambda), \]
 * \[ \log B(W,\nu) = -\tfrac\nu2\log|W| - \tfrac{\nu D}{2}\log 2 - \log\Gamma_D(\nu/2),\quad
 *    \Gamma_D(x) = \pi^{D(D-1)/4}\textstyle\prod_{i=1}^D\Gamma(x + (1-i)/2). \]
 *
 * <p><b>Expected statistics</b> (PRML (10.64)–(10.65)): E[Λ] = νW,
 * E[log|Λ|] = Σ_{i=1}^D ψ((ν + 1 − i)/2) + D log 2 + log|W|, and
 * E[(x − μ)ᵀΛ(x − μ)] = D/β + ν(x − m)ᵀW(x − m).
 *
 * <p><b>Conjugate update</b> (PRML (10.60)–(10.63)), from weighted statistics N = Σ r_n, x̄ = Σ r_n x_n / N,
 * N S = Σ r_n (x_n − x̄)(x_n − x̄)ᵀ: β = β₀ + N, m = (β₀m₀ + N x̄)/β,
 * W⁻¹ = W₀⁻¹ + N S + β₀N/(β₀ + N) (x̄ − m₀)(x̄ − m₀)ᵀ, ν = ν₀ + N. This is the natural-parameter sum
 * (β, βm, W⁻¹ + βmmᵀ, ν) = prior + (N, Σ r x, Σ r xxᵀ, N) written with centred statistics, which loses no
 * precision when the data sit far from the origin.
 *
 * <p><b>ELBO terms</b> (PRML (10.71), (10.74), (10.77)): {@link #expectedLogProb} (E_q[log NW(μ, Λ | prior)]),
 * {@link #entropy}, and {@link #expectedLogLikelihood} (E_q[log N(x | μ, Λ⁻¹)] of a data point).
 *
 * <blockquote>C. M. Bishop, <i>Pattern Recognition and Machine Learning</i>, Springer, 2006, §10.2 and
 * Appendix B.</blockquote>
 */
public final class NormalWishartFactor {
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private static final double LOG_PI = Math.log(Math.PI);

    private final double[] m;
    private final double beta, nu;
    private final double[][] w, wInv, wTril;
    private final double logDetW, meanLogDetLambda;

    private NormalWishartFactor(double[] m, double beta, double[][] w, double nu) {
        this.m = m;
        this.beta = beta;
        this.w = w;
        this.nu = nu;
        this.wTril = Dense.cholesky(w, "Normal-Wishart scale matrix W");
        this.wInv = Dense.inverseFromCholesky(wTril);
        this.logDetW = Dense.logDetFromCholesky(wTril);
        int d = m.length;
        double s = d * Math.log(2) + logDetW;
        for (int i = 1; i <= d; i++) s += Special.digamma((nu + 1 - i) / 2);
        this.meanLogDetLambda = s;
    }

    /**
     * @param loc m, length D ≥ 1; copied
     * @param beta β > 0 (the mean's precision relative to Λ)
     * @param scale W, D × D symmetric positive definite; copied
     * @param df ν > D − 1
     * @return NW(m, β, W, ν)
     * @throws IllegalArgumentException if a value is not finite, a shape disagrees, W is not positive definite, β ≤ 0
     *     or ν ≤ D − 1
     */
    public static NormalWishartFactor of(double[] loc, double beta, double[][] scale, double df) {
        if (loc == null || loc.length == 0)
            throw new IllegalArgumentException("Normal-Wishart loc must have length >= 1");
        int d = loc.length;
        Dense.checkPositive(beta, "Normal-Wishart beta");
        if (!(df > d - 1) || Double.isInfinite(df)) {
            throw new IllegalArgumentException(
                    "Normal-Wishart degrees of freedom must be > D - 1 = " + (d - 1) + ", got " + df);
        }
        return new NormalWishartFactor(
                Dense.checkVector(loc, d, "Normal-Wishart loc"),
                beta,
                Dense.checkSymmetric(scale, d, "Normal-Wishart scale matrix W"),
                df);
    }

    /**
     * The conjugate posterior after weighted observations (PRML (10.60)–(10.63)); see the class doc.
     *
     * @param prior NW(m₀, β₀, W₀, ν₀); not modified
     * @param weight N = Σ r_n ≥ 0
     * @param weightedMean x̄ = Σ r_n x_n / N, length D (ignored when N = 0); not modified
     * @param weightedScatter N S = Σ r_n (x_n − x̄)(x_n − x̄)ᵀ, D × D (ignored when N = 0); not modified
     * @return the updated factor (the prior itself when N = 0)
     * @throws IllegalArgumentException if N is negative or not finite, or the statistics have the wrong shape
     */
    public static NormalWishartFactor posterior(
            NormalWishartFactor prior, double weight, double[] weightedMean, double[][] weightedScatter) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("Normal-Wishart update: weight must be >= 0 and finite, got " + weight);
        }
        if (weight == 0) return prior;
        int d = prior.m.length;
        if (weightedMean.length != d || weightedScatter.length != d) {
            throw new IllegalArgumentException("Normal-Wishart update: statistics must have dimension " + d);
        }
        double b = prior.beta + weight;
        double[] mk = new double[d];
        for (int i = 0; i < d; i++) mk[i] = (prior.beta * prior.m[i] + weight * weightedMean[i]) / b;
        double c = prior.beta * weight / b;
        double[][] winv = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                winv[i][j] = prior.wInv[i][j]
                        + weightedScatter[i][j]
                        + c * (weightedMean[i] - prior.m[i]) * (weightedMean[j] - prior.m[j]);
            }
        }
        return new NormalWishartFactor(
                mk, b, Dense.inverse(winv, "Normal-Wishart W^-1 after the update"), prior.nu + weight);
    }

    /** @return D */
    public int dim() {
        return m.length;
    }

    /** @return m = E[μ]; a copy */
    public double[] loc() {
        return m.clone();
    }

    /** @return β */
    public double beta() {
        return beta;
    }

    /** @return W; a copy */
    public double[][] scale() {
        return Dense.copy(w);
    }

    /** @return ν */
    public double df() {
        return nu;
    }

    /** @return E[Λ] = νW; new */
    public double[][] meanPrecision() {
        double[][] p = Dense.copy(w);
        for (double[] row : p) for (int j = 0; j < row.length; j++) row[j] *= nu;
        return p;
    }

    /** @return E[Λ]⁻¹ = W⁻¹/ν, the covariance at the mean precision (defined for every ν > D − 1); new */
    public double[][] inverseMeanPrecision() {
        double[][] c = Dense.copy(wInv);
        for (double[] row : c) for (int j = 0; j < row.length; j++) row[j] /= nu;
        return c;
    }

    /**
     * The covariance of μ's marginal (a multivariate t with ν − D + 1 degrees of freedom), W⁻¹/(β(ν − D − 1)).
     *
     * @return D × D; new
     * @throws IllegalStateException if ν ≤ D + 1 (the variance is infinite)
     */
    public double[][] locCovariance() {
        int d = m.length;
        if (!(nu > d + 1)) {
            throw new IllegalStateException(
                    "the variance of the mean is infinite when df <= D + 1 (df = " + nu + ", D = " + d + ")");
        }
        double[][] c = Dense.copy(wInv);
        for (double[] row : c) for (int j = 0; j < row.length; j++) row[j] /= beta * (nu - d - 1);
        return c;
    }

    /** @return E[log|Λ|] = Σ_{i=1}^D ψ((ν + 1 − i)/2) + D log 2 + log|W| */
    public double meanLogDetPrecision() {
        return meanLogDetLambda;
    }

    /** @return E[(x − μ)ᵀΛ(x − μ)] = D/β + ν(x − m)ᵀW(x − m) for x of length D */
    public double expectedMahalanobis(double[] x) {
        return m.length / beta + nu * Dense.quadForm(x, m, w);
    }

    /** @return E_q[log N(x | μ, Λ⁻¹)] = ½E[log|Λ|] − (D/2) log 2π − ½E[(x − μ)ᵀΛ(x − μ)] */
    public double expectedLogLikelihood(double[] x) {
        return 0.5 * meanLogDetLambda - 0.5 * m.length * LOG_2PI - 0.5 * expectedMahalanobis(x);
    }

    /** @return log B(W, ν) (PRML (B.79)) */
    public double logNormalizer() {
        return logB(logDetW, nu, m.length);
    }

    static double logB(double logDetW, double nu, int d) {
        double s = -0.5 * nu * logDetW - 0.5 * nu * d * Math.log(2) - 0.25 * d * (d - 1) * LOG_PI;
        for (int i = 1; i <= d; i++) s -= Special.lgamma((nu + 1 - i) / 2);
        return s;
    }

    /**
     * E_q[log NW(μ, Λ | m₀, β₀, W₀, ν₀)] = (D/2) log(β₀/2π) + ½E[log|Λ|] − (β₀/2)(D/β + ν(m − m₀)ᵀW(m − m₀))
     * + log B(W₀, ν₀) + ((ν₀ − D − 1)/2) E[log|Λ|] − (ν/2) tr(W₀⁻¹W)   (PRML (10.74), one component).
     *
     * @param p the prior, same D; not modified
     * @return the expected log density
     * @throws IllegalArgumentException if the dimensions differ
     */
    public double expectedLogProb(NormalWishartFactor p) {
        int d = m.length;
        if (p.m.length != d)
            throw new IllegalArgumentException("Normal-Wishart dimensions differ: " + d + " vs " + p.m.length);
        return 0.5 * d * Math.log(p.beta / (2 * Math.PI))
                + 0.5 * meanLogDetLambda
                - 0.5 * p.beta * (d / beta + nu * Dense.quadForm(m, p.m, w))
                + p.logNormalizer()
                + 0.5 * (p.nu - d - 1) * meanLogDetLambda
                - 0.5 * nu * Dense.traceOfProduct(p.wInv, w);
    }

    /**
     * H[q] = −½E[log|Λ|] − (D/2) log(β/2π) + D/2 + H[W(Λ | W, ν)], with
     * H[W] = −log B(W, ν) − ((ν − D − 1)/2) E[log|Λ|] + νD/2   (PRML (10.77), (B.82)).
     */
    public double entropy() {
        int d = m.length;
        double hWishart = -logNormalizer() - 0.5 * (nu - d - 1) * meanLogDetLambda + 0.5 * nu * d;
        return -0.5 * meanLogDetLambda - 0.5 * d * Math.log(beta / (2 * Math.PI)) + 0.5 * d + hWishart;
    }

    /** @return KL(q ‖ p) = −E_q[log p] − H[q] */
    public double kl(NormalWishartFactor p) {
        return -expectedLogProb(p) - entropy();
    }

    /**
     * log q(μ, Λ) = log N(μ | m, (βΛ)⁻¹) + log W(Λ | W, ν).
     *
     * @param mu length D; not modified
     * @param lambda D × D positive definite; not modified
     * @return the log density
     * @throws IllegalArgumentException if Λ is not positive definite
     */
    public double logDensity(double[] mu, double[][] lambda) {
        int d = m.length;
        double logDetLambda = Dense.logDet(lambda, "Lambda");
        double logNormal = 0.5 * d * Math.log(beta / (2 * Math.PI))
                + 0.5 * logDetLambda
                - 0.5 * beta * Dense.quadForm(mu, m, lambda);
        return logNormal
                + logNormalizer()
                + 0.5 * (nu - d - 1) * logDetLambda
                - 0.5 * Dense.traceOfProduct(wInv, lambda);
    }

    /** A draw (μ, Λ). */
    public record Draw(double[] mean, double[][] precision) {}

    /**
     * One draw: Λ by the Bartlett decomposition Λ = L A Aᵀ Lᵀ (W = L Lᵀ, A lower triangular,
     * A_ii² ~ χ²(ν − i + 1), A_ij ~ N(0, 1) below the diagonal), then μ ~ N(m, (βΛ)⁻¹). The stream advances.
     */
    public Draw sample(RandomStream rng) {
        int d = m.length;
        double[][] a = new double[d][d];
        for (int i = 0; i < d; i++) {
            a[i][i] = Math.sqrt(2 * GammaFactor.of(0.5 * (nu - i), 1).sample(rng)); // χ²(k) = 2·Gamma(k/2, 1)
            for (int j = 0; j < i; j++) a[i][j] = rng.nextGaussian();
        }
        double[][] la = Dense.times(wTril, a);
        double[][] lambda = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) s += la[i][k] * la[j][k];
                lambda[i][j] = s;
                lambda[j][i] = s;
            }
        }
        double[][] cov = Dense.inverse(lambda, "sampled Lambda");
        for (double[] row : cov) for (int j = 0; j < d; j++) row[j] /= beta;
        double[] mu = NormalFactor.of(m, cov).sample(rng);
        return new Draw(mu, lambda);
    }

    @Override
    public String toString() {
        return "NormalWishart(loc=" + java.util.Arrays.toString(m) + ", beta=" + beta + ", scale="
                + java.util.Arrays.deepToString(w) + ", df=" + nu + ")";
    }
}
