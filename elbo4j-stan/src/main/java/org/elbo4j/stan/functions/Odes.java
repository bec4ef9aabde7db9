package org.elbo4j.stan.functions;

import org.elbo4j.tensor.Tensor;
import org.elbo4j.tensor.TensorData;

/**
 * Stan's ODE solvers {@code ode_rk45}, {@code ode_rk45_tol}, {@code ode_bdf}, {@code ode_bdf_tol} and the older
 * {@code integrate_ode_rk45} / {@code integrate_ode_bdf}, by Stan's rk45: the Dormand–Prince 5(4) pair over the
 * states and their forward sensitivities, with Boost.Odeint's step control and dense output ({@link CoupledDopri5}).
 *
 * <p><b>Gradients</b> are the forward sensitivities of every element of every input that requires a gradient (the
 * initial state and the tensor arguments), integrated with the states, and their error is part of the step control,
 * as in Stan: at the same tolerances the solution and its gradient are Stan's up to rounding (docs/stan.md,
 * "sir-sir"). The default tolerances below are tighter than Stan's 1e-6; pass Stan's to the {@code _tol} forms to
 * reproduce Stan's numbers. Gradients with respect to the times t0 and ts are not propagated (Stan programs pass data
 * there).
 *
 * <p>{@code ode_bdf} and {@code integrate_ode_bdf} use the same explicit method (Stan uses CVODES' BDF there):
 * correct for non-stiff problems (those of the corpus), but many small steps on a stiff one (the step limit then
 * raises an error).
 *
 * <blockquote>J. R. Dormand, P. J. Prince, "A family of embedded Runge–Kutta formulae", J. Comp. Appl. Math. 6(1),
 * 1980. E. Hairer, S. P. Nørsett, G. Wanner, "Solving Ordinary Differential Equations I", 2nd ed., §II.4–II.6, 1993.
 * </blockquote>
 */
public final class Odes {
    private Odes() {}

    /** Default relative and absolute tolerances (Stan's are 1e-6; tighter here, see the class comment). */
    static final double RTOL = 1e-8, ATOL = 1e-8;
    /** Stan's default step limit. */
    static final int MAX_STEPS = 1_000_000;

    /** {@code ode_rk45(f, y0, t0, ts, ...)}: the solution at each time of ts, shape [T, N] ({@code array[] vector}). */
    public static Tensor odeRk45(OdeRhs f, Tensor y0, Tensor t0, Tensor ts, Object... args) {
        return solve("ode_rk45", f, y0, t0, ts, args, RTOL, ATOL, MAX_STEPS);
    }

    /** {@code ode_rk45_tol(f, y0, t0, ts, rtol, atol, max_steps, ...)}. */
    public static Tensor odeRk45Tol(
            OdeRhs f, Tensor y0, Tensor t0, Tensor ts, Tensor rtol, Tensor atol, int maxSteps, Object... args) {
        return solve(
                "ode_rk45_tol",
                f,
                y0,
                t0,
                ts,
                args,
                tol("ode_rk45_tol", "relative_tolerance", rtol),
                tol("ode_rk45_tol", "absolute_tolerance", atol),
                maxSteps);
    }

    /** {@code ode_bdf(f, y0, t0, ts, ...)} (solved by {@link #odeRk45}'s method; see the class comment). */
    public static Tensor odeBdf(OdeRhs f, Tensor y0, Tensor t0, Tensor ts, Object... args) {
        return solve("ode_bdf", f, y0, t0, ts, args, RTOL, ATOL, MAX_STEPS);
    }

    /** {@code ode_bdf_tol(f, y0, t0, ts, rtol, atol, max_steps, ...)}. */
    public static Tensor odeBdfTol(
            OdeRhs f, Tensor y0, Tensor t0, Tensor ts, Tensor rtol, Tensor atol, int maxSteps, Object... args) {
        return solve(
                "ode_bdf_tol",
                f,
                y0,
                t0,
                ts,
                args,
                tol("ode_bdf_tol", "relative_tolerance", rtol),
                tol("ode_bdf_tol", "absolute_tolerance", atol),
                maxSteps);
    }

