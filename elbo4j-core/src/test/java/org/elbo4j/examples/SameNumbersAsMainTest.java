package org.elbo4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.elbo4j.distributions.HalfCauchy;
import org.elbo4j.distributions.Normal;
import org.elbo4j.infer.AutoGuide;
import org.elbo4j.infer.Elbo;
import org.elbo4j.infer.Fit;
import org.elbo4j.infer.Model;
import org.elbo4j.infer.Plate;
import org.elbo4j.infer.Stop;
import org.elbo4j.infer.Svi;
import org.elbo4j.optim.Adam;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * SVI runs through the effect-handler stack give the numbers the hand-flattened runner they replaced gave: each
 * expected value was printed by commit 106f7d2 (before the handlers) for the same model, estimator, optimizer, seed
 * and steps. Java's floating point is deterministic, so the tolerance only allows for a platform whose Math.exp/log
 * intrinsics round differently in the last bit; any change in the order of draws or of the sums moves these values
 * by far more (1e-4 and up).
 */
class SameNumbersAsMainTest {
    static final double TOL = 1e-12;
    static final Tensor Y = Tensor.of(28, 8, -3, 7, -1, 1, 18, 12), SIGMA = Tensor.of(15, 10, 16, 11, 9, 11, 10, 18);
    static final Model EIGHT_SCHOOLS = s -> {
        Tensor mu = s.sample("mu", Normal.of(0, 5));
        Tensor tau = s.sample("tau", HalfCauchy.of(5));
        Tensor eta = s.sample("eta", Normal.standard(8));
        try (Plate p = s.plate("schools", 8)) {
            s.observe("y", Normal.of(mu.add(tau.mul(eta)), SIGMA), Y);
        }
    };

    static Fit fit(String estimator, int particles, long seed, Stop stop) {
        return Svi.of(EIGHT_SCHOOLS, AutoGuide.meanField(EIGHT_SCHOOLS))
                .estimator(Elbo.byName(estimator, particles))
                .optimizer(Adam.of(0.01))
                .seed(seed)
                .run(stop);
    }

    @Test
    void pathwiseAndAnalyticEntropy() {
        Stop stop = Stop.after(2000).evaluateEvery(Integer.MAX_VALUE, 10);
        Fit reparam = fit("reparam", 1, 7, stop), entropy = fit("entropy", 1, 7, stop);
        assertEquals(4.624750774401885, reparam.param("mu_loc").item(), TOL);
        assertEquals(0.8294435989274708, reparam.param("tau_loc").item(), TOL);
        assertEquals(4.624750774401885, entropy.param("mu_loc").item(), TOL);
        assertEquals(0.829443598927471, entropy.param("tau_loc").item(), TOL);
    }

    @Test
    void stickingTheLandingIwaeAndAnalyticKl() {
        Stop stop = Stop.after(2000).evaluateEvery(500, 10);
        Fit stl = fit("stl", 2, 3, stop), iwae = fit("iwae", 2, 3, stop), kl = fit("kl", 2, 3, stop);
        assertEquals(4.519199300822681, stl.param("mu_loc").item(), TOL);
        assertEquals(-32.05394249275801, stl.finalElbo(), TOL * 100);
        assertEquals(4.195228158329092, iwae.param("mu_loc").item(), TOL);
        assertEquals(-33.82015156311636, iwae.finalElbo(), TOL * 100);
        assertEquals(4.360944123817742, kl.param("mu_loc").item(), TOL);
        assertEquals(-32.11212564239876, kl.finalElbo(), TOL * 100);
        // draws from the fitted guide (Fit.draws runs guide and model through the stack too)
        assertEquals(1.5171380932823872, kl.draws(3, 1).values()[2][0], TOL);
    }
}
