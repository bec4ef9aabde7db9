package org.elbo4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.elbo4j.distributions.Bernoulli;
import org.elbo4j.distributions.Normal;
import org.elbo4j.infer.AutoGuide;
import org.elbo4j.infer.Fit;
import org.elbo4j.infer.Handler;
import org.elbo4j.infer.Handlers;
import org.elbo4j.infer.Message;
import org.elbo4j.infer.Model;
import org.elbo4j.infer.Plate;
import org.elbo4j.infer.Site;
import org.elbo4j.infer.Stop;
import org.elbo4j.infer.Svi;
import org.elbo4j.infer.Trace;
import org.elbo4j.infer.TraceHandler;
import org.elbo4j.optim.Adam;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Each effect handler used as a user would, from outside {@code org.elbo4j.infer}. */
class HandlersTest {
    static final double EXACT = 1e-12;
    static final Tensor DATA = Tensor.of(2.1, 3.4, 2.9, 4.0, 3.3);

    /** mu ~ N(0, 10); y[i] ~ N(mu, 1) in a plate of 5, declared as a sample site (condition turns it into data). */
    static final Model MODEL = s -> {
        Tensor mu = s.sample("mu", Normal.of(0, 10));
        try (Plate p = s.plate("data", 5)) {
            s.sample("y", Normal.of(mu.broadcastTo(Shape.of(5)), Tensor.ones(5)));
        }
    };

    static double normalLogPdf(double x, double loc, double scale) {
        double z = (x - loc) / scale;
        return -0.5 * z * z - Math.log(scale) - 0.5 * Math.log(2 * Math.PI);
    }

    static Trace trace(Model m, long seed, Handler... inner) {
        TraceHandler t = Handlers.trace();
        Handler[] hs = new Handler[inner.length + 1];
        hs[0] = t;
        System.arraycopy(inner, 0, hs, 1, inner.length);
        Handlers.run(m, RandomStream.of(seed), hs);
        return t.trace();
    }

    @Test
    void traceRecordsEverySiteInOrderWithItsLogDensity() {
        Trace t = trace(MODEL, 1);
        List<String> names = new ArrayList<>();
        for (Site s : t.sites()) names.add(s.name());
        assertEquals(List.of("mu", "y"), names);
        double mu = t.get("mu").value().item();
        double expect = normalLogPdf(mu, 0, 10);
        for (int i = 0; i < 5; i++) expect += normalLogPdf(t.get("y").value().at(i), mu, 1);
        assertEquals(expect, t.logJoint().item(), EXACT * Math.abs(expect));
        assertEquals(
                List.of("data"), t.get("y").plates().stream().map(Plate::name).toList());
        assertTrue(t.get("mu").plates().isEmpty());
    }

