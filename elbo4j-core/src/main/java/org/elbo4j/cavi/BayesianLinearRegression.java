package org.elbo4j.cavi;

import org.elbo4j.distributions.Gamma;
import org.elbo4j.distributions.MultivariateNormal;
import org.elbo4j.distributions.Normal;
import org.elbo4j.infer.Model;
import org.elbo4j.tensor.Tensor;

/**
 * Bayesian linear regression with unknown noise precision and a Normal–Gamma prior, fitted by CAVI with the
 * mean-field family q(w) q(τ):
 * \[ \tau\sim\mathrm{Gamma}(a_0,b_0),\quad w\mid\tau\sim\mathcal N(m_0,(\tau\Lambda_0)^{-1}),\quad
 *    y\mid w,\tau\sim\mathcal N(Xw,\tau^{-1}I_n). \]
 *
 * <p><b>Sweep</b> (Bishop PRML §10.1.3, generalised to regression): with Λₙ = Λ₀ + XᵀX,
 * (1) q(w) = N(mₙ, (E[τ]Λₙ)⁻¹), mₙ = Λₙ⁻¹(Λ₀m₀ + Xᵀy) — the natural-parameter sum
 * (h, Λ) = E[τ]·((Λ₀m₀, Λ₀) + (Xᵀy, XᵀX)); (2) q(τ) = Gamma(a₀ + (n + D)/2, b₀ + ½E_w[‖y − Xw‖² + (w − m₀)ᵀΛ₀(w − m₀)]),
 * with E_w[‖y − Xw‖²] = ‖y − Xm‖² + tr(XᵀX S).
 *
 * <p>The mean of q(w) is the exact posterior mean mₙ after the first sweep, and at the fixed point
 * E_q[τ] = aₙ/bₙ, the exact posterior mean of τ; what mean-field loses is the dependence between w and τ, so
 * q(w) is narrower than the exact Student-t marginal.
 *
 * <p><b>ELBO:</b> E[log p(y | w, τ)] + E[log p(w, τ)] + H[q(w)] + H[q(τ)], with
 * E[log p(y | w, τ)] = (n/2)E[log τ] − (n/2) log 2π − ½E[τ](‖y − Xm‖² + tr(XᵀX S)); the prior term is
 * {@link NormalGamma#expectedLogProb}. The exact log evidence ({@link #logEvidence}) bounds it from above.
 *
 * <p><b>Initialisation</b> (deterministic): q(τ) = the prior Gamma(a₀, b₀), q(w) = N(m₀, (E[τ]Λ₀)⁻¹).
 *
 * <pre>{@code
 * NormalGamma prior = NormalGamma.isotropic(3, 0.01, 1, 1);
 * CaviFit<BayesianLinearRegression> fit = Cavi.defaults().run(rng -> BayesianLinearRegression.init(x, y, prior));
 * fit.state().weights().mean();  fit.state().noisePrecision().mean();
 * }</pre>
 */
public final class BayesianLinearRegression implements CaviState {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final double[][] x, lambdaN, lambda0, xtx;
    private final double[] y, hN, m0;
    private final int n, d;
    private final NormalGamma prior;
    private NormalFactor qw;
    private GammaFactor qTau;

