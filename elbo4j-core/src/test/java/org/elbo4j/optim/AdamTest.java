package org.elbo4j.optim;

import static org.elbo4j.optim.Steps.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AdamTest {
    // Expected values: Algorithm 1 of Kingma & Ba evaluated in 40-digit decimal arithmetic (Python's decimal
    // module, m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ), x −= lr·m̂/(√v̂ + ε)). Gradients g1 = [1, −2], g2 = [0.5, 4], g3 = 0.

    @Test
    void firstSteps() {
        Optimizer opt = Adam.of(0.1); // β = (0.9, 0.999), ε = 1e-8
        ParamStore p = start(X0);
        // m1 = 0.1 g1 = [0.1, -0.2], v1 = 0.001 g1² = [0.001, 0.004]; m̂ = g1, v̂ = g1²
        // x1 = x0 - 0.1 sign(g1)·|g1|/(|g1| + 1e-8) = [0.900000001, -1.9000000005]
        assertClose(new double[] {0.90000000099999999, -1.9000000005000000}, step(opt, p, 1, -2), HAND_TOL, "x1");
        // m2 = 0.9 m1 + 0.1 g2 = [0.14, 0.22], v2 = 0.999 v1 + 0.001 g2² = [0.001249, 0.019996]
        // m̂ = m2/0.19, v̂ = v2/0.001999; x2 = x1 - 0.1 [0.736842/0.790449, 1.157895/3.162778]
        assertClose(new double[] {0.80678203829816041, -1.9366103530878298}, step(opt, p, 0.5, 4), HAND_TOL, "x2");
        // m3 = 0.9 m2 = [0.126, 0.198], v3 = 0.999 v2 = [0.001247751, 0.019976004]; 1-β₁³ = 0.271, 1-β₂³ = 0.002997
        assertClose(new double[] {0.73472428316007609, -1.9649102617263013}, step(opt, p, 0, 0), HAND_TOL, "x3");
    }

    @Test
    void amsgradUsesTheRunningMaximumOfV() {
        Optimizer opt = Adam.of(0.1).amsgrad(true);
        ParamStore p = start(X0);
        // Steps 1 and 2 as plain Adam (v grows); at step 3 v3 = 0.999 v2 < v2, so v̂ = max(v2, v3) = v2.
        assertClose(new double[] {0.90000000099999999, -1.9000000005000000}, step(opt, p, 1, -2), HAND_TOL, "x1");
        assertClose(new double[] {0.80678203829816041, -1.9366103530878298}, step(opt, p, 0.5, 4), HAND_TOL, "x2");
        assertClose(new double[] {0.73476032104881271, -1.9648961082327785}, step(opt, p, 0, 0), HAND_TOL, "x3");
    }

    @Test
    void decoupledWeightDecay() {
        Optimizer opt = Adam.of(0.1).weightDecay(0.5);
        ParamStore p = start(X0);
        // x1 = (1 - 0.1·0.5) x0 - Adam step = 0.95·[1, -2] - [0.099999999, -0.0999999995] = [0.850000001,
        // -1.8000000005]
        assertClose(new double[] {0.85000000099999999, -1.8000000005000000}, step(opt, p, 1, -2), HAND_TOL, "x1");
        assertClose(new double[] {0.71428203824816041, -1.7466103530628298}, step(opt, p, 0.5, 4), HAND_TOL, "x2");
        assertClose(new double[] {0.60651018119766807, -1.6875797440481598}, step(opt, p, 0, 0), HAND_TOL, "x3");
    }

    @Test
    void solvesRosenbrock() {
        // Rosenbrock's valley from (-1.2, 1), the classic start: Adam with lr 0.05 and a cosine decay to 0 over
        // 5000 steps ends within 1e-6 of (1, 1) (measured 4.7e-8; 3000 steps leave 3.3e-3).
        double[] opt = {1, 1};
        Optimizer adam = Adam.of(0.05).schedule(Schedule.cosine(5000));
        ParamStore p = start(-1.2, 1);
        for (int k = 0; k < 5000; k++) adam.step(p, Map.of("w", rosenbrockGrad(p.get("w"))));
        assertTrue(maxAbsDiff(p.get("w"), opt) < 1e-6, p.get("w").toString());
    }

    @Test
    void solvesAnIllConditionedQuadratic() {
        // f(x) = ½(x₀ − 1)² + 500·(x₁ + 2)², condition number 1000; tolerance 1e-4 after 2000 steps.
        double[] a = {1, 1000}, c = {1, -2};
        Optimizer adam = Adam.of(0.05).schedule(Schedule.cosine(2000));
        ParamStore p = start(0, 0);
        for (int k = 0; k < 2000; k++) adam.step(p, Map.of("w", quadraticGrad(p.get("w"), a, c)));
        assertTrue(maxAbsDiff(p.get("w"), c) < 1e-4, p.get("w").toString());
    }

    @Test
    void rejectsBadHyperParameters() {
        var e = assertThrows(IllegalArgumentException.class, () -> Adam.of(0));
        assertEquals("Adam: learning rate must be finite and > 0, got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Adam.of(0.01).betas(0.9, 1.0));
        assertEquals("Adam: beta2 must be in [0, 1), got 1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Adam.of(0.01).betas(Double.NaN, 0.999));
        assertEquals("Adam: beta1 must be in [0, 1), got NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Adam.of(0.01).eps(-1e-8));
        assertEquals("Adam: eps must be finite and > 0, got -1.0E-8", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Adam.of(0.01).weightDecay(Double.POSITIVE_INFINITY));
        assertEquals("Adam: weightDecay must be finite and >= 0, got Infinity", e.getMessage());
    }

    @Test
    void withersKeepTheOtherSettings() {
        Adam a = Adam.of(0.01).amsgrad(true).betas(0.8, 0.99).eps(1e-6).weightDecay(0.1);
        var hp = a.saveState().scalars();
        assertEquals(0.01, hp.get("lr"));
        assertEquals(0.8, hp.get("beta1"));
        assertEquals(0.99, hp.get("beta2"));
        assertEquals(1e-6, hp.get("eps"));
        assertEquals(0.1, hp.get("weightDecay"));
        assertEquals(1.0, hp.get("amsgrad"));
    }
}
