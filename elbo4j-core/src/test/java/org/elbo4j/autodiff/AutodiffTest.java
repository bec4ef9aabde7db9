package org.elbo4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.elbo4j.tensor.NonFiniteException;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tape;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The gradient machinery itself: what is recorded, zero and constant cases, vjp, checking mode, detach,
 * mixed tapes, determinism and concurrent use. */
class AutodiffTest {

    @Test
    void constantsRecordNothing() {
        Tensor c = Tensor.of(1, 2, 3);
        Tensor y = c.exp().mul(2.0).add(c).logSumExp();
        assertNull(y.tape(), "no parameter upstream: no tape");
        assertFalse(y.requiresGrad());

        AtomicInteger before = new AtomicInteger(-1), after = new AtomicInteger(-1);
        AtomicReference<Tape> seen = new AtomicReference<>();
        Autodiff.valueAndGrad(Tensor.of(0.5, -0.5), p -> {
            Tape tape = p.tape();
            seen.set(tape);
            before.set(tape.size());
            // a whole constant computation in the middle of a gradient evaluation
            Tensor k = c.exp()
                    .matmul(Tensor.eye(3))
                    .softplus()
                    .sum(0)
                    .add(Tensor.of(1, 1, 1).log1p());
            assertNull(k.tape());
            after.set(tape.size());
            return p.mul(k.slice(0, 2)).sum();
        });
        assertEquals(1, before.get(), "one leaf");
        assertEquals(before.get(), after.get(), "constant ops added nothing to the tape");
        assertEquals(3, seen.get().size(), "leaf, mul, sum (the slice of a constant is a constant)");
    }

    @Test
    void unusedParameterGetsZeroGradient() {
        Tensor x = Tensor.of(1, 2), unused = Tensor.of(new double[] {3, 4, 5, 6}, 2, 2);
        ValueAndGrad vg =
                Autodiff.valueAndGrad(List.of(x, unused), p -> p.get(0).square().sum());
        assertEquals(5.0, vg.valueAsDouble());
        assertArrayEquals(new double[] {2, 4}, vg.gradient(0).toArray());
        assertEquals(Shape.of(2, 2), vg.gradient(1).shape());
        assertArrayEquals(new double[4], vg.gradient(1).toArray());
        assertFalse(vg.gradient(0).requiresGrad(), "gradients are constants");
        assertFalse(vg.value().requiresGrad(), "the value is a constant");
    }

    @Test
    void constantOutput() {
        Tensor x = Tensor.of(1, 2, 3);
        // an output with no parameter upstream at all
        ValueAndGrad vg = Autodiff.valueAndGrad(List.of(x), p -> Tensor.scalar(3));
        assertEquals(3.0, vg.valueAsDouble());
        assertArrayEquals(new double[3], vg.gradient(0).toArray());
        // an output on the tape that does not vary: x·0
        vg = Autodiff.valueAndGrad(List.of(x), p -> p.get(0).mul(0.0).sum().add(7.0));
        assertEquals(7.0, vg.valueAsDouble());
        assertArrayEquals(new double[3], vg.gradient(0).toArray());
        // the identity on a scalar parameter: gradient 1
        assertEquals(
                1.0, Autodiff.valueAndGrad(Tensor.scalar(4), t -> t).gradient(0).item());
        // x − detach(x): constant 0 in value, gradient 1
        assertArrayEquals(
                new double[] {1, 1, 1},
                Autodiff.valueAndGrad(x, t -> t.sub(t.detach()).sum())
                        .gradient(0)
                        .toArray());
    }

