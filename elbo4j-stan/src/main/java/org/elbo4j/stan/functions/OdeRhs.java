package org.elbo4j.stan.functions;

import org.elbo4j.tensor.Tensor;

/**
 * The right-hand side dy/dt = f(t, y, args...) of an ODE, a user-defined Stan function that the compiled program
 * passes to the solvers of {@link Odes}.
 *
 * <p>For the FRONT: {@code t} is a shape-[] tensor; {@code y} has shape [N] (a {@code vector} for
 * {@code ode_*}, an {@code array[] real} for {@code integrate_ode_*}); {@code args} are the remaining arguments in
 * Stan's order, each a {@link Tensor}, an {@code Integer} or an {@code int[]}: for {@code ode_rk45(f, y0, t0, ts,
 * a, b, ...)} the variadic {@code a, b, ...}; for {@code integrate_ode_rk45(f, y0, t0, ts, theta, x_r, x_i)} the
 * three {@code theta, x_r, x_i}. The function must return a tensor of shape [N] computed with tensor ops (so that
 * gradients flow through it) and must not keep {@code t} or {@code y} beyond the call.
 */
@FunctionalInterface
public interface OdeRhs {
    /** @return dy/dt at (t, y), shape [N] */
    Tensor apply(Tensor t, Tensor y, Object[] args);
}
