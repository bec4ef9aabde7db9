package org.elbo4j.stan.functions;

import java.util.ArrayList;
import java.util.List;
import org.elbo4j.tensor.Adjoints;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.tensor.TensorData;

/**
 * Stan's rk45: the Dormand–Prince 5(4) pair over the coupled system of the states and their forward sensitivities,
 * with the step control, the dense output and the output-time logic of Boost.Odeint's {@code integrate_times} over a
 * dense-output {@code runge_kutta_dopri5} (the integrator Stan's {@code ode_rk45} calls), written here from that
 * description:
 *
 * <ul>
 *   <li>the coupled state z = (y, ∂y/∂p) for every element p of every input that requires a gradient (the initial
 *       state and the tensor arguments; each element of such a tensor counts, as every element of a Stan {@code var}
 *       container does), with dS/dt = J_y S + J_p; its Jacobians come from a local tape per stage (one evaluation of
 *       the right-hand side and N backward passes);
 *   <li>the error of a step is the max over all of z of |err_i| / (atol + rtol (|z_i| + h |z′_i|)), z and z′ at the
 *       start of the step (odeint's {@code default_error_checker} with a_x = a_dxdt = 1);
 *   <li>a rejected step (error > 1) shrinks by max(0.9 err^(−1/3), 0.2); an accepted one grows by 0.9 err^(−1/5),
 *       err bounded below by 5^(−5), only when err < 0.5 (odeint's {@code default_step_adjuster} for orders 5(4));
 *   <li>the first step tried is 0.1 (Stan's); steps run free of the output times, whose values come from the
 *       method's 4th-order continuous extension, except that a step that would pass the last time is cut to end on
 *       it.
 * </ul>
 *
 * <p>The result is one tape node per call whose backward rule applies the sensitivities at the output times (Stan's
 * forward-mode approach), so the gradient is that of the coupled system Stan integrates, not of the discrete map.
 */
final class CoupledDopri5 {
    private CoupledDopri5() {}

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
    /** Stan's first trial step. */
    private static final double FIRST_STEP = 0.1;
    /** odeint's {@code failed_step_checker}: rejections in a row before it gives up. */
    private static final int MAX_REJECTIONS = 500;
    /** odeint's {@code less_eq_with_sign} slack. */
    private static final double EPS = Math.ulp(1.0);

    /** The right-hand side of the coupled system, with the inputs that carry sensitivities. */
    private static final class Coupled {
        final String fn;
        final OdeRhs f;
        final Object[] args;
        final int n;
        /** The inputs that require a gradient, and where each one's columns start in S. */
        final List<Tensor> vars = new ArrayList<>();

        final List<Integer> argIndex = new ArrayList<>(), column = new ArrayList<>();
        /** Columns of S: the initial state's (if it requires a gradient) first, then the arguments'. */
        int p;

        boolean y0Var;

        Coupled(String fn, OdeRhs f, Tensor y0, Object[] args, int n) {
            this.fn = fn;
            this.f = f;
            this.n = n;
            this.args = new Object[args.length];
            if (y0.requiresGrad()) {
                y0Var = true;
                vars.add(y0);
                argIndex.add(-1);
                column.add(0);
                p = n;
            }
            for (int a = 0; a < args.length; a++) {
                Object o = args[a];
                if (o instanceof Tensor t) {
                    if (t.requiresGrad()) {
                        vars.add(t);
                        argIndex.add(a);
                        column.add(p);
                        p += t.size();
                    }
                    this.args[a] = t.detach();
                } else {
                    this.args[a] = o;
                }
            }
        }

        int size() {
            return n + n * p;
        }

        /** dz/dt at (t, z) into {@code out}. */
        void eval(double t, double[] z, double[] out) {
            double[] y = new double[n];
            System.arraycopy(z, 0, y, 0, n);
            if (p == 0) {
                copyRhs(f.apply(Tensor.scalar(t), Tensor.wrap(y, Shape.of(n)), args), out);
                return;
            }
            Tape tape = new Tape();
            Tensor yl = tape.leaf(Tensor.wrap(y, Shape.of(n)));
            Object[] la = args.clone();
            Tensor[] leaves = new Tensor[vars.size()];
            for (int v = 0; v < leaves.length; v++) {
                int a = argIndex.get(v);
                if (a >= 0) {
                    leaves[v] = tape.leaf((Tensor) args[a]);
                    la[a] = leaves[v];
                }
            }
            Tensor d = f.apply(Tensor.scalar(t), yl, la);
            copyRhs(d, out);
            java.util.Arrays.fill(out, n, out.length, 0);
            if (d.tape() != tape) return; // constant: no sensitivity flows
            double[] seed = new double[n];
            double[] jy = new double[n];
            for (int i = 0; i < n; i++) {
                seed[i] = 1;
                Adjoints adj = tape.backward(d, seed);
                seed[i] = 0;
                double[] gy = adj.of(yl);
                // row i of J_y S: sum_k J_y[i][k] S[k][.]
                int row = n + i * p;
                if (gy != null) {
                    for (int k = 0; k < n; k++) {
                        double j = gy[k];
                        if (j == 0) continue;
                        int sk = n + k * p;
                        for (int c = 0; c < p; c++) out[row + c] += j * z[sk + c];
                    }
                }
                for (int v = 0; v < leaves.length; v++) {
                    if (leaves[v] == null) continue;
                    double[] ga = adj.of(leaves[v]);
                    if (ga == null) continue;
                    int c0 = column.get(v);
                    for (int c = 0; c < ga.length; c++) out[row + c0 + c] += ga[c];
                }
            }
        }

