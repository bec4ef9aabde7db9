package org.elbo4j.stan.functions;

import java.util.ArrayList;
import java.util.List;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.tensor.TensorData;

/**
 * Stan's ODE solvers {@code ode_rk45}, {@code ode_rk45_tol}, {@code ode_bdf}, {@code ode_bdf_tol} and the older
 * {@code integrate_ode_rk45} / {@code integrate_ode_bdf}, by the adaptive Dormand–Prince 5(4) method (the method of
 * Stan's rk45, from Boost.Odeint) with the FSAL stage reused.
 *
 * <p><b>Gradients</b> are those of the computed solution: every stage is built from tensor ops (the right-hand side
 * is a user function compiled to tensor ops), so reverse mode differentiates the discrete solution map exactly,
 * while the step sizes, chosen from values only, are held fixed (the usual "discretise then differentiate"). With
 * the default tolerances below, tighter than Stan's 1e-6, the solution and its gradient agree with the exact
 * solution to about 1e-8 relative. Gradients with respect to the times t0 and ts are not propagated (Stan programs
 * pass data there).
 *
 * <p>{@code ode_bdf} and {@code integrate_ode_bdf} use the same explicit method: correct for non-stiff problems
 * (those of the corpus), but many small steps on a stiff one (the step limit then raises an error).
 *
 * <blockquote>J. R. Dormand, P. J. Prince, "A family of embedded Runge–Kutta formulae", J. Comp. Appl. Math. 6(1),
 * 1980. E. Hairer, S. P. Nørsett, G. Wanner, "Solving Ordinary Differential Equations I", 2nd ed., §II.4, 1993.
 * </blockquote>
 */
public final class Odes {
    private Odes() {}

    /** Default relative and absolute tolerances (Stan's are 1e-6; tighter here, see the class comment). */
    static final double RTOL = 1e-8, ATOL = 1e-8;
    /** Stan's default step limit. */
    static final int MAX_STEPS = 1_000_000;

