package org.elbo4j.cavi;

/**
 * A normal sample with unknown mean and precision under independent (semi-conjugate) priors — the "third model"
 * that shows how short a model is on top of the factor layer:
 * \[ \mu\sim\mathcal N(m_0,\lambda_0^{-1}),\quad \tau\sim\mathrm{Gamma}(a_0,b_0),\quad x_i\mid\mu,\tau\sim\mathcal N(\mu,\tau^{-1}). \]
 * Unlike the Normal–Gamma prior, these priors give no closed-form posterior, but each complete conditional is
 * conjugate, so CAVI applies with q(μ) q(τ).
 *
 * <p><b>Sweep:</b> q(μ) = N from the natural-parameter sum (h, Λ) = (λ₀m₀, λ₀) + E[τ](Σx_i, n);
 * q(τ) = Gamma(a₀ + n/2, b₀ + ½Σ_i E[(x_i − μ)²]) with E[(x_i − μ)²] = (x_i − m)² + s².
 * <b>ELBO:</b> (n/2)E[log τ] − (n/2) log 2π − ½E[τ]Σ_i E[(x_i − μ)²] + E[log p(μ)] + E[log p(τ)] + H[q(μ)] + H[q(τ)].
 *
 * <blockquote>C. M. Bishop, <i>Pattern Recognition and Machine Learning</i>, Springer, 2006, §10.1.3 (with the
 * Normal–Gamma prior; here the priors are independent).</blockquote>
 */
public final class SemiConjugateNormal implements CaviState {
    private final double[] x;
    private final double sum, m0, lambda0;
    private final GammaFactor tauPrior;
    private NormalFactor qMu;
    private GammaFactor qTau;

    private SemiConjugateNormal(double[] x, double m0, double lambda0, GammaFactor tauPrior) {
        this.x = x;
        double s = 0;
        for (double v : x) s += v;
        this.sum = s;
        this.m0 = m0;
        this.lambda0 = lambda0;
        this.tauPrior = tauPrior;
        this.qTau = tauPrior;
        this.qMu = NormalFactor.fromInformation(new double[] {lambda0 * m0}, new double[][] {{lambda0}});
    }

    /**
     * The initial state: q(μ) and q(τ) are the priors.
     *
     * @param x the sample, n ≥ 1 finite values; copied
     * @param m0 the prior mean of μ, finite
     * @param lambda0 the prior precision of μ, > 0
     * @param tauPrior Gamma(a₀, b₀)
     * @return a fresh state
     * @throws IllegalArgumentException if x is empty or not finite, m₀ is not finite or λ₀ is not > 0
     */
    public static SemiConjugateNormal init(double[] x, double m0, double lambda0, GammaFactor tauPrior) {
        if (x == null || x.length == 0) throw new IllegalArgumentException("x: no data (0 values)");
        return new SemiConjugateNormal(
                Dense.checkVector(x, x.length, "x"),
                Dense.checkVector(new double[] {m0}, 1, "m0")[0],
                Dense.checkPositive(lambda0, "lambda0"),
                java.util.Objects.requireNonNull(tauPrior, "tauPrior"));
    }

    @Override
    public void sweep() {
        double eTau = qTau.mean();
        qMu = NormalFactor.fromInformation(
                new double[] {lambda0 * m0 + eTau * sum}, new double[][] {{lambda0 + eTau * x.length}});
        qTau = GammaFactor.fromNatural(
                tauPrior.naturalShape() + 0.5 * x.length, tauPrior.naturalRate() - 0.5 * expectedSquares());
    }

    /** Σ_i E[(x_i − μ)²] = Σ_i (x_i − m)² + n s². */
    private double expectedSquares() {
        double m = qMu.mean(0), s = 0;
        for (double v : x) s += (v - m) * (v - m);
        return s + x.length * qMu.variance(0);
    }

    @Override
    public double elbo() {
        int n = x.length;
        double like =
                0.5 * n * qTau.meanLog() - 0.5 * n * Math.log(2 * Math.PI) - 0.5 * qTau.mean() * expectedSquares();
        return like
                + qMu.expectedLogNormal(new double[] {m0}, new double[][] {{lambda0}})
                + qTau.expectedLogProb(tauPrior)
                + qMu.entropy()
                + qTau.entropy();
    }

    /** @return q(μ), one-dimensional */
    public NormalFactor mean() {
        return qMu;
    }

    /** @return q(τ) */
    public GammaFactor precision() {
        return qTau;
    }
}
