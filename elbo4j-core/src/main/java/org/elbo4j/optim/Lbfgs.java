package org.elbo4j.optim;

/**
 * Limited-memory BFGS for deterministic, smooth minimisation (Nocedal 1980; Liu &amp; Nocedal 1989): the search
 * direction is −H_k ∇f with H_k the BFGS inverse-Hessian estimate built from the last m pairs
 * s_i = x_{i+1} − x_i, y_i = ∇f_{i+1} − ∇f_i by the two-loop recursion, scaled by γ = sᵀy / yᵀy; the step
 * length by backtracking from 1 until the Armijo condition f(x + αd) ≤ f(x) + c₁α∇fᵀd holds (c₁ = 1e-4,
 * halving α; a non-finite f counts as failing). A pair with sᵀy ≤ 10⁻¹⁰·|s||y| is not stored, so H_k stays
 * positive definite. Unlike the stochastic optimizers of this package, it needs exact values and gradients:
 * it finds modes (MAP estimates, the centre of a Laplace approximation), not ELBO optima.
 *
 * <p>Stops when ‖∇f‖∞ ≤ {@code gradientTolerance}·max(1, |f|), when an accepted step changes f by at most
 * 1e-13·max(1, |f|) twice in a row, when the line search fails (no decrease found in 60 halvings: at the
 * precision limit), or after {@code maxIterations}.
 *
 * <pre>{@code
 * Lbfgs.Result r = Lbfgs.of().minimize((x, g) -> {        // f(x) = (x0 − 1)² + 10·(x1 + 2)²
 *     g[0] = 2 * (x[0] - 1); g[1] = 20 * (x[1] + 2);
 *     return (x[0] - 1) * (x[0] - 1) + 10 * (x[1] + 2) * (x[1] + 2);
 * }, new double[] {0, 0});
 * r.x();                                                    // [1.0, -2.0]
 * }</pre>
 *
 * <blockquote>J. Nocedal and S. J. Wright, "Numerical Optimization", 2nd ed., Springer, 2006, Algorithm 7.4
 * (two-loop recursion) and §3.1 (backtracking).</blockquote>
 *
 * @implSpec Defaults: memory m = 10, at most 1000 iterations, gradient tolerance 1e-8.
 */
public final class Lbfgs {
    /** f and its gradient. */
    @FunctionalInterface
    public interface Objective {
        /**
         * @param x    the point. Not modified.
         * @param grad ∇f(x) is written here (same length as x). Modified.
         * @return f(x); a non-finite value marks x as outside the domain
         */
        double valueAndGradient(double[] x, double[] grad);
    }

    /** Sees each iterate of a run: the start (iteration 0) and every accepted step. */
    @FunctionalInterface
    public interface Iterates {
        /**
         * @param iteration 0 for the start, then 1, 2, ...
         * @param x         the iterate. Not to be modified or kept (copy it).
         * @param value     f(x)
         * @param grad      ∇f(x). Not to be modified or kept.
         */
        void accept(int iteration, double[] x, double value, double[] grad);
    }

    /**
     * The outcome.
     *
     * @param x           the best point found
     * @param value       f(x)
     * @param gradient    ∇f(x)
     * @param iterations  accepted steps
     * @param evaluations calls of the objective
     * @param converged   true when a tolerance (not the iteration limit) stopped it
     * @param reason      why it stopped
     */
    public record Result(
            double[] x,
            double value,
            double[] gradient,
            int iterations,
            int evaluations,
            boolean converged,
            String reason) {}

    private static final double C1 = 1e-4;
    private static final int MAX_HALVINGS = 60;

    private final int memory;
    private final int maxIterations;
    private final double gradientTolerance;

    private Lbfgs(int memory, int maxIterations, double gradientTolerance) {
        this.memory = memory;
        this.maxIterations = maxIterations;
        this.gradientTolerance = gradientTolerance;
    }

    /** The defaults (see {@code @implSpec}). */
    public static Lbfgs of() {
        return new Lbfgs(10, 1000, 1e-8);
    }

    /**
     * @throws IllegalArgumentException unless m ≥ 1
     */
    public Lbfgs memory(int m) {
        if (m < 1) throw new IllegalArgumentException("Lbfgs: memory must be >= 1, got " + m);
        return new Lbfgs(m, maxIterations, gradientTolerance);
    }

    /**
     * @throws IllegalArgumentException unless n ≥ 1
     */
    public Lbfgs maxIterations(int n) {
        if (n < 1) throw new IllegalArgumentException("Lbfgs: maxIterations must be >= 1, got " + n);
        return new Lbfgs(memory, n, gradientTolerance);
    }

    /**
     * @throws IllegalArgumentException unless tol ≥ 0 and finite
     */
    public Lbfgs gradientTolerance(double tol) {
        if (!(tol >= 0) || Double.isInfinite(tol))
            throw new IllegalArgumentException("Lbfgs: gradientTolerance must be >= 0 and finite, got " + tol);
        return new Lbfgs(memory, maxIterations, tol);
    }

