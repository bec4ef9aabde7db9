package org.elbo4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The javadoc examples of {@code org.elbo4j.autodiff}, verbatim, each followed by checks of its comments. */
class JavadocExamplesTest {

    @Test
    void packageInfo() {
        Tensor x = Tensor.of(1.0, 2.0);
        ValueAndGrad vg = Autodiff.valueAndGrad(x, t -> t.exp().sum().log());
        vg.valueAsDouble(); // log(e + e²)
        vg.gradient(0); // softmax(x) = [0.268941, 0.731059]
        assertEquals(Math.log(Math.E + Math.E * Math.E), vg.valueAsDouble(), 1e-15);
        assertArrayEquals(
                new double[] {1 / (1 + Math.E), Math.E / (1 + Math.E)},
                vg.gradient(0).toArray(),
                1e-15);
    }

    @Test
    void autodiff() {
        Tensor w = Tensor.of(0.5, -0.25);
        ValueAndGrad vg =
                Autodiff.valueAndGrad(List.of(w), p -> p.get(0).square().sum());
        vg.valueAsDouble(); // 0.3125
        vg.gradient(0); // [1.0, -0.5]
        assertEquals(0.3125, vg.valueAsDouble(), 0);
        assertArrayEquals(new double[] {1.0, -0.5}, vg.gradient(0).toArray(), 0);
    }
}
