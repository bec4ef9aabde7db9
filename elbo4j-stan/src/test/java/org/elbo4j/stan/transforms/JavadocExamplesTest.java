package org.elbo4j.stan.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The javadoc examples of package {@code org.elbo4j.stan.transforms}, verbatim (see JavadocExamplesCoverageTest). */
class JavadocExamplesTest {
    @Test
    void packageInfo() {
        Constrained tau = StanTransforms.lower(Tensor.scalar(-0.5), Tensor.scalar(0));
        double value = tau.value().item(); // exp(-0.5)
        double logJ = tau.logJacobian().item(); // -0.5
        int d = StanConstraint.SIMPLEX.unconstrainedSize(new int[] {3}, 4); // 3 simplexes of 4: 9 values
        assertEquals(Math.exp(-0.5), value, 1e-15);
        assertEquals(-0.5, logJ, 1e-15);
        assertEquals(9, d);
    }

    @Test
    void stanTransforms() {
        Constrained sigma = StanTransforms.lower(Tensor.scalar(0.3), Tensor.scalar(0)); // exp(0.3), log|J| = 0.3
        Constrained theta = StanTransforms.simplex(Tensor.of(0.1, -0.2)); // a 3-simplex
        double[] back = StanTransforms.unconstrainSimplex(theta.value()); // {0.1, -0.2}
        assertEquals(Math.exp(0.3), sigma.value().item(), 1e-15);
        assertEquals(0.3, sigma.logJacobian().item(), 1e-15);
        double[] t = theta.value().toArray();
        assertEquals(3, t.length);
        assertEquals(1.0, t[0] + t[1] + t[2], 1e-15);
        assertArrayEquals(new double[] {0.1, -0.2}, back, 1e-12);
    }
}
