package org.elbo4j.optim;

import static org.elbo4j.optim.Steps.*;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class SgdTest {
    @Test
    void firstStepsFollowTheUpdateRule() {
        Optimizer opt = Sgd.of(0.1);
        ParamStore p = start(X0);
        // x1 = x0 - 0.1 g1 = [1 - 0.1, -2 + 0.2] = [0.9, -1.8]
        assertClose(new double[] {0.9, -1.8}, step(opt, p, 1, -2), HAND_TOL, "x1");
        // x2 = x1 - 0.1 g2 = [0.9 - 0.05, -1.8 - 0.4] = [0.85, -2.2]
        assertClose(new double[] {0.85, -2.2}, step(opt, p, 0.5, 4), HAND_TOL, "x2");
        assertEquals(2, opt.steps());
    }

    @Test
    void scheduleMultipliesTheLearningRate() {
        Optimizer opt = Sgd.of(0.1).schedule(Schedule.stepDecay(1, 0.5));
        ParamStore p = start(X0);
        // step 0: factor 1 -> x1 = 1 - 0.1*1 = 0.9; step 1: factor 0.5 -> x2 = 0.9 - 0.05*1 = 0.85
        step(opt, p, 1, 0);
        assertClose(new double[] {0.85, -2.0}, step(opt, p, 1, 0), HAND_TOL, "x2");
    }

    @Test
    void rejectsBadLearningRates() {
        for (double lr : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            var e = assertThrows(IllegalArgumentException.class, () -> Sgd.of(lr));
            assertTrue(
                    e.getMessage().contains("Sgd: learning rate")
                            && e.getMessage().contains(String.valueOf(lr)),
                    e.getMessage());
        }
        var e = assertThrows(IllegalArgumentException.class, () -> Sgd.of(1).setLearningRate(Double.NaN));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sgd.of(1).schedule(null));
    }
}