        private void copyRhs(Tensor d, double[] out) {
            if (d.size() != n) {
                throw new StanDomainException(
                        fn + ": dy_dt (" + d.size() + ") and states (" + n + ") must match in size");
            }
            System.arraycopy(TensorData.readOnly(d), 0, out, 0, n);
        }
    }

    /**
     * Solves from (start, y0) and returns the states at {@code times}, shape [T, N].
     *
     * @param times strictly increasing, all after {@code start} (checked by the caller)
     */
    static Tensor solve(
            String fn,
            OdeRhs f,
            Tensor y0,
            double start,
            double[] times,
            Object[] args,
            double rtol,
            double atol,
            int maxSteps) {
        int n = y0.size();
        Coupled sys = new Coupled(fn, f, y0.reshape(n), args, n);
        int m = sys.size(), p = sys.p;
        double[] z = new double[m];
        System.arraycopy(TensorData.readOnly(y0), 0, z, 0, n);
        if (sys.y0Var) for (int i = 0; i < n; i++) z[n + i * p + i] = 1;
        double[] dz = new double[m], zPrev = new double[m], dzPrev = new double[m];
        double[] k2 = new double[m], k3 = new double[m], k4 = new double[m], k5 = new double[m], k6 = new double[m];
        double[] k7 = new double[m], zs = new double[m], z5 = new double[m];
        double t = start, h = FIRST_STEP, last = times[times.length - 1];
        double[][] out = new double[times.length][];
        sys.eval(t, z, dz);
        int next = 0, steps = 0;
        while (next < times.length) {
            if (!(t + h - last <= EPS)) h = last - t; // the last step ends on the last time
            if (++steps > maxSteps) {
                throw new StanDomainException(fn + ": Failed to integrate to next output time ("
                        + Check.fmt(times[next]) + ") in less than max_num_steps steps");
            }
            double err;
            int rejections = 0;
            while (true) {
                step(sys, t, h, z, dz, k2, k3, k4, k5, k6, k7, zs, z5);
                err = error(h, z, dz, k3, k4, k5, k6, k7, rtol, atol);
                if (err <= 1) break;
                h *= Math.max(0.9 * Math.pow(err, -1 / 3.0), 0.2);
                if (++rejections > MAX_REJECTIONS || !(h > 0)) {
                    throw new StanDomainException(fn + ": the step size became " + h + " at t = " + Check.fmt(t)
                            + " after " + rejections + " rejected steps (the right-hand side is not finite?)");
                }
            }
            // accepted: (zPrev, dzPrev) the start of the step, (z, dz) its end; k3..k6 stay for the dense output
            double[] swap = zPrev;
            zPrev = z;
            z = z5;
            z5 = swap;
            swap = dzPrev;
            dzPrev = dz;
            dz = k7;
            k7 = swap;
            double tOld = t, hDone = h;
            t += h;
            if (err < 0.5) h *= 0.9 * Math.pow(Math.max(err, 1 / 3125.0), -1 / 5.0);
            while (next < times.length && times[next] - t <= EPS) {
                out[next] = dense(times[next], tOld, hDone, zPrev, dzPrev, k3, k4, k5, k6, dz);
                next++;
                steps = 0;
            }
        }
        return result(sys, out, times.length, n, p);
    }

