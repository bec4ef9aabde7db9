package org.elbo4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.elbo4j.tensor.Tensor;

/** Test helpers: a two-element parameter "w" stepped with given gradients, and the problems the tests solve. */
final class Steps {
    /** Absolute tolerance for hand-computed values of order 1: a few ulps of rounding in either evaluation. */
    static final double HAND_TOL = 1e-14;

    /** x₀ of the hand-computed examples. */
    static final double[] X0 = {1.0, -2.0};

    private Steps() {}

    static ParamStore start(double... x0) {
        ParamStore p = new ParamStore();
        p.put("w", Tensor.of(x0));
        return p;
    }

    /** One step with gradient {@code g} for "w"; returns the new value. */
    static double[] step(Optimizer opt, ParamStore p, double... g) {
        opt.step(p, Map.of("w", Tensor.of(g)));
        return p.get("w").toArray();
    }

    static void assertClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol, what + ": element " + i);
        }
    }

    /** ∇ of f(x) = ½ Σ aᵢ (xᵢ − cᵢ)², a convex quadratic with minimum at c. */
    static Tensor quadraticGrad(Tensor x, double[] a, double[] c) {
        double[] g = new double[a.length];
        for (int i = 0; i < g.length; i++) g[i] = a[i] * (x.at(i) - c[i]);
        return Tensor.of(g);
    }

    /** ∇ of Rosenbrock's f(x, y) = (1 − x)² + 100 (y − x²)², minimum at (1, 1). */
    static Tensor rosenbrockGrad(Tensor w) {
        double x = w.at(0), y = w.at(1);
        return Tensor.of(-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x));
    }

    static double maxAbsDiff(Tensor x, double[] c) {
        double d = 0;
        for (int i = 0; i < c.length; i++) d = Math.max(d, Math.abs(x.at(i) - c[i]));
        return d;
    }
}
