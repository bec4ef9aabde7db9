package org.elbo4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Construction, inspection, immutability, printing, value equality, and the errors for bad input. */
class TensorTest {

    // ------------------------------------------------------------------ construction and inspection

    @Test
    void constructors() {
        Tensor s = Tensor.scalar(2.5);
        assertEquals(Shape.SCALAR, s.shape());
        assertEquals(0, s.rank());
        assertEquals(1, s.size());
        assertEquals(2.5, s.item());
        assertEquals(2.5, s.get());

        Tensor v = Tensor.of(1, 2, 3);
        assertEquals(Shape.of(3), v.shape());
        assertArrayEquals(new double[] {1, 2, 3}, v.toArray());

        Tensor m = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertEquals(Shape.of(2, 3), m.shape());
        assertEquals(6.0, m.get(1, 2));
        assertEquals(2.0, m.get(0, 1));
        assertEquals(3, m.dim(-1));
        assertEquals(2, m.dim(0));
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, m.toArray(), "row-major");
        assertArrayEquals(new double[][] {{1, 2, 3}, {4, 5, 6}}, m.toMatrix());
        assertEquals(5.0, m.at(4));

        Tensor t = Tensor.of(new double[] {0, 1, 2, 3, 4, 5, 6, 7}, 2, 2, 2);
        assertEquals(5.0, t.get(1, 0, 1));
        assertEquals(Shape.of(2, 2, 2), t.shape());
        assertTrue(Tensor.of(new double[] {1, 2}, Shape.of(2, 1)).valueEquals(Tensor.of(new double[][] {{1}, {2}})));

        assertArrayEquals(new double[6], Tensor.zeros(2, 3).toArray());
        assertEquals(Shape.of(2, 3), Tensor.zeros(2, 3).shape());
        assertArrayEquals(new double[] {1, 1, 1, 1}, Tensor.ones(2, 2).toArray());
        assertArrayEquals(new double[] {-0.5, -0.5, -0.5}, Tensor.full(-0.5, 3).toArray());
        assertEquals(7.0, Tensor.full(7, Shape.SCALAR).item());
        assertEquals(Shape.SCALAR, Tensor.zeros().shape());

        assertArrayEquals(new double[] {0, 1, 2, 3}, Tensor.range(4).toArray());
        assertArrayEquals(new double[0], Tensor.range(0).toArray());
        assertArrayEquals(new double[] {1, 1.5, 2, 2.5}, Tensor.range(1, 3, 0.5).toArray(), "end excluded");
        assertArrayEquals(new double[] {3, 2, 1}, Tensor.range(3, 0, -1).toArray(), "negative step");
        assertArrayEquals(new double[0], Tensor.range(3, 0, 1).toArray(), "empty when the step points away");

