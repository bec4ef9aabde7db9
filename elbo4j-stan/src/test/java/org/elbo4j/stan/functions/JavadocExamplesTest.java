package org.elbo4j.stan.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The example of package-info.java, run. */
class PackageExampleTest {
    @Test
    void packageExampleRuns() {
        Tensor y = Tensor.of(0.3, -1.2, 2.5);
        Tensor lp = Normals.normalLpdf(y, Tensor.scalar(0.4), Tensor.scalar(1.5));
        double want = 0;
        for (double v : y.toArray()) want += -0.5 * Math.log(2 * Math.PI) - Math.log(1.5) - 0.5 * Math.pow((v - 0.4) / 1.5, 2);
        assertEquals(want, lp.item(), 1e-13);
        assertEquals(-5.5243, lp.item(), 5e-5);
        StanDomainException e = assertThrows(StanDomainException.class,
                () -> Normals.normalLpdf(y, Tensor.scalar(0), Tensor.scalar(-1)));
        assertEquals("normal_lpdf: Scale parameter is -1, but must be positive!", e.getMessage());
    }
}
