package org.elbo4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.SplittableRandom;
import org.elbo4j.autodiff.Autodiff;
import org.junit.jupiter.api.Test;

/**
 * {@link Tensor#matmul} of a matrix [m,k] and a vector [k], in particular a constant narrow matrix (k ≤ 16,
 * m ≥ 64), which is multiplied through a column-major copy kept on the tensor. Values and gradients against naive
 * loops, each entry to 1e-12 relative to Σ|terms| (the scale of the rounding error any order of the sum can
 * make); sizes on both sides of the thresholds (m = 63, 64; k = 16, 17).
 */
class NarrowGemvTest {
    static final double REL = 1e-12;
    static final int[] ROWS = {63, 64, 65, 1000};
    static final int[] COLS = {1, 3, 10, 16, 17};

    static double[] uniform(SplittableRandom rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = 2 * rng.nextDouble() - 1;
        return v;
    }

    /** Each {@code got[i]} against {@code Σ_p terms(i, p)} computed here, to REL·Σ|terms|. */
    interface Term {
        double at(int i, int p);
    }

    static void assertSums(double[] got, int rows, int len, Term term, String what) {
        assertEquals(rows, got.length, what + ": length");
        for (int i = 0; i < rows; i++) {
            double s = 0, abs = 0;
            for (int p = 0; p < len; p++) {
                double v = term.at(i, p);
                s += v;
                abs += Math.abs(v);
            }
            if (!(Math.abs(got[i] - s) <= REL * Math.max(abs, Double.MIN_NORMAL))) {
                fail(what + " [" + i + "]: " + got[i] + " vs naive " + s + " (scale " + abs + ")");
            }
        }
    }

    @Test
    void productMatchesANaiveLoop() {
        SplittableRandom rng = new SplittableRandom(31);
        for (int m : ROWS) {
            for (int k : COLS) {
                double[] a = uniform(rng, m * k), b = uniform(rng, k);
                Tensor mat = Tensor.of(a, m, k), vec = Tensor.of(b);
                Tensor c = mat.matmul(vec);
                assertEquals(Shape.of(m), c.shape(), "[" + m + "," + k + "]·[" + k + "]");
                assertFalse(c.requiresGrad());
                assertSums(c.toArray(), m, k, (i, p) -> a[i * k + p] * b[p], "m=" + m + " k=" + k);
                // the narrow path (and its cached copy) is taken exactly for k ≤ 16 and m ≥ 64
                assertEquals(
                        k <= 16 && m >= 64,
                        Facts.of(mat).columnMajor != null,
                        "m=" + m + " k=" + k + ": column-major copy");
                // the same matrix with another vector (the cached copy is the matrix's, not the product's)
                double[] b2 = uniform(rng, k);
                assertSums(
                        mat.matmul(Tensor.of(b2)).toArray(),
                        m,
                        k,
                        (i, p) -> a[i * k + p] * b2[p],
                        "m=" + m + " k=" + k + ", second vector");
            }
        }
    }

    /** [m,k]·[k,1] → [m,1] and [1,m,k]·[1,k,1] → [1,m,1] go through the batched path to the same product. */
    @Test
    void columnVectorsAndBatchesOfOneTakeTheSameProduct() {
        SplittableRandom rng = new SplittableRandom(32);
        int m = 100, k = 10;
        double[] a = uniform(rng, m * k), b = uniform(rng, k);
        Tensor c1 = Tensor.of(a, m, k).matmul(Tensor.of(b, k, 1));
        assertEquals(Shape.of(m, 1), c1.shape());
        assertSums(c1.toArray(), m, k, (i, p) -> a[i * k + p] * b[p], "[m,k]·[k,1]");
        Tensor c3 = Tensor.of(a, 1, m, k).matmul(Tensor.of(b, 1, k, 1));
        assertEquals(Shape.of(1, m, 1), c3.shape());
        assertSums(c3.toArray(), m, k, (i, p) -> a[i * k + p] * b[p], "[1,m,k]·[1,k,1]");
    }

    /** The same constant matrix twice, and a fresh copy of it: the same bits each time. */
    @Test
    void repeatedProductsAreBitIdentical() {
        SplittableRandom rng = new SplittableRandom(33);
        for (int m : ROWS) {
            for (int k : COLS) {
                double[] a = uniform(rng, m * k), b = uniform(rng, k);
                Tensor mat = Tensor.of(a, m, k), vec = Tensor.of(b);
                double[] first = mat.matmul(vec).toArray();
                double[] second = mat.matmul(vec).toArray();
                double[] fresh = Tensor.of(a, m, k).matmul(vec).toArray();
                for (int i = 0; i < m; i++) {
                    long bits = Double.doubleToRawLongBits(first[i]);
                    assertEquals(
                            bits,
                            Double.doubleToRawLongBits(second[i]),
                            "m=" + m + " k=" + k + " [" + i + "], second call");
                    assertEquals(
                            bits,
                            Double.doubleToRawLongBits(fresh[i]),
                            "m=" + m + " k=" + k + " [" + i + "], fresh matrix");
                }
            }
        }
    }

