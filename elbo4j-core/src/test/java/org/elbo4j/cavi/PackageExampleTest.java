package org.elbo4j.cavi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The example in package-info.java runs and does what it says. */
class PackageExampleTest {
    @Test
    void packageExample() {
        double[][] x = {{1.1, 0.9}, {0.8, 1.2}, {5.2, 4.9}, {4.8, 5.1}};
        GaussianMixture.Prior prior = GaussianMixture.defaultPrior(x, 2);
        CaviFit<GaussianMixture> fit = Cavi.defaults().restarts(5).seed(1).run(rng -> GaussianMixture.init(x, prior, rng));
        assertTrue(Double.isFinite(fit.elbo()));
        double[] a = fit.state().component(0).loc(), b = fit.state().component(1).loc();
        double[] low = a[0] < b[0] ? a : b, high = a[0] < b[0] ? b : a;
        // Each centre is the mean of its two points, pulled towards the data mean (3, 3) by β₀/(β₀ + 2) = 0.5 %.
        assertEquals(0.95, low[0], 0.02);
        assertEquals(1.05, low[1], 0.02);
        assertEquals(5.0, high[0], 0.02);
        assertEquals(5.0, high[1], 0.02);
    }
}
