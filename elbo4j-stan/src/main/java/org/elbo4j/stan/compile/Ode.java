package org.elbo4j.stan.compile;

import org.elbo4j.stan.check.OdeCall;
import org.elbo4j.stan.functions.OdeRhs;
import org.elbo4j.stan.functions.Odes;
import org.elbo4j.tensor.Tensor;

/**
 * The ODE solver calls ({@code integrate_ode_rk45/bdf/adams}, {@code ode_rk45/bdf/adams/ckrk[_tol]}): the
 * user's right-hand side, compiled once, is handed to the library's solvers ({@link Odes}) as an
 * {@link OdeRhs}. The adams and ckrk variants use the library's bdf and rk45 solvers (one explicit adaptive
 * Dormand–Prince method underneath, see {@link Odes}).
 */
final class Ode {
    private Ode() {}

    /** The compiled solver call: args[0] stands for the function (null), args[1..] as in Stan. */
    static Ev compile(Compiler c, OdeCall call, Ev[] args) {
        Compiler.Fn fn = c.fnFor(call.function());
        boolean legacy = call.legacy(), tol = call.tol();
        boolean bdf = call.name().contains("bdf") || call.name().contains("adams");
        return new Ev.T() {
            @Override
            Tensor t(Frame f) {
                OdeRhs rhs = (t, y, a) -> {
                    Object[] all = new Object[2 + a.length];
                    all[0] = t;
                    all[1] = y;
                    System.arraycopy(a, 0, all, 2, a.length);
                    return Values.toTensor(c.invoke(fn, all, f.ctx));
                };
                Tensor y0 = args[1].t(f), t0 = args[2].t(f), ts = args[3].t(f);
                if (legacy) {
                    Tensor theta = args[4].t(f), xr = args[5].t(f);
                    int[] xi = (int[]) args[6].o(f);
                    if (tol) {
                        Tensor rt = args[7].t(f), at = args[8].t(f);
                        int ms = args[9].i(f);
                        return bdf
                                ? Odes.integrateOdeBdf(rhs, y0, t0, ts, theta, xr, xi, rt, at, ms)
                                : Odes.integrateOdeRk45(rhs, y0, t0, ts, theta, xr, xi, rt, at, ms);
                    }
                    return bdf
                            ? Odes.integrateOdeBdf(rhs, y0, t0, ts, theta, xr, xi)
                            : Odes.integrateOdeRk45(rhs, y0, t0, ts, theta, xr, xi);
                }
                int first = tol ? 7 : 4;
                Object[] extra = new Object[args.length - first];
                for (int k = 0; k < extra.length; k++) extra[k] = args[first + k].o(f);
                if (tol) {
                    Tensor rt = args[4].t(f), at = args[5].t(f);
                    int ms = args[6].i(f);
                    return bdf
                            ? Odes.odeBdfTol(rhs, y0, t0, ts, rt, at, ms, extra)
                            : Odes.odeRk45Tol(rhs, y0, t0, ts, rt, at, ms, extra);
                }
                return bdf ? Odes.odeBdf(rhs, y0, t0, ts, extra) : Odes.odeRk45(rhs, y0, t0, ts, extra);
            }
        };
    }
}
