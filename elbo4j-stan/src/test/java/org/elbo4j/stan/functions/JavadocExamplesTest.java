package org.elbo4j.stan.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The javadoc example of package {@code org.elbo4j.stan.functions}, verbatim (see JavadocExamplesCoverageTest). */
class JavadocExamplesTest {
    @Test
    void packageInfo() {
        // the value the example's comment gives, checked on the same call
        assertLogDensity(
                Tensor.of(0.3, -1.2, 2.5),
                Normals.normalLpdf(Tensor.of(0.3, -1.2, 2.5), Tensor.scalar(0.4), Tensor.scalar(1.5)));
        try {
            Tensor y = Tensor.of(0.3, -1.2, 2.5);
            Tensor lp = Normals.normalLpdf(y, Tensor.scalar(0.4), Tensor.scalar(1.5)); // normal_lpdf(y | 0.4, 1.5)
            lp.item(); // -5.5243...
            Normals.normalLpdf(y, Tensor.scalar(0), Tensor.scalar(-1));
            // StanDomainException: normal_lpdf: Scale parameter is -1, but must be positive!
            fail("a negative scale must throw");
        } catch (StanDomainException e) {
            assertEquals("normal_lpdf: Scale parameter is -1, but must be positive!", e.getMessage());
        }
    }

    private static void assertLogDensity(Tensor y, Tensor lp) {
        double want = 0;
        for (double v : y.toArray())
            want += -0.5 * Math.log(2 * Math.PI) - Math.log(1.5) - 0.5 * Math.pow((v - 0.4) / 1.5, 2);
        assertEquals(want, lp.item(), 1e-13);
        assertEquals(-5.5243, lp.item(), 5e-5);
    }
}
