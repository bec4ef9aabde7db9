package org.elbo4j.stan.check;

/**
 * A call of an ODE solver with a user function as its first argument: {@code integrate_ode_rk45(f, y0, t0, ts,
 * theta, x_r, x_i [, rtol, atol, max_steps])} (the older form, arrays) or {@code ode_rk45(f, y0, t0, ts, ...)} /
 * {@code ode_rk45_tol(f, y0, t0, ts, rtol, atol, max_steps, ...)} (vectors, variadic arguments); bdf and adams
 * variants alike.
 *
 * @param name     the solver's Stan name
 * @param legacy   true for the integrate_ode_* form
 * @param tol      true when tolerances are given (legacy with 10 arguments, or *_tol)
 * @param function the right-hand side
 */
public record OdeCall(String name, boolean legacy, boolean tol, UserFunction function) {
    /** True for the Stan names of the ODE solvers. */
    public static boolean isSolver(String name) {
        return name.matches("integrate_ode_(rk45|bdf|adams)|ode_(rk45|bdf|adams|ckrk)(_tol)?");
    }
}
