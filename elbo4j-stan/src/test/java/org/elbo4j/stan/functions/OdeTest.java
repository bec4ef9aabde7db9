package org.elbo4j.stan.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elbo4j.autodiff.Autodiff;
import org.elbo4j.autodiff.ValueAndGrad;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** ODE solvers against closed-form solutions and their closed-form derivatives in the parameters. */
class OdeTest {
    /** The default tolerances are 1e-8 (relative and absolute); the global error stays within a few times that. */
    private static final double TOL = 1e-7;

    /** Exponential decay y' = −θ y: y(t) = y₀ e^{−θt}, ∂y/∂θ = −t y, ∂y/∂y₀ = e^{−θt}. */
    private static final OdeRhs DECAY = (t, y, args) -> y.mul((Tensor) args[0]).neg();

    /** Harmonic oscillator (x, v)' = (v, −ω² x): x(t) = cos(ωt) from (1, 0); ∂x/∂ω = −t sin(ωt). */
    private static final OdeRhs OSCILLATOR = (t, y, args) -> {
        Tensor w = ((Tensor) args[0]).index(0);
        return Tensor.concat(0, y.slice(1, 2), y.slice(0, 1).mul(w.square()).neg());
    };

    @Test
    void valuesMatchTheClosedForm() {
        Tensor ts = Tensor.of(0.5, 1, 2, 4);
        Tensor sol = Odes.odeRk45(DECAY, Tensor.of(2.0), Tensor.scalar(0), ts, Tensor.scalar(0.7));
        assertEquals("[4, 1]", sol.shape().toString());
        for (int i = 0; i < 4; i++) assertEquals(2 * Math.exp(-0.7 * ts.at(i)), sol.get(i, 0), TOL * 2);
        Tensor osc = Odes.integrateOdeRk45(
                OSCILLATOR, Tensor.of(1, 0), Tensor.scalar(0), ts, Tensor.of(1.3), Tensor.zeros(0), new int[0]);
        for (int i = 0; i < 4; i++) assertEquals(Math.cos(1.3 * ts.at(i)), osc.get(i, 0), TOL);
        Tensor bdf = Odes.integrateOdeBdf(
                OSCILLATOR, Tensor.of(1, 0), Tensor.scalar(0), ts, Tensor.of(1.3), Tensor.zeros(0), new int[0]);
        assertEquals(Math.cos(1.3 * 4), bdf.get(3, 0), TOL);
    }

    @Test
    void gradientsMatchTheClosedForm() {
        double t = 3;
        ValueAndGrad vg = Autodiff.valueAndGrad(
                List.of(Tensor.scalar(0.7), Tensor.of(2.0)),
                p -> Odes.odeRk45(DECAY, p.get(1), Tensor.scalar(0), Tensor.of(1, t), p.get(0))
                        .index(1)
                        .index(0));
        double y = 2 * Math.exp(-0.7 * t);
        assertEquals(y, vg.valueAsDouble(), TOL);
        assertEquals(-t * y, vg.gradient(0).item(), 1e-6);
        assertEquals(Math.exp(-0.7 * t), vg.gradient(1).item(), 1e-7);
        ValueAndGrad osc = Autodiff.valueAndGrad(
                List.of(Tensor.of(1.3)),
                p -> Odes.integrateOdeRk45(
                                OSCILLATOR,
                                Tensor.of(1, 0),
                                Tensor.scalar(0),
                                Tensor.of(t),
                                p.get(0),
                                Tensor.zeros(0),
                                new int[0])
                        .index(0)
                        .index(0));
        assertEquals(-t * Math.sin(1.3 * t), osc.gradient(0).item(), 1e-6);
    }

    @Test
    void badTimesAreRejected() {
        StanDomainException e = assertThrows(
                StanDomainException.class,
                () -> Odes.odeRk45(DECAY, Tensor.of(1.0), Tensor.scalar(1), Tensor.of(0.5), Tensor.scalar(1)));
        assertEquals("ode_rk45: initial time is 1, but must be less than 0.5", e.getMessage());
        e = assertThrows(
                StanDomainException.class,
                () -> Odes.odeRk45(DECAY, Tensor.of(1.0), Tensor.scalar(0), Tensor.of(1, 1), Tensor.scalar(1)));
        assertTrue(e.getMessage().startsWith("ode_rk45: times is not a valid sorted vector"), e.getMessage());
    }
}
