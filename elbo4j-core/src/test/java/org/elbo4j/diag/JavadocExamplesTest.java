package org.elbo4j.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.random.RandomStream;
import org.junit.jupiter.api.Test;

/** The javadoc examples of {@code org.elbo4j.diag}, verbatim, each followed by checks of what its comments claim. */
class JavadocExamplesTest {

    @Test
    void packageInfo() {
        double[] logRatios = new double[1000]; // log p(θ_s) − log q(θ_s) for draws θ_s ~ q
        RandomStream rng = RandomStream.of(2);
        for (int i = 0; i < 1000; i++) logRatios[i] = 0.3 * rng.nextGaussian();
        Psis.Result r = Psis.smooth(logRatios);
        r.k();
        r.verdict(); // ≈ 0.0 … 0.3, "good"
        assertTrue(r.k() < 0.3, "k-hat " + r.k());
        assertEquals("good", r.verdict());
    }
}
