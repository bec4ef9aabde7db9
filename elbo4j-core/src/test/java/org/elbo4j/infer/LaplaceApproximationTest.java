package org.elbo4j.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.distributions.HalfCauchy;
import org.elbo4j.distributions.Normal;
import org.elbo4j.optim.Sgd;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * {@link AutoGuide#logDensity}, {@link LaplaceApproximation} and {@link AutoGuide#precondition} on a linear regression whose
 * posterior is Gaussian and known exactly: w ~ N(0, 10² I), y ~ N(Xw, 1), posterior N(ΣXᵀy, Σ), Σ = (XᵀX + I/100)⁻¹.
 */
class LaplaceApproximationTest {
    static final int N = 30, D = 3;
    final Tensor x, y, cov, mean;
    final Model model;

    LaplaceApproximationTest() {
        double[] xd = new double[N * D], yd = new double[N];
        RandomStream r = RandomStream.of(5);
        double[] w = {1.0, -0.5, 2.0};
        for (int i = 0; i < N; i++) {
            double m = 0;
            for (int j = 0; j < D; j++) {
                // columns 0 and 1 correlated, column 2 on a scale 100 times smaller: an ill-conditioned posterior
                xd[i * D + j] = (r.nextGaussian() + (j == 1 ? 0.9 * xd[i * D] : 0)) * (j == 2 ? 100 : 1);
                m += xd[i * D + j] * w[j] / (j == 2 ? 100 : 1);
            }
            yd[i] = m + r.nextGaussian();
        }
        x = Tensor.of(xd, N, D);
        y = Tensor.of(yd);
        model = s -> {
            Tensor beta = s.sample("w", Normal.of(Tensor.zeros(D), Tensor.full(10, D)));
            s.observe("y", Normal.of(x.matmul(beta), Tensor.scalar(1.0)), y);
        };
        Tensor prec = x.transpose().matmul(x).add(Tensor.eye(D).mul(0.01));
        Tensor l = prec.cholesky();
        cov = l.solveTriangular(l.solveTriangular(Tensor.eye(D), true, false), true, true);
        mean = cov.matmul(x.transpose().matmul(y));
    }

    @Test
    void logDensityAddsTheJacobianOfTheConstrainingTransforms() {
        Model m = s -> {
            Tensor mu = s.sample("mu", Normal.of(0, 10));
            Tensor tau = s.sample("tau", HalfCauchy.of(5));
            s.observe("y", Normal.of(mu, tau), Tensor.of(1.0, 2.5));
        };
        AutoGuide g = AutoGuide.meanField(m);
        double mu = 0.7, logTau = -0.3, tau = Math.exp(logTau);
        double want = Normal.of(0, 10).logProb(Tensor.scalar(mu)).item()
                + HalfCauchy.of(5).logProb(Tensor.scalar(tau)).item()
                + Normal.of(mu, tau).logProb(Tensor.of(1.0, 2.5)).sum().item()
                + logTau; // log|d tau / d log tau| = log tau
        assertEquals(want, g.logDensity(Tensor.of(mu, logTau)).item(), 1e-12 * Math.abs(want));
        assertThrows(IllegalArgumentException.class, () -> g.logDensity(Tensor.zeros(3)));
    }

    /** Mode and covariance of a Gaussian posterior: exact up to the finite-difference Hessian (≈ 1e-9 relative). */
    @Test
    void laplaceOfAGaussianPosteriorIsExact() {
        LaplaceApproximation.Result r = LaplaceApproximation.fit(AutoGuide.fullRank(model));
        assertTrue(r.converged(), r.reason());
        assertTrue(r.positiveDefinite());
        Tensor c = r.covariance();
        for (int i = 0; i < D; i++) {
            double sd = Math.sqrt(cov.get(i, i));
            assertEquals(mean.at(i), r.mode().at(i), 1e-6 * sd, "mode " + i);
            for (int j = 0; j < D; j++) {
                assertEquals(
                        cov.get(i, j),
                        c.get(i, j),
                        1e-6 * Math.sqrt(cov.get(i, i) * cov.get(j, j)),
                        "cov " + i + "," + j);
            }
            assertEquals(
                    1 / Math.sqrt(invert(cov).get(i, i)), r.conditionalScales().at(i), 1e-6 * sd);
        }
        Tensor l = r.scaleTril();
        Tensor back = l.matmul(l.transpose());
        assertEquals(cov.get(0, 1), back.get(0, 1), 1e-6 * Math.sqrt(cov.get(0, 0) * cov.get(1, 1)));
    }

    /**
     * A full-rank guide preconditioned with the exact posterior (centre = mean, A = chol Σ) starts at q = p, so the
     * log importance ratios log p(x, ζ) − log q(ζ) of its draws are all log p(x): constant to rounding (after one SGD
     * step of size 1e-12, so that a Fit exists). This checks the −log|det A| term of log q.
     */
    @Test
    void preconditionedGuideStartsAtItsCentreAndScale() {
        AutoGuide g = AutoGuide.fullRank(model);
        g.precondition(mean, cov.cholesky());
        Fit f = Svi.of(model, g).optimizer(Sgd.of(1e-12)).seed(1).run(Stop.after(1));
        double[] w = f.draws(50, 2).logRatios();
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : w) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        assertTrue(hi - lo < 1e-6, "log ratios span " + lo + " .. " + hi);
        // and the draws have the posterior's mean: 2000 draws, 5 standard errors
        Draws d = f.draws(2000, 3);
        for (int i = 0; i < D; i++) {
            double m = 0;
            for (double v : d.column("w[" + (i + 1) + "]")) m += v / d.size();
            assertEquals(mean.at(i), m, 5 * Math.sqrt(cov.get(i, i) / d.size()), "mean of w[" + (i + 1) + "]");
        }
    }

    /**
     * SVI on the mean-field guide preconditioned by the Laplace approximation's conditional scales: the posterior is
     * Gaussian, so the optimal mean-field q has the posterior mean and sds 1/√Λ_ii — the preconditioned start — and
     * 2000 Adam steps keep it there (tolerance as ConjugatePosteriorTest's: 0.1 sd, 10%).
     */
    @Test
    void meanFieldPreconditionedByLaplaceStaysAtTheOptimum() {
        AutoGuide g = AutoGuide.meanField(model);
        LaplaceApproximation.Result r = LaplaceApproximation.fit(g);
        g.precondition(r.mode(), r.conditionalScales());
        Fit f = Svi.of(model, g)
                .optimizer(org.elbo4j.optim.Adam.of(0.02).schedule(org.elbo4j.optim.Schedule.cosine(2000)))
                .estimator(Elbo.reparameterized(4))
                .seed(4)
                .run(Stop.after(2000));
        Tensor loc = f.param("w_loc"), scale = f.param("w_scale"), prec = invert(cov);
        for (int i = 0; i < D; i++) {
            double cond = 1 / Math.sqrt(prec.get(i, i));
            double zeta = r.mode().at(i) + r.conditionalScales().at(i) * loc.at(i);
            assertEquals(mean.at(i), zeta, 0.1 * Math.sqrt(cov.get(i, i)), "loc " + i);
            assertEquals(1, r.conditionalScales().at(i) * scale.at(i) / cond, 0.1, "scale " + i);
        }
    }

    @Test
    void badPreconditionersAreRejected() {
        AutoGuide mf = AutoGuide.meanField(model);
        var e = assertThrows(IllegalArgumentException.class, () -> mf.precondition(Tensor.zeros(D), Tensor.eye(D)));
        assertTrue(e.getMessage().contains("mean-field"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> mf.precondition(Tensor.zeros(D + 1), Tensor.ones(D)));
        e = assertThrows(IllegalArgumentException.class, () -> mf.precondition(Tensor.zeros(D), Tensor.of(1, 0, 1)));
        assertTrue(e.getMessage().contains("scale[1]"), e.getMessage());
        AutoGuide fr = AutoGuide.fullRank(model);
        assertThrows(IllegalArgumentException.class, () -> fr.precondition(Tensor.zeros(D), Tensor.ones(D, D)));
        AutoGuide iv = AutoGuide.meanField(model).initValue("w", Tensor.ones(D));
        assertThrows(IllegalArgumentException.class, () -> iv.precondition(Tensor.zeros(D), Tensor.ones(D)));
    }

    private static Tensor invert(Tensor a) {
        Tensor l = a.cholesky();
        return l.solveTriangular(l.solveTriangular(Tensor.eye(a.dim(0)), true, false), true, true);
    }
}
