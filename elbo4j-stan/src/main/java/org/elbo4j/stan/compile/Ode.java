package org.elbo4j.stan.compile;

import java.util.ArrayList;
import java.util.List;
import org.elbo4j.autodiff.Autodiff;
import org.elbo4j.autodiff.ValueAndGrad;
import org.elbo4j.stan.check.OdeCall;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * The ODE solvers ({@code integrate_ode_rk45/bdf/adams}, {@code ode_rk45/bdf/adams/ckrk[_tol]}) with gradients:
 * an adaptive Dormand–Prince 5(4) integrator over the system coupled with its forward sensitivities
 * dS/dt = J_y·S + J_θ, where the Jacobians of the user's right-hand side come from the elbo4j tape (one reverse
 * pass per state). The solution at the output times is one tape node whose backward pass is Sᵀ·ȳ. Stiff
 * problems (bdf) use the same explicit integrator, with its step control.
 */
final class Ode {
    private Ode() {}

    /** The compiled solver call: args[0] is the function (unused), args[1..] as in Stan. */
    static Ev compile(Compiler c, OdeCall call, Ev[] args) {
        Compiler.Fn fn = c.fnFor(call.function());
        boolean legacy = call.legacy();
        int nTol = call.tol() ? 3 : 0;
        int firstExtra = legacy ? 4 : 4 + nTol; // index into args of the first argument passed on to f
        int endExtra = legacy ? 7 : args.length;
        return new Ev.T() {
            @Override
            Tensor t(Frame f) {
                Tensor y0 = args[1].t(f);
                double t0 = args[2].t(f).item();
                double[] ts = args[3].t(f).toArray();
                double rtol = 1e-6, atol = 1e-6;
                long maxSteps = 1_000_000;
                if (call.tol()) {
                    int b = legacy ? 7 : 4;
                    rtol = args[b].t(f).item();
                    atol = args[b + 1].t(f).item();
                    maxSteps = args[b + 2].i(f);
                }
                List<Object> extra = new ArrayList<>();
                for (int k = firstExtra; k < endExtra; k++) {
                    Object v = args[k].o(f);
                    extra.add(v instanceof Cells cl ? cl.tensor() : v);
                }
                return solve(c, fn, f.ctx, y0, t0, ts, extra, rtol, atol, maxSteps, legacy);
            }
        };
    }

