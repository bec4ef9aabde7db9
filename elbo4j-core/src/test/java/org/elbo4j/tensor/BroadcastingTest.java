package org.elbo4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.BinaryOperator;
import org.elbo4j.autodiff.Autodiff;
import org.junit.jupiter.api.Test;

/**
 * NumPy broadcasting: result shapes (rank promotion, 1-sized and 0-sized dimensions), errors naming the op and
 * both shapes, and the array kernels {@link Broadcasting#expand} / {@link Broadcasting#sumInto} checked against a
 * by-the-definition reference on every fast path (equal, scalar, trailing suffix, strided).
 */
class BroadcastingTest {
    private static final long SEED = 7_001L;

    /** {a, b, expected}: the cases from NumPy's broadcasting rules page, plus rank promotion and 0-sized dims. */
    private static final int[][][] RULES = {
        {{}, {}, {}},
        {{}, {2, 3}, {2, 3}},
        {{2, 3}, {}, {2, 3}},
        {{3}, {2, 3}, {2, 3}},
        {{3, 1}, {1, 4}, {3, 4}},
        {{4, 1, 3}, {2, 3}, {4, 2, 3}},
        {{8, 1, 6, 1}, {7, 1, 5}, {8, 7, 6, 5}},
        {{5, 4}, {1}, {5, 4}},
        {{15, 3, 5}, {15, 1, 5}, {15, 3, 5}},
        {{15, 3, 5}, {3, 1}, {15, 3, 5}},
        {{1}, {}, {1}},
        {{1, 1}, {5}, {1, 5}},
        {{3}, {2, 1, 1}, {2, 1, 3}},
        {{0}, {1}, {0}},
        {{0, 3}, {3}, {0, 3}},
        {{2, 0}, {2, 1}, {2, 0}},
        {{0}, {}, {0}},
        {{1, 0}, {4, 1}, {4, 0}}
    };

    @Test
    void resultShapesFollowNumPy() {
        int cases = 0;
        for (int[][] c : RULES) {
            Shape a = Shape.of(c[0]), b = Shape.of(c[1]), want = Shape.of(c[2]);
            assertEquals(want, Shape.broadcast("test", a, b), a + " with " + b);
            assertEquals(want, Shape.broadcast("test", b, a), b + " with " + a + " (symmetric)");
            assertTrue(a.broadcastsTo(want), a + " broadcasts to " + want);
            assertTrue(b.broadcastsTo(want), b + " broadcasts to " + want);
            // and the ops agree, on values too
            Tensor x = seq(a, 1), y = seq(b, 100);
            assertEquals(want, x.add(y).shape());
            assertArrayEquals(naiveBinary(x, y, want, Double::sum), x.add(y).toArray(), 0.0, a + " + " + b);
            assertArrayEquals(naiveBinary(x, y, want, (p, q) -> p * q), x.mul(y).toArray(), 0.0, a + " * " + b);
            assertArrayEquals(naiveBinary(x, y, want, (p, q) -> p - q), x.sub(y).toArray(), 0.0, a + " - " + b);
            assertArrayEquals(naiveBinary(x, y, want, (p, q) -> p / q), x.div(y).toArray(), 0.0, a + " / " + b);
            assertArrayEquals(naiveBinary(x, y, want, Math::pow), x.pow(y).toArray(), 0.0, a + " ^ " + b);
            assertArrayEquals(naiveBinary(x, y, want, Math::max), x.maximum(y).toArray(), 0.0, a + " max " + b);
            cases++;
        }
        assertEquals(RULES.length, cases);
    }

