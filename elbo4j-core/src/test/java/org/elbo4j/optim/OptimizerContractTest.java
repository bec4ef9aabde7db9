package org.elbo4j.optim;

import static org.junit.jupiter.api.Assertions.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.elbo4j.tensor.NonFiniteException;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks every optimizer (and the clipping decorators) must pass. */
class OptimizerContractTest {

    /** An optimizer configuration; {@code make} applies a schedule. */
    record Case(String name, Function<Schedule, Optimizer> make, boolean reachesMinimum) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Case> CASES = List.of(
            new Case("Sgd", s -> Sgd.of(0.1).schedule(s), true),
            new Case("Momentum", s -> Momentum.of(0.05).schedule(s), true),
            new Case("Nesterov", s -> Momentum.of(0.05).nesterov(true).schedule(s), true),
            new Case("AdaGrad", s -> AdaGrad.of(0.5).schedule(s), true),
            new Case(
                    "AdaGrad(init)",
                    s -> AdaGrad.of(0.5).initialAccumulator(0.1).schedule(s),
                    true),
            new Case("RmsProp", s -> RmsProp.of(0.01).schedule(s), true),
            new Case("RmsProp(centered)", s -> RmsProp.of(0.01).centered(true).schedule(s), true),
            new Case("Adam", s -> Adam.of(0.05).schedule(s), true),
            new Case("AMSGrad", s -> Adam.of(0.05).amsgrad(true).schedule(s), true),
            // weight decay moves the fixed point away from the minimum of f: no convergence check
            new Case("AdamW", s -> Adam.of(0.05).weightDecay(0.01).schedule(s), false),
            new Case("StanAdaptiveStep", s -> StanAdaptiveStep.of(1.0).schedule(s), true),
            new Case(
                    "Clip.byGlobalNorm(Adam)",
                    s -> Clip.byGlobalNorm(Adam.of(0.05).schedule(s), 1.0),
                    true),
            new Case("Clip.byValue(Sgd)", s -> Clip.byValue(Sgd.of(0.1).schedule(s), 0.5), true));

    static Stream<Case> cases() {
        return CASES.stream();
    }

    @Test
    void sweepCoversEveryCase() {
        assertEquals(13, CASES.size());
    }

    // ------------------------------------------------------------------ a deterministic noisy problem

    private static final double[] A = {1, 4, 0.5, 2, 3, 1.5};

    private static ParamStore threeParams() {
        ParamStore p = new ParamStore();
        p.put("a", Tensor.of(0.5, -1.0, 2.0));
        p.put("b", Tensor.of(new double[] {1, 2, 3, 4}, 2, 2));
        p.put("late", Tensor.of(0.0, 0.0)); // gets gradients from step 7 on: per-parameter step counts
        return p;
    }

    /** ∇ of ½ Σ aᵢ xᵢ² plus a deterministic "noise" that depends on the step k, as SVI's would. */
    private static Map<String, Tensor> noisyGrads(ParamStore p, int k) {
        Map<String, Tensor> g = new LinkedHashMap<>();
        int j = 0;
        for (String name : p.names()) {
            if (name.equals("late") && k < 7) continue;
            Tensor x = p.get(name);
            double[] d = new double[x.size()];
            for (int i = 0; i < d.length; i++, j++) d[i] = A[j % A.length] * x.at(i) + 0.3 * Math.sin(1.7 * k + j);
            g.put(name, Tensor.of(d, x.shape()));
        }
        return g;
    }

    private static void assertSameState(OptimizerState expected, OptimizerState actual) {
        assertEquals(expected.kind(), actual.kind());
        assertEquals(expected.scalars(), actual.scalars());
        assertEquals(expected.buffers().keySet(), actual.buffers().keySet());
        for (String k : expected.buffers().keySet()) {
            assertTrue(expected.buffers().get(k).valueEquals(actual.buffers().get(k)), "buffer " + k);
        }
    }

    private static void assertSameValues(ParamStore expected, ParamStore actual) {
        assertEquals(expected.names(), actual.names());
        for (String n : expected.names()) {
            assertTrue(expected.get(n).valueEquals(actual.get(n)), n + ": " + expected.get(n) + " vs " + actual.get(n));
        }
    }