    @Test
    void replayReusesATracesValuesAndDrawsTheRest() {
        Trace first = trace(MODEL, 1);
        Trace again = trace(MODEL, 99, Handlers.replay(first));
        assertSame(first.get("mu").value(), again.get("mu").value());
        assertSame(first.get("y").value(), again.get("y").value());
        assertEquals(first.logJoint().item(), again.logJoint().item(), 0.0);
        // a trace with only mu: y is drawn afresh
        Trace onlyMu = trace(s -> s.sample("mu", Normal.of(0, 10)), 2);
        Trace mixed = trace(MODEL, 3, Handlers.replay(onlyMu));
        assertSame(onlyMu.get("mu").value(), mixed.get("mu").value());
        assertNotEquals(first.get("y").value().at(0), mixed.get("y").value().at(0));
        // strict: a missing site is an error naming it
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> trace(MODEL, 3, Handlers.replayStrict(onlyMu)));
        assertTrue(e.getMessage().contains("'y'"), e.getMessage());
    }

    @Test
    void replayReusesASubsampledPlatesIndices() {
        Model sub = s -> {
            try (Plate p = s.plate("rows", 100, 10)) {
                s.sample("z", Normal.of(Tensor.zeros(10), Tensor.ones(10)));
            }
        };
        int[][] seen = new int[2][];
        Handler indices = new Handler() {
            int k;

            @Override
            public void postprocess(Message m) {
                if (m.type() == Message.Type.PLATE) seen[k++] = m.indices().clone();
            }
        };
        Trace first = trace(sub, 5, indices);
        trace(sub, 6, Handlers.replay(first), indices);
        assertArrayEquals(seen[0], seen[1]);
        assertEquals(10.0, first.get("z").scale(), 0.0);
    }

    @Test
    void conditionTurnsASampleSiteIntoData() {
        Trace t = trace(MODEL, 1, Handlers.condition(Map.of("y", DATA)));
        assertEquals(Site.Kind.OBSERVE, t.get("y").kind());
        assertSame(DATA, t.get("y").value());
        assertEquals(List.of("mu"), t.latents().stream().map(Site::name).toList());
        assertThrows(
                IllegalArgumentException.class,
                () -> Handlers.condition(Map.of("y", Tensor.of(1, Double.NaN))),
                "NaN data is refused");
    }

    @Test
    void aConditionedModelFitsExactlyAsTheModelWrittenWithObserve() {
        Model conditioned = Handlers.with(MODEL, Handlers.condition(Map.of("y", DATA)));
        Model observed = s -> {
            Tensor mu = s.sample("mu", Normal.of(0, 10));
            try (Plate p = s.plate("data", 5)) {
                s.observe("y", Normal.of(mu.broadcastTo(Shape.of(5)), Tensor.ones(5)), DATA);
            }
        };
        Fit a = Svi.of(conditioned, AutoGuide.meanField(conditioned))
                .optimizer(Adam.of(0.05))
                .seed(4)
                .run(Stop.after(1500));
        Fit b = Svi.of(observed, AutoGuide.meanField(observed))
                .optimizer(Adam.of(0.05))
                .seed(4)
                .run(Stop.after(1500));
        assertEquals(b.param("mu_loc").item(), a.param("mu_loc").item(), 0.0);
        // exact posterior mean: Σy / (n + 1/100) = 15.7 / 5.01; the fit's Adam noise is far below 0.05
        assertEquals(15.7 / 5.01, a.param("mu_loc").item(), 0.05);
    }

    @Test
    void substituteFixesParamsAndLatents() {
        Model withParam = s -> {
            Tensor loc = s.param("loc", Tensor.scalar(0.0));
            s.sample("x", Normal.of(loc, Tensor.scalar(1.0)));
            s.deterministic("loc_seen", loc);
        };
        Trace t = trace(withParam, 1, Handlers.substitute(Map.of("loc", Tensor.scalar(7.0), "x", Tensor.scalar(7.5))));
        assertEquals(7.0, t.get("loc_seen").value().item(), 0.0);
        assertEquals(7.5, t.get("x").value().item(), 0.0);
        assertEquals(Site.Kind.SAMPLE, t.get("x").kind(), "a substituted site stays latent");
        assertEquals(normalLogPdf(7.5, 7.0, 1.0), t.logJoint().item(), EXACT);
    }

    @Test
    void blockHidesSitesFromTheHandlersOutside() {
        Trace all = trace(MODEL, 1, Handlers.block());
        assertEquals(0, all.sites().size());
        Trace some = trace(MODEL, 1, Handlers.hide("y"));
        assertEquals(List.of("mu"), some.sites().stream().map(Site::name).toList());
        // a blocked site is still drawn: the same stream gives the same mu
        assertEquals(
                trace(MODEL, 1).get("mu").value().item(), some.get("mu").value().item(), 0.0);
    }

    @Test
    void scaleMultipliesLogDensities() {
        Trace plain = trace(MODEL, 1), scaled = trace(MODEL, 1, Handlers.scale(2.5));
        assertEquals(2.5 * plain.logJoint().item(), scaled.logJoint().item(), EXACT * 100);
        assertEquals(2.5, scaled.get("mu").scale(), 0.0);
        assertEquals(2.5, scaled.get("y").scale(), 0.0, "the plate (N/B = 1) and the handler multiply");
        assertThrows(IllegalArgumentException.class, () -> Handlers.scale(0));
    }

    @Test
    void maskRemovesLogDensityElementWise() {
        Trace plain = trace(MODEL, 1);
        assertEquals(0.0, trace(MODEL, 1, Handlers.mask(false)).logJoint().item(), 0.0);
        assertEquals(
                plain.logJoint().item(),
                trace(MODEL, 1, Handlers.mask(true)).logJoint().item(),
                0.0);
        // mask the last two observations (missing data): only y[1..3] and mu count
        Model partly = s -> {
            Tensor mu = s.sample("mu", Normal.of(0, 10));
            try (Plate p = s.plate("data", 5)) {
                Handlers.with(
                                q -> q.observe("y", Normal.of(mu.broadcastTo(Shape.of(5)), Tensor.ones(5)), DATA),
                                Handlers.mask(Tensor.of(1, 1, 1, 0, 0)))
                        .run(s);
            }
        };
        Trace t = trace(partly, 1);
        double mu = t.get("mu").value().item();
        double expect = normalLogPdf(mu, 0, 10);
        for (int i = 0; i < 3; i++) expect += normalLogPdf(DATA.at(i), mu, 1);
        assertEquals(expect, t.logJoint().item(), 1e-12 * Math.abs(expect));
        assertThrows(IllegalArgumentException.class, () -> Handlers.mask(Tensor.of(0.5)));
    }

    @Test
    void seedMakesDrawsIndependentOfTheRunsStream() {
        Trace a = trace(MODEL, 1, Handlers.seed(42)), b = trace(MODEL, 2, Handlers.seed(42));
        assertEquals(a.get("mu").value().item(), b.get("mu").value().item(), 0.0);
        assertArrayEquals(a.get("y").value().toArray(), b.get("y").value().toArray(), 0.0);
        Trace c = trace(MODEL, 1, Handlers.seed(43));
        assertNotEquals(a.get("mu").value().item(), c.get("mu").value().item());
        // one handler instance restarts its stream at each run
        Handler seed = Handlers.seed(42);
        assertEquals(
                trace(MODEL, 5, seed).get("mu").value().item(),
                trace(MODEL, 6, seed).get("mu").value().item());
    }

    @Test
    void pathwiseDrawsWithRsampleWherePossible() {
        Model mixed = s -> {
            s.sample("z", Normal.of(0, 1));
            s.sample("b", Bernoulli.ofProbs(0.3));
        };
        Trace plain = trace(mixed, 1), pw = trace(mixed, 1, Handlers.pathwise());
        assertFalse(plain.get("z").reparameterized());
        assertTrue(pw.get("z").reparameterized());
        assertFalse(pw.get("b").reparameterized(), "a Bernoulli has no pathwise sampler");
    }

    @Test
    void aUserHandlerSeesEveryMessageAndCanChangeIt() {
        // the javadoc example of Handler, verbatim
        // a user handler: tempers every observation (observe sites and conditioned samples) by 1/2
        Handler temper = new Handler() {
            @Override
            public void process(Message m) {
                if (m.observed()) m.setScale(m.scale() * 0.5);
            }
        };
        List<String> log = new ArrayList<>();
        Handler spy = new Handler() {
            @Override
            public void process(Message m) {
                log.add(m.type() + " " + m.name() + (m.value() == null ? "" : " set"));
            }

            @Override
            public void postprocess(Message m) {
                if (m.type() == Message.Type.SAMPLE) assertTrue(m.value() != null && m.drawn());
            }
        };
        Model obs = Handlers.with(MODEL, Handlers.condition(Map.of("y", DATA)));
        Trace plain = trace(obs, 1), tempered = trace(obs, 1, temper);
        assertEquals(
                0.5 * plain.get("y").logProb().item(),
                tempered.get("y").logProb().item(),
                EXACT * 100);
        Model withParam = s -> {
            s.param("w", Tensor.scalar(1.0));
            MODEL.run(s);
            s.factor("f", Tensor.scalar(-1.0));
        };
        trace(withParam, 1, spy);
        assertEquals(List.of("PARAM w", "SAMPLE mu", "PLATE data", "SAMPLE y", "FACTOR f set"), log);
    }

    @Test
    void handlersRunInsideOutAndBlockStopsTheWayOut() {
        List<String> order = new ArrayList<>();
        Handler outer = named("outer", order), inner = named("inner", order);
        Handlers.run(s -> s.sample("x", Normal.of(0, 1)), RandomStream.of(1), outer, inner);
        assertEquals(List.of("process inner", "process outer", "post outer", "post inner"), order);
        order.clear();
        Handlers.run(s -> s.sample("x", Normal.of(0, 1)), RandomStream.of(1), outer, Handlers.block(), inner);
        assertEquals(List.of("process inner", "post inner"), order);
    }

    @Test
    void withAddsHandlersForPartOfAModelOnly() {
        Model m = s -> {
            s.sample("a", Normal.of(0, 1));
            Handlers.with(q -> q.sample("b", Normal.of(0, 1)), Handlers.scale(3))
                    .run(s);
            s.sample("c", Normal.of(0, 1));
        };
        Trace t = trace(m, 1);
        assertEquals(1.0, t.get("a").scale(), 0.0);
        assertEquals(3.0, t.get("b").scale(), 0.0);
        assertEquals(1.0, t.get("c").scale(), 0.0, "the handler is gone after its part");
        assertNull(t.get("d"));
        assertThrows(IllegalStateException.class, () -> Handlers.with(MODEL).run(null));
    }

    static Handler named(String name, List<String> order) {
        return new Handler() {
            @Override
            public void process(Message m) {
                order.add("process " + name);
            }

            @Override
            public void postprocess(Message m) {
                order.add("post " + name);
            }
        };
    }
}
