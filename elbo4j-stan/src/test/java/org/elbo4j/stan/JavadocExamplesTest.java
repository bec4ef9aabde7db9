package org.elbo4j.stan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The example in {@link StanProgram}'s javadoc, as written there. */
class JavadocExampleTest {
    @Test
    void theJavadocExampleRuns() {
        StanProgram p = StanProgram.parse("data { real y; } parameters { real mu; } model { y ~ normal(mu, 1); }", "demo");
        StanModel m = p.instantiate(StanData.parse("{\"y\": 0.5}", "demo.json"));
        double lp = m.logDensity(Tensor.of(0.5)).item();
        assertEquals(-0.5 * Math.log(2 * Math.PI), lp, 1e-12); // log N(0.5 | 0.5, 1)
    }
}
