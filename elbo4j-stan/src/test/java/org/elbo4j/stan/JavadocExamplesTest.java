package org.elbo4j.stan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The javadoc examples of package {@code org.elbo4j.stan}, verbatim (see JavadocExamplesCoverageTest). */
class JavadocExamplesTest {
    @Test
    void stanProgram() {
        StanProgram p =
                StanProgram.parse("data { real y; } parameters { real mu; } model { y ~ normal(mu, 1); }", "demo");
        StanModel m = p.instantiate(StanData.parse("{\"y\": 0.5}", "demo.json"));
        double lp = m.logDensity(Tensor.of(0.5)).item();
        assertEquals(-0.5 * Math.log(2 * Math.PI), lp, 1e-12); // log N(0.5 | 0.5, 1)
    }

    @Test
    void stanData(@TempDir Path dir) throws Exception {
        Files.writeString(
                dir.resolve("eight_schools.json"),
                "{\"J\": 8, \"y\": [28, 8, -3, 7, -1, 1, 18, 12], \"sigma\": [15, 10, 16, 11, 9, 11, 10, 18]}");
        Files.writeString(dir.resolve("eight_schools.stan"), """
                data { int<lower=0> J; array[J] real y; array[J] real<lower=0> sigma; }
                parameters { real mu; real<lower=0> tau; vector[J] theta_tilde; }
                model {
                  theta_tilde ~ normal(0, 1);
                  y ~ normal(mu + tau * theta_tilde, sigma);
                }
                """);
        // dir: a directory holding eight_schools.json and eight_schools.stan
        StanData d = StanData.read(dir.resolve("eight_schools.json"));
        StanModel m = StanProgram.parse(dir.resolve("eight_schools.stan")).instantiate(d);
        assertEquals(10, m.unconstrainedSize()); // mu, log tau, 8 theta_tilde
    }
}