    static Tensor solve(Compiler c, Compiler.Fn fn, Context ctx, Tensor y0, double t0, double[] ts, List<Object> extra,
                        double rtol, double atol, long maxSteps, boolean legacy) {
        int n = y0.size();
        for (int i = 0; i < ts.length; i++) {
            if (!(ts[i] > (i == 0 ? t0 : ts[i - 1]))) {
                throw new IllegalArgumentException("ode: times must be increasing and after t0 = " + t0 + ", found " + ts[i] + " at index " + (i + 1));
            }
        }
        // sensitivity columns: y0 (if on a tape), then every real argument on a tape
        List<Tensor> sensParams = new ArrayList<>();
        List<Integer> extraIndex = new ArrayList<>();
        if (y0.requiresGrad()) {
            sensParams.add(y0);
            extraIndex.add(-1);
        }
        for (int k = 0; k < extra.size(); k++) {
            if (extra.get(k) instanceof Tensor t && t.requiresGrad()) {
                sensParams.add(t);
                extraIndex.add(k);
            }
        }
        int kcols = 0;
        for (Tensor p : sensParams) kcols += p.size();
        final int K = kcols;
        Object[] constExtra = new Object[extra.size()];
        for (int k = 0; k < extra.size(); k++) constExtra[k] = extra.get(k) instanceof Tensor t ? t.detach() : extra.get(k);
        int dim = n + n * K;
        double[] z0 = new double[dim];
        double[] y0v = y0.toArray();
        System.arraycopy(y0v, 0, z0, 0, n);
        if (y0.requiresGrad()) for (int i = 0; i < n; i++) z0[n + i * K + i] = 1; // S = ∂y/∂y0 = I at t0
        Rhs rhs = (t, z, dz) -> {
            double[] y = java.util.Arrays.copyOf(z, n);
            if (K == 0) {
                Object[] a = callArgs(t, Tensor.of(y), constExtra, legacy);
                double[] fy = Values.toTensor(c.invoke(fn, a, ctx)).toArray();
                check(fy, n);
                System.arraycopy(fy, 0, dz, 0, n);
                return;
            }
            // leaves: y, then the sensitivity parameters among the extra arguments
            List<Tensor> leaves = new ArrayList<>();
            leaves.add(Tensor.of(y));
            for (int k = 0; k < extraIndex.size(); k++) if (extraIndex.get(k) >= 0) leaves.add(((Tensor) constExtra[extraIndex.get(k)]));
            for (int i = 0; i < n; i++) {
                final int row = i;
                ValueAndGrad vg = Autodiff.valueAndGrad(leaves, ls -> {
                    Object[] ex = constExtra.clone();
                    int li = 1;
                    for (int k = 0; k < extraIndex.size(); k++) if (extraIndex.get(k) >= 0) ex[extraIndex.get(k)] = ls.get(li++);
                    Tensor out = Values.toTensor(c.invoke(fn, callArgs(t, ls.get(0), ex, legacy), ctx));
                    if (out.size() != n) throw new IllegalArgumentException("ode: the right-hand side returned " + out.size() + " values for a state of " + n);
                    return out.flatSlice(row, row + 1, Shape.SCALAR);
                });
                double fi = vg.valueAsDouble();
                if (!Double.isFinite(fi)) throw new IllegalArgumentException("ode: the right-hand side is not finite at t = " + t);
                dz[i] = fi;
                double[] jy = vg.gradient(0).toArray();
                // dS[i, :] = Σ_j J_y[i, j]·S[j, :] + J_θ[i, :]
                for (int col = 0; col < K; col++) {
                    double s = 0;
                    for (int j = 0; j < n; j++) s += jy[j] * z[n + j * K + col];
                    dz[n + i * K + col] = s;
                }
                int col = 0, li = 1;
                for (int k = 0; k < extraIndex.size(); k++) {
                    int size = sensParams.get(k).size();
                    if (extraIndex.get(k) >= 0) {
                        double[] jp = vg.gradient(li++).toArray();
                        for (int q = 0; q < size; q++) dz[n + i * K + col + q] += jp[q];
                    }
                    col += size;
                }
            }
        };
        double[][] zs = dopri(rhs, z0, t0, ts, rtol, atol, maxSteps);
        int T = ts.length;
        double[] vals = new double[T * n];
        for (int i = 0; i < T; i++) System.arraycopy(zs[i], 0, vals, i * n, n);
        if (K == 0) return Tensor.of(vals, T, n);
        Tensor[] ins = sensParams.toArray(new Tensor[0]);
        return Tensor.custom("ode", Shape.of(T, n), vals, (g, adj) -> {
            int col = 0;
            for (Tensor p : ins) {
                double[] a = adj.of(p);
                int size = p.size();
                if (a != null) {
                    for (int i = 0; i < T; i++) {
                        for (int j = 0; j < n; j++) {
                            double gij = g[i * n + j];
                            if (gij == 0) continue;
                            for (int q = 0; q < size; q++) a[q] += gij * zs[i][n + j * K + col + q];
                        }
                    }
                }
                col += size;
            }
        }, ins);
    }

    private static void check(double[] fy, int n) {
        if (fy.length != n) throw new IllegalArgumentException("ode: the right-hand side returned " + fy.length + " values for a state of " + n);
    }

    private static Object[] callArgs(double t, Tensor y, Object[] extra, boolean legacy) {
        Object[] a = new Object[2 + extra.length];
        a[0] = Tensor.scalar(t);
        a[1] = y;
        System.arraycopy(extra, 0, a, 2, extra.length);
        return a;
    }

    interface Rhs {
        void eval(double t, double[] z, double[] dz);
    }

