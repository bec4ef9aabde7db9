package org.elbo4j.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.elbo4j.distributions.Normal;
import org.elbo4j.optim.Adam;
import org.elbo4j.optim.Sgd;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * A candidate point where the model throws (a distribution refusing an overflowed parameter) is a rejected
 * candidate, never an exception out of {@link Svi#run}: in the step-size adaptation, in a step, in an evaluation.
 */
class SviRejectionTest {

    /**
     * y ~ Normal(exp(exp(μ)), 1): the location overflows to +∞ once μ > 6.56 (exp(709)), and Normal refuses an
     * infinite location with an IllegalArgumentException; y = e puts the posterior near μ = 0.
     */
    private static final Model OVERFLOWING = s -> {
        Tensor mu = s.sample("mu", Normal.of(0, 1));
        s.observe("y", Normal.of(mu.exp().exp(), Tensor.scalar(1.0)), Tensor.scalar(Math.E));
    };

    @Test
    void adaptationRejectsStepSizesThatLeaveTheDomain() {
        List<String> rejected = new ArrayList<>();
        Fit fit = Svi.of(OVERFLOWING, AutoGuide.meanField(OVERFLOWING))
                .optimizer(Adam.of(0.01))
                .seed(1)
                .adaptStepSize()
                .listener(new SviListener() {
                    @Override
                    public void onRejectedCandidate(String what, String reason) {
                        rejected.add(what + ": " + reason);
                    }
                })
                .run(Stop.after(300));
        // η = 100 moves μ by about 100 per Adam step: exp(exp(100)) = ∞ within the first steps
        assertTrue(fit.rejectedCandidates() >= 1, "rejected: " + fit.rejectedCandidates());
        assertEquals(fit.rejectedCandidates(), rejected.size());
        assertTrue(rejected.get(0).startsWith("step-size adaptation, eta = 100"), rejected.get(0));
        assertTrue(rejected.get(0).contains("must be finite"), rejected.get(0));
        assertTrue(fit.adaptedEta() < 100, "adapted eta " + fit.adaptedEta());
        assertEquals(300, fit.steps());
        assertTrue(Math.abs(fit.param("mu_loc").item()) < 1, "mu_loc " + fit.param("mu_loc"));
    }

    @Test
    void aStepThatLeavesTheDomainIsUndoneNotThrown() {
        List<String> reasons = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        Fit fit = Svi.of(OVERFLOWING, AutoGuide.meanField(OVERFLOWING))
                .optimizer(Sgd.of(10))
                .seed(1)
                .maxRecoveries(50)
                .listener(new SviListener() {
                    @Override
                    public void onRecovery(long step, String reason, double newLearningRate) {
                        reasons.add(reason);
                    }

                    @Override
                    public void onRejectedCandidate(String what, String reason) {
                        rejected.add(what);
                    }
                })
                .run(Stop.after(200));
        assertTrue(fit.recoveries() > 0, "recoveries " + fit.recoveries());
        assertEquals(fit.recoveries(), reasons.size());
        assertTrue(reasons.stream().anyMatch(r -> r.startsWith("the model is undefined")), reasons.toString());
        assertEquals(200, fit.steps());
        assertTrue(Double.isFinite(fit.param("mu_loc").item()));
        // evaluations whose draws of q reached the overflow are rejected and reported, not thrown
        assertEquals(fit.rejectedCandidates(), rejected.size());
        assertTrue(rejected.stream().allMatch(w -> w.startsWith("ELBO evaluation at step")), rejected.toString());
    }
}
