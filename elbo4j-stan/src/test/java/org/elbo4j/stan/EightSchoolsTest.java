package org.elbo4j.stan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.elbo4j.autodiff.Autodiff;
import org.elbo4j.autodiff.ValueAndGrad;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The compiled eight-schools programs against a hand-written Java log density (value and gradient). */
class EightSchoolsTest {
    static final String DATA =
            "{\"J\": 8, \"y\": [28, 8, -3, 7, -1, 1, 18, 12], \"sigma\": [15, 10, 16, 11, 9, 11, 10, 18]}";
    static final double[] Y = {28, 8, -3, 7, -1, 1, 18, 12};
    static final double[] S = {15, 10, 16, 11, 9, 11, 10, 18};

    static final String NONCENTERED = """
            data {
              int<lower=0> J; // number of schools
              array[J] real y;
              array[J] real<lower=0> sigma;
            }
            parameters {
              vector[J] theta_trans;
              real mu;
              real<lower=0> tau;
            }
            transformed parameters {
              vector[J] theta;
              theta = theta_trans * tau + mu;
            }
            model {
              theta_trans ~ normal(0, 1);
              y ~ normal(theta, sigma);
              mu ~ normal(0, 5);
              tau ~ cauchy(0, 5);
            }
            generated quantities {
              real y_new = normal_rng(theta[1], sigma[1]);
            }
            """;

    static final String LOOPED = """
            data { int<lower=0> J; array[J] real y; array[J] real<lower=0> sigma; }
            parameters { vector[J] theta_trans; real mu; real<lower=0> tau; }
            transformed parameters {
              vector[J] theta;
              for (j in 1:J) theta[j] = mu + tau * theta_trans[j];
            }
            model {
              for (j in 1:J) {
                theta_trans[j] ~ normal(0, 1);
                target += normal_lpdf(y[j] | theta[j], sigma[j]);
              }
              mu ~ normal(0, 5);
              tau ~ cauchy(0, 5);
            }
            """;

    /** The same density by hand: Σ log N(η|0,1) + Σ log N(y|μ+τη, σ) + log N(μ|0,5) + log Cauchy(τ|0,5) + log τ. */
    static double handWritten(double[] u) {
        double mu = u[8], logTau = u[9], tau = Math.exp(logTau);
        double lp = 0, c = 0.5 * Math.log(2 * Math.PI);
        for (int j = 0; j < 8; j++) {
            double eta = u[j], th = mu + tau * eta;
            lp += -0.5 * eta * eta - c;
            double z = (Y[j] - th) / S[j];
            lp += -0.5 * z * z - Math.log(S[j]) - c;
        }
        lp += -0.5 * (mu / 5) * (mu / 5) - Math.log(5) - c;
        lp += -Math.log1p((tau / 5) * (tau / 5)) - Math.log(5) - Math.log(Math.PI);
        return lp + logTau;
    }

    @Test
    void logDensityAndGradientMatchHandWrittenJava() {
        for (String prog : List.of(NONCENTERED, LOOPED)) {
            StanModel m = StanProgram.parse(prog, "eight_schools.stan").instantiate(StanData.parse(DATA, "data.json"));
            assertEquals(10, m.unconstrainedSize());
            RandomStream rng = RandomStream.of(7);
            for (int rep = 0; rep < 5; rep++) {
                double[] u = new double[10];
                for (int k = 0; k < 10; k++) u[k] = rng.nextDouble() * 4 - 2;
                Tensor x = Tensor.of(u);
                ValueAndGrad vg = Autodiff.valueAndGrad(x, t -> m.logDensity(t));
                assertEquals(handWritten(u), vg.valueAsDouble(), 1e-10);
                double[] g = vg.gradient(0).toArray();
                for (int k = 0; k < 10; k++) {
                    double[] up = u.clone(), dn = u.clone();
                    up[k] += 1e-6;
                    dn[k] -= 1e-6;
                    double fd = (handWritten(up) - handWritten(dn)) / 2e-6; // central difference, error ~1e-8
                    assertEquals(fd, g[k], 1e-5 * Math.max(1, Math.abs(fd)), "gradient " + k);
                }
            }
        }
    }

    @Test
    void constrainGivesStanOrderAndGeneratedQuantities() {
        StanModel m =
                StanProgram.parse(NONCENTERED, "eight_schools.stan").instantiate(StanData.parse(DATA, "data.json"));
        List<String> names = m.outputNames();
        assertEquals("theta_trans[1]", names.get(0));
        assertEquals("mu", names.get(8));
        assertEquals("tau", names.get(9));
        assertEquals("theta[8]", names.get(17));
        assertEquals("y_new", names.get(18));
        double[] u = new double[10];
        u[8] = 1.5;
        u[9] = Math.log(2);
        double[] out = m.constrain(u, 3);
        assertEquals(19, out.length);
        assertEquals(2.0, out[9], 1e-12);
        assertEquals(1.5, out[10], 1e-12); // theta[1] = mu + tau * 0
        assertArrayEquals(out, m.constrain(u, 3), "same seed, same generated quantities");
    }
}