    /**
     * The vector on the tape, the matrix constant: ∂(w·(Xb))/∂b = Xᵀw. The second form adds ‖b‖² so that the
     * product's backward adds into an adjoint that already holds 2b (the backward GEMV runs with β = 1).
     */
    @Test
    void gradientWithRespectToTheVectorIsXTransposeTimesTheSeed() {
        SplittableRandom rng = new SplittableRandom(34);
        for (int m : ROWS) {
            for (int k : COLS) {
                double[] a = uniform(rng, m * k), b = uniform(rng, k), w = uniform(rng, m);
                Tensor mat = Tensor.of(a, m, k), seed = Tensor.of(w);
                String what = "m=" + m + " k=" + k;
                Tensor g = Autodiff.grad(
                                List.of(Tensor.of(b)),
                                p -> mat.matmul(p.get(0)).mul(seed).sum())
                        .get(0);
                assertEquals(Shape.of(k), g.shape());
                assertSums(g.toArray(), k, m, (p, i) -> a[i * k + p] * w[i], what + ": Xᵀw");

                Tensor g2 = Autodiff.grad(
                                List.of(Tensor.of(b)),
                                p -> p.get(0)
                                        .square()
                                        .sum()
                                        .add(mat.matmul(p.get(0)).mul(seed).sum()))
                        .get(0);
                double[] minus = g2.toArray();
                for (int p = 0; p < k; p++) minus[p] -= 2 * b[p];
                assertSums(minus, k, m, (p, i) -> a[i * k + p] * w[i], what + ": Xᵀw + 2b − 2b");

                Tensor gv = Autodiff.vjp(List.of(Tensor.of(b)), p -> mat.matmul(p.get(0)), seed)
                        .get(0);
                assertSums(gv.toArray(), k, m, (p, i) -> a[i * k + p] * w[i], what + ": vjp");
            }
        }
    }

    /** The matrix on the tape (the other path): Ā = w ⊗ b, b̄ = Xᵀw; and the matrix alone on the tape. */
    @Test
    void trackedMatricesStillGetTheirGradient() {
        SplittableRandom rng = new SplittableRandom(35);
        for (int m : new int[] {64, 1000}) {
            for (int k : new int[] {3, 10}) {
                double[] a = uniform(rng, m * k), b = uniform(rng, k), w = uniform(rng, m);
                Tensor seed = Tensor.of(w);
                String what = "m=" + m + " k=" + k;
                List<Tensor> g = Autodiff.grad(
                        List.of(Tensor.of(a, m, k), Tensor.of(b)),
                        p -> p.get(0).matmul(p.get(1)).mul(seed).sum());
                assertEquals(Shape.of(m, k), g.get(0).shape());
                double[] ga = g.get(0).toArray();
                for (int i = 0; i < m; i++) {
                    for (int p = 0; p < k; p++) {
                        assertEquals(
                                w[i] * b[p],
                                ga[i * k + p],
                                REL * Math.abs(w[i] * b[p]),
                                what + ": Ā[" + i + "," + p + "]");
                    }
                }
                assertSums(g.get(1).toArray(), k, m, (p, i) -> a[i * k + p] * w[i], what + ": b̄");

                Tensor vec = Tensor.of(b);
                Tensor gOnly = Autodiff.grad(
                                List.of(Tensor.of(a, m, k)),
                                p -> p.get(0).matmul(vec).mul(seed).sum())
                        .get(0);
                double[] go = gOnly.toArray();
                for (int i = 0; i < m * k; i++) assertEquals(ga[i], go[i], 0.0, what + ": matrix alone [" + i + "]");

                // and the value of the tracked product equals that of the constant one
                Tensor leaf = new Tape().leaf(Tensor.of(a, m, k));
                Tensor tracked = leaf.matmul(vec);
                assertTrue(tracked.requiresGrad());
                assertEquals(null, Facts.of(leaf).columnMajor, "a tracked matrix takes the row-major path");
                assertSums(tracked.toArray(), m, k, (i, p) -> a[i * k + p] * b[p], what + ": tracked value");
            }
        }
    }
}