    @Test
    void incompatibleShapesNameTheOpAndBothShapes() {
        int[][][] bad = {{{2, 3}, {4}}, {{3}, {4}}, {{2, 1}, {8, 4, 3}}, {{0}, {2}}, {{2, 3, 4}, {3, 3}}};
        List<String> ops = List.of("add", "sub", "mul", "div", "pow", "maximum");
        List<BinaryOperator<Tensor>> fns =
                List.of(Tensor::add, Tensor::sub, Tensor::mul, Tensor::div, Tensor::pow, Tensor::maximum);
        int cases = 0;
        for (int[][] c : bad) {
            Shape a = Shape.of(c[0]), b = Shape.of(c[1]);
            for (int i = 0; i < ops.size(); i++) {
                BinaryOperator<Tensor> f = fns.get(i);
                IllegalArgumentException e = assertThrows(
                        IllegalArgumentException.class, () -> f.apply(Tensor.zeros(c[0]), Tensor.zeros(c[1])));
                assertTrue(e.getMessage().startsWith(ops.get(i) + ":"), e.getMessage());
                assertTrue(
                        e.getMessage().contains(a.toString()) && e.getMessage().contains(b.toString()), e.getMessage());
                cases++;
            }
            IllegalArgumentException w = assertThrows(
                    IllegalArgumentException.class,
                    () -> Tensor.where(Tensor.ones(c[0]), Tensor.zeros(c[0]), Tensor.zeros(c[1])));
            assertTrue(w.getMessage().startsWith("where:") && w.getMessage().contains(b.toString()), w.getMessage());
            assertFalse(a.broadcastsTo(b) && b.broadcastsTo(a));
            cases++;
        }
        assertEquals(bad.length * 7, cases);
        // on a tape too: the error comes before anything is recorded
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Autodiff.valueAndGrad(
                        Tensor.zeros(2, 3), x -> x.add(Tensor.zeros(4)).sum()));
        assertEquals(
                "add: shapes [2, 3] and [4] cannot be broadcast together (dimension 1 of the aligned shapes: 3 vs 4)",
                e.getMessage());
    }

    @Test
    void broadcastsToIsOneWay() {
        assertTrue(Shape.of(3).broadcastsTo(Shape.of(2, 3)));
        assertFalse(Shape.of(2, 3).broadcastsTo(Shape.of(3)), "rank cannot drop");
        assertFalse(Shape.of(3, 4).broadcastsTo(Shape.of(3, 1)), "4 does not shrink to 1");
        assertTrue(Shape.SCALAR.broadcastsTo(Shape.of(0)));
        assertFalse(Shape.of(2).broadcastsTo(Shape.of(0)));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Tensor.zeros(3, 4).broadcastTo(Shape.of(3, 1)));
        assertTrue(e.getMessage().contains("broadcastTo")
                && e.getMessage().contains("[3, 4]")
                && e.getMessage().contains("[3, 1]"));
        e = assertThrows(
                IllegalArgumentException.class, () -> Tensor.zeros(3, 4).sumTo(Shape.of(2)));
        assertTrue(e.getMessage().contains("sumTo")
                && e.getMessage().contains("[3, 4]")
                && e.getMessage().contains("[2]"));
    }

    /** Every fast path of expand/sumInto against the reference, and the adjoint identity ⟨expand x, y⟩ = ⟨x, sumInto y⟩. */
    @Test
    void expandAndSumIntoRoundTrips() {
        int[][][] pairs = { // from, to
            {{2, 3}, {2, 3}}, // equal
            {{}, {2, 3}},
            {{1}, {4}},
            {{1, 1}, {2, 2}}, // one element
            {{3}, {2, 3}},
            {{1, 3}, {4, 3}},
            {{2, 3}, {5, 2, 3}},
            {{1, 2, 3}, {4, 2, 3}},
            {{3, 1}, {2, 3, 1}}, // suffix
            {{3, 1}, {3, 4}},
            {{4, 1, 3}, {4, 2, 3}},
            {{2, 1, 1}, {2, 3, 4}},
            {{1, 3, 1}, {2, 3, 4}}, // strided
            {{0}, {2, 0}},
            {{1}, {0}},
            {{0, 1}, {0, 5}}
        }; // empty
        Random r = new Random(SEED);
        int cases = 0;
        for (int[][] p : pairs) {
            Shape from = Shape.of(p[0]), to = Shape.of(p[1]);
            double[] x = random(r, from.size()), y = random(r, to.size());
            double[] ex = Broadcasting.expand(x, from, to);
            assertArrayEquals(naiveExpand(x, from, to), ex, 0.0, "expand " + from + " -> " + to);
            double[] sx = new double[from.size()];
            Broadcasting.sumInto(y, to, sx, from);
            assertArrayEquals(naiveSumInto(y, to, from), sx, 1e-12, "sumInto " + to + " -> " + from);
            // adjoint identity: sumInto is the transpose of expand
            assertEquals(dot(ex, y), dot(x, sx), 1e-12, "adjoint identity " + from + " -> " + to);
            // round trip: each input entry is read to.size()/from.size() times
            double[] back = new double[from.size()];
            Broadcasting.sumInto(ex, to, back, from);
            double k = from.size() == 0 ? 0 : (double) to.size() / from.size();
            for (int i = 0; i < x.length; i++)
                assertEquals(k * x[i], back[i], 1e-12, "round trip " + from + " -> " + to);
            // sumInto adds into what is there
            double[] acc = new double[from.size()];
            java.util.Arrays.fill(acc, 1.0);
            Broadcasting.sumInto(y, to, acc, from);
            for (int i = 0; i < acc.length; i++) assertEquals(1.0 + sx[i], acc[i], 1e-12, "sumInto accumulates");
            // the public ops agree
            assertArrayEquals(ex, Tensor.of(x, from).broadcastTo(to).toArray(), 0.0);
            assertArrayEquals(sx, Tensor.of(y, to).sumTo(from).toArray(), 1e-12);
            cases++;
        }
        assertEquals(pairs.length, cases);
    }

    @Test
    void sizeZeroThroughOpsAndGradients() {
        Tensor empty = Tensor.zeros(0, 3);
        assertEquals(Shape.of(0, 3), empty.add(Tensor.of(1, 2, 3)).shape());
        assertEquals(0.0, empty.sum().item());
        assertEquals(Shape.of(3), empty.sum(0).shape());
        assertArrayEquals(new double[] {0, 0, 0}, empty.sum(0).toArray());
        assertEquals(Double.NEGATIVE_INFINITY, empty.logSumExp().item(), "log of an empty sum");
        assertTrue(Double.isNaN(empty.mean().item()), "mean of nothing is NaN, as in NumPy");
        // gradients with respect to a bias broadcast over zero rows are zero
        var g = Autodiff.grad(
                List.of(Tensor.of(1, 2, 3)),
                p -> Tensor.zeros(0, 3).add(p.get(0)).exp().sum());
        assertArrayEquals(new double[] {0, 0, 0}, g.get(0).toArray());
        g = Autodiff.grad(
                List.of(Tensor.scalar(2)), p -> Tensor.zeros(0).mul(p.get(0)).sum());
        assertEquals(0.0, g.get(0).item());
    }

    // ------------------------------------------------------------------ references

    private static Tensor seq(Shape s, double start) {
        double[] v = new double[s.size()];
        for (int i = 0; i < v.length; i++) v[i] = start + 0.5 * i;
        return Tensor.of(v, s);
    }

    private static double[] random(Random r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextGaussian();
        return v;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    /** The flat index of {@code from} that output multi-index {@code idx} (of shape {@code to}) reads. */
    private static int source(int[] idx, Shape from, Shape to) {
        int[] fd = from.dims();
        int off = to.rank() - fd.length, flat = 0;
        for (int i = 0; i < fd.length; i++) flat = flat * fd[i] + (fd[i] == 1 ? 0 : idx[i + off]);
        return flat;
    }

    private static int[] unflatten(int flat, int[] dims) {
        int[] idx = new int[dims.length];
        for (int i = dims.length - 1; i >= 0; i--) {
            idx[i] = flat % dims[i];
            flat /= dims[i];
        }
        return idx;
    }

    static double[] naiveExpand(double[] x, Shape from, Shape to) {
        double[] y = new double[to.size()];
        for (int i = 0; i < y.length; i++) y[i] = x[source(unflatten(i, to.dims()), from, to)];
        return y;
    }

    static double[] naiveSumInto(double[] y, Shape to, Shape from) {
        double[] x = new double[from.size()];
        for (int i = 0; i < y.length; i++) x[source(unflatten(i, to.dims()), from, to)] += y[i];
        return x;
    }

    private static double[] naiveBinary(Tensor a, Tensor b, Shape s, BinaryOperator<Double> f) {
        double[] x = naiveExpand(a.toArray(), a.shape(), s), z = naiveExpand(b.toArray(), b.shape(), s);
        double[] y = new double[s.size()];
        for (int i = 0; i < y.length; i++) y[i] = f.apply(x[i], z[i]);
        return y;
    }
}