    private BayesianLinearRegression(double[][] x, double[] y, NormalGamma prior) {
        this.x = x;
        this.y = y;
        this.n = y.length;
        this.d = prior.dim();
        this.prior = prior;
        this.m0 = prior.loc();
        this.lambda0 = prior.precision();
        Data.Moments s = Data.moments(x, y, d);
        this.xtx = s.xtx();
        this.lambdaN = new double[d][d];
        for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) lambdaN[i][j] = lambda0[i][j] + xtx[i][j];
        this.hN = Dense.times(lambda0, m0);
        for (int i = 0; i < d; i++) hN[i] += s.xty()[i];
        this.qTau = prior.tau();
        this.qw = NormalFactor.fromInformation(
                scaled(Dense.times(lambda0, m0), qTau.mean()), scaled(lambda0, qTau.mean()));
    }

    /**
     * The initial state (class doc).
     *
     * @param x the design, n × D (include a column of ones for an intercept); copied
     * @param y the responses, length n; copied
     * @param prior NG(m₀, Λ₀, a₀, b₀) of dimension D
     * @return a fresh state
     * @throws IllegalArgumentException if the data are empty or not finite, the shapes disagree, or the prior's
     *     dimension is not D
     */
    public static BayesianLinearRegression init(double[][] x, double[] y, NormalGamma prior) {
        double[][] cx = Data.checkMatrix(x, "X");
        double[] cy = Data.checkResponse(y, cx.length);
        if (cx[0].length != prior.dim()) {
            throw new IllegalArgumentException(
                    "X has " + cx[0].length + " columns but the prior has dimension " + prior.dim());
        }
        return new BayesianLinearRegression(cx, cy, prior);
    }

    @Override
    public void sweep() {
        double eTau = qTau.mean();
        qw = NormalFactor.fromInformation(scaled(hN, eTau), scaled(lambdaN, eTau));
        double expectedSq = expectedResidualSquares() + qw.expectedQuadratic(m0, lambda0);
        qTau = GammaFactor.fromNatural(
                prior.tau().naturalShape() + 0.5 * (n + d), prior.tau().naturalRate() - 0.5 * expectedSq);
    }

    /** E_q(w)[‖y − Xw‖²] = ‖y − Xm‖² + tr(XᵀX S). */
    private double expectedResidualSquares() {
        return Data.residualSumOfSquares(x, y, qw.mean()) + Dense.traceOfProduct(xtx, qw.covariance());
    }

    @Override
    public double elbo() {
        double like = 0.5 * n * qTau.meanLog() - 0.5 * n * LOG_2PI - 0.5 * qTau.mean() * expectedResidualSquares();
        return like + prior.expectedLogProb(qw, qTau) + qw.entropy() + qTau.entropy();
    }

    /** @return q(w) */
    public NormalFactor weights() {
        return qw;
    }

    /** @return q(τ), the noise precision's factor */
    public GammaFactor noisePrecision() {
        return qTau;
    }

    /** @return the prior */
    public NormalGamma prior() {
        return prior;
    }

    /** @return the exact Normal–Gamma posterior, for comparison */
    public NormalGamma exactPosterior() {
        return prior.posterior(x, y);
    }

    /** @return log p(y), the exact log evidence (an upper bound on every ELBO) */
    public double logEvidence() {
        return prior.logEvidence(exactPosterior(), n);
    }

    /** @return n */
    public int size() {
        return n;
    }

    /** @return D */
    public int dim() {
        return d;
    }

    /**
     * The same model written with {@link org.elbo4j.infer.Sites}, for SVI: {@code tau ~ Gamma(a₀, b₀)}, {@code w ~
     * Normal(m₀, (τΛ₀)^{-1/2})} (elementwise when Λ₀ is diagonal, else a MultivariateNormal with scale
     * chol(Λ₀⁻¹)/√τ), {@code y ~ Normal(Xw, 1/√τ)}. Its log joint equals the one this class's ELBO averages.
     *
     * @return the model; site names "tau", "w" and the observed "y"
     */
    public Model asModel() {
        Tensor xt = Tensor.of(flatten(x), n, d), yt = Tensor.of(y), loc = Tensor.of(m0);
        Gamma tauPrior = Gamma.of(prior.concentration(), prior.rate());
        boolean diagonal = true;
        double[] diag = new double[d];
        for (int i = 0; i < d; i++) {
            diag[i] = lambda0[i][i];
            for (int j = 0; j < d; j++) if (i != j && lambda0[i][j] != 0) diagonal = false;
        }
        if (diagonal) {
            Tensor lam = Tensor.of(diag);
            return s -> {
                Tensor tau = s.sample("tau", tauPrior);
                Tensor w = s.sample("w", Normal.of(loc, lam.mul(tau).pow(-0.5)));
                s.observe("y", Normal.of(xt.matmul(w), tau.pow(-0.5)), yt);
            };
        }
        Tensor l0 = Tensor.of(Dense.cholesky(Dense.inverse(lambda0, "prior precision"), "prior covariance"));
        return s -> {
            Tensor tau = s.sample("tau", tauPrior);
            Tensor w = s.sample("w", MultivariateNormal.ofScaleTril(loc, l0.div(tau.sqrt())));
            s.observe("y", Normal.of(xt.matmul(w), tau.pow(-0.5)), yt);
        };
    }

    private static double[] flatten(double[][] a) {
        int c = a[0].length;
        double[] f = new double[a.length * c];
        for (int i = 0; i < a.length; i++) System.arraycopy(a[i], 0, f, i * c, c);
        return f;
    }

    private static double[] scaled(double[] v, double c) {
        double[] o = v.clone();
        for (int i = 0; i < o.length; i++) o[i] *= c;
        return o;
    }

    private static double[][] scaled(double[][] a, double c) {
        double[][] o = Dense.copy(a);
        for (double[] row : o) for (int j = 0; j < row.length; j++) row[j] *= c;
        return o;
    }
}