    // ------------------------------------------------------------------ checks

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void resumingFromSavedStateIsBitIdentical(Case c) {
        Schedule schedule = Schedule.cosine(40, 5); // the restored step count must put it back in place
        Optimizer straight = c.make().apply(schedule);
        ParamStore p1 = threeParams();
        for (int k = 0; k < 40; k++) straight.step(p1, noisyGrads(p1, k));

        Optimizer first = c.make().apply(schedule);
        ParamStore p2 = threeParams();
        for (int k = 0; k < 20; k++) first.step(p2, noisyGrads(p2, k));
        OptimizerState saved = first.saveState();
        // a checkpoint round trip: plain maps of numbers and fresh tensors
        Map<String, Tensor> copied = new LinkedHashMap<>();
        saved.buffers().forEach((k, v) -> copied.put(k, Tensor.of(v.toArray(), v.shape())));
        OptimizerState reread = new OptimizerState(saved.kind(), new LinkedHashMap<>(saved.scalars()), copied);

        Optimizer resumed = c.make().apply(schedule);
        resumed.restoreState(reread);
        assertEquals(20, resumed.steps());
        for (int k = 20; k < 40; k++) resumed.step(p2, noisyGrads(p2, k));

        assertSameValues(p1, p2);
        assertSameState(straight.saveState(), resumed.saveState());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aNaNGradientChangesNothing(Case c) {
        Optimizer opt = c.make().apply(Schedule.constant());
        ParamStore p = threeParams();
        for (int k = 0; k < 8; k++) opt.step(p, noisyGrads(p, k));
        ParamStore before = p.copy();
        OptimizerState state = opt.saveState();

        Map<String, Tensor> g = noisyGrads(p, 8);
        g.put("b", Tensor.of(new double[] {0.1, Double.NaN, 0.3, 0.4}, 2, 2)); // "a" comes first and is fine
        var e = assertThrows(NonFiniteException.class, () -> opt.step(p, g));
        assertTrue(e.getMessage().contains("'b'") && e.getMessage().contains("NaN"), e.getMessage());

        assertSameValues(before, p);
        assertEquals(8, opt.steps());
        assertSameState(state, opt.saveState());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void anOverflowingUpdateChangesNothing(Case c) {
        Optimizer opt = c.make().apply(Schedule.constant());
        ParamStore p = new ParamStore();
        p.put("a", Tensor.of(0.5, -1.0));
        p.put("huge", Tensor.of(1.7e308));
        for (int k = 0; k < 2; k++) opt.step(p, Map.of("a", Tensor.of(0.1, -0.1), "huge", Tensor.of(0.0)));
        ParamStore before = p.copy();
        OptimizerState state = opt.saveState();

        opt.setLearningRate(1e308); // every rule moves "huge" by at least ~lr/2 against g = -1: past Double.MAX_VALUE
        var e = assertThrows(
                NonFiniteException.class, () -> opt.step(p, Map.of("a", Tensor.of(0.0, 0.0), "huge", Tensor.of(-1.0))));
        assertTrue(e.getMessage().contains("nothing was changed"), e.getMessage());
        assertSameValues(before, p);
        opt.setLearningRate(state.scalars().get("lr"));
        assertSameState(state, opt.saveState());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badGradientsAreRejectedByName(Case c) {
        Optimizer opt = c.make().apply(Schedule.constant());
        ParamStore p = threeParams();
        ParamStore before = p.copy();
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> opt.step(p, Map.of("a", Tensor.of(1.0, 1.0, 1.0), "nope", Tensor.of(1.0))));
        assertTrue(e.getMessage().contains("unknown parameter 'nope'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> opt.step(p, Map.of("a", Tensor.of(1.0, 1.0))));
        assertTrue(
                e.getMessage().contains("'a'")
                        && e.getMessage().contains("[2]")
                        && e.getMessage().contains("[3]"),
                e.getMessage());
        assertSameValues(before, p);
        assertEquals(0, opt.steps());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parametersWithoutAGradientAreLeftAlone(Case c) {
        Optimizer opt = c.make().apply(Schedule.constant());
        ParamStore p = threeParams();
        Tensor b = p.get("b");
        opt.step(p, Map.of("a", Tensor.of(1.0, 1.0, 1.0)));
        assertSame(b, p.get("b"));
        assertFalse(p.get("a").valueEquals(Tensor.of(0.5, -1.0, 2.0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void restoreChecksTheState(Case c) {
        Optimizer opt = c.make().apply(Schedule.constant());
        ParamStore p = threeParams();
        for (int k = 0; k < 3; k++) opt.step(p, noisyGrads(p, k));
        OptimizerState s = opt.saveState();
        Optimizer fresh = c.make().apply(Schedule.constant());

        var e = assertThrows(
                IllegalArgumentException.class,
                () -> fresh.restoreState(new OptimizerState("Other", s.scalars(), s.buffers())));
        assertTrue(e.getMessage().contains("kind 'Other'"), e.getMessage());

        for (String key : s.scalars().keySet()) {
            if (key.equals("lr") || key.equals("steps") || key.startsWith("t/")) continue;
            Map<String, Double> changed = new LinkedHashMap<>(s.scalars());
            changed.put(key, changed.get(key) + 0.5);
            e = assertThrows(
                    IllegalArgumentException.class,
                    () -> fresh.restoreState(new OptimizerState(s.kind(), changed, s.buffers())));
            assertTrue(e.getMessage().contains(key), e.getMessage());
        }
        Map<String, Double> badSteps = new LinkedHashMap<>(s.scalars());
        badSteps.put("steps", 2.5);
        assertThrows(
                IllegalArgumentException.class,
                () -> fresh.restoreState(new OptimizerState(s.kind(), badSteps, s.buffers())));
        long buffersOfA =
                s.buffers().keySet().stream().filter(k -> k.endsWith("/a")).count();
        if (buffersOfA >= 2) { // buffers of one parameter with different shapes
            String key = s.buffers().keySet().iterator().next();
            Map<String, Tensor> wrong = new LinkedHashMap<>(s.buffers());
            wrong.put(key, Tensor.zeros(7));
            e = assertThrows(
                    IllegalArgumentException.class,
                    () -> fresh.restoreState(new OptimizerState(s.kind(), s.scalars(), wrong)));
            assertTrue(e.getMessage().contains("shape"), e.getMessage());
        }
        if (buffersOfA >= 1) {
            String key = s.buffers().keySet().iterator().next();
            Map<String, Tensor> nan = new LinkedHashMap<>(s.buffers());
            nan.put(key, Tensor.full(Double.NaN, s.buffers().get(key).shape()));
            assertThrows(
                    NonFiniteException.class, () -> fresh.restoreState(new OptimizerState(s.kind(), s.scalars(), nan)));
            Map<String, Tensor> extra = new LinkedHashMap<>(s.buffers());
            extra.put("zz/a", Tensor.zeros(3));
            e = assertThrows(
                    IllegalArgumentException.class,
                    () -> fresh.restoreState(new OptimizerState(s.kind(), s.scalars(), extra)));
            assertTrue(e.getMessage().contains("unknown buffer 'zz/a'"), e.getMessage());
        }
        assertEquals(0, fresh.steps(), "a rejected state changes nothing");
        fresh.restoreState(s);
        assertEquals(3, fresh.steps());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aStateOfTheWrongShapeIsRejectedAtTheNextStep(Case c) {
        Optimizer opt = c.make().apply(Schedule.constant());
        ParamStore p = threeParams();
        opt.step(p, noisyGrads(p, 0));
        OptimizerState s = opt.saveState();
        if (s.buffers().isEmpty()) return; // Sgd keeps no per-parameter state
        // Every buffer of "a" replaced by a consistent but wrong shape: only the parameter can tell.
        Map<String, Tensor> wrong = new LinkedHashMap<>();
        s.buffers().forEach((k, v) -> wrong.put(k, k.endsWith("/a") ? Tensor.zeros(7) : v));
        Optimizer fresh = c.make().apply(Schedule.constant());
        fresh.restoreState(new OptimizerState(s.kind(), s.scalars(), wrong));
        ParamStore before = p.copy();
        var e = assertThrows(IllegalArgumentException.class, () -> fresh.step(p, noisyGrads(p, 1)));
        assertTrue(e.getMessage().contains("state of parameter 'a' has shape [7]"), e.getMessage());
        assertSameValues(before, p);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void convergesOnAConvexQuadratic(Case c) {
        if (!c.reachesMinimum()) return;
        // f(x) = ½(x₀ − 1)² + 2(x₁ + 2)² from x = 0, 1000 steps with a cosine decay: within 1e-6 of (1, −2).
        double[] a = {1, 4}, min = {1, -2};
        Optimizer opt = c.make().apply(Schedule.cosine(1000));
        ParamStore p = Steps.start(0, 0);
        for (int k = 0; k < 1000; k++) opt.step(p, Map.of("w", Steps.quadraticGrad(p.get("w"), a, min)));
        assertTrue(Steps.maxAbsDiff(p.get("w"), min) < 1e-6, c + ": " + p.get("w"));
    }
}