        assertArrayEquals(
                new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, Tensor.eye(3).toArray());
        assertEquals(Shape.of(3, 3), Tensor.eye(3).shape());
        assertFalse(Tensor.eye(3).requiresGrad());
    }

    @Test
    void immutability() {
        double[] src = {1, 2, 3};
        Tensor v = Tensor.of(src);
        src[0] = 99;
        assertEquals(1.0, v.get(0), "of(double...) copies its argument");

        double[] flat = {1, 2, 3, 4};
        Tensor m = Tensor.of(flat, 2, 2);
        flat[3] = 99;
        assertEquals(4.0, m.get(1, 1), "of(double[], shape) copies");

        double[][] rows = {{1, 2}, {3, 4}};
        Tensor r = Tensor.of(rows);
        rows[1][0] = 99;
        assertEquals(3.0, r.get(1, 0), "of(double[][]) copies");

        double[] out = m.toArray();
        out[0] = 99;
        assertEquals(1.0, m.get(0, 0), "toArray returns a copy");
        double[][] mat = m.toMatrix();
        mat[0][1] = 99;
        assertEquals(2.0, m.get(0, 1), "toMatrix returns a copy");

        int[] dims = {2, 3};
        Shape s = Shape.of(dims);
        dims[0] = 5;
        assertEquals(Shape.of(2, 3), s, "Shape.of copies");
        s.dims()[1] = 7;
        assertEquals(Shape.of(2, 3), s, "dims() returns a copy");

        // ops never modify their inputs, including views that share storage (reshape)
        Tensor x = Tensor.of(1, -2, 3, -4);
        Tensor view = x.reshape(2, 2);
        x.exp();
        x.abs();
        view.transpose();
        x.add(x);
        x.mul(2.0);
        assertArrayEquals(new double[] {1, -2, 3, -4}, x.toArray());
        assertArrayEquals(new double[] {1, -2, 3, -4}, view.toArray());

        int[] idx = {0, 1};
        Tensor g = x.gather(idx);
        idx[0] = 3;
        assertArrayEquals(new double[] {1, -2}, g.toArray(), "gather copies its index array");
    }

    @Test
    void reshapeWithInferredDimension() {
        Tensor x = Tensor.range(12);
        assertEquals(Shape.of(3, 4), x.reshape(3, -1).shape());
        assertEquals(Shape.of(2, 3, 2), x.reshape(2, -1, 2).shape());
        assertEquals(Shape.of(12), x.reshape(3, 4).reshape(-1).shape());
        assertEquals(7.0, x.reshape(3, -1).get(1, 3), "row-major order kept");
        assertEquals(Shape.of(1, 1), Tensor.scalar(5).reshape(1, -1).shape());
        assertEquals(Shape.of(0, 3), Tensor.zeros(0, 3).reshape(-1, 3).shape());
        assertSame(x, x.reshape(12), "same shape: the tensor itself");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.reshape(5, -1));
        assertTrue(
                e.getMessage().contains("reshape")
                        && e.getMessage().contains("[12]")
                        && e.getMessage().contains("[5, -1]"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.reshape(-1, -1));
        assertTrue(e.getMessage().contains("more than one -1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.reshape(5, 3));
        assertTrue(e.getMessage().contains("[12]") && e.getMessage().contains("[5, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.reshape(-2, 6));
        assertTrue(e.getMessage().contains("reshape") && e.getMessage().contains("-2"), e.getMessage());
    }

    @Test
    void shapeOpValues() {
        Tensor m = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertTrue(m.transpose().valueEquals(Tensor.of(new double[][] {{1, 4}, {2, 5}, {3, 6}})));
        Tensor b = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 2, 2, 3);
        assertTrue(
                b.transpose().valueEquals(Tensor.of(new double[] {1, 4, 2, 5, 3, 6, 7, 10, 8, 11, 9, 12}, 2, 3, 2)),
                "batched transpose swaps the last two dims");
        assertTrue(m.index(1).valueEquals(Tensor.of(4, 5, 6)));
        assertEquals(Shape.SCALAR, Tensor.of(7, 8).index(1).shape());
        assertTrue(Tensor.range(5).slice(1, 4).valueEquals(Tensor.of(1, 2, 3)));
        assertEquals(Shape.of(0, 3), m.slice(1, 1).shape());
        assertTrue(m.gather(new int[] {1, 1, 0}).valueEquals(Tensor.of(new double[][] {{4, 5, 6}, {4, 5, 6}, {1, 2, 3}
        })));
        assertTrue(m.takeLast(new int[] {2, 0}).valueEquals(Tensor.of(3, 4)));
        assertTrue(Tensor.concat(1, m, Tensor.of(new double[][] {{7}, {8}})).valueEquals(Tensor.of(new double[][] {
            {1, 2, 3, 7}, {4, 5, 6, 8}
        })));
        assertTrue(Tensor.concat(0, List.of(m, Tensor.of(new double[][] {{7, 8, 9}})))
                .valueEquals(Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}})));
        assertTrue(Tensor.stack(Tensor.of(1, 2), Tensor.of(3, 4)).valueEquals(Tensor.of(new double[][] {{1, 2}, {3, 4}
        })));
        assertTrue(Tensor.stack(Tensor.scalar(1), Tensor.scalar(2)).valueEquals(Tensor.of(1, 2)));
        assertTrue(m.sum(0).valueEquals(Tensor.of(5, 7, 9)));
        assertTrue(m.sum(1, true).valueEquals(Tensor.of(new double[][] {{6}, {15}})));
        assertTrue(m.mean(1).valueEquals(Tensor.of(2, 5)));
        assertTrue(m.mean(0, true).valueEquals(Tensor.of(new double[][] {{2.5, 3.5, 4.5}})));
        assertTrue(m.max(0).valueEquals(Tensor.of(4, 5, 6)));
        assertTrue(m.max(1, true).valueEquals(Tensor.of(new double[][] {{3}, {6}})));
        assertEquals(3.5, m.mean().item());
        assertEquals(6.0, m.max().item());
        assertTrue(Tensor.of(1, 2).outer(Tensor.of(3, 4, 5)).valueEquals(Tensor.of(new double[][] {{3, 4, 5}, {6, 8, 10}
        })));
        assertEquals(11.0, Tensor.of(1, 2).dot(Tensor.of(3, 4)).item());
        // Cholesky of [[4, 2], [2, 3]] is [[2, 0], [1, √2]]
        Tensor l = Tensor.of(new double[][] {{4, 2}, {2, 3}}).cholesky();
        assertArrayEquals(new double[] {2, 0, 1, Math.sqrt(2)}, l.toArray(), 1e-15);
    }

    @Test
    void divisionByAConstantIsTrueDivision() {
        // x.div(c) must equal x / c bit for bit (as x.div(scalar(c)) does), not x·(1/c)
        Random r = new Random(11);
        int mismatches = 0;
        for (int i = 0; i < 1000; i++) {
            double x = r.nextGaussian(), c = 1 + 9 * r.nextDouble();
            if (Tensor.scalar(x).div(c).item() != x / c) mismatches++;
            assertEquals(
                    Tensor.scalar(x).div(Tensor.scalar(c)).item(),
                    Tensor.scalar(x).div(c).item());
        }
        assertEquals(0, mismatches);
        // mean divides by n, as NumPy's does
        Tensor v = Tensor.of(1, 2, 4); // 7/3 = 2.3333333333333335 but 7·(1/3) = 2.333333333333333
        assertEquals(7.0 / 3, v.mean().item());
        assertEquals(7.0 / 3, v.mean(0).item());
        assertEquals(7.0 / 3, v.reshape(1, 3).mean(1, true).item());
    }

    // ------------------------------------------------------------------ printing

    @Test
    void toStringIsNumPyLike() {
        assertEquals("2.5", Tensor.scalar(2.5).toString());
        assertEquals("3.0", Tensor.scalar(3).toString());
        assertEquals("[1.0, 2.5, -3.0]", Tensor.of(1, 2.5, -3).toString());
        assertEquals(
                "[0.333333, -0.125, 123457.0, 1.50000e-07]",
                Tensor.of(1.0 / 3, -0.125, 123456.7, 1.5e-7).toString(),
                "six significant digits, always with a decimal point");
        assertEquals(
                "[nan, inf, -inf]",
                Tensor.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)
                        .toString());
        assertEquals(
                "[[1.0, 2.5],\n [3.0, 4.0]]",
                Tensor.of(new double[][] {{1, 2.5}, {3, 4}}).toString());
        assertEquals(
                "[[[0.0, 1.0],\n  [2.0, 3.0]],\n\n [[4.0, 5.0],\n  [6.0, 7.0]]]",
                Tensor.range(8).reshape(2, 2, 2).toString(),
                "3-D: one blank line between blocks, as NumPy prints");
        assertEquals("[]", Tensor.zeros(0).toString());
        // beyond 1,000 elements: three items at each edge
        assertEquals(
                "[0.0, 1.0, 2.0, ..., 1997.0, 1998.0, 1999.0]",
                Tensor.range(2000).toString());
        String big = Tensor.range(40 * 40).reshape(40, 40).toString();
        assertTrue(
                big.startsWith(
                        "[[0.0, 1.0, 2.0, ..., 37.0, 38.0, 39.0],\n [40.0, 41.0, 42.0, ..., 77.0, 78.0, 79.0],\n"),
                big);
        assertTrue(big.contains("\n ...,\n [1480.0, 1481.0, 1482.0, ..., 1517.0, 1518.0, 1519.0],"), big);
        assertTrue(big.endsWith("[1560.0, 1561.0, 1562.0, ..., 1597.0, 1598.0, 1599.0]]"), big);
        assertEquals(7, big.split("\n").length, "3 rows, the ellipsis, 3 rows");
        // 1,000 elements exactly are printed in full
        assertFalse(Tensor.range(1000).toString().contains("..."));
    }

    @Test
    void toStringIgnoresTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY); // decimal comma
            assertEquals("[0.5, 0.333333, 2.0]", Tensor.of(0.5, 1.0 / 3, 2).toString());
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void valueEquals() {
        Tensor a = Tensor.of(1, 2, 3);
        assertTrue(a.valueEquals(Tensor.of(1, 2, 3)));
        assertFalse(a.valueEquals(Tensor.of(1, 2, 3.0000000000000004)), "bit-identical, not approximately equal");
        assertFalse(a.valueEquals(Tensor.of(new double[] {1, 2, 3}, 3, 1)), "same values, different shape");
        assertFalse(Tensor.scalar(1).valueEquals(Tensor.of(1)), "[] is not [1]");
        assertTrue(Tensor.of(Double.NaN).valueEquals(Tensor.of(Double.NaN)), "NaN equals NaN (bitwise)");
        assertFalse(Tensor.of(0.0).valueEquals(Tensor.of(-0.0)), "0.0 and -0.0 differ bitwise");
        // the tape is ignored
        Tape t = new Tape();
        Tensor tracked = t.leaf(a);
        assertTrue(tracked.valueEquals(a));
        assertTrue(tracked.requiresGrad());
        assertFalse(tracked.detach().requiresGrad());
        assertNotSame(tracked, tracked.detach());
        assertSame(a, a.detach(), "a constant detaches to itself");
    }

    // ------------------------------------------------------------------ bad input

    /** Asserts an IllegalArgumentException whose message contains every fragment. */
    private static void rejects(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "message \"" + e.getMessage() + "\" should name " + f);
        }
    }

    @Test
    void badConstructionInput() {
        rejects(() -> Tensor.of(new double[][] {{1, 2}, {3}}), "Tensor.of", "row 1 has 1 entries", "row 0 has 2");
        rejects(() -> Tensor.of(new double[0][]), "Tensor.of", "no rows");
        rejects(() -> Tensor.of(new double[5], 2, 3), "Tensor.of", "5 values", "[2, 3]");
        rejects(() -> Tensor.wrap(new double[5], Shape.of(2, 3)), "Tensor.wrap", "5 values", "[2, 3]");
        rejects(() -> Shape.of(2, -3), "[2, -3]", "dimension 1 is negative");
        rejects(() -> Tensor.zeros(3, -1), "[3, -1]");
        rejects(() -> Shape.of(1 << 16, 1 << 16), "[65536, 65536]", "2^31-1");
        rejects(() -> Tensor.range(0, 1, 0), "range", "step", "0.0");
        rejects(() -> Tensor.range(0, 1, Double.NaN), "range", "NaN");
        rejects(() -> Tensor.of(1, 2).item(), "item", "[2]", "2 elements");
    }

    @Test
    void badIndices() {
        Tensor m = Tensor.zeros(2, 3);
        rejects(() -> m.get(2, 0), "get", "[2, 0]", "[2, 3]");
        rejects(() -> m.get(0, -1), "get", "[0, -1]", "[2, 3]");
        rejects(() -> m.get(1), "get", "rank 1", "[2, 3]");
        rejects(() -> m.at(6), "at", "6", "[2, 3]");
        rejects(() -> m.at(-1), "at", "-1", "[2, 3]");
        rejects(() -> m.dim(2), "dimension 2", "[2, 3]");
        rejects(() -> m.index(2), "index", "2", "[2, 3]");
        rejects(() -> m.index(-1), "index", "-1", "[2, 3]");
        rejects(() -> Tensor.scalar(1).index(0), "index", "scalar");
        rejects(() -> m.slice(1, 3), "slice", "[1, 3)", "[2, 3]");
        rejects(() -> m.slice(-1, 1), "slice", "[-1, 1)", "[2, 3]");
        rejects(() -> m.slice(2, 1), "slice", "[2, 1)", "[2, 3]");
        rejects(() -> m.gather(new int[] {0, 2}), "gather", "index 2", "position 1", "[2, 3]");
        rejects(() -> m.gather(new int[] {-1}), "gather", "index -1", "[2, 3]");
        rejects(() -> m.takeLast(new int[] {0, 3}), "takeLast", "index 3", "[2, 3]");
        rejects(() -> m.takeLast(new int[] {0}), "takeLast", "1 indices", "[2, 3]");
        rejects(() -> Tensor.zeros(2).toMatrix(), "toMatrix", "[2]");
        rejects(() -> m.sum(2), "sum", "axis 2", "[2, 3]");
        rejects(() -> m.sum(-3, true), "sum", "axis -3", "[2, 3]");
        rejects(() -> m.max(5), "max", "axis 5", "[2, 3]");
        rejects(() -> m.logSumExp(2), "logSumExp", "axis 2", "[2, 3]");
        rejects(() -> m.mean(3), "axis 3", "[2, 3]");
        rejects(() -> Tensor.zeros(0).max(), "max", "empty", "[0]");
        rejects(() -> Tensor.zeros(2, 0).max(1), "max", "[2, 0]");
        rejects(() -> Tensor.of(1).transpose(), "transpose", "[1]");
        rejects(() -> m.clamp(1, 0), "clamp", "1.0", "0.0");
    }

    @Test
    void badConcatAndStack() {
        rejects(
                () -> Tensor.concat(0, Tensor.zeros(2, 3), Tensor.zeros(2, 4)),
                "concat",
                "tensor 1",
                "[2, 4]",
                "[2, 3]");
        rejects(() -> Tensor.concat(2, Tensor.zeros(2, 3)), "concat", "axis 2", "rank 2");
        rejects(() -> Tensor.concat(0, Tensor.zeros(2, 3), Tensor.zeros(3)), "concat", "[3]", "[2, 3]");
        rejects(() -> Tensor.concat(0, Tensor.scalar(1), Tensor.scalar(2)), "concat", "scalars");
        rejects(() -> Tensor.concat(0), "concat", "no tensors");
        rejects(() -> Tensor.stack(Tensor.zeros(2), Tensor.zeros(3)), "stack", "tensor 1", "[3]", "[2]");
        rejects(() -> Tensor.stack(), "stack", "no tensors");
    }

    @Test
    void badLinearAlgebra() {
        rejects(() -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4, 5)), "matmul", "[2, 3]", "[4, 5]", "3 vs 4");
        rejects(() -> Tensor.zeros(3).matmul(Tensor.zeros(4)), "matmul", "[3]", "[4]");
        rejects(() -> Tensor.zeros(2, 3).matmul(Tensor.zeros(2)), "matmul", "[2, 3]", "[2]");
        rejects(() -> Tensor.zeros(2, 2, 3).matmul(Tensor.zeros(3, 3, 4)), "matmul", "batch", "[2, 2, 3]", "[3, 3, 4]");
        rejects(() -> Tensor.scalar(1).matmul(Tensor.zeros(1)), "matmul", "[]", "[1]");
        rejects(() -> Tensor.zeros(1, 1, 1, 1).matmul(Tensor.zeros(1, 1)), "matmul", "rank", "[1, 1, 1, 1]");
        rejects(() -> Tensor.zeros(3).dot(Tensor.zeros(4)), "dot", "[3]", "[4]");
        rejects(() -> Tensor.zeros(2, 2).outer(Tensor.zeros(2)), "outer", "[2, 2]");
        rejects(
                () -> Tensor.of(new double[][] {{1, 2}, {2, 1}}).cholesky(),
                "cholesky",
                "[2, 2]",
                "not positive definite",
                "pivot 1",
                "-3.0");
        rejects(() -> Tensor.of(new double[][] {{-1, 0}, {0, 1}}).cholesky(), "cholesky", "pivot 0", "-1.0");
        rejects(() -> Tensor.of(new double[][] {{Double.NaN, 0}, {0, 1}}).cholesky(), "cholesky", "NaN");
        rejects(() -> Tensor.zeros(2, 3).cholesky(), "cholesky", "square", "[2, 3]");
        Tensor singular = Tensor.of(new double[][] {{1, 0, 0}, {2, 0, 0}, {3, 4, 5}});
        rejects(
                () -> singular.solveTriangular(Tensor.ones(3), true, false),
                "solveTriangular",
                "singular",
                "diagonal entry 1",
                "[3, 3]");
        rejects(() -> Tensor.eye(3).solveTriangular(Tensor.ones(4), true, false), "solveTriangular", "[4]", "3x3");
        rejects(() -> Tensor.eye(3).solveTriangular(Tensor.ones(3, 1, 1), true, false), "solveTriangular", "[3, 1, 1]");
        rejects(() -> Tensor.eye(3).solveTriangular(Tensor.scalar(1), true, false), "solveTriangular", "[]");
        rejects(
                () -> Tensor.zeros(2, 3).solveTriangular(Tensor.ones(2), true, false),
                "solveTriangular",
                "square",
                "[2, 3]");
    }

    @Test
    void logCheckedNamesTheValue() {
        rejects(() -> Tensor.of(1, -1.5, 2).logChecked(), "log", "-1.5", "flat index 1", "[3]");
        rejects(() -> Tensor.of(Double.NaN).logChecked(), "log", "NaN");
        assertEquals(Double.NEGATIVE_INFINITY, Tensor.of(0.0).logChecked().item(), "0 is allowed: log 0 = −∞");
        assertTrue(Double.isNaN(Tensor.of(-1.0).log().item()), "plain log gives NaN below 0");
    }

    @Test
    void requireFinite() {
        Tensor ok = Tensor.of(1, 2);
        assertSame(ok, ok.requireFinite("data y"));
        NonFiniteException e = assertThrows(
                NonFiniteException.class,
                () -> Tensor.of(1, Double.POSITIVE_INFINITY).requireFinite("data y"));
        assertTrue(
                e.getMessage().contains("data y")
                        && e.getMessage().contains("element 1")
                        && e.getMessage().contains("Infinity"),
                e.getMessage());
        assertFalse(Tensor.of(1, Double.NaN).allFinite());
        assertTrue(Tensor.zeros(0).allFinite());
    }
}
