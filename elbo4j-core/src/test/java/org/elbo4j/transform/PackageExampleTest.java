package org.elbo4j.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The example of package-info.java, run as written. */
class PackageExampleTest {
    @Test
    void packageExampleRuns() {
        Transform t = Bijectors.bijectTo(Constraints.SIMPLEX);
        Tensor x = Tensor.of(0.0, 0.0);
        Tensor y = t.forward(x);
        for (int i = 0; i < 3; i++) assertEquals(1.0 / 3, y.at(i), 1e-15);
        // K = 3 at x = 0: z = (1/3, 1/2); log|J| = log z₀(1−z₀) + log z₁(1−z₁) + log(1−z₀) = log(2/9 · 1/4 · 2/3) = log(1/27).
        assertEquals(Math.log(1.0 / 27), t.logAbsDetJacobian(x, y).item(), 1e-15);
        assertEquals(-3.29584, t.logAbsDetJacobian(x, y).item(), 5e-6);
        Tensor back = t.inverse(y);
        assertEquals(0, back.at(0), 1e-15);
        assertEquals(0, back.at(1), 1e-15);
    }
}
