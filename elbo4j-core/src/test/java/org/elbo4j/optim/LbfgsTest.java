package org.elbo4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link Lbfgs} on problems with known minima: the package example, Rosenbrock, an ill-conditioned quadratic. */
class LbfgsTest {
    @Test
    void packageExample() {
        Lbfgs.Result r = Lbfgs.of()
                .minimize(
                        (x, g) -> {
                            g[0] = 2 * (x[0] - 1);
                            g[1] = 20 * (x[1] + 2);
                            return (x[0] - 1) * (x[0] - 1) + 10 * (x[1] + 2) * (x[1] + 2);
                        },
                        new double[] {0, 0});
        assertTrue(r.converged(), r.reason());
        assertEquals(1, r.x()[0], 1e-8);
        assertEquals(-2, r.x()[1], 1e-8);
    }

    /** Rosenbrock's valley from (−1.2, 1): minimum (1, 1); L-BFGS needs a few dozen iterations. */
    @Test
    void rosenbrock() {
        Lbfgs.Result r = Lbfgs.of()
                .minimize(
                        (x, g) -> {
                            double a = 1 - x[0], b = x[1] - x[0] * x[0];
                            g[0] = -2 * a - 400 * x[0] * b;
                            g[1] = 200 * b;
                            return a * a + 100 * b * b;
                        },
                        new double[] {-1.2, 1});
        assertTrue(r.converged(), r.reason());
        assertEquals(1, r.x()[0], 1e-6);
        assertEquals(1, r.x()[1], 1e-6);
        assertTrue(r.iterations() < 100, "iterations " + r.iterations());
    }

    /**
     * f(x) = ½ Σ λ_i (x_i − c_i)² with λ from 1e-4 to 1e4 (condition number 1e8), as posteriors with sds from 1e-2 to
     * 1e2 give: the minimiser c is found to 1e-6 relative to each coordinate's scale 1/√λ. With memory ≥ n, as
     * {@code Laplace} uses for small models (with the default m = 10 this problem needs more than 1000 iterations).
     */
    @Test
    void illConditionedQuadratic() {
        int n = 20;
        double[] lam = new double[n], c = new double[n];
        for (int i = 0; i < n; i++) {
            lam[i] = Math.pow(10, -4 + 8.0 * i / (n - 1));
            c[i] = Math.sin(i + 1) * 10;
        }
        Lbfgs.Result r = Lbfgs.of()
                .memory(30)
                .gradientTolerance(1e-12)
                .minimize(
                        (x, g) -> {
                            double f = 0;
                            for (int i = 0; i < n; i++) {
                                g[i] = lam[i] * (x[i] - c[i]);
                                f += 0.5 * lam[i] * (x[i] - c[i]) * (x[i] - c[i]);
                            }
                            return f;
                        },
                        new double[n]);
        for (int i = 0; i < n; i++)
            assertEquals(c[i], r.x()[i], 1e-6 / Math.sqrt(lam[i]), "coordinate " + i + ": " + r.reason());
    }

    /** A non-finite f (outside the domain, here x ≤ 0 for −log x + x) makes the line search back off. */
    @Test
    void nonFiniteValuesAreBacktrackedFrom() {
        Lbfgs.Result r = Lbfgs.of()
                .minimize(
                        (x, g) -> {
                            g[0] = x[0] > 0 ? -1 / x[0] + 1 : Double.NaN;
                            return x[0] > 0 ? -Math.log(x[0]) + x[0] : Double.NaN;
                        },
                        new double[] {0.1});
        assertTrue(r.converged(), r.reason());
        assertEquals(1, r.x()[0], 1e-7);
    }

    @Test
    void iterationLimitIsReported() {
        Lbfgs.Result r = Lbfgs.of()
                .maxIterations(2)
                .minimize(
                        (x, g) -> {
                            double a = 1 - x[0], b = x[1] - x[0] * x[0];
                            g[0] = -2 * a - 400 * x[0] * b;
                            g[1] = 200 * b;
                            return a * a + 100 * b * b;
                        },
                        new double[] {-1.2, 1});
        assertFalse(r.converged());
        assertEquals(2, r.iterations());
        assertTrue(r.reason().contains("iteration limit"), r.reason());
    }

    @Test
    void badStartsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Lbfgs.of().minimize((x, g) -> 0, new double[0]));
        var e = assertThrows(
                IllegalArgumentException.class, () -> Lbfgs.of().minimize((x, g) -> Double.NaN, new double[] {1}));
        assertTrue(e.getMessage().contains("f(x0)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Lbfgs.of().memory(0));
    }
}
