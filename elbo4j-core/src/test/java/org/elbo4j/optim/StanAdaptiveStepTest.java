package org.elbo4j.optim;

import static org.elbo4j.optim.Steps.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class StanAdaptiveStepTest {
    @Test
    void firstStepsFollowEquationTen() {
        Optimizer opt = StanAdaptiveStep.of(1.0);
        ParamStore p = start(X0);
        // i = 1: s1 = g1² = [4, 1] (Stan's first iteration); x1 = x0 - (1/√1)·g1/(1 + √s1) = [1 - 2/3, -2 + 1/2]
        assertClose(new double[] {1.0 / 3, -1.5}, step(opt, p, 2, -1), HAND_TOL, "x1");
        // i = 2: s2 = 0.9 s1 + 0.1 g2² = [3.7, 0.925]; x2 = x1 - (1/√2)·[1, 0.5]/(1 + √s2)
        //        = [1/3 - 0.707107/2.923538, -1.5 - 0.353553/1.961769]  (40-digit decimal: below)
        assertClose(new double[] {0.091466566782593774, -1.6802217049985024}, step(opt, p, 1, 0.5), HAND_TOL, "x2");
        // i = 3: s3 = 0.9 s2 + 0.1 g3² = [3.33, 0.9325]; x3 = x2 - (1/√3)·[0, 1]/(1 + √s3)
        assertClose(new double[] {0.091466566782593774, -1.9739399232755602}, step(opt, p, 0, 1), HAND_TOL, "x3");
    }

    @Test
    void bitForBitStansArithmetic() {
        // Stan's loop (advi.hpp, stochastic_gradient_ascent) on the ELBO gradient G = -g, written out with its
        // operation order: s = g² at i = 1, else 0.9*s + 0.1*(g*g); θ += (η/sqrt(i) * G) / (1 + sqrt(s)).
        double eta = 0.37;
        double[][] grads = {{2, -1, 0.3}, {1, 0.5, -7}, {0, 1, 1e-3}, {-4, 2.5, 0.25}, {1e-6, -3, 9}};
        double[] theta = {1, -2, 0.5};
        double[] s = new double[3];
        Optimizer opt = StanAdaptiveStep.of(eta);
        ParamStore p = start(theta);
        for (int i = 1; i <= grads.length; i++) {
            double etaScaled = eta / Math.sqrt((double) i);
            for (int j = 0; j < 3; j++) {
                double elboGrad = -grads[i - 1][j];
                s[j] = i == 1 ? 0 + elboGrad * elboGrad : 0.9 * s[j] + 0.1 * (elboGrad * elboGrad);
                theta[j] += etaScaled * elboGrad / (1.0 + Math.sqrt(s[j]));
            }
            opt.step(p, Map.of("w", Tensor.of(grads[i - 1])));
            assertTrue(p.get("w").valueEquals(Tensor.of(theta)), "iteration " + i + ": " + p.get("w"));
        }
        assertEquals(0.9, 1 - 0.1, 0.0, "1 - alpha rounds to Stan's pre_factor 0.9");
    }

    @Test
    void convergesOnAQuadratic() {
        // f(x) = ½(x₀ − 1)² + 2(x₁ + 2)²: η/√i decays slowly enough (Σ 1/√i = ∞) to reach the minimum;
        // tolerance 1e-6 after 2000 iterations.
        double[] a = {1, 4}, c = {1, -2};
        Optimizer opt = StanAdaptiveStep.of(1.0);
        ParamStore p = start(0, 0);
        for (int k = 0; k < 2000; k++) opt.step(p, Map.of("w", quadraticGrad(p.get("w"), a, c)));
        assertTrue(maxAbsDiff(p.get("w"), c) < 1e-6, p.get("w").toString());
    }

    @Test
    void rejectsBadHyperParameters() {
        var e = assertThrows(
                IllegalArgumentException.class, () -> StanAdaptiveStep.of(1).alpha(0));
        assertEquals("StanAdaptiveStep: alpha must be in (0, 1], got 0.0", e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class, () -> StanAdaptiveStep.of(1).tau(-1));
        assertEquals("StanAdaptiveStep: tau must be finite and > 0, got -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StanAdaptiveStep.of(Double.NaN));
        assertEquals("StanAdaptiveStep: learning rate must be finite and > 0, got NaN", e.getMessage());
    }
}
