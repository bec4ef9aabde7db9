package org.elbo4j.optim;

import static org.elbo4j.optim.Steps.*;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class MomentumTest {
    @Test
    void classicalFirstSteps() {
        Optimizer opt = Momentum.of(0.1).momentum(0.9);
        ParamStore p = start(X0);
        // b1 = g1 = [1, -2];                      x1 = x0 - 0.1 b1 = [0.9, -1.8]
        assertClose(new double[] {0.9, -1.8}, step(opt, p, 1, -2), HAND_TOL, "x1");
        // b2 = 0.9 b1 + [0.5, 4] = [1.4, 2.2];    x2 = [0.9 - 0.14, -1.8 - 0.22] = [0.76, -2.02]
        assertClose(new double[] {0.76, -2.02}, step(opt, p, 0.5, 4), HAND_TOL, "x2");
        // b3 = 0.9 b2 + 0 = [1.26, 1.98];         x3 = [0.76 - 0.126, -2.02 - 0.198] = [0.634, -2.218]
        assertClose(new double[] {0.634, -2.218}, step(opt, p, 0, 0), HAND_TOL, "x3");
    }

    @Test
    void nesterovFirstSteps() {
        Optimizer opt = Momentum.of(0.1).momentum(0.9).nesterov(true);
        ParamStore p = start(X0);
        // b1 = [1, -2];    d = g1 + 0.9 b1 = [1.9, -3.8];     x1 = [1 - 0.19, -2 + 0.38] = [0.81, -1.62]
        assertClose(new double[] {0.81, -1.62}, step(opt, p, 1, -2), HAND_TOL, "x1");
        // b2 = [1.4, 2.2]; d = [0.5 + 1.26, 4 + 1.98] = [1.76, 5.98];  x2 = [0.81 - 0.176, -1.62 - 0.598]
        assertClose(new double[] {0.634, -2.218}, step(opt, p, 0.5, 4), HAND_TOL, "x2");
        // b3 = [1.26, 1.98]; d = 0 + 0.9 b3 = [1.134, 1.782];  x3 = [0.634 - 0.1134, -2.218 - 0.1782]
        assertClose(new double[] {0.5206, -2.3962}, step(opt, p, 0, 0), HAND_TOL, "x3");
    }

    @Test
    void rejectsBadMomentum() {
        for (double mu : new double[] {-0.1, 1, 1.5, Double.NaN}) {
            var e = assertThrows(
                    IllegalArgumentException.class, () -> Momentum.of(0.1).momentum(mu));
            assertTrue(
                    e.getMessage().contains("momentum") && e.getMessage().contains(String.valueOf(mu)), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Momentum.of(-0.1));
    }
}
