package org.elbo4j.optim;

import static org.elbo4j.optim.Steps.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class AdaGradTest {
    // Expected values: the update rule evaluated in 40-digit decimal arithmetic (Python's decimal module).

    @Test
    void firstSteps() {
        Optimizer opt = AdaGrad.of(0.5); // eps = 1e-10
        ParamStore p = start(X0);
        // G1 = [9, 16]; x1 = [1 - 0.5*3/(3 + 1e-10), -2 + 0.5*4/(4 + 1e-10)] = [0.5 + 1.67e-11, -1.5 - 1.25e-11]
        assertClose(new double[] {0.50000000001666667, -1.5000000000125000}, step(opt, p, 3, -4), HAND_TOL, "x1");
        // G2 = [25, 25]; x2 = x1 - 0.5*[4, 3]/(5 + 1e-10) = x1 - [0.4, 0.3](1 - 2e-11)
        assertClose(new double[] {0.10000000002466667, -1.8000000000065000}, step(opt, p, 4, 3), HAND_TOL, "x2");
    }

    @Test
    void initialAccumulator() {
        Optimizer opt = AdaGrad.of(0.5).initialAccumulator(16);
        ParamStore p = start(X0);
        // G1 = 16 + [9, 16] = [25, 32]; x1 = [1 - 1.5/5, -2 + 2/sqrt(32)] = [0.7, -1.64645]
        assertClose(new double[] {0.70000000000600000, -1.6464466094129762}, step(opt, p, 3, -4), HAND_TOL, "x1");
        // G2 = [41, 41]; x2 = x1 - 0.5*[4, 3]/sqrt(41) = [0.7 - 0.31235, -1.64645 - 0.23426]
        assertClose(new double[] {0.38765247623366592, -1.8807072522422268}, step(opt, p, 4, 3), HAND_TOL, "x2");
    }

    @Test
    void solvesAnIllConditionedQuadratic() {
        // f(x) = ½(x₀ − 1)² + 50·(x₁ + 2)², condition number 100: AdaGrad's per-coordinate scaling makes both
        // coordinates contract alike. Tolerance 1e-6 after 500 steps.
        double[] a = {1, 100}, c = {1, -2};
        Optimizer opt = AdaGrad.of(0.5);
        ParamStore p = start(0, 0);
        for (int k = 0; k < 500; k++) opt.step(p, Map.of("w", quadraticGrad(p.get("w"), a, c)));
        assertTrue(maxAbsDiff(p.get("w"), c) < 1e-6, p.get("w").toString());
    }

    @Test
    void rejectsBadHyperParameters() {
        var e = assertThrows(
                IllegalArgumentException.class, () -> AdaGrad.of(0.1).eps(0));
        assertEquals("AdaGrad: eps must be finite and > 0, got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AdaGrad.of(0.1).initialAccumulator(-1));
        assertEquals("AdaGrad: initialAccumulator must be finite and >= 0, got -1.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AdaGrad.of(0.1).initialAccumulator(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> AdaGrad.of(Double.NaN));
    }

    @Test
    void aZeroGradientOnAFreshCoordinateDoesNotMoveIt() {
        // G = 0 + 0² = 0, step 0/(0 + eps) = 0: eps keeps 0/0 away.
        ParamStore p = start(X0);
        AdaGrad.of(0.5).step(p, Map.of("w", Tensor.of(0.0, 0.0)));
        assertTrue(p.get("w").valueEquals(Tensor.of(X0)));
    }
}