    // Dormand–Prince 5(4) coefficients (Hairer, Nørsett & Wanner, Solving ODEs I, table 5.2)
    private static final double C2 = 1 / 5.0, C3 = 3 / 10.0, C4 = 4 / 5.0, C5 = 8 / 9.0;
    private static final double A21 = 1 / 5.0, A31 = 3 / 40.0, A32 = 9 / 40.0, A41 = 44 / 45.0, A42 = -56 / 15.0, A43 = 32 / 9.0,
            A51 = 19372 / 6561.0, A52 = -25360 / 2187.0, A53 = 64448 / 6561.0, A54 = -212 / 729.0,
            A61 = 9017 / 3168.0, A62 = -355 / 33.0, A63 = 46732 / 5247.0, A64 = 49 / 176.0, A65 = -5103 / 18656.0,
            A71 = 35 / 384.0, A73 = 500 / 1113.0, A74 = 125 / 192.0, A75 = -2187 / 6784.0, A76 = 11 / 84.0;
    private static final double E1 = 71 / 57600.0, E3 = -71 / 16695.0, E4 = 71 / 1920.0, E5 = -17253 / 339200.0, E6 = 22 / 525.0, E7 = -1 / 40.0;

    /** Adaptive Dormand–Prince from t0 through each output time (steps end exactly on output times). */
    static double[][] dopri(Rhs f, double[] z0, double t0, double[] ts, double rtol, double atol, long maxSteps) {
        int d = z0.length;
        double[] z = z0.clone(), k1 = new double[d], k2 = new double[d], k3 = new double[d], k4 = new double[d],
                k5 = new double[d], k6 = new double[d], k7 = new double[d], tmp = new double[d], zn = new double[d];
        double[][] out = new double[ts.length][];
        double t = t0;
        f.eval(t, z, k1);
        double h = Math.min(1e-2 * Math.max(1, Math.abs(ts[0] - t0)), ts[0] - t0);
        long steps = 0;
        for (int oi = 0; oi < ts.length; oi++) {
            double tEnd = ts[oi];
            while (t < tEnd) {
                if (++steps > maxSteps) throw new IllegalArgumentException("ode: max_num_steps " + maxSteps + " reached before t = " + tEnd);
                boolean last = t + h >= tEnd;
                if (last) h = tEnd - t;
                for (int i = 0; i < d; i++) tmp[i] = z[i] + h * A21 * k1[i];
                f.eval(t + C2 * h, tmp, k2);
                for (int i = 0; i < d; i++) tmp[i] = z[i] + h * (A31 * k1[i] + A32 * k2[i]);
                f.eval(t + C3 * h, tmp, k3);
                for (int i = 0; i < d; i++) tmp[i] = z[i] + h * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i]);
                f.eval(t + C4 * h, tmp, k4);
                for (int i = 0; i < d; i++) tmp[i] = z[i] + h * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
                f.eval(t + C5 * h, tmp, k5);
                for (int i = 0; i < d; i++) tmp[i] = z[i] + h * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
                f.eval(t + h, tmp, k6);
                for (int i = 0; i < d; i++) zn[i] = z[i] + h * (A71 * k1[i] + A73 * k3[i] + A74 * k4[i] + A75 * k5[i] + A76 * k6[i]);
                f.eval(t + h, zn, k7);
                double err = 0;
                for (int i = 0; i < d; i++) {
                    double e = h * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i]);
                    double sc = atol + rtol * Math.max(Math.abs(z[i]), Math.abs(zn[i]));
                    err = Math.max(err, Math.abs(e) / sc);
                }
                if (!Double.isFinite(err)) {
                    h *= 0.25;
                    if (h < 1e-14 * Math.max(1, Math.abs(t))) throw new IllegalArgumentException("ode: the solution is not finite near t = " + t);
                    continue;
                }
                if (err <= 1) {
                    t = last ? tEnd : t + h;
                    System.arraycopy(zn, 0, z, 0, d);
                    System.arraycopy(k7, 0, k1, 0, d); // first same as last
                }
                double fac = err == 0 ? 5 : Math.min(5, Math.max(0.2, 0.9 * Math.pow(err, -0.2)));
                h *= fac;
                if (h < 1e-14 * Math.max(1, Math.abs(t))) throw new IllegalArgumentException("ode: step size underflow at t = " + t);
            }
            out[oi] = z.clone();
            h = Math.max(h, 1e-12);
        }
        return out;
    }
}
