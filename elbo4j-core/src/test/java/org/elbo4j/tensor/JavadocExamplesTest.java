package org.elbo4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The javadoc examples of {@code org.elbo4j.tensor}, verbatim, each followed by checks of what its comments claim. */
class JavadocExamplesTest {

    @Test
    void packageInfo() {
        Tensor x = Tensor.of(new double[][] {{1, 2}, {3, 4}});
        Tensor b = Tensor.of(10, 20);
        x.add(b); // [[11.0, 22.0], [13.0, 24.0]]   (b broadcast over rows)
        x.matmul(x.transpose()); // [[5.0, 11.0], [11.0, 25.0]]
        x.logSumExp(1); // [2.31326, 4.31326]
        assertArrayEquals(new double[] {11, 22, 13, 24}, x.add(b).toArray(), 0);
        assertArrayEquals(new double[] {5, 11, 11, 25}, x.matmul(x.transpose()).toArray(), 0);
        assertArrayEquals(
                new double[] {Math.log(Math.exp(1) + Math.exp(2)), Math.log(Math.exp(3) + Math.exp(4))},
                x.logSumExp(1).toArray(),
                1e-14);
        assertArrayEquals(new double[] {2.31326, 4.31326}, x.logSumExp(1).toArray(), 5e-6);
    }

    @Test
    void tensor() {
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            Tensor x = Tensor.of(new double[][] {{1, 2}, {3, 4}});
            Tensor w = Tensor.of(0.5, -1);
            Tensor y = x.matmul(w).add(1.0).sigmoid(); // shape [2]
            System.out.println(y); // [0.377541, 0.182426]
            assertEquals(org.elbo4j.tensor.Shape.of(2), y.shape());
            assertArrayEquals(new double[] {1 / (1 + Math.exp(0.5)), 1 / (1 + Math.exp(1.5))}, y.toArray(), 1e-15);
        } finally {
            System.setOut(stdout);
        }
        assertEquals(
                "[0.377541, 0.182426]", printed.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void precomputed() {
        Tape tape = new Tape();
        Tensor x = tape.leaf(Tensor.of(2.0, 3.0));
        // y = x[0] * x[1], with dy/dx[0] = x[1] and dy/dx[1] = x[0]
        Tensor y = Tensor.precomputed(6.0, new Tensor[] {x, x}, new int[] {0, 1}, new double[] {3.0, 2.0}, 2);
        double[] g = tape.backward(y, new double[] {1.0}).of(x); // [3.0, 2.0]
        assertArrayEquals(new double[] {3.0, 2.0}, g, 0.0);
        assertEquals(6.0, y.item(), 0.0);
    }
}