    private static final double C2 = 1 / 5.0, C3 = 3 / 10.0, C4 = 4 / 5.0, C5 = 8 / 9.0;
    private static final double A21 = 1 / 5.0;
    private static final double A31 = 3 / 40.0, A32 = 9 / 40.0;
    private static final double A41 = 44 / 45.0, A42 = -56 / 15.0, A43 = 32 / 9.0;
    private static final double A51 = 19372 / 6561.0, A52 = -25360 / 2187.0, A53 = 64448 / 6561.0, A54 = -212 / 729.0;
    private static final double A61 = 9017 / 3168.0,
            A62 = -355 / 33.0,
            A63 = 46732 / 5247.0,
            A64 = 49 / 176.0,
            A65 = -5103 / 18656.0;
    private static final double B1 = 35 / 384.0,
            B3 = 500 / 1113.0,
            B4 = 125 / 192.0,
            B5 = -2187 / 6784.0,
            B6 = 11 / 84.0;
    // error weights: 5th-order minus embedded 4th-order
    private static final double E1 = 71 / 57600.0,
            E3 = -71 / 16695.0,
            E4 = 71 / 1920.0,
            E5 = -17253 / 339200.0,
            E6 = 22 / 525.0,
            E7 = -1 / 40.0;

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
        int n = y0.size();
        Tensor y = y0.reshape(n);
        double t = start;
        Tensor k1 = rhs(fn, f, t, y, args, n);
        double h = initialStep(TensorData.readOnly(y), TensorData.readOnly(k1), times[0] - start, rtol, atol);
        List<Tensor> out = new ArrayList<>(times.length);
        int steps = 0;
        for (double target : times) {
            while (t < target) {
                if (++steps > maxSteps) {
                    throw new StanDomainException(fn + ": Failed to integrate to next output time (" + Check.fmt(target)
                            + ") in less than max_num_steps steps");
                }
                boolean last = t + h >= target;
                double step = last ? target - t : h;
                Tensor k2 = rhs(fn, f, t + C2 * step, y.add(k1.mul(step * A21)), args, n);
                Tensor k3 = rhs(fn, f, t + C3 * step, y.add(k1.mul(step * A31)).add(k2.mul(step * A32)), args, n);
                Tensor k4 = rhs(
                        fn,
                        f,
                        t + C4 * step,
                        y.add(k1.mul(step * A41)).add(k2.mul(step * A42)).add(k3.mul(step * A43)),
                        args,
                        n);
                Tensor k5 = rhs(
                        fn,
                        f,
                        t + C5 * step,
                        y.add(k1.mul(step * A51))
                                .add(k2.mul(step * A52))
                                .add(k3.mul(step * A53))
                                .add(k4.mul(step * A54)),
                        args,
                        n);
                Tensor k6 = rhs(
                        fn,
                        f,
                        t + step,
                        y.add(k1.mul(step * A61))
                                .add(k2.mul(step * A62))
                                .add(k3.mul(step * A63))
                                .add(k4.mul(step * A64))
                                .add(k5.mul(step * A65)),
                        args,
                        n);
                Tensor y5 = y.add(k1.mul(step * B1))
                        .add(k3.mul(step * B3))
                        .add(k4.mul(step * B4))
                        .add(k5.mul(step * B5))
                        .add(k6.mul(step * B6));
                Tensor k7 = rhs(fn, f, t + step, y5, args, n);
                double err = error(step, y, y5, k1, k3, k4, k5, k6, k7, rtol, atol);
                if (err <= 1) {
                    t = last ? target : t + step;
                    y = y5;
                    k1 = k7; // first same as last
                }
                // standard controller: safety 0.9, growth limited to [0.2, 5]
                double factor = err == 0 ? 5 : Math.min(5, Math.max(0.2, 0.9 * Math.pow(err, -0.2)));
                if (!(err <= 1) || !last) h = step * factor;
                if (!(h > 0) || !Double.isFinite(h)) {
                    throw new StanDomainException(fn + ": the step size became " + h + " at t = " + Check.fmt(t)
                            + " (the right-hand side is not finite?)");
                }
            }
            out.add(y);
        }
        return Tensor.stack(out);
    }

    private static Tensor rhs(String fn, OdeRhs f, double t, Tensor y, Object[] args, int n) {
        Tensor d = f.apply(Tensor.scalar(t), y, args);
        if (d.size() != n) {
            throw new StanDomainException(fn + ": dy_dt (" + d.size() + ") and states (" + n + ") must match in size");
        }
        return d.rank() == 1 ? d : d.reshape(n);
    }

    /** The RMS of the local error estimate scaled by atol + rtol·max(|y|, |y₅|). */
    private static double error(
            double h,
            Tensor y,
            Tensor y5,
            Tensor k1,
            Tensor k3,
            Tensor k4,
            Tensor k5,
            Tensor k6,
            Tensor k7,
            double rtol,
            double atol) {
        double[] yv = TensorData.readOnly(y),
                y5v = TensorData.readOnly(y5),
                a = TensorData.readOnly(k1),
                c = TensorData.readOnly(k3),
                d = TensorData.readOnly(k4),
                e = TensorData.readOnly(k5),
                g = TensorData.readOnly(k6),
                q = TensorData.readOnly(k7);
        double sum = 0;
        for (int i = 0; i < yv.length; i++) {
            double est = h * (E1 * a[i] + E3 * c[i] + E4 * d[i] + E5 * e[i] + E6 * g[i] + E7 * q[i]);
            double sc = atol + rtol * Math.max(Math.abs(yv[i]), Math.abs(y5v[i]));
            sum += (est / sc) * (est / sc);
        }
        double err = Math.sqrt(sum / Math.max(1, yv.length));
        return Double.isNaN(err) ? Double.POSITIVE_INFINITY : err;
    }

    /** Hairer–Nørsett–Wanner's starting step: 0.01‖y‖/‖f‖, capped by the first output interval. */
    private static double initialStep(double[] y, double[] f, double span, double rtol, double atol) {
        double d0 = 0, d1 = 0;
        for (int i = 0; i < y.length; i++) {
            double sc = atol + rtol * Math.abs(y[i]);
            d0 += (y[i] / sc) * (y[i] / sc);
            d1 += (f[i] / sc) * (f[i] / sc);
        }
        d0 = Math.sqrt(d0 / Math.max(1, y.length));
        d1 = Math.sqrt(d1 / Math.max(1, y.length));
        double h = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1;
        return Math.min(h, span);
    }
}
