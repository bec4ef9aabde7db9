package org.elbo4j.autodiff;

import static org.elbo4j.autodiff.GradientAssertions.expectGradient;
import static org.elbo4j.autodiff.Sampler.awayFrom;
import static org.elbo4j.autodiff.Sampler.awayFromZero;
import static org.elbo4j.autodiff.Sampler.distinct;
import static org.elbo4j.autodiff.Sampler.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Every differentiable op: reverse-mode gradient against central finite differences at seeded random points
 * and several shapes, including broadcasting. Tolerance and step: {@link GradientAssertions#TOL} and
 * {@link GradientAssertions#STEP}, argued there. Points are drawn away from kinks and poles; the conventions at
 * the kinks are checked exactly in {@link #conventionsAtKinks()}. Each sweep asserts how many cases it ran.
 */
class OpGradientTest {
    private static final long SEED = 20_240_611L;
    private static final int POINTS = 3;
    private static final int[][] SHAPES = {{}, {5}, {2, 3}, {2, 2, 3}};

    private record Unary(String name, UnaryOperator<Tensor> op, Sampler domain) {}

    private record Binary(String name, BinaryOperator<Tensor> op, Sampler a, Sampler b, double minGap) {}

    private static int[] s(int... d) {
        return d;
    }

    // ------------------------------------------------------------------ elementwise unary and with a constant

    @Test
    void unaryAndConstantOps() {
        List<Unary> ops = List.of(
                new Unary("neg", Tensor::neg, uniform(-2, 2)),
                new Unary("reciprocal", Tensor::reciprocal, awayFromZero(0.3, 2)),
                new Unary("square", Tensor::square, uniform(-2, 2)),
                new Unary("sqrt", Tensor::sqrt, uniform(0.3, 3)),
                new Unary("exp", Tensor::exp, uniform(-2, 2)),
                new Unary("log", Tensor::log, uniform(0.2, 3)),
                new Unary("logChecked", Tensor::logChecked, uniform(0.2, 3)),
                new Unary("log1p", Tensor::log1p, uniform(-0.7, 3)),
                new Unary("expm1", Tensor::expm1, uniform(-2, 2)),
                new Unary("abs", Tensor::abs, awayFromZero(0.1, 2)),
                new Unary("softplus", Tensor::softplus, uniform(-6, 6)),
                new Unary("sigmoid", Tensor::sigmoid, uniform(-6, 6)),
                new Unary("logSigmoid", Tensor::logSigmoid, uniform(-6, 6)),
                new Unary("tanh", Tensor::tanh, uniform(-3, 3)),
                new Unary("relu", Tensor::relu, awayFromZero(0.1, 2)),
                new Unary("lgamma", Tensor::lgamma, uniform(0.2, 6)),
                new Unary("lgamma(negative)", Tensor::lgamma, uniform(-0.9, -0.1)),
                new Unary("digamma", Tensor::digamma, uniform(0.3, 6)),
                new Unary("digamma(negative)", Tensor::digamma, uniform(-0.8, -0.2)),
                new Unary("clamp", x -> x.clamp(-0.5, 0.5), awayFrom(-2, 2, 0.05, -0.5, 0.5)),
                new Unary("add(double)", x -> x.add(0.7), uniform(-2, 2)),
                new Unary("sub(double)", x -> x.sub(0.7), uniform(-2, 2)),
                new Unary("mul(double)", x -> x.mul(-1.3), uniform(-2, 2)),
                new Unary("div(double)", x -> x.div(-1.7), uniform(-2, 2)),
                new Unary("rsub(double)", x -> x.rsub(0.4), uniform(-2, 2)),
                new Unary("rdiv(double)", x -> x.rdiv(1.3), awayFromZero(0.3, 2)),
                new Unary("pow(2)", x -> x.pow(2), uniform(-2, 2)),
                new Unary("pow(3)", x -> x.pow(3), uniform(-2, 2)),
                new Unary("pow(1)", x -> x.pow(1), uniform(-2, 2)),
                new Unary("pow(0.5)", x -> x.pow(0.5), uniform(0.3, 3)),
                new Unary("pow(-1.5)", x -> x.pow(-1.5), uniform(0.3, 3)),
                new Unary("pow(2.5)", x -> x.pow(2.5), uniform(0.3, 3)));
        Random r = new Random(SEED);
        int cases = 0;
        for (Unary u : ops) {
            for (int[] shape : SHAPES) {
                for (int k = 0; k < POINTS; k++) {
                    cases += expectGradient(
                            u.name() + Arrays.toString(shape),
                            p -> u.op().apply(p.get(0)),
                            u.domain().sample(r, shape));
                }
            }
        }
        assertEquals(32 * SHAPES.length * POINTS, cases);
    }

    // ------------------------------------------------------------------ elementwise binary, broadcasting

    /** Same shapes, scalar·matrix both ways, [3,1]+[1,4], [2,3]+[3], [4,1,3]*[2,3], rank promotion with 1s. */
    private static final int[][][] PAIRS = {
        {{2, 3}, {2, 3}},
        {{}, {3, 4}},
        {{3, 4}, {}},
        {{3, 1}, {1, 4}},
        {{2, 3}, {3}},
        {{3}, {2, 3}},
        {{4, 1, 3}, {2, 3}},
        {{1}, {3, 4}},
        {{2, 1, 3}, {4, 1}},
        {{1, 1}, {5}},
        {{}, {}}
    };

    @Test
    void binaryOpsWithBroadcasting() {
        List<Binary> ops = List.of(
                new Binary("add", Tensor::add, uniform(-2, 2), uniform(-2, 2), 0),
                new Binary("sub", Tensor::sub, uniform(-2, 2), uniform(-2, 2), 0),
                new Binary("mul", Tensor::mul, uniform(-2, 2), uniform(-2, 2), 0),
                new Binary("div", Tensor::div, uniform(-2, 2), awayFromZero(0.4, 2), 0),
                new Binary("pow", Tensor::pow, uniform(0.4, 2.5), uniform(-2, 2), 0),
                // the operands differ by > 0.05 everywhere, far beyond the step, so no tie is crossed
                new Binary("maximum", Tensor::maximum, uniform(-2, 2), uniform(-2, 2), 0.05));
        Random r = new Random(SEED + 1);
        int cases = 0;
        for (Binary b : ops) {
            for (int[][] pair : PAIRS) {
                String name = b.name() + Arrays.toString(pair[0]) + Arrays.toString(pair[1]);
                for (int k = 0; k < POINTS; k++) {
                    Tensor[] xy = draw(r, b, pair);
                    cases += expectGradient(name, p -> b.op().apply(p.get(0), p.get(1)), xy[0], xy[1]);
                }
                // one operand constant: exercises each "wants" branch alone
                Tensor[] xy = draw(r, b, pair);
                Tensor cx = xy[0], cy = xy[1];
                cases += expectGradient(name + " (b constant)", p -> b.op().apply(p.get(0), cy), cx);
                cases += expectGradient(name + " (a constant)", p -> b.op().apply(cx, p.get(0)), cy);
            }
        }
        assertEquals(ops.size() * PAIRS.length * (POINTS + 2), cases);
    }

    private static Tensor[] draw(Random r, Binary b, int[][] pair) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            Tensor x = b.a().sample(r, pair[0]), y = b.b().sample(r, pair[1]);
            double gap = Double.POSITIVE_INFINITY;
            for (double d : x.sub(y).abs().toArray()) gap = Math.min(gap, d);
            if (gap > b.minGap()) return new Tensor[] {x, y};
        }
        throw new AssertionError("no admissible point for " + b.name());
    }

    @Test
    void sameTensorOnBothSides() {
        Random r = new Random(SEED + 2);
        int cases = 0;
        for (int[] shape : SHAPES) {
            Tensor x = awayFromZero(0.4, 2).sample(r, shape);
            cases += expectGradient("x*x", p -> p.get(0).mul(p.get(0)), x);
            cases += expectGradient("x+x", p -> p.get(0).add(p.get(0)), x);
            cases += expectGradient("x/x·x", p -> p.get(0).div(p.get(0)).mul(p.get(0)), x);
            cases += expectGradient("|x|^x", p -> p.get(0).abs().pow(p.get(0)), x);
        }
        assertEquals(4 * SHAPES.length, cases);
    }

    @Test
    void whereWithBroadcasting() {
        Random r = new Random(SEED + 3);
        int[][][] shapes = { // cond, a, b
            {{2, 3}, {2, 3}, {2, 3}},
            {{3}, {2, 1}, {}},
            {{2, 1}, {3}, {2, 3}},
            {{}, {2, 2}, {2, 2}},
            {{4, 1, 3}, {2, 3}, {1}}
        };
        int cases = 0;
        for (int[][] sh : shapes) {
            for (int k = 0; k < POINTS; k++) {
                Tensor cond = uniform(-1, 1).sample(r, sh[0]).relu(); // about half the entries are 0
                Tensor a = uniform(-2, 2).sample(r, sh[1]), b = uniform(-2, 2).sample(r, sh[2]);
                cases += expectGradient(
                        "where" + Arrays.deepToString(sh),
                        p -> Tensor.where(cond, p.get(0).exp(), p.get(1).square()),
                        a,
                        b);
            }
        }
        assertEquals(shapes.length * POINTS, cases);
    }

    // ------------------------------------------------------------------ reductions

    @Test
    void reductions() {
        Random r = new Random(SEED + 4);
        List<Unary> ops = new ArrayList<>();
        ops.add(new Unary("sum", Tensor::sum, uniform(-2, 2)));
        ops.add(new Unary("mean", Tensor::mean, uniform(-2, 2)));
        ops.add(new Unary("max", Tensor::max, distinct()));
        ops.add(new Unary("logSumExp", Tensor::logSumExp, uniform(-3, 3)));
        int cases = 0;
        for (Unary u : ops) {
            for (int[] shape : SHAPES) {
                for (int k = 0; k < POINTS; k++) {
                    cases += expectGradient(
                            u.name() + Arrays.toString(shape),
                            p -> u.op().apply(p.get(0)),
                            u.domain().sample(r, shape));
                }
            }
        }
        int[][] axisShapes = {{5}, {3, 4}, {2, 3, 4}};
        int axisCases = 0;
        for (int[] shape : axisShapes) {
            for (int axis = -shape.length; axis < shape.length; axis++) {
                for (boolean keep : new boolean[] {false, true}) {
                    int ax = axis;
                    String at = Arrays.toString(shape) + " axis " + ax + (keep ? " keepDims" : "");
                    Tensor x = uniform(-3, 3).sample(r, shape);
                    axisCases += expectGradient("sum" + at, p -> p.get(0).sum(ax, keep), x);
                    axisCases += expectGradient("mean" + at, p -> p.get(0).mean(ax, keep), x);
                    axisCases += expectGradient("logSumExp" + at, p -> p.get(0).logSumExp(ax, keep), x);
                    axisCases += expectGradient(
                            "max" + at, p -> p.get(0).max(ax, keep), distinct().sample(r, shape));
                }
            }
        }
        // the one-argument axis forms drop the axis
        Tensor x = uniform(-3, 3).sample(r, s(3, 4));
        axisCases += expectGradient("sum(1)", p -> p.get(0).sum(1), x);
        axisCases += expectGradient("mean(0)", p -> p.get(0).mean(0), x);
        axisCases += expectGradient("logSumExp(-1)", p -> p.get(0).logSumExp(-1), x);
        axisCases += expectGradient("max(1)", p -> p.get(0).max(1), distinct().sample(r, s(3, 4)));
        assertEquals(4 * SHAPES.length * POINTS, cases);
        assertEquals(4 * 2 * (2 + 4 + 6) + 4, axisCases);
    }

    @Test
    void sumToAndBroadcastTo() {
        Random r = new Random(SEED + 5);
        int[][][] sumTo = {
            {{3, 4}, {1, 4}},
            {{3, 4}, {3, 1}},
            {{3, 4}, {4}},
            {{3, 4}, {}},
            {{3, 4}, {1, 1}},
            {{2, 3, 4}, {3, 1}},
            {{2, 3, 4}, {1, 1, 4}},
            {{2, 3, 4}, {2, 1, 1}},
            {{2, 3, 4}, {2, 3, 4}}
        };
        int[][][] bcast = {
            {{}, {2, 3}},
            {{3}, {2, 3}},
            {{3, 1}, {3, 4}},
            {{4, 1, 3}, {4, 2, 3}},
            {{1}, {5}},
            {{2, 1, 1}, {2, 3, 4}},
            {{1, 4}, {2, 3, 4}}
        };
        int cases = 0;
        for (int[][] p2 : sumTo) {
            for (int k = 0; k < POINTS; k++) {
                Shape t = Shape.of(p2[1]);
                cases += expectGradient(
                        "sumTo" + Arrays.deepToString(p2),
                        p -> p.get(0).sumTo(t),
                        uniform(-2, 2).sample(r, p2[0]));
            }
        }
        for (int[][] p2 : bcast) {
            for (int k = 0; k < POINTS; k++) {
                Shape t = Shape.of(p2[1]);
                cases += expectGradient(
                        "broadcastTo" + Arrays.deepToString(p2),
                        p -> p.get(0).broadcastTo(t),
                        uniform(-2, 2).sample(r, p2[0]));
            }
        }
        assertEquals((sumTo.length + bcast.length) * POINTS, cases);
    }

    // ------------------------------------------------------------------ shape ops

    @Test
    void shapeOps() {
        Random r = new Random(SEED + 6);
        Sampler u = uniform(-2, 2);
        int cases = 0;
        for (int k = 0; k < POINTS; k++) {
            // downstream tanh makes the gradient depend on where each value lands
            cases += expectGradient(
                    "reshape(3,-1)", p -> p.get(0).reshape(3, -1).tanh().matmul(Tensor.ones(4)), u.sample(r, s(2, 6)));
            cases += expectGradient("reshape(12)", p -> p.get(0).reshape(12), u.sample(r, s(2, 6)));
            cases += expectGradient("reshape(-1,4)", p -> p.get(0).reshape(-1, 4), u.sample(r, s(2, 3, 4)));
            cases += expectGradient("reshape(scalar→1,1)", p -> p.get(0).reshape(1, 1), u.sample(r, s()));
            cases += expectGradient("reshape(Shape)", p -> p.get(0).reshape(Shape.of(3, 2)), u.sample(r, s(6)));
            cases += expectGradient("transpose 2-D", p -> p.get(0).transpose(), u.sample(r, s(3, 4)));
            cases += expectGradient("transpose 3-D", p -> p.get(0).transpose(), u.sample(r, s(2, 3, 4)));
            cases += expectGradient("transpose [1,4]", p -> p.get(0).transpose(), u.sample(r, s(1, 4)));
            cases += expectGradient("index [3,4] 2", p -> p.get(0).index(2), u.sample(r, s(3, 4)));
            cases += expectGradient("index [2,3,4] 1", p -> p.get(0).index(1), u.sample(r, s(2, 3, 4)));
            cases += expectGradient("index [5] 3", p -> p.get(0).index(3), u.sample(r, s(5)));
            cases += expectGradient("slice [4,3] 1:3", p -> p.get(0).slice(1, 3), u.sample(r, s(4, 3)));
            cases += expectGradient("slice [4,3] 0:4", p -> p.get(0).slice(0, 4), u.sample(r, s(4, 3)));
            cases += expectGradient("slice [4,3] 2:2", p -> p.get(0).slice(2, 2), u.sample(r, s(4, 3)));
            cases += expectGradient("slice [5] 3:5", p -> p.get(0).slice(3, 5), u.sample(r, s(5)));
            cases += expectGradient(
                    "gather repeated", p -> p.get(0).gather(new int[] {2, 0, 2, 2}), u.sample(r, s(3, 2)));
            cases += expectGradient("gather vector", p -> p.get(0).gather(new int[] {3, 3, 1}), u.sample(r, s(4)));
            cases += expectGradient("gather 3-D", p -> p.get(0).gather(new int[] {1, 1}), u.sample(r, s(3, 2, 2)));
            cases +=
                    expectGradient("takeLast [3,4]", p -> p.get(0).takeLast(new int[] {1, 3, 1}), u.sample(r, s(3, 4)));
            cases += expectGradient(
                    "takeLast [2,3,4]", p -> p.get(0).takeLast(new int[] {0, 3, 2, 2, 1, 0}), u.sample(r, s(2, 3, 4)));
            cases += expectGradient("takeLast [5]", p -> p.get(0).takeLast(new int[] {2}), u.sample(r, s(5)));
            cases += expectGradient(
                    "concat axis 0",
                    p -> Tensor.concat(0, p.get(0), p.get(1), p.get(2)),
                    u.sample(r, s(2, 3)),
                    u.sample(r, s(1, 3)),
                    u.sample(r, s(3, 3)));
            cases += expectGradient(
                    "concat axis 1",
                    p -> Tensor.concat(1, p.get(0), p.get(1), p.get(2)),
                    u.sample(r, s(2, 3)),
                    u.sample(r, s(2, 1)),
                    u.sample(r, s(2, 2)));
            cases += expectGradient(
                    "concat axis -1 (3-D)",
                    p -> Tensor.concat(-1, List.of(p.get(0), p.get(1))),
                    u.sample(r, s(2, 2, 3)),
                    u.sample(r, s(2, 2, 2)));
            cases += expectGradient(
                    "concat axis 1 (3-D)",
                    p -> Tensor.concat(1, p.get(0), p.get(1)),
                    u.sample(r, s(2, 1, 3)),
                    u.sample(r, s(2, 2, 3)));
            Tensor c = u.sample(r, s(2, 2));
            cases += expectGradient(
                    "concat with a constant",
                    p -> Tensor.concat(1, c, p.get(0), c, p.get(1)),
                    u.sample(r, s(2, 3)),
                    u.sample(r, s(2, 1)));
            cases += expectGradient(
                    "stack",
                    p -> Tensor.stack(p.get(0), p.get(1), p.get(2)),
                    u.sample(r, s(2, 3)),
                    u.sample(r, s(2, 3)),
                    u.sample(r, s(2, 3)));
            cases += expectGradient(
                    "stack scalars",
                    p -> Tensor.stack(List.of(p.get(0), p.get(1))),
                    u.sample(r, s()),
                    u.sample(r, s()));
        }
        assertEquals(28 * POINTS, cases);
    }

    // ------------------------------------------------------------------ linear algebra

    @Test
    void matmulAllRankCombinations() {
        Random r = new Random(SEED + 7);
        Sampler u = uniform(-2, 2);
        int[][][] combos = {
            {{3, 4}, {4, 2}},
            {{3, 4}, {4}},
            {{4}, {4, 2}},
            {{4}, {4}},
            {{2, 3, 4}, {2, 4, 5}},
            {{2, 3, 4}, {4, 5}},
            {{3, 4}, {2, 4, 5}},
            {{2, 3, 4}, {4}},
            {{4}, {2, 4, 5}},
            {{1, 3, 4}, {2, 4, 5}},
            {{2, 3, 4}, {1, 4, 5}},
            {{1, 1}, {1, 1}},
            {{1, 4}, {4, 1}}
        };
        int[][] expected = {
            {3, 2}, {3}, {2}, {}, {2, 3, 5}, {2, 3, 5}, {2, 3, 5}, {2, 3}, {2, 5}, {2, 3, 5}, {2, 3, 5}, {1, 1}, {1, 1}
        };
        int cases = 0;
        for (int i = 0; i < combos.length; i++) {
            int[][] c = combos[i];
            String name = "matmul " + Arrays.toString(c[0]) + "·" + Arrays.toString(c[1]);
            Tensor a0 = u.sample(r, c[0]), b0 = u.sample(r, c[1]);
            assertArrayEquals(expected[i], a0.matmul(b0).shape().dims(), name + " shape");
            assertArrayEquals(naiveMatmul(a0, b0).toArray(), a0.matmul(b0).toArray(), 1e-12, name + " value");
            for (int k = 0; k < POINTS; k++) {
                cases += expectGradient(name, p -> p.get(0).matmul(p.get(1)), u.sample(r, c[0]), u.sample(r, c[1]));
            }
            Tensor ca = u.sample(r, c[0]), cb = u.sample(r, c[1]);
            cases += expectGradient(name + " (b constant)", p -> p.get(0).matmul(cb), ca);
            cases += expectGradient(name + " (a constant)", p -> ca.matmul(p.get(0)), cb);
        }
        for (int k = 0; k < POINTS; k++) {
            cases += expectGradient("dot", p -> p.get(0).dot(p.get(1)), u.sample(r, s(5)), u.sample(r, s(5)));
            cases += expectGradient("outer", p -> p.get(0).outer(p.get(1)), u.sample(r, s(3)), u.sample(r, s(4)));
            cases += expectGradient("A·A (same tensor)", p -> p.get(0).matmul(p.get(0)), u.sample(r, s(3, 3)));
        }
        assertEquals(combos.length * (POINTS + 2) + 3 * POINTS, cases);
    }

    /** Reference product by the definition, broadcasting the batch as NumPy's matmul. */
    private static Tensor naiveMatmul(Tensor a, Tensor b) {
        boolean av = a.rank() == 1, bv = b.rank() == 1;
        Tensor a3 = av ? a.reshape(1, 1, -1) : a.rank() == 2 ? a.reshape(1, a.dim(0), a.dim(1)) : a;
        Tensor b3 = bv ? b.reshape(1, -1, 1) : b.rank() == 2 ? b.reshape(1, b.dim(0), b.dim(1)) : b;
        int batch = Math.max(a3.dim(0), b3.dim(0)), m = a3.dim(1), k = a3.dim(2), n = b3.dim(2);
        double[] c = new double[batch * m * n];
        for (int t = 0; t < batch; t++) {
            int ta = a3.dim(0) == 1 ? 0 : t, tb = b3.dim(0) == 1 ? 0 : t;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int q = 0; q < k; q++) s += a3.get(ta, i, q) * b3.get(tb, q, j);
                    c[(t * m + i) * n + j] = s;
                }
            }
        }
        return Tensor.of(c, batch, m, n);
    }

    @Test
    void cholesky() {
        Random r = new Random(SEED + 8);
        int cases = 0;
        for (int size = 1; size <= 4; size++) {
            int n = size;
            for (int k = 0; k < POINTS; k++) {
                // A = M·Mᵀ + n·I is well conditioned; the upper triangle is then overwritten with junk, which
                // cholesky must ignore (its gradient there is 0, as is the finite difference).
                Tensor m = uniform(-1, 1).sample(r, s(n, n));
                double[] a = m.matmul(m.transpose()).add(Tensor.eye(n).mul(n)).toArray();
                for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) a[i * n + j] = 10 * r.nextDouble() - 5;
                cases += expectGradient("cholesky(A) n=" + n, p -> p.get(0).cholesky(), Tensor.of(a, n, n));
                // the usual use: a symmetric parameterisation, so both triangles of M matter
                cases += expectGradient(
                        "cholesky(M·Mᵀ + I) n=" + n,
                        p -> p.get(0)
                                .matmul(p.get(0).transpose())
                                .add(Tensor.eye(n))
                                .cholesky(),
                        m);
            }
        }
        assertEquals(4 * 2 * POINTS, cases);
    }

    @Test
    void solveTriangularAllVariants() {
        Random r = new Random(SEED + 9);
        int n = 3, cases = 0;
        for (boolean lower : new boolean[] {true, false}) {
            for (boolean trans : new boolean[] {false, true}) {
                for (int[] rhs : new int[][] {{n}, {n, 2}}) {
                    String name =
                            "solveTriangular lower=" + lower + " transpose=" + trans + " b" + Arrays.toString(rhs);
                    for (int k = 0; k < POINTS; k++) {
                        Tensor t = triangular(r, n, lower);
                        Tensor b = uniform(-2, 2).sample(r, rhs);
                        // value: op(T)·X reproduces b (T's other triangle holds junk and must be ignored)
                        Tensor tClean = clean(t, lower);
                        Tensor op = trans ? tClean.transpose() : tClean;
                        assertArrayEquals(
                                b.toArray(),
                                op.matmul(t.solveTriangular(b, lower, trans)).toArray(),
                                1e-12,
                                name);
                        cases += expectGradient(name, p -> p.get(0).solveTriangular(p.get(1), lower, trans), t, b);
                    }
                }
            }
        }
        assertEquals(2 * 2 * 2 * POINTS, cases);
    }

    /** Diagonal ±[1, 2], the triangle in [−0.5, 0.5], the other triangle junk in [−3, 3]. */
    private static Tensor triangular(Random r, int n, boolean lower) {
        double[] t = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j) t[i * n + j] = (r.nextBoolean() ? 1 : -1) * (1 + r.nextDouble());
                else if (lower == (j < i)) t[i * n + j] = r.nextDouble() - 0.5;
                else t[i * n + j] = 6 * r.nextDouble() - 3;
            }
        }
        return Tensor.of(t, n, n);
    }

    private static Tensor clean(Tensor t, boolean lower) {
        int n = t.dim(0);
        double[] c = t.toArray();
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) if (lower ? j > i : j < i) c[i * n + j] = 0;
        return Tensor.of(c, n, n);
    }

    // ------------------------------------------------------------------ conventions at kinks

    private static double[] grad(Tensor x, UnaryOperator<Tensor> f) {
        return Autodiff.valueAndGrad(x, t -> f.apply(t).sum()).gradient(0).toArray();
    }

    @Test
    void conventionsAtKinks() {
        Tensor at = Tensor.of(-1.0, 0.0, 2.0);
        assertArrayEquals(new double[] {0, 0, 1}, grad(at, Tensor::relu), "relu'(0) = 0");
        assertArrayEquals(new double[] {-1, 0, 1}, grad(at, Tensor::abs), "abs'(0) = 0");
        // clamp passes the gradient on the closed interval [lo, hi], as PyTorch does
        Tensor c = Tensor.of(-0.75, -0.5, 0.1, 0.5, 0.75);
        assertArrayEquals(
                new double[] {0, 1, 1, 1, 0}, grad(c, x -> x.clamp(-0.5, 0.5)), "clamp at and beyond its bounds");
        // maximum: a tie sends the gradient to the receiver
        Tensor a = Tensor.of(1.0, 2.0, 3.0), b = Tensor.of(1.0, 5.0, 0.0);
        List<Tensor> g =
                Autodiff.grad(List.of(a, b), p -> p.get(0).maximum(p.get(1)).sum());
        assertArrayEquals(new double[] {1, 0, 1}, g.get(0).toArray(), "maximum: d/dthis");
        assertArrayEquals(new double[] {0, 1, 0}, g.get(1).toArray(), "maximum: d/dother");
        // ... and a NaN goes, value and gradient, to the side it came from
        List<Tensor> gn = Autodiff.grad(
                List.of(Tensor.of(Double.NaN, 1.0), Tensor.of(0.0, Double.NaN)),
                p -> p.get(0).maximum(p.get(1)).mul(Tensor.of(2.0, 3.0)).sum());
        assertArrayEquals(new double[] {2, 0}, gn.get(0).toArray(), "maximum(NaN, 0): the NaN came from this");
        assertArrayEquals(new double[] {0, 3}, gn.get(1).toArray(), "maximum(1, NaN): the NaN came from other");
        // max: the first maximiser takes the gradient
        assertArrayEquals(new double[] {0, 1, 0, 0}, grad(Tensor.of(1.0, 3.0, 3.0, 2.0), Tensor::max), "max tie");
        Tensor m = Tensor.of(new double[][] {{3, 1, 3}, {2, 2, 0}});
        assertArrayEquals(new double[] {1, 0, 0, 1, 0, 0}, grad(m, x -> x.max(1)), "max(axis 1) tie");
        assertArrayEquals(new double[] {1, 0, 1, 0, 1, 0}, grad(m, x -> x.max(0)), "max(axis 0) tie");
        // x^0 has derivative 0 even at x = 0 (no 0·∞ = NaN); d x^z/dz at x = 0, z > 0 is the limit 0
        assertArrayEquals(new double[] {0, 0, 0}, grad(at, x -> x.pow(0)), "pow(x, 0)");
        List<Tensor> gp = Autodiff.grad(
                List.of(Tensor.of(0.0, 0.0), Tensor.of(2.0, 0.0)),
                p -> p.get(0).pow(p.get(1)).sum());
        assertArrayEquals(new double[] {0, 0}, gp.get(0).toArray(), "d 0^z / dx for z = 2 and z = 0");
        assertArrayEquals(
                new double[] {0, 0},
                gp.get(1).toArray(),
                "d 0^z / dz = 0 for z >= 0 (PyTorch's convention; 0^z·log 0 would give 0·−∞ or 1·−∞)");
        // where: the branch not taken gets exactly 0, even where that branch's value is NaN (log of −1)
        Tensor z = Tensor.of(-1.0, 4.0);
        Tensor mask = Tensor.of(0.0, 1.0);
        assertArrayEquals(
                new double[] {0, 0.25},
                grad(z, x -> Tensor.where(mask, x.log(), Tensor.scalar(0))),
                "where sends nothing to the unchosen branch");
    }
}
