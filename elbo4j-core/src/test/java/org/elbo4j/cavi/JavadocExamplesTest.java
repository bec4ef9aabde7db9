package org.elbo4j.cavi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.elbo4j.random.RandomStream;
import org.junit.jupiter.api.Test;

/** The javadoc examples of {@code org.elbo4j.cavi}, verbatim, each followed by checks of what its comments claim. */
class JavadocExamplesTest {

    @Test
    void packageInfo() {
        double[][] x = {{1.1, 0.9}, {0.8, 1.2}, {5.2, 4.9}, {4.8, 5.1}};
        GaussianMixture.Prior prior = GaussianMixture.defaultPrior(x, 2);
        CaviFit<GaussianMixture> fit =
                Cavi.defaults().restarts(5).seed(1).run(rng -> GaussianMixture.init(x, prior, rng));
        fit.elbo(); // the exact ELBO of the best restart
        fit.state().component(0).loc(); // ≈ one cluster's centre
        assertTrue(Double.isFinite(fit.elbo()));
        double[] a = fit.state().component(0).loc(),
                b = fit.state().component(1).loc();
        double[] low = a[0] < b[0] ? a : b, high = a[0] < b[0] ? b : a;
        // Each centre is the mean of its two points, pulled towards the data mean (3, 3) by β₀/(β₀ + 2) = 0.5 %.
        assertEquals(0.95, low[0], 0.02);
        assertEquals(1.05, low[1], 0.02);
        assertEquals(5.0, high[0], 0.02);
        assertEquals(5.0, high[1], 0.02);
    }

    @Test
    void cavi() {
        double[][] points = Fixtures.threeClusters(300, 4).points();
        CaviFit<GaussianMixture> fit = Cavi.defaults()
                .restarts(10)
                .seed(1)
                .run(rng -> GaussianMixture.init(points, GaussianMixture.defaultPrior(points, 3), rng));
        fit.elbo();
        fit.elboTrace();
        fit.state().weights().mean();
        double[] trace = fit.elboTrace();
        assertEquals(trace[trace.length - 1], fit.elbo(), 0);
        double[] w = fit.state().weights().mean().clone();
        Arrays.sort(w);
        // true weights 0.2, 0.3, 0.5; 300 points give a binomial sd of at most 0.03
        assertArrayEquals(new double[] {0.2, 0.3, 0.5}, w, 0.1);
    }

    @Test
    void gaussianMixture() {
        double[][] x = {{-4, 0}, {-4.2, 0.3}, {4, 1}, {4.1, 0.8}, {0, 6}, {0.2, 5.9}}; // n × D points
        GaussianMixture.Prior prior = GaussianMixture.defaultPrior(x, 3);
        CaviFit<GaussianMixture> fit =
                Cavi.defaults().restarts(10).seed(1).run(rng -> GaussianMixture.init(x, prior, rng));
        fit.state().weights().mean();
        fit.state().component(0).loc();
        double[] w = fit.state().weights().mean();
        assertEquals(1.0, w[0] + w[1] + w[2], 1e-12);
        // each component takes one pair of points: its centre is within 1 of the pair's mean
        double[][] pairs = {{-4.1, 0.15}, {4.05, 0.9}, {0.1, 5.95}};
        for (int c = 0; c < 3; c++) {
            double[] loc = fit.state().component(c).loc();
            double best = Double.POSITIVE_INFINITY;
            for (double[] p : pairs) best = Math.min(best, Math.hypot(loc[0] - p[0], loc[1] - p[1]));
            assertTrue(best < 1, "component " + c + " at " + Arrays.toString(loc));
        }
    }

    @Test
    void bayesianLinearRegression() {
        SyntheticData.Regression r =
                SyntheticData.regression(200, new double[] {1.0, 2.0, -1.0}, 0.5, true, RandomStream.of(3));
        double[][] x = r.x();
        double[] y = r.y();
        NormalGamma prior = NormalGamma.isotropic(3, 0.01, 1, 1);
        CaviFit<BayesianLinearRegression> fit = Cavi.defaults().run(rng -> BayesianLinearRegression.init(x, y, prior));
        fit.state().weights().mean();
        fit.state().noisePrecision().mean();
        // 200 points, noise sd 0.5: the weights' posterior sds are about 0.04; the noise precision is 1/0.25 = 4
        assertArrayEquals(new double[] {1.0, 2.0, -1.0}, fit.state().weights().mean(), 0.2);
        assertEquals(4.0, fit.state().noisePrecision().mean(), 1.0);
    }

    @Test
    void categoricalAndDirichletFactors() {
        int n = 4, k = 3;
        double[] logRho = {0, 1, 2, 3, 0, -1, 0, 0, 0, 5, 5, 0};
        DirichletFactor weights = DirichletFactor.symmetric(k, 1.0);
        CategoricalFactor r = CategoricalFactor.fromLogPotentials(logRho, n, k); // row-wise softmax
        double[] nk = r.counts();
        double term = r.expectedLogProb(weights.meanLog()) + r.entropy();
        assertEquals(n, nk[0] + nk[1] + nk[2], 1e-12);
        // row 2 is uniform: it adds 1/3 to every count
        double rowSoftmax0 = 1 / (1 + Math.E + Math.E * Math.E);
        assertTrue(Double.isFinite(term) && r.entropy() > 0);
        assertEquals(
                rowSoftmax0
                        + Math.exp(3) / (Math.exp(3) + 1 + Math.exp(-1))
                        + 1 / 3.0
                        + Math.exp(5) / (1 + 2 * Math.exp(5)),
                nk[0],
                1e-12);

        CategoricalFactor resp = r;
        DirichletFactor prior = DirichletFactor.symmetric(3, 1.0);
        DirichletFactor q = DirichletFactor.posterior(prior, resp.counts());
        double[] elogpi = q.meanLog();
        double a0 = 1 + nk[0], sum = 3 + n;
        assertEquals(org.elbo4j.math.Special.digamma(a0) - org.elbo4j.math.Special.digamma(sum), elogpi[0], 1e-12);
    }

    @Test
    void gammaFactor() {
        int n = 10;
        double sumSq = 7.5;
        GammaFactor prior = GammaFactor.of(1, 1);
        GammaFactor q = GammaFactor.fromNatural(prior.naturalShape() + n / 2.0, prior.naturalRate() - 0.5 * sumSq);
        double term = q.expectedLogProb(prior) + q.entropy(); // = −KL(q ‖ prior)
        assertEquals(1 + n / 2.0, q.mean() * (1 + 0.5 * sumSq), 1e-12, "Gamma(1 + n/2, 1 + sumSq/2)");
        assertEquals(-q.kl(prior), term, 1e-12);
        assertTrue(term < 0);
    }

    @Test
    void normalFactor() {
        double[] priorLoc = {1.0, -2.0};
        double[][] priorPrecision = {{2.0, 0.5}, {0.5, 1.0}};
        double[] h = {2.0 * 1.0 + 0.5 * -2.0, 0.5 * 1.0 + 1.0 * -2.0}; // Λ·priorLoc: q is the prior itself
        double[][] lambda = priorPrecision;
        NormalFactor q = NormalFactor.fromInformation(h, lambda); // q ∝ exp(hᵀw − ½wᵀΛw)
        double e = q.expectedLogNormal(priorLoc, priorPrecision) + q.entropy();
        assertArrayEquals(priorLoc, q.mean(), 1e-12);
        assertEquals(0.0, e, 1e-12, "E_q[log p] + H[q] = −KL(q ‖ p) = 0 when q = p");
    }
}
