package org.elbo4j.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.elbo4j.distributions.Normal;
import org.elbo4j.optim.ParamStore;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * {@link Site#lazy}: the log density is computed on the first {@link Site#logProb()} call, once; the auto-guide's
 * joint latent is such a site and its value is the distribution's log density summed. And a trace still refuses a
 * site name used twice, naming it, also past the 16 sites where its map switches to a hash index.
 */
class LazySiteTest {

    private static ParamBinder binder() {
        return new ParamBinder(new ParamStore(), null, new HashMap<>());
    }

    @Test
    void lazyLogDensityIsComputedOnceOnFirstUse() {
        AtomicInteger calls = new AtomicInteger();
        Tensor lp = Tensor.scalar(-1.5);
        Site s = Site.lazy(
                "z",
                Site.Kind.SAMPLE,
                Normal.of(0, 1),
                Tensor.scalar(0.2),
                () -> {
                    calls.incrementAndGet();
                    return lp;
                },
                true,
                2.0,
                true);
        assertEquals(0, calls.get(), "not computed when the site is made");
        // the other accessors and toString do not compute it
        assertEquals("z", s.name());
        assertEquals(Site.Kind.SAMPLE, s.kind());
        assertEquals(0.2, s.value().item());
        assertTrue(s.reparameterized());
        assertEquals(2.0, s.scale());
        assertTrue(s.auxiliary());
        assertTrue(s.isLatent());
        assertTrue(s.toString().contains("not yet computed"), s.toString());
        assertEquals(0, calls.get(), "accessors and toString leave it pending");

        assertSame(lp, s.logProb());
        assertEquals(1, calls.get());
        assertSame(lp, s.logProb());
        assertSame(lp, s.logProb());
        assertEquals(1, calls.get(), "computed once");
        assertFalse(s.toString().contains("not yet computed"), s.toString());
    }

    @Test
    void eagerSitesKeepTheirLogDensity() {
        Tensor lp = Tensor.scalar(-0.25);
        Site s = new Site("y", Site.Kind.OBSERVE, Normal.of(0, 1), Tensor.scalar(1.0), lp, false, 1.0, false);
        assertSame(lp, s.logProb());
        assertFalse(s.isLatent());
        assertFalse(s.toString().contains("not yet computed"));
    }

    /**
     * The mean-field auto-guide's joint latent (an auxiliary guide site) is lazy: pending after the guide has run,
     * then scale·Σ log q(value) of its distribution on first use, the same tensor on later calls; and log q of the
     * whole trace includes it.
     */
    @Test
    void autoGuideJointLatentIsLazyAndCorrect() {
        Model model = s -> {
            Tensor mu = s.sample("mu", Normal.of(0, 10));
            Tensor tau = s.sample("tau", Normal.of(Tensor.zeros(3), Tensor.ones(3)));
            s.observe("y", Normal.of(mu.add(tau), Tensor.scalar(1.0)), Tensor.of(0.5, 1.0, 1.5));
        };
        Trace g = TraceRunner.guide(AutoGuide.meanField(model), binder(), RandomStream.of(7), true);
        Site latent = g.get(AutoGuide.LATENT_SITE);
        assertTrue(latent.auxiliary());
        assertTrue(latent.toString().contains("not yet computed"), latent.toString());
        double expect = latent.dist().logProb(latent.value()).sum().item() * latent.scale();
        Tensor lp = latent.logProb();
        assertEquals(expect, lp.item(), 1e-12 * Math.max(1, Math.abs(expect)));
        assertSame(lp, latent.logProb());

        double total = 0;
        for (Site s : g.sites())
            if (s.kind() != Site.Kind.DETERMINISTIC) total += s.logProb().item();
        assertEquals(total, g.logJoint().item(), 1e-12 * Math.max(1, Math.abs(total)));
    }

    @Test
    void duplicateSiteNamesAreRefusedNamingTheSite() {
        Model twice = s -> {
            s.sample("a", Normal.of(0, 1));
            s.sample(new String("a"), Normal.of(0, 1)); // equal, not identical
        };
        var e1 = assertThrows(
                IllegalArgumentException.class, () -> TraceRunner.prior(twice, binder(), RandomStream.of(1)));
        assertTrue(e1.getMessage().contains("site 'a' is declared twice"), e1.getMessage());

        Model observedTwice = s -> {
            s.sample("mu", Normal.of(0, 1));
            s.observe("y", Normal.of(0, 1), Tensor.scalar(0.5));
            s.observe("y", Normal.of(0, 1), Tensor.scalar(0.7));
        };
        var e2 = assertThrows(
                IllegalArgumentException.class, () -> TraceRunner.prior(observedTwice, binder(), RandomStream.of(1)));
        assertTrue(e2.getMessage().contains("site 'y' is declared twice"), e2.getMessage());

        // past 16 sites (the trace's map uses its hash index): the 21st name repeats the 8th
        Model many = s -> {
            for (int i = 0; i < 20; i++) s.sample("z" + i, Normal.of(0, 1));
            s.deterministic("z" + 7, Tensor.scalar(0));
        };
        var e3 = assertThrows(
                IllegalArgumentException.class, () -> TraceRunner.prior(many, binder(), RandomStream.of(1)));
        assertTrue(e3.getMessage().contains("site 'z7' is declared twice"), e3.getMessage());

        // directly on a trace, with a lazy site
        Trace t = new Trace();
        t.add(new Site("b", Site.Kind.SAMPLE, Normal.of(0, 1), Tensor.scalar(0), Tensor.scalar(0), false, 1, false));
        var e4 = assertThrows(
                IllegalArgumentException.class,
                () -> t.add(Site.lazy(
                        "b",
                        Site.Kind.SAMPLE,
                        Normal.of(0, 1),
                        Tensor.scalar(0),
                        () -> Tensor.scalar(0),
                        false,
                        1,
                        true)));
        assertTrue(e4.getMessage().contains("site 'b' is declared twice"), e4.getMessage());
        assertEquals(1, t.sites().size());
    }

    /** Through the public API: SVI with a model that samples a name twice stops with the site's name. */
    @Test
    void sviReportsADuplicateSite() {
        Model model = s -> {
            s.sample("a", Normal.of(0, 1));
            s.sample("a", Normal.of(0, 1));
        };
        Model guide = s -> s.sample("a", Normal.of(s.param("a_loc", Tensor.scalar(0)), Tensor.scalar(1)));
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> Svi.of(model, guide).seed(1).run(Stop.after(2)));
        assertTrue(e.getMessage().contains("site 'a' is declared twice"), e.getMessage());
    }

    /** A trace with many sites keeps them in declaration order and finds each by name. */
    @Test
    void tracesWithManySitesKeepOrderAndLookups() {
        Model many = s -> {
            for (int i = 0; i < 40; i++) s.sample("z" + (39 - i), Normal.of(i, 1));
        };
        Trace t = TraceRunner.prior(many, binder(), RandomStream.of(3));
        List<Site> sites = List.copyOf(t.sites());
        assertEquals(40, sites.size());
        for (int i = 0; i < 40; i++) {
            String name = "z" + (39 - i);
            assertEquals(name, sites.get(i).name());
            assertSame(sites.get(i), t.get(new String(name)));
        }
        assertEquals(null, t.get("z40"));
        assertEquals(40, t.latents().size());
        assertThrows(UnsupportedOperationException.class, () -> t.sites().add(sites.get(0)));
    }
}