    /** One Dormand–Prince step of size h from (t, z) with k1 = z′(t): stages into k2..k7, the solution into z5. */
    private static void step(
            Coupled sys,
            double t,
            double h,
            double[] z,
            double[] k1,
            double[] k2,
            double[] k3,
            double[] k4,
            double[] k5,
            double[] k6,
            double[] k7,
            double[] zs,
            double[] z5) {
        int m = z.length;
        for (int i = 0; i < m; i++) zs[i] = z[i] + h * A21 * k1[i];
        sys.eval(t + C2 * h, zs, k2);
        for (int i = 0; i < m; i++) zs[i] = z[i] + h * (A31 * k1[i] + A32 * k2[i]);
        sys.eval(t + C3 * h, zs, k3);
        for (int i = 0; i < m; i++) zs[i] = z[i] + h * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i]);
        sys.eval(t + C4 * h, zs, k4);
        for (int i = 0; i < m; i++) zs[i] = z[i] + h * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
        sys.eval(t + C5 * h, zs, k5);
        for (int i = 0; i < m; i++) {
            zs[i] = z[i] + h * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
        }
        sys.eval(t + h, zs, k6);
        for (int i = 0; i < m; i++) z5[i] = z[i] + h * (B1 * k1[i] + B3 * k3[i] + B4 * k4[i] + B5 * k5[i] + B6 * k6[i]);
        sys.eval(t + h, z5, k7);
    }

    /** odeint's error: max over i of |err_i| / (atol + rtol (|z_i| + h |z′_i|)) at the step's start; NaN is +∞. */
    private static double error(
            double h,
            double[] z,
            double[] k1,
            double[] k3,
            double[] k4,
            double[] k5,
            double[] k6,
            double[] k7,
            double rtol,
            double atol) {
        double max = 0;
        for (int i = 0; i < z.length; i++) {
            double est = h * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i]);
            double r = Math.abs(est) / (atol + rtol * (Math.abs(z[i]) + h * Math.abs(k1[i])));
            if (!(r <= max)) max = Double.isNaN(r) ? Double.POSITIVE_INFINITY : r;
        }
        return max;
    }

    /** Dormand–Prince's 4th-order continuous extension at time s in the step [tOld, tOld + h] (HNW II.6). */
    private static double[] dense(
            double s,
            double tOld,
            double h,
            double[] zOld,
            double[] k1,
            double[] k3,
            double[] k4,
            double[] k5,
            double[] k6,
            double[] k7) {
        double th = (s - tOld) / h, thm1 = th - 1, th2 = th * th;
        double x1 = 5 * (2558722523.0 - 31403016.0 * th) / 11282082432.0;
        double x3 = 100 * (882725551.0 - 15701508.0 * th) / 32700410799.0;
        double x4 = 25 * (443332067.0 - 31403016.0 * th) / 1880347072.0;
        double x5 = 32805 * (23143187.0 - 3489224.0 * th) / 199316789632.0;
        double x6 = 55 * (29972135.0 - 7076736.0 * th) / 822651844.0;
        double x7 = 10 * (7414447.0 - 829305.0 * th) / 29380423.0;
        double a = th2 * (3 - 2 * th), b = th2 * thm1, c = th2 * thm1 * thm1, d = th * thm1 * thm1;
        double b1 = h * (a * B1 - c * x1 + d),
                b3 = h * (a * B3 + c * x3),
                b4 = h * (a * B4 - c * x4),
                b5 = h * (a * B5 + c * x5),
                b6 = h * (a * B6 - c * x6),
                b7 = h * (b + c * x7);
        double[] r = new double[zOld.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = zOld[i] + b1 * k1[i] + b3 * k3[i] + b4 * k4[i] + b5 * k5[i] + b6 * k6[i] + b7 * k7[i];
        }
        return r;
    }

    /** The states at the output times, [T, N], with the sensitivities as the backward rule. */
    private static Tensor result(Coupled sys, double[][] out, int nt, int n, int p) {
        double[] values = new double[nt * n];
        for (int k = 0; k < nt; k++) System.arraycopy(out[k], 0, values, k * n, n);
        Shape shape = Shape.of(nt, n);
        if (p == 0) return Tensor.wrap(values, shape);
        Tensor[] inputs = sys.vars.toArray(new Tensor[0]);
        return Tensor.custom(
                "ode_rk45",
                shape,
                values,
                (g, adj) -> {
                    for (int v = 0; v < inputs.length; v++) {
                        double[] a = adj.of(inputs[v]);
                        if (a == null) continue;
                        int c0 = sys.column.get(v);
                        for (int k = 0; k < nt; k++) {
                            double[] zk = out[k];
                            for (int i = 0; i < n; i++) {
                                double gi = g[k * n + i];
                                if (gi == 0) continue;
                                int row = n + i * p + c0;
                                for (int c = 0; c < a.length; c++) a[c] += gi * zk[row + c];
                            }
                        }
                    }
                },
                inputs);
    }
}
