package org.elbo4j.stan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.elbo4j.autodiff.Autodiff;
import org.elbo4j.autodiff.ValueAndGrad;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** ODE solvers against the closed form of dy/dt = −k·y: y(t) = y0·exp(−k·t), with gradients in k and y0. */
class OdeTest {
    static final String LEGACY = """
            functions {
              array[] real decay(real t, array[] real y, array[] real theta, array[] real x_r, array[] int x_i) {
                return {-theta[1] * y[1]};
              }
            }
            data { array[3] real ts; }
            parameters { real<lower=0> k; real<lower=0> y0; }
            model {
              array[3, 1] real y = integrate_ode_rk45(decay, {y0}, 0.0, ts, {k}, rep_array(0.0, 0), rep_array(0, 0), 1e-10, 1e-10, 100000);
              target += y[1, 1] + 2 * y[2, 1] + 3 * y[3, 1];
            }
            """;
    static final String VARIADIC = """
            functions {
              vector decay(real t, vector y, real k) { return -k * y; }
            }
            data { array[3] real ts; }
            parameters { real<lower=0> k; real<lower=0> y0; }
            model {
              array[3] vector[1] y = ode_rk45_tol(decay, [y0]', 0.0, ts, 1e-10, 1e-10, 100000, k);
              target += y[1, 1] + 2 * y[2, 1] + 3 * y[3, 1];
            }
            """;

    /** target + log-Jacobians (both parameters are exp'd: log J = u_k + u_y0). */
    static double exact(double uk, double uy) {
        double k = Math.exp(uk), y0 = Math.exp(uy);
        double[] ts = {0.5, 1.0, 2.0};
        double s = 0;
        for (int i = 0; i < 3; i++) s += (i + 1) * y0 * Math.exp(-k * ts[i]);
        return s + uk + uy;
    }

    @Test
    void solutionAndSensitivitiesMatchTheClosedForm() {
        for (String prog : new String[] {LEGACY, VARIADIC}) {
            StanModel m =
                    StanProgram.parse(prog, "ode.stan").instantiate(StanData.parse("{\"ts\": [0.5, 1, 2]}", "d.json"));
            double uk = -0.3, uy = 0.4;
            ValueAndGrad vg = Autodiff.valueAndGrad(Tensor.of(uk, uy), m::logDensity);
            // rtol = atol = 1e-10 in the program: the solution is accurate to ~1e-9
            assertEquals(exact(uk, uy), vg.valueAsDouble(), 1e-8);
            double h = 1e-5;
            double gk = (exact(uk + h, uy) - exact(uk - h, uy)) / (2 * h),
                    gy = (exact(uk, uy + h) - exact(uk, uy - h)) / (2 * h);
            assertEquals(gk, vg.gradient(0).at(0), 1e-6);
            assertEquals(gy, vg.gradient(0).at(1), 1e-6);
        }
    }
}
