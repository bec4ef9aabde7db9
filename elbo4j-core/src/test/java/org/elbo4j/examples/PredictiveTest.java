package org.elbo4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elbo4j.distributions.Normal;
import org.elbo4j.infer.AutoGuide;
import org.elbo4j.infer.Draws;
import org.elbo4j.infer.Fit;
import org.elbo4j.infer.Model;
import org.elbo4j.infer.Plate;
import org.elbo4j.infer.Predictive;
import org.elbo4j.infer.Stop;
import org.elbo4j.infer.Svi;
import org.elbo4j.optim.Adam;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Posterior predictive draws, as a user makes them, on a conjugate model with a known answer. */
class PredictiveTest {
    static final Tensor Y = Tensor.of(2.1, 3.4, 2.9, 4.0, 3.3);
    /** Exact posterior of mu: N(15.7 / 5.01, 1 / 5.01) (prior N(0, 10²), unit noise, five points). */
    static final double POST_MEAN = 15.7 / 5.01, POST_VAR = 1 / 5.01;

    static final Model MODEL = s -> {
        Tensor mu = s.sample("mu", Normal.of(0, 10));
        s.deterministic("mu2", mu.mul(2.0));
        try (Plate p = s.plate("data", 5)) {
            s.observe("y", Normal.of(mu.broadcastTo(org.elbo4j.tensor.Shape.of(5)), Tensor.ones(5)), Y);
        }
    };

    static Fit fit() {
        return Svi.of(MODEL, AutoGuide.meanField(MODEL))
                .optimizer(Adam.of(0.05))
                .seed(1)
                .averaging(0.99)
                .run(Stop.after(3000));
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    static double var(double[] x) {
        double m = mean(x), s = 0;
        for (double v : x) s += (v - m) * (v - m);
        return s / (x.length - 1);
    }

    @Test
    void replicatedDataFollowThePosteriorPredictive() {
        int n = 4000;
        Predictive.Samples rep = Predictive.of(fit()).observedSites().sample(n, 7);
        assertEquals(List.of("y[1]", "y[2]", "y[3]", "y[4]", "y[5]"), rep.names());
        // y_rep[i] ~ N(POST_MEAN, 1 + POST_VAR) = N(3.134, 1.2). Monte Carlo sd of the mean: sqrt(1.2/4000) = 0.017,
        // of the variance: 1.2·sqrt(2/3999) = 0.027; the fitted q adds at most ~0.02 (Adam noise, averaged): bounds
        // of 5 Monte Carlo sd plus that
        for (String c : rep.names()) {
            assertEquals(POST_MEAN, mean(rep.column(c)), 5 * 0.017 + 0.02, c);
            assertEquals(1 + POST_VAR, var(rep.column(c)), 5 * 0.027 + 0.03, c);
        }
        // the replicated points of one draw share mu: cov(y1, y2) = Var(mu) = POST_VAR (sd of the estimate ≈ 0.02)
        double[] a = rep.column("y[1]"), b = rep.column("y[2]");
        double ma = mean(a), mb = mean(b), cov = 0;
        for (int i = 0; i < n; i++) cov += (a[i] - ma) * (b[i] - mb);
        assertEquals(POST_VAR, cov / (n - 1), 5 * 0.02 + 0.02);
    }

    @Test
    void everySiteByDefaultAndChosenSitesOnRequest() {
        Fit f = fit();
        Predictive.Samples all = Predictive.of(f).sample(10, 3);
        assertEquals(List.of("mu", "mu2", "y[1]", "y[2]", "y[3]", "y[4]", "y[5]"), all.names());
        // deterministic sites are recomputed from the draw
        double[] mu = all.column("mu"), mu2 = all.column("mu2");
        for (int i = 0; i < 10; i++) assertEquals(2 * mu[i], mu2[i], 0.0);
        assertEquals(List.of("mu"), Predictive.of(f).sites("mu").sample(3, 1).names());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Predictive.of(f).sites("nope").sample(3, 1));
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
        // same seed, same draws
        assertArrayEquals(all.values()[9], Predictive.of(f).sample(10, 3).values()[9], 0.0);
    }

    @Test
    void fromPosteriorDrawsOfAnyMethod() {
        // a "posterior" of two draws, mu = 5 and mu = -5, as any sampler might give
        Draws two = new Draws(
                List.of(new Draws.Quantity("mu", new int[0], false), new Draws.Quantity("mu2", new int[0], true)),
                List.of("mu", "mu2"),
                new double[][] {{5, 10}, {-5, -10}},
                new double[2],
                new double[2]);
        int n = 2000;
        Predictive.Samples rep = Predictive.of(MODEL, two).sample(n, 11);
        double[] mu = rep.column("mu"), y = rep.column("y[3]"), mu2 = rep.column("mu2");
        double[] even = new double[n / 2];
        for (int i = 0; i < n; i++) {
            assertEquals(i % 2 == 0 ? 5 : -5, mu[i], 0.0, "draw i uses posterior draw i mod 2");
            assertEquals(2 * mu[i], mu2[i], 0.0);
            if (i % 2 == 0) even[i / 2] = y[i];
        }
        // y_rep | mu = 5 ~ N(5, 1): sd of the mean of 1000 is 0.032, of the variance 0.045 (5 sd bounds)
        assertEquals(5, mean(even), 5 * 0.032);
        assertEquals(1, var(even), 5 * 0.045);
        // with draws from a fit: the same predictive as from its guide, within Monte Carlo error
        Fit f = fit();
        Predictive.Samples viaDraws = Predictive.of(MODEL, f.draws(n, 5)).sample(n, 12);
        assertEquals(POST_MEAN, mean(viaDraws.column("y[1]")), 5 * Math.sqrt(1.2 / n) + 0.02);
    }

    @Test
    void aScalarDistributionObservingAVectorReplicatesTheVector() {
        Model broadcast = s -> s.observe("y", Normal.of(s.sample("mu", Normal.of(0, 10)), Tensor.scalar(1.0)), Y);
        Draws one = new Draws(
                List.of(new Draws.Quantity("mu", new int[0], false)),
                List.of("mu"),
                new double[][] {{1}},
                new double[1],
                new double[1]);
        Predictive.Samples rep = Predictive.of(broadcast, one).observedSites().sample(4, 1);
        assertEquals(List.of("y[1]", "y[2]", "y[3]", "y[4]", "y[5]"), rep.names());
        assertTrue(rep.values()[0][0] != rep.values()[0][1], "each element is its own draw");
    }

    @Test
    void badRequestsAreRefused() {
        Draws none = new Draws(List.of(), List.of(), new double[0][], new double[0], new double[0]);
        assertThrows(IllegalArgumentException.class, () -> Predictive.of(MODEL, none));
        Draws noMu = new Draws(List.of(), List.of(), new double[][] {{}}, new double[1], new double[1]);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Predictive.of(MODEL, noMu).sample(1, 1));
        assertTrue(e.getMessage().contains("'mu'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Predictive.of(fit()).sample(0, 1));
    }
}
