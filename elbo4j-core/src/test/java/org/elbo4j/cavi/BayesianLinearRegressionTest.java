package org.elbo4j.cavi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.math.Special;
import org.junit.jupiter.api.Test;

/**
 * CAVI for linear regression with a Normal–Gamma prior against the exact Normal–Gamma posterior: the mean of q(w)
 * is the exact posterior mean mₙ (from the first sweep on), E_q[τ] converges to the exact aₙ/bₙ, the ELBO stays
 * below the exact log evidence, and the exact posterior and evidence themselves are checked against independent
 * formulas (the normal equations, and the multivariate Student-t marginal of y).
 *
 * <p>Tolerances: identities that hold exactly in real arithmetic are checked to {@value #EXACT} relative (the
 * linear algebra is Cholesky on a 4 × 4 matrix with condition number ~10); E_q[τ] is compared after converging
 * to 1e-12 nats, where the fixed-point iteration (contraction D/(2a₀ + n + D) per sweep) is exact to rounding.
 */
class BayesianLinearRegressionTest {
    static final double EXACT = 1e-10;

    private static CaviFit<BayesianLinearRegression> fit(SyntheticData.Regression r, NormalGamma prior, int maxSweeps) {
        return Cavi.defaults()
                .tolerance(1e-12)
                .maxSweeps(maxSweeps)
                .run(rng -> BayesianLinearRegression.init(r.x(), r.y(), prior));
    }

    @Test
    void caviMeanIsTheExactPosteriorMean() {
        int checks = 0;
        for (long seed = 1; seed <= 3; seed++) {
            SyntheticData.Regression r = Fixtures.regression(40, seed);
            NormalGamma prior = NormalGamma.of(
                    new double[] {0.5, 0, 0, -0.5},
                    new double[][] {{0.5, 0.1, 0, 0}, {0.1, 0.4, 0, 0}, {0, 0, 0.3, 0}, {0, 0, 0, 0.2}},
                    2,
                    1.5);
            NormalGamma exact = prior.posterior(r.x(), r.y());
            for (int sweeps : new int[] {1, 100}) {
                double[] m = fit(r, prior, sweeps).state().weights().mean();
                for (int j = 0; j < 4; j++) {
                    assertEquals(
                            exact.loc()[j],
                            m[j],
                            EXACT * (1 + Math.abs(m[j])),
                            "seed " + seed + ", w[" + j + "] after " + sweeps);
                    checks++;
                }
            }
        }
        assertEquals(24, checks);
    }

    @Test
    void caviNoisePrecisionMeanIsExactAtConvergence() {
        SyntheticData.Regression r = Fixtures.regression(30, 4);
        NormalGamma prior = NormalGamma.isotropic(4, 0.01, 1, 1);
        CaviFit<BayesianLinearRegression> fit = fit(r, prior, 200);
        assertTrue(fit.converged());
        BayesianLinearRegression m = fit.state();
        NormalGamma exact = m.exactPosterior();
        assertEquals(
                exact.concentration() / exact.rate(),
                m.noisePrecision().mean(),
                1e-8 * m.noisePrecision().mean());
        // q(τ) has shape a₀ + (n + D)/2, q(w) covariance (E[τ] Λₙ)⁻¹ — with the E[τ] of the sweep before the last
        // q(τ) update: the ELBO is flat at the optimum (a 1e-12-nat gain leaves E[τ] moving at ~1e-8 relative), hence
        // 1e-6.
        assertEquals(1 + 0.5 * (30 + 4), m.noisePrecision().concentration(), 0.0);
        double[][] s = m.weights().covariance(), lamN = exact.precision();
        double[][] id = Dense.times(s, lamN);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++)
                assertEquals(i == j ? 1 / m.noisePrecision().mean() : 0, id[i][j], 1e-6, "S Λₙ = I/E[τ]");
        }
        // Mean-field is narrower than the exact Student-t marginal: every sd is smaller.
        double[][] marg = exact.marginalCovariance();
        for (int j = 0; j < 4; j++)
            assertTrue(s[j][j] < marg[j][j], "var(w" + j + "): q " + s[j][j] + " vs exact " + marg[j][j]);
    }

    @Test
    void elboIsBelowTheExactLogEvidence() {
        for (long seed = 1; seed <= 3; seed++) {
            SyntheticData.Regression r = Fixtures.regression(15, seed);
            NormalGamma prior = NormalGamma.isotropic(4, 0.1, 2, 2);
            CaviFit<BayesianLinearRegression> fit = fit(r, prior, 200);
            double evidence = fit.state().logEvidence();
            for (double l : fit.elboTrace()) assertTrue(l < evidence, "ELBO " + l + " above log p(y) = " + evidence);
            // The gap KL(q ‖ p(w, τ | y)) is small but not zero: mean-field cannot express w's dependence on τ.
            assertTrue(evidence - fit.elbo() > 1e-3 && evidence - fit.elbo() < 1, "gap " + (evidence - fit.elbo()));
        }
    }

    /** Λₙmₙ = Λ₀m₀ + Xᵀy (the normal equations), and log p(y) = log St_{2a₀}(y | Xm₀, (b₀/a₀)(I + XΛ₀⁻¹Xᵀ)). */
    @Test
    void exactPosteriorMatchesIndependentFormulas() {
        SyntheticData.Regression r = Fixtures.regression(12, 9);
        double[] m0 = {0.5, 0, 0, -0.5};
        double[][] lam0 = {{0.5, 0.1, 0, 0}, {0.1, 0.4, 0, 0}, {0, 0, 0.3, 0}, {0, 0, 0, 0.2}};
        double a0 = 2, b0 = 1.5;
        NormalGamma prior = NormalGamma.of(m0, lam0, a0, b0);
        NormalGamma post = prior.posterior(r.x(), r.y());
        double[][] x = r.x();
        double[] y = r.y();
        int n = y.length, d = 4;
        double[] lhs = Dense.times(post.precision(), post.loc()), rhs = Dense.times(lam0, m0);
        for (int j = 0; j < d; j++) for (int i = 0; i < n; i++) rhs[j] += x[i][j] * y[i];
        for (int j = 0; j < d; j++)
            assertEquals(rhs[j], lhs[j], EXACT * (1 + Math.abs(rhs[j])), "normal equation " + j);
        assertEquals(a0 + n / 2.0, post.concentration(), 0.0);
        // Multivariate t: ν = 2a₀, location Xm₀, scale matrix Σ = (b₀/a₀)(I + XΛ₀⁻¹Xᵀ).
        double[][] cov0 = Dense.inverse(lam0, "Lambda0");
        double[][] sigma = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double v = i == k ? 1 : 0;
                for (int a = 0; a < d; a++) for (int b = 0; b < d; b++) v += x[i][a] * cov0[a][b] * x[k][b];
                sigma[i][k] = v * b0 / a0;
            }
        }
        double[] loc = new double[n];
        for (int i = 0; i < n; i++) for (int a = 0; a < d; a++) loc[i] += x[i][a] * m0[a];
        double nu = 2 * a0;
        double maha = Dense.quadForm(y, loc, Dense.inverse(sigma, "Sigma"));
        double logT = Special.lgamma((nu + n) / 2)
                - Special.lgamma(nu / 2)
                - 0.5 * n * Math.log(nu * Math.PI)
                - 0.5 * Dense.logDet(sigma, "Sigma")
                - 0.5 * (nu + n) * Math.log1p(maha / nu);
        assertEquals(logT, prior.logEvidence(post, n), EXACT * Math.abs(logT));
    }
}