    @Test
    void nonScalarOutputNeedsVjp() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Autodiff.valueAndGrad(Tensor.of(1, 2), t -> t.exp()));
        assertTrue(e.getMessage().contains("[2]") && e.getMessage().contains("vjp"), e.getMessage());
    }

    @Test
    void vectorJacobianProduct() {
        Tensor a = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        Tensor x = Tensor.of(0.5, -1, 2);
        Tensor seed = Tensor.of(0.25, -2);
        // d(A·x) with seed s: sᵀA with respect to x, s⊗x with respect to A
        List<Tensor> g = Autodiff.vjp(List.of(a, x), p -> p.get(0).matmul(p.get(1)), seed);
        assertArrayEquals(new double[] {0.25 - 8, 0.5 - 10, 0.75 - 12}, g.get(1).toArray(), 1e-15);
        assertArrayEquals(seed.outer(x).toArray(), g.get(0).toArray(), 1e-15);
        // elementwise square: 2·x·s
        List<Tensor> h = Autodiff.vjp(List.of(x), p -> p.get(0).square(), Tensor.of(1, 2, 3));
        assertArrayEquals(new double[] {1, -4, 12}, h.get(0).toArray());
        // vjp agrees with valueAndGrad of sum(f · seed)
        List<Tensor> viaSum = Autodiff.grad(
                List.of(a, x), p -> p.get(0).matmul(p.get(1)).mul(seed).sum());
        assertTrue(viaSum.get(0).valueEquals(g.get(0)) && viaSum.get(1).valueEquals(g.get(1)));
        // a constant output: zeros
        assertArrayEquals(
                new double[3],
                Autodiff.vjp(List.of(x), p -> Tensor.zeros(2), Tensor.ones(2))
                        .get(0)
                        .toArray());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Autodiff.vjp(List.of(x), p -> p.get(0).square(), Tensor.ones(2)));
        assertTrue(
                e.getMessage().contains("vjp")
                        && e.getMessage().contains("[2]")
                        && e.getMessage().contains("[3]"),
                e.getMessage());
    }

    @Test
    void checkedModeNamesTheOpThatProducedNaN() {
        Tensor mu = Tensor.of(1.0, -2.0);
        // unchecked: the NaN flows through silently
        ValueAndGrad vg =
                Autodiff.valueAndGrad(List.of(mu), p -> p.get(0).mul(3.0).log().sum());
        assertTrue(Double.isNaN(vg.valueAsDouble()));
        NonFiniteException e = assertThrows(
                NonFiniteException.class,
                () -> Autodiff.valueAndGradChecked(
                        List.of(mu), p -> p.get(0).mul(3.0).log().sum()));
        assertTrue(e.getMessage().startsWith("log produced NaN at flat index 1"), e.getMessage());
        assertTrue(e.getMessage().contains("[2]"), e.getMessage());
        e = assertThrows(
                NonFiniteException.class,
                () -> Autodiff.valueAndGradChecked(
                        List.of(Tensor.of(800.0)), p -> p.get(0).exp().sum()));
        assertTrue(e.getMessage().startsWith("exp produced Infinity"), e.getMessage());
        e = assertThrows(
                NonFiniteException.class,
                () -> Autodiff.valueAndGradChecked(
                        List.of(Tensor.of(0.0, 1.0)),
                        p -> p.get(0).div(p.get(0)).sum()));
        assertTrue(e.getMessage().startsWith("div produced NaN at flat index 0"), e.getMessage());
        // finite computations pass and give the same result as unchecked
        Function<List<Tensor>, Tensor> f = p -> p.get(0).exp().log1p().sum();
        ValueAndGrad a = Autodiff.valueAndGrad(List.of(mu), f), b = Autodiff.valueAndGradChecked(List.of(mu), f);
        assertTrue(a.value().valueEquals(b.value()) && a.gradient(0).valueEquals(b.gradient(0)));
    }

    @Test
    void detachStopsGradients() {
        Tensor x = Tensor.of(2.0, -3.0);
        // x · detach(x): gradient x, not 2x
        assertArrayEquals(
                new double[] {2, -3},
                Autodiff.valueAndGrad(x, t -> t.mul(t.detach()).sum())
                        .gradient(0)
                        .toArray());
        assertArrayEquals(
                new double[] {4, -6},
                Autodiff.valueAndGrad(x, t -> t.mul(t).sum()).gradient(0).toArray());
        // a fully detached path contributes nothing
        assertArrayEquals(
                new double[2],
                Autodiff.valueAndGrad(x, t -> t.exp().detach().sum())
                        .gradient(0)
                        .toArray());
        assertSame(x, x.detach());
    }

    @Test
    void twoTapesInOneOpAreRejected() {
        Tape t1 = new Tape(), t2 = new Tape();
        Tensor a = t1.leaf(Tensor.of(1, 2)), b = t2.leaf(Tensor.of(3, 4));
        List<Function<Tensor[], Tensor>> ops = List.of(
                v -> v[0].add(v[1]),
                v -> v[0].mul(v[1]),
                v -> v[0].pow(v[1]),
                v -> v[0].maximum(v[1]),
                v -> v[0].dot(v[1]),
                v -> v[0].matmul(v[1]),
                v -> Tensor.concat(0, v[0], v[1]),
                v -> Tensor.stack(v[0], v[1]),
                v -> Tensor.where(Tensor.of(1, 0), v[0], v[1]),
                v -> v[0].outer(v[1]));
        List<String> names = List.of("add", "mul", "pow", "maximum", "dot", "dot", "concat", "concat", "where", "mul");
        for (int i = 0; i < ops.size(); i++) {
            Function<Tensor[], Tensor> op = ops.get(i);
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> op.apply(new Tensor[] {a, b}));
            assertTrue(
                    e.getMessage().startsWith(names.get(i) + ":")
                            && e.getMessage().contains("two different gradient evaluations"),
                    e.getMessage());
        }
        // a tensor leaked from one evaluation and used in another
        AtomicReference<Tensor> leaked = new AtomicReference<>();
        Autodiff.valueAndGrad(Tensor.of(1.0), t -> {
            leaked.set(t.exp());
            return t.sum();
        });
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Autodiff.valueAndGrad(
                        Tensor.of(2.0), t -> t.mul(leaked.get()).sum()));
        assertTrue(e.getMessage().contains("two different gradient evaluations"), e.getMessage());
        // ... or returned from it: not silently a zero gradient
        e = assertThrows(
                IllegalArgumentException.class,
                () -> Autodiff.valueAndGrad(Tensor.of(2.0), t -> leaked.get().sum()));
        assertTrue(e.getMessage().contains("another gradient evaluation"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> t2.leaf(a));
        assertTrue(e.getMessage().contains("leaf") && e.getMessage().contains("[2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> t1.backward(b.sum(), new double[] {1}));
        assertTrue(e.getMessage().contains("backward"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> t1.backward(a, new double[] {1}));
        assertTrue(
                e.getMessage().contains("seed has 1 entries") && e.getMessage().contains("[2]"), e.getMessage());
    }

    @Test
    void customOpRecordsItsRule() {
        // f(x) = x³ with a closed-form partial, as a fused kernel would be
        Function<Tensor, Tensor> cube = x -> {
            double[] v = x.toArray(), y = new double[v.length];
            for (int i = 0; i < v.length; i++) y[i] = v[i] * v[i] * v[i];
            return Tensor.custom(
                    "cube",
                    x.shape(),
                    y,
                    (g, adj) -> {
                        double[] gx = adj.of(x);
                        for (int i = 0; i < gx.length; i++) gx[i] += 3 * v[i] * v[i] * g[i];
                    },
                    x);
        };
        Tensor x = Tensor.of(0.5, -1.5);
        assertArrayEquals(
                new double[] {0.75, 6.75},
                Autodiff.valueAndGrad(x, t -> cube.apply(t).sum()).gradient(0).toArray());
        assertNull(cube.apply(x).tape(), "constant input: no record");
        assertEquals(
                1,
                GradientAssertions.expectGradient(
                        "cube", p -> cube.apply(p.get(0)).tanh(), x));
    }

    /** The harness must be able to fail: a custom op with a wrong rule (2x² instead of 3x²) is caught. */
    @Test
    void gradCheckCatchesAWrongRule() {
        Function<Tensor, Tensor> wrongCube = x -> {
            double[] v = x.toArray(), y = new double[v.length];
            for (int i = 0; i < v.length; i++) y[i] = v[i] * v[i] * v[i];
            return Tensor.custom(
                    "cube",
                    x.shape(),
                    y,
                    (g, adj) -> {
                        double[] gx = adj.of(x);
                        for (int i = 0; i < gx.length; i++) gx[i] += 2 * v[i] * v[i] * g[i];
                    },
                    x);
        };
        GradCheck.Result r = GradCheck.compare(
                List.of(Tensor.of(0.5, -1.5)), p -> wrongCube.apply(p.get(0)).sum(), 1e-6);
        assertEquals(2, r.checked());
        assertEquals(1, r.index(), "worst entry is the one with the larger error");
        assertEquals(6.75, r.numeric(), 1e-6);
        assertEquals(4.5, r.analytic(), 0);
        assertTrue(r.error() > 0.3, r.toString());
        assertThrows(
                AssertionError.class,
                () -> GradientAssertions.expectGradient(
                        "wrong cube", p -> wrongCube.apply(p.get(0)), Tensor.of(0.5, -1.5)));
    }

    @Test
    void deterministic() {
        List<Tensor> params = params(new Random(3));
        ValueAndGrad a = Autodiff.valueAndGrad(params, AutodiffTest::model);
        ValueAndGrad b = Autodiff.valueAndGrad(params, AutodiffTest::model);
        assertTrue(a.value().valueEquals(b.value()));
        for (int i = 0; i < params.size(); i++) assertTrue(a.gradient(i).valueEquals(b.gradient(i)), "gradient " + i);
        // and the value equals the untracked computation bit for bit
        assertTrue(a.value().valueEquals(model(params)));
        // the gradients list is a value too
        assertThrows(UnsupportedOperationException.class, () -> a.gradients().set(0, Tensor.scalar(0)));
    }

    /**
     * 4 threads × 2,000 evaluations on shared constant inputs (DATA and the parameter tensors), released together by
     * a latch so that they overlap; each result must be bit-identical to the single-thread one.
     */
    @Test
    void concurrentEvaluationsMatchSingleThread() throws Exception {
        final int threads = 4, perThread = 2000, distinctPoints = 5;
        Random r = new Random(5);
        List<List<Tensor>> points = new ArrayList<>();
        for (int i = 0; i < distinctPoints; i++) points.add(params(r));
        List<ValueAndGrad> reference = new ArrayList<>();
        for (List<Tensor> p : points) reference.add(Autodiff.valueAndGrad(p, AutodiffTest::model));

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                Callable<Integer> job = () -> {
                    start.await();
                    int checked = 0;
                    for (int k = 0; k < perThread; k++) {
                        int i = (k + offset) % distinctPoints;
                        ValueAndGrad vg = Autodiff.valueAndGrad(points.get(i), AutodiffTest::model);
                        ValueAndGrad ref = reference.get(i);
                        if (!vg.value().valueEquals(ref.value()))
                            throw new AssertionError("value differs at point " + i);
                        for (int j = 0; j < ref.gradients().size(); j++) {
                            if (!vg.gradient(j).valueEquals(ref.gradient(j))) {
                                throw new AssertionError("gradient " + j + " differs at point " + i);
                            }
                        }
                        checked++;
                    }
                    return checked;
                };
                futures.add(pool.submit(job));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : futures) total += f.get(60, TimeUnit.SECONDS);
            assertEquals(threads * perThread, total);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Many ops composed (what the SmokeTest checked): matmul, broadcasting, Cholesky, solve, reductions. */
    @Test
    void composedModelMatchesFiniteDifferences() {
        Random r = new Random(9);
        int cases = 0;
        for (int k = 0; k < 3; k++) {
            List<Tensor> p = params(r);
            cases += GradientAssertions.expectGradient("model", AutodiffTest::model, p.toArray(new Tensor[0]));
        }
        assertEquals(3, cases);
    }

    private static List<Tensor> params(Random r) {
        return List.of(
                Sampler.uniform(-1, 1).sample(r, new int[] {4, 3}),
                Sampler.uniform(-1, 1).sample(r, new int[] {3}),
                Sampler.uniform(0.5, 2).sample(r, new int[] {2}));
    }

    private static final Tensor DATA = Tensor.of(new double[][] {{0.3, -1.2, 2.0, 0.7}, {1.1, -0.4, 0.2, 0.9}});

    /** A small model touching most op families; DATA is shared by every thread. */
    private static Tensor model(List<Tensor> p) {
        Tensor w = p.get(0), b = p.get(1), s = p.get(2);
        Tensor h = DATA.matmul(w).add(b).tanh(); // [2,3]
        Tensor lse = h.mul(s.reshape(2, 1)).logSumExp(1); // [2]
        Tensor gram = w.transpose().matmul(w).add(Tensor.eye(3)); // [3,3]
        Tensor l = gram.cholesky();
        Tensor z = l.solveTriangular(b, true, false).square().sum();
        Tensor reg = Tensor.concat(0, w.reshape(-1), b).abs().sum().mul(0.01);
        return lse.sum()
                .add(z)
                .add(reg)
                .add(s.lgamma().sum())
                .add(h.sigmoid().softplus().mean());
    }
}
