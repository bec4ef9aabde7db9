package org.elbo4j.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elbo4j.diag.Summary;
import org.elbo4j.distributions.HalfCauchy;
import org.elbo4j.distributions.Normal;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** {@link Pathfinder} on posteriors known exactly, and its inverse-Hessian pieces. */
class PathfinderTest {
    /**
     * On the correlated Gaussian posterior of {@link DefaultFitTest#CORR} (sds 0.709, correlation −0.995, means
     * 0.4975) Pathfinder's normal approximation is exact once L-BFGS has two pairs, so the resampled draws match the
     * posterior to Monte Carlo error: 1,000 resampled draws (ESS ≥ ~500 after resampling duplicates) give an sd error
     * of ~3% and a mean error of ~0.045 sd; tolerances 10% and 0.15 sd. It needs a handful of gradients per path.
     */
    @Test
    void aCorrelatedGaussianIsRecoveredWithFewGradients() {
        Pathfinder.Result r = Pathfinder.of().paths(4).seed(3).fit(DefaultFitTest.CORR);
        assertTrue(r.verdict().trusted(), r.verdict().describe());
        List<Summary.Row> rows = Summary.of(r.draws().names(), r.draws().values());
        for (Summary.Row row : rows) {
            assertEquals(DefaultFitTest.CORR_MEAN, row.mean(), 0.15 * DefaultFitTest.CORR_SD, row.toString());
            assertEquals(DefaultFitTest.CORR_SD, row.sd(), 0.1 * DefaultFitTest.CORR_SD, row.toString());
        }
        assertEquals(4, r.paths().size());
        assertTrue(r.gradientEvaluations() < 4 * 60, "gradient evaluations " + r.gradientEvaluations());
    }

    /** Eight schools (a funnel in tau): not Gaussian; Pathfinder must run, and its draws carry the deterministic sites. */
    @Test
    void eightSchoolsRunsAndReportsDeterministicSites() {
        double[] y = {28, 8, -3, 7, -1, 1, 18, 12}, sigma = {15, 10, 16, 11, 9, 11, 10, 18};
        Model m = s -> {
            Tensor mu = s.sample("mu", Normal.of(0, 5));
            Tensor tau = s.sample("tau", HalfCauchy.of(5));
            Tensor eta = s.sample("theta_trans", Normal.of(Tensor.zeros(8), Tensor.ones(8)));
            Tensor theta = s.deterministic("theta", mu.add(tau.mul(eta)));
            s.observe("y", Normal.of(theta, Tensor.of(sigma)), Tensor.of(y));
        };
        Pathfinder.Result r = Pathfinder.of().seed(1).fit(m);
        assertTrue(r.draws().names().contains("theta[8]"), r.draws().names().toString());
        assertEquals(1000, r.draws().size());
        assertEquals(4000, r.pooled().size());
        double mu = Summary.row("mu", r.draws().column("mu")).mean();
        assertTrue(Math.abs(mu - 4.4) < 1.5, "mu " + mu + " (reference 4.41, sd 3.3)");
    }

    @Test
    void theInverseHessianSatisfiesTheLatestSecantEquation() {
        RandomStream rng = RandomStream.of(2);
        double[] alpha = {1, 1, 1};
        List<double[]> ss = new java.util.ArrayList<>(), ys = new java.util.ArrayList<>();
        double[][] a = {{4, 1, 0}, {1, 3, 0.5}, {0, 0.5, 2}}; // a quadratic's Hessian: y = A s
        for (int k = 0; k < 3; k++) {
            double[] s = new double[3];
            rng.fillGaussian(s, 0, 3);
            double[] y = new double[3];
            for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) y[i] += a[i][j] * s[j];
            Pathfinder.gilbertLemarechal(alpha, s, y);
            ss.add(s);
            ys.add(y);
        }
        for (double v : alpha) assertTrue(v > 0, "alpha stays positive");
        double[][] h = Pathfinder.inverseHessian(alpha, ss, ys);
        double[] s = ss.get(2), y = ys.get(2);
        for (int i = 0; i < 3; i++) {
            double hy = 0;
            for (int j = 0; j < 3; j++) hy += h[i][j] * y[j];
            assertEquals(s[i], hy, 1e-10, "H y = s");
        }
        assertTrue(Pathfinder.cholesky(h) != null, "positive definite");
    }
}