    /**
     * Minimises f from {@code x0}.
     *
     * @param x0 the start, length n ≥ 1. Not modified.
     * @throws IllegalArgumentException if x0 is empty, or f or its gradient is not finite at x0 (naming the entry)
     */
    public Result minimize(Objective f, double[] x0) {
        return minimize(f, x0, (i, x, v, g) -> {});
    }

    /**
     * As {@link #minimize(Objective, double[])}, showing every iterate to {@code path} (Pathfinder builds its normal
     * approximations along it).
     */
    public Result minimize(Objective f, double[] x0, Iterates path) {
        int n = x0.length;
        if (n == 0) throw new IllegalArgumentException("Lbfgs: x0 is empty");
        double[] x = x0.clone(), g = new double[n];
        double fx = f.valueAndGradient(x, g);
        int evals = 1;
        if (!Double.isFinite(fx)) throw new IllegalArgumentException("Lbfgs: f(x0) is " + fx);
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(g[i]))
                throw new IllegalArgumentException("Lbfgs: gradient at x0 is " + g[i] + " at index " + i);
        }
        path.accept(0, x, fx, g);
        double[][] s = new double[memory][], y = new double[memory][];
        double[] rho = new double[memory];
        int stored = 0, head = 0, flat = 0;
        double[] d = new double[n], xNew = new double[n], gNew = new double[n], alpha = new double[memory];
        for (int it = 0; it < maxIterations; it++) {
            if (normInf(g) <= gradientTolerance * Math.max(1, Math.abs(fx))) {
                return new Result(x, fx, g, it, evals, true, "gradient below tolerance");
            }
            // Two-loop recursion: d = −H g.
            System.arraycopy(g, 0, d, 0, n);
            for (int k = 0; k < stored; k++) {
                int j = Math.floorMod(head - 1 - k, memory);
                alpha[j] = rho[j] * dot(s[j], d);
                axpy(-alpha[j], y[j], d);
            }
            double gamma;
            if (stored > 0) {
                int last = Math.floorMod(head - 1, memory);
                gamma = dot(s[last], y[last]) / dot(y[last], y[last]);
            } else {
                gamma = 1 / Math.max(1, normInf(g)); // first step: at most unit length in any coordinate
            }
            for (int i = 0; i < n; i++) d[i] *= gamma;
            for (int k = stored - 1; k >= 0; k--) {
                int j = Math.floorMod(head - 1 - k, memory);
                double b = rho[j] * dot(y[j], d);
                axpy(alpha[j] - b, s[j], d);
            }
            for (int i = 0; i < n; i++) d[i] = -d[i];
            double slope = dot(g, d);
            if (!(slope < 0)) { // not a descent direction (rounding): restart from steepest descent
                stored = 0;
                for (int i = 0; i < n; i++) d[i] = -g[i] / Math.max(1, normInf(g));
                slope = dot(g, d);
            }
            double step = 1, fNew = Double.NaN;
            boolean accepted = false;
            for (int h = 0; h < MAX_HALVINGS; h++) {
                for (int i = 0; i < n; i++) xNew[i] = x[i] + step * d[i];
                fNew = f.valueAndGradient(xNew, gNew);
                evals++;
                if (Double.isFinite(fNew) && allFinite(gNew) && fNew <= fx + C1 * step * slope) {
                    accepted = true;
                    break;
                }
                step *= 0.5;
            }
            if (!accepted)
                return new Result(x, fx, g, it, evals, true, "line search found no decrease (precision limit)");
            double[] sv = new double[n], yv = new double[n];
            for (int i = 0; i < n; i++) {
                sv[i] = xNew[i] - x[i];
                yv[i] = gNew[i] - g[i];
            }
            double sy = dot(sv, yv);
            if (sy > 1e-10 * Math.sqrt(dot(sv, sv) * dot(yv, yv))) {
                s[head] = sv;
                y[head] = yv;
                rho[head] = 1 / sy;
                head = (head + 1) % memory;
                stored = Math.min(stored + 1, memory);
            }
            double change = fx - fNew;
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            fx = fNew;
            path.accept(it + 1, x, fx, g);
            flat = change <= 1e-13 * Math.max(1, Math.abs(fx)) ? flat + 1 : 0;
            if (flat >= 2) return new Result(x, fx, g, it + 1, evals, true, "f no longer decreases");
        }
        return new Result(x, fx, g, maxIterations, evals, false, "iteration limit " + maxIterations + " reached");
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) y[i] += a * x[i];
    }

    private static double normInf(double[] v) {
        double m = 0;
        for (double e : v) m = Math.max(m, Math.abs(e));
        return m;
    }

    private static boolean allFinite(double[] v) {
        for (double e : v) if (!Double.isFinite(e)) return false;
        return true;
    }
}
