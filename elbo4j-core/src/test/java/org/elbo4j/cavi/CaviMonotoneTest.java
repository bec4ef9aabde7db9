package org.elbo4j.cavi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.elbo4j.random.RandomStream;
import org.junit.jupiter.api.Test;

/**
 * The ELBO never decreases from one sweep to the next: asserted after every sweep, for several seeds, for every
 * model, on data where CAVI needs many sweeps (overlapping clusters, more components than clusters).
 *
 * <p>Tolerance: a decrease of at most {@value #ROUNDING} × (1 + |ELBO|) is allowed for rounding — the ELBO is a
 * sum of ~10³ terms of size ~1 computed in double precision (error ~10⁻¹³ relative); a wrong update or a wrong
 * ELBO term shows as a decrease many orders larger.
 */
class CaviMonotoneTest {
    static final double ROUNDING = 1e-12;
    static final long[] SEEDS = {1, 2, 3, 4, 5};

    /** Runs one restart to a tight tolerance and checks every step of the trace; returns the sweeps checked. */
    private static int assertMonotone(Function<RandomStream, ? extends CaviState> init, long seed, String what) {
        CaviFit<? extends CaviState> fit =
                Cavi.defaults().tolerance(1e-10).maxSweeps(500).seed(seed).run(init::apply);
        double[] t = fit.elboTrace();
        for (int s = 1; s < t.length; s++) {
            assertTrue(
                    t[s] >= t[s - 1] - ROUNDING * (1 + Math.abs(t[s - 1])),
                    what + ", seed " + seed + ": ELBO fell at sweep " + s + " from " + t[s - 1] + " to " + t[s]);
        }
        return t.length - 1;
    }

    @Test
    void fullMixtureNeverDecreases() {
        int sweeps = 0;
        for (long seed : SEEDS) {
            double[][] x = Fixtures.overlapping(300, seed).points();
            GaussianMixture.Prior prior = GaussianMixture.defaultPrior(x, 4);
            sweeps += assertMonotone(rng -> GaussianMixture.init(x, prior, rng), seed, "Normal-Wishart mixture");
        }
        assertTrue(sweeps >= 5 * 10, "too few sweeps were checked: " + sweeps);
    }

    @Test
    void unitVarianceMixtureNeverDecreases() {
        int sweeps = 0;
        for (long seed : SEEDS) {
            double[][] x = Fixtures.overlapping(300, seed).points();
            sweeps += assertMonotone(
                    rng -> UnitVarianceMixture.init(x, 4, new double[2], 5.0, rng), seed, "unit-variance mixture");
        }
        assertTrue(sweeps >= 5 * 10, "too few sweeps were checked: " + sweeps);
    }

    @Test
    void linearRegressionNeverDecreases() {
        int sweeps = 0;
        for (long seed : SEEDS) {
            SyntheticData.Regression r = Fixtures.regression(20, seed);
            // An informative prior far from the data, so the first sweeps move a lot.
            NormalGamma prior = NormalGamma.of(new double[] {5, -5, 5, -5}, Dense.scaledIdentity(4, 2.0), 3, 0.1);
            sweeps += assertMonotone(
                    rng -> BayesianLinearRegression.init(r.x(), r.y(), prior), seed, "linear regression");
        }
        assertTrue(sweeps >= 5 * 3, "too few sweeps were checked: " + sweeps);
    }

    @Test
    void restartsKeepTheBestElboAndAreReproducible() {
        double[][] x = Fixtures.overlapping(200, 9).points();
        GaussianMixture.Prior prior = GaussianMixture.defaultPrior(x, 4);
        Cavi cavi = Cavi.defaults().restarts(6).seed(3);
        CaviFit<GaussianMixture> a = cavi.run(rng -> GaussianMixture.init(x, prior, rng));
        CaviFit<GaussianMixture> b = cavi.run(rng -> GaussianMixture.init(x, prior, rng));
        double best = Double.NEGATIVE_INFINITY;
        for (double e : a.restartElbos()) best = Math.max(best, e);
        assertEquals(best, a.elbo(), 0.0, "the fit is the best restart");
        assertEquals(a.restartElbos()[a.restart()], a.elbo(), 0.0);
        assertEquals(6, a.restartElbos().length);
        assertTrue(java.util.Arrays.equals(a.elboTrace(), b.elboTrace()), "same seed, same trace");
        // Restart r depends only on (seed, r): a run with fewer restarts repeats the first ones exactly.
        CaviFit<GaussianMixture> c = cavi.restarts(2).run(rng -> GaussianMixture.init(x, prior, rng));
        assertEquals(a.restartElbos()[0], c.restartElbos()[0], 0.0);
        assertEquals(a.restartElbos()[1], c.restartElbos()[1], 0.0);
    }

    @Test
    void stopsWhenTheGainFallsBelowTheTolerance() {
        double[][] x = Fixtures.overlapping(200, 4).points();
        GaussianMixture.Prior prior = GaussianMixture.defaultPrior(x, 3);
        CaviFit<GaussianMixture> fit =
                Cavi.defaults().tolerance(1e-3).seed(1).run(rng -> GaussianMixture.init(x, prior, rng));
        double[] t = fit.elboTrace();
        assertTrue(fit.converged());
        assertTrue(t[t.length - 1] - t[t.length - 2] < 1e-3, "last gain below the tolerance");
        for (int s = 1; s < t.length - 1; s++)
            assertTrue(t[s] - t[s - 1] >= 1e-3, "earlier gains at least the tolerance");
        CaviFit<GaussianMixture> capped =
                Cavi.defaults().tolerance(0).maxSweeps(3).seed(1).run(rng -> GaussianMixture.init(x, prior, rng));
        assertEquals(3, capped.sweeps());
        assertTrue(!capped.converged());
    }

    /** A model whose ELBO falls must be reported, not silently accepted. */
    @Test
    void aDecreasingElboIsAnError() {
        CaviState broken = new CaviState() {
            double v = 0;

            @Override
            public void sweep() {
                v -= 1;
            }

            @Override
            public double elbo() {
                return v;
            }
        };
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalStateException.class, () -> Cavi.defaults().run(rng -> broken));
        assertTrue(e.getMessage().contains("decreased at sweep 1"), e.getMessage());
    }
}
