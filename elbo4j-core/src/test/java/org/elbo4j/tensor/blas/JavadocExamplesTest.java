package org.elbo4j.tensor.blas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The javadoc examples of {@code org.elbo4j.tensor.blas}, verbatim, each followed by checks of its comments. */
class JavadocExamplesTest {

    @Test
    void packageInfo() {
        double[] a = {1, 2, 3, 4, 5, 6}; // A[2×3], row-major
        double[] b = {1, 0, 0, 1, 1, 1}; // B[3×2]
        double[] c = new double[4]; // C[2×2]
        Blas.dgemm(false, false, 2, 2, 3, 1.0, a, 0, 3, b, 0, 2, 0.0, c, 0, 2);
        // c = {4, 5, 10, 11}; Blas.backend() = "vector-api (AVX-512, 8 lanes), 2 threads" (say)
        assertArrayEquals(new double[] {4, 5, 10, 11}, c, 0);
    }

    @Test
    void vectorMath() {
        double[] logits = {-1, 0, 2}, x = {0, 1, 1}, grad = new double[3];
        double[] h = {-1, 0, 0.5};
        VectorMath.tanh(h, 0, 3); // h = {-0.7616, 0, 0.4621}
        double ll = VectorMath.bernoulliLogits(3, logits, 0, x, 0, grad, 0);
        assertArrayEquals(new double[] {Math.tanh(-1), 0, Math.tanh(0.5)}, h, 1e-15);
        assertArrayEquals(new double[] {-0.7616, 0, 0.4621}, h, 5e-5);
        double want = 0;
        for (int i = 0; i < 3; i++) want += x[i] * logits[i] - Math.log1p(Math.exp(logits[i]));
        assertEquals(want, ll, 1e-14);
    }
}
