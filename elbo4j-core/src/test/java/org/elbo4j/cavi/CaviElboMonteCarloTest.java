package org.elbo4j.cavi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.ToDoubleFunction;
import org.elbo4j.distributions.Gamma;
import org.elbo4j.distributions.Normal;
import org.elbo4j.math.Special;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The closed-form ELBO of each model equals a Monte Carlo estimate of the same ELBO, (1/S) Σ_s [log p(x, z_s) −
 * log q(z_s)] with z_s ~ q, where log p and log q are written here from the densities' textbook formulas (or the
 * {@code dist} classes), independently of the ELBO code under test.
 *
 * <p>Tolerance: {@value #Z} standard errors of the Monte Carlo mean (the sample sd of log p − log q over √S).
 * With a correct ELBO the estimate is unbiased and, over S = 4000 draws, close to normal: a false failure has
 * probability 2(1 − Φ(4)) ≈ 6·10⁻⁵ per check (the seeds are fixed, so the outcome is too). Each check runs at a
 * q that is not a fixed point (after 1–2 sweeps) and at convergence, so terms that vanish at the optimum are
 * tested too. The standard error is also bounded, so the check cannot pass by being vague.
 */
class CaviElboMonteCarloTest {
    static final double Z = 4;
    static final int S = 4000;
    static final double LOG_2PI = Math.log(2 * Math.PI);

    /** Asserts |MC mean − elbo| ≤ Z·SE and SE ≤ maxSe; returns the SE. */
    private static double check(
            double elbo, RandomStream rng, ToDoubleFunction<RandomStream> logRatio, double maxSe, String what) {
        double sum = 0, sumSq = 0;
        for (int s = 0; s < S; s++) {
            double v = logRatio.applyAsDouble(rng);
            sum += v;
            sumSq += v * v;
        }
        double mean = sum / S, se = Math.sqrt((sumSq / S - mean * mean) / (S - 1));
        assertTrue(se <= maxSe, what + ": Monte Carlo standard error " + se + " is too large to test anything");
        assertEquals(elbo, mean, Z * se, what + ": closed-form ELBO vs Monte Carlo (SE " + se + ")");
        return se;
    }

    // ---- independent log densities ----

    /** log N(x | mu, Λ⁻¹) for a precision Λ. */
    static double logNormalPrecision(double[] x, double[] mu, double[][] lambda) {
        double[][] l = Dense.cholesky(lambda, "Lambda");
        double q = 0;
        for (int i = 0; i < x.length; i++) { // ‖Lᵀ(x − μ)‖² = (x − μ)ᵀΛ(x − μ)
            double t = 0;
            for (int j = i; j < x.length; j++) t += l[j][i] * (x[j] - mu[j]);
            q += t * t;
        }
        return -0.5 * x.length * LOG_2PI + 0.5 * Dense.logDetFromCholesky(l) - 0.5 * q;
    }

    /** log W(Λ | W, ν) = ((ν − D − 1)/2) log|Λ| − ½ tr(W⁻¹Λ) − (νD/2) log 2 − (ν/2) log|W| − log Γ_D(ν/2). */
    static double logWishart(double[][] lambda, double[][] w, double nu) {
        int d = w.length;
        double lgD = 0.25 * d * (d - 1) * Math.log(Math.PI);
        for (int i = 0; i < d; i++) lgD += Special.lgamma(0.5 * nu - 0.5 * i);
        return 0.5 * (nu - d - 1) * Dense.logDet(lambda, "Lambda")
                - 0.5 * Dense.traceOfProduct(Dense.inverse(w, "W"), lambda)
                - 0.5 * nu * d * Math.log(2)
                - 0.5 * nu * Dense.logDet(w, "W")
                - lgD;
    }

    static double logDirichlet(double[] pi, double[] alpha) {
        double s = 0, lp = 0;
        for (int k = 0; k < pi.length; k++) {
            s += alpha[k];
            lp += (alpha[k] - 1) * Math.log(pi[k]) - Special.lgamma(alpha[k]);
        }
        return lp + Special.lgamma(s);
    }

    static double[][] scale(double[][] a, double c) {
        double[][] o = Dense.copy(a);
        for (double[] r : o) for (int j = 0; j < r.length; j++) r[j] *= c;
        return o;
    }

    // ---- the models ----

    /** log p(x, z) − log q(z) for one draw from q of the Normal–Wishart mixture. */
    static double logRatio(GaussianMixture m, double[][] x, RandomStream rng) {
        int k = m.components();
        GaussianMixture.Prior prior = m.prior();
        NormalWishartFactor p0 = prior.component();
        double[] pi = m.weights().sample(rng);
        double lp = logDirichlet(pi, prior.weights().concentration());
        double lq = logDirichlet(pi, m.weights().concentration());
        double[][] mu = new double[k][];
        double[][][] lam = new double[k][][];
        for (int j = 0; j < k; j++) {
            NormalWishartFactor q = m.component(j);
            NormalWishartFactor.Draw dr = q.sample(rng);
            mu[j] = dr.mean();
            lam[j] = dr.precision();
            lp += logNormalPrecision(mu[j], p0.loc(), scale(lam[j], p0.beta()))
                    + logWishart(lam[j], p0.scale(), p0.df());
            lq += logNormalPrecision(mu[j], q.loc(), scale(lam[j], q.beta())) + logWishart(lam[j], q.scale(), q.df());
        }
        int[] z = m.assignments().sample(rng);
        for (int i = 0; i < x.length; i++) {
            lp += Math.log(pi[z[i]]) + logNormalPrecision(x[i], mu[z[i]], lam[z[i]]);
            lq += Math.log(m.assignments().prob(i, z[i]));
        }
        return lp - lq;
    }

    @Test
    void normalWishartMixtureElboMatchesMonteCarlo() {
        double[][] x = Fixtures.overlapping(60, 21).points();
        GaussianMixture.Prior prior = GaussianMixture.defaultPrior(x, 3);
        for (int sweeps : new int[] {1, 200}) {
            CaviFit<GaussianMixture> fit = Cavi.defaults()
                    .tolerance(0)
                    .maxSweeps(sweeps)
                    .seed(2)
                    .run(rng -> GaussianMixture.init(x, prior, rng));
            GaussianMixture m = fit.state();
            check(
                    fit.elbo(),
                    RandomStream.of(100 + sweeps),
                    r -> logRatio(m, x, r),
                    0.2,
                    "Normal-Wishart mixture, " + sweeps + " sweeps");
        }
    }

    @Test
    void unitVarianceMixtureElboMatchesMonteCarlo() {
        double[][] x = Fixtures.overlapping(60, 22).points();
        double[] m0 = {0.5, -0.5};
        double sigma = 3;
        for (int sweeps : new int[] {1, 200}) {
            CaviFit<UnitVarianceMixture> fit = Cavi.defaults()
                    .tolerance(0)
                    .maxSweeps(sweeps)
                    .seed(5)
                    .run(rng -> UnitVarianceMixture.init(x, 3, m0, sigma, rng));
            UnitVarianceMixture m = fit.state();
            int k = m.components();
            double[][] priorPrec = Dense.scaledIdentity(2, 1 / (sigma * sigma)), id = Dense.scaledIdentity(2, 1);
            check(
                    fit.elbo(),
                    RandomStream.of(200 + sweeps),
                    rng -> {
                        double lp = 0, lq = 0;
                        double[][] mu = new double[k][];
                        for (int j = 0; j < k; j++) {
                            mu[j] = m.mean(j).sample(rng);
                            lp += logNormalPrecision(mu[j], m0, priorPrec);
                            lq += logNormalPrecision(
                                    mu[j],
                                    m.mean(j).mean(),
                                    Dense.inverse(m.mean(j).covariance(), "S"));
                        }
                        int[] z = m.assignments().sample(rng);
                        for (int i = 0; i < x.length; i++) {
                            lp += -Math.log(k) + logNormalPrecision(x[i], mu[z[i]], id);
                            lq += Math.log(m.assignments().prob(i, z[i]));
                        }
                        return lp - lq;
                    },
                    0.2,
                    "unit-variance mixture, " + sweeps + " sweeps");
        }
    }

    @Test
    void linearRegressionElboMatchesMonteCarlo() {
        SyntheticData.Regression r = Fixtures.regression(25, 23);
        double[][] lam0 = {{0.5, 0.1, 0, 0}, {0.1, 0.4, 0, 0}, {0, 0, 0.3, 0}, {0, 0, 0, 0.2}}; // non-diagonal prior
        NormalGamma prior = NormalGamma.of(new double[] {0.5, 0, 0, -0.5}, lam0, 2, 1.5);
        Tensor xt = Tensor.of(r.x()), yt = Tensor.of(r.y());
        for (int sweeps : new int[] {1, 50}) {
            CaviFit<BayesianLinearRegression> fit = Cavi.defaults()
                    .tolerance(0)
                    .maxSweeps(sweeps)
                    .run(rng -> BayesianLinearRegression.init(r.x(), r.y(), prior));
            BayesianLinearRegression m = fit.state();
            Gamma qTau = Gamma.of(
                    m.noisePrecision().concentration(), m.noisePrecision().rate());
            Gamma pTau = Gamma.of(prior.concentration(), prior.rate());
            double[][] qPrec = Dense.inverse(m.weights().covariance(), "S");
            check(
                    fit.elbo(),
                    RandomStream.of(300 + sweeps),
                    rng -> {
                        double[] w = m.weights().sample(rng);
                        double tau = m.noisePrecision().sample(rng);
                        Tensor t = Tensor.scalar(tau);
                        double lp = pTau.logProb(t).item()
                                + logNormalPrecision(w, prior.loc(), scale(lam0, tau))
                                + Normal.of(xt.matmul(Tensor.of(w)), Tensor.scalar(1 / Math.sqrt(tau)))
                                        .logProb(yt)
                                        .sum()
                                        .item();
                        double lq = qTau.logProb(t).item()
                                + logNormalPrecision(w, m.weights().mean(), qPrec);
                        return lp - lq;
                    },
                    0.05,
                    "linear regression, " + sweeps + " sweeps");
        }
    }
}
