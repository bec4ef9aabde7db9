package org.elbo4j.infer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Convergence is never declared at a non-finite ELBO, nor at one that has fallen far from a better evaluation. */
class ConvergenceTest {
    static boolean stopsOn(double[] evals, double se) {
        Convergence c = new Convergence(Stop.noImprovement(2.0, 10, 100_000));
        boolean stop = false;
        for (double e : evals) stop = c.add(e, se);
        return stop;
    }

    @Test
    void aFlatTrendStops() {
        double[] e = new double[12];
        java.util.Arrays.fill(e, -10.0);
        assertTrue(stopsOn(e, 0.1));
    }

    @Test
    void aFlatTrendFarBelowAnEarlierEvaluationIsNotConvergence() {
        // the case: "converged: no significant ELBO trend" at −1.6e154
        double[] e = new double[14];
        java.util.Arrays.fill(e, -1.6e154);
        for (int i = 0; i < 4; i++) e[i] = -600.0 + i;
        assertFalse(stopsOn(e, 0.1));
    }

    @Test
    void aNonFiniteElboIsNotConvergence() {
        double[] e = new double[12];
        java.util.Arrays.fill(e, Double.NEGATIVE_INFINITY);
        assertFalse(stopsOn(e, Double.NaN));
    }
}
