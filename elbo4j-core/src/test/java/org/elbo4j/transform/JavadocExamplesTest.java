package org.elbo4j.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The javadoc examples of {@code org.elbo4j.transform}, verbatim, each followed by checks of its comments. */
class JavadocExamplesTest {

    @Test
    void packageInfo() {
        Transform t = Bijectors.bijectTo(Constraints.SIMPLEX); // stick-breaking, ℝ² → 3-simplex
        Tensor x = Tensor.of(0.0, 0.0);
        Tensor y = t.forward(x); // [1/3, 1/3, 1/3]
        Tensor logDetJ = t.logAbsDetJacobian(x, y); // log(1/27) = −3.29584
        t.inverse(y); // [0, 0]
        assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, y.toArray(), 1e-15);
        assertEquals(Math.log(1 / 27.0), logDetJ.item(), 1e-14);
        assertArrayEquals(new double[] {0, 0}, t.inverse(y).toArray(), 1e-14);
    }

    @Test
    void bijectors() {
        Transform t = Bijectors.bijectTo(Constraints.POSITIVE); // exp
        Tensor x = Tensor.of(-1, 0, 1);
        Tensor y = t.forward(x); // [0.367879, 1.0, 2.71828]
        t.logAbsDetJacobian(x, y); // x
        assertArrayEquals(new double[] {Math.exp(-1), 1, Math.E}, y.toArray(), 1e-15);
        assertArrayEquals(x.toArray(), t.logAbsDetJacobian(x, y).toArray(), 1e-15);
    }

    @Test
    void constraints() {
        Constraints.POSITIVE.contains(Tensor.of(1, 2)); // true
        Constraints.interval(0, 1).contains(Tensor.scalar(1.5)); // false
        Bijectors.bijectTo(Constraints.POSITIVE); // exp
        assertTrue(Constraints.POSITIVE.contains(Tensor.of(1, 2)));
        assertFalse(Constraints.interval(0, 1).contains(Tensor.scalar(1.5)));
        assertEquals(
                Math.E,
                Bijectors.bijectTo(Constraints.POSITIVE)
                        .forward(Tensor.scalar(1))
                        .item(),
                1e-15);
    }
}
