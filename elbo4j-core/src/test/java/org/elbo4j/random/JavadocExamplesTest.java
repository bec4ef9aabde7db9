package org.elbo4j.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The javadoc examples of {@code org.elbo4j.random}, verbatim, each followed by checks of its comments. */
class JavadocExamplesTest {

    @Test
    void packageInfo() {
        RandomStream rng = RandomStream.of(42);
        double[] eps = new double[1000];
        rng.fillGaussian(eps, 0, eps.length); // standard normals, no per-element allocation
        RandomStream site3 = rng.fork(3); // reproducible per-site stream; rng not advanced
        String checkpoint = rng.encode(); // RandomStream.decode(checkpoint) resumes bit-identically
        double mean = 0;
        for (double e : eps) mean += e / eps.length;
        // 1000 standard normals: the mean's sd is 1/√1000 = 0.032; 4.5 sd = 0.14 (false-failure rate 7e-6)
        assertTrue(Math.abs(mean) < 0.14, "mean " + mean);
        assertEquals(rng.fork(3).nextLong(), site3.nextLong(), "fork(3) again gives the same stream");
        RandomStream resumed = RandomStream.decode(checkpoint);
        assertEquals(rng.nextLong(), resumed.nextLong());
    }
}