    /** {@code integrate_ode_rk45(f, y0, t0, ts, theta, x_r, x_i)}: shape [T, N] ({@code array[,] real}). */
    public static Tensor integrateOdeRk45(
            OdeRhs f, Tensor y0, Tensor t0, Tensor ts, Tensor theta, Tensor xr, int[] xi) {
        Check.finite("integrate_ode_rk45", "parameter vector", theta);
        Check.finite("integrate_ode_rk45", "continuous data", xr);
        return solve("integrate_ode_rk45", f, y0, t0, ts, new Object[] {theta, xr, xi}, RTOL, ATOL, MAX_STEPS);
    }

    /** {@code integrate_ode_rk45(f, y0, t0, ts, theta, x_r, x_i, rtol, atol, max_steps)}. */
    public static Tensor integrateOdeRk45(
            OdeRhs f,
            Tensor y0,
            Tensor t0,
            Tensor ts,
            Tensor theta,
            Tensor xr,
            int[] xi,
            Tensor rtol,
            Tensor atol,
            int maxSteps) {
        return solve(
                "integrate_ode_rk45",
                f,
                y0,
                t0,
                ts,
                new Object[] {theta, xr, xi},
                tol("integrate_ode_rk45", "relative_tolerance", rtol),
                tol("integrate_ode_rk45", "absolute_tolerance", atol),
                maxSteps);
    }

    /** {@code integrate_ode_bdf(f, y0, t0, ts, theta, x_r, x_i)} (the method of {@link #integrateOdeRk45}). */
    public static Tensor integrateOdeBdf(OdeRhs f, Tensor y0, Tensor t0, Tensor ts, Tensor theta, Tensor xr, int[] xi) {
        Check.finite("integrate_ode_bdf", "parameter vector", theta);
        Check.finite("integrate_ode_bdf", "continuous data", xr);
        return solve("integrate_ode_bdf", f, y0, t0, ts, new Object[] {theta, xr, xi}, RTOL, ATOL, MAX_STEPS);
    }

    /** {@code integrate_ode_bdf(f, y0, t0, ts, theta, x_r, x_i, rtol, atol, max_steps)}. */
    public static Tensor integrateOdeBdf(
            OdeRhs f,
            Tensor y0,
            Tensor t0,
            Tensor ts,
            Tensor theta,
            Tensor xr,
            int[] xi,
            Tensor rtol,
            Tensor atol,
            int maxSteps) {
        return solve(
                "integrate_ode_bdf",
                f,
                y0,
                t0,
                ts,
                new Object[] {theta, xr, xi},
                tol("integrate_ode_bdf", "relative_tolerance", rtol),
                tol("integrate_ode_bdf", "absolute_tolerance", atol),
                maxSteps);
    }

    private static double tol(String fn, String name, Tensor t) {
        Check.positiveFinite(fn, name, t);
        return Check.scalar(fn, name, t);
    }

    private static Tensor solve(
            String fn,
            OdeRhs f,
            Tensor y0,
            Tensor t0,
            Tensor ts,
            Object[] args,
            double rtol,
            double atol,
            int maxSteps) {
        Check.finite(fn, "initial state", y0);
        Check.finite(fn, "initial time", t0);
        Check.finite(fn, "times", ts);
        double start = Check.scalar(fn, "initial time", t0);
        double[] times = TensorData.readOnly(ts);
        if (times.length == 0) throw new StanDomainException(fn + ": times has size 0, but must have a non-zero size");
        if (!(times[0] > start)) {
            throw new StanDomainException(
                    fn + ": initial time is " + Check.fmt(start) + ", but must be less than " + Check.fmt(times[0]));
        }
        for (int i = 1; i < times.length; i++) {
            if (!(times[i] > times[i - 1])) {
                throw new StanDomainException(fn + ": times is not a valid sorted vector. The element at " + (i + 1)
                        + " is " + Check.fmt(times[i]) + ", but should be greater than the previous element, "
                        + Check.fmt(times[i - 1]));
            }
        }
        return CoupledDopri5.solve(fn, f, y0, start, times, args, rtol, atol, maxSteps);
    }
}
