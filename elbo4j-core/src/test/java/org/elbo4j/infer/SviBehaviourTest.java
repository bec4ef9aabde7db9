package org.elbo4j.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import org.elbo4j.distributions.Bernoulli;
import org.elbo4j.distributions.Normal;
import org.elbo4j.optim.Adam;
import org.elbo4j.optim.ParamStore;
import org.elbo4j.optim.Sgd;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraints;
import org.junit.jupiter.api.Test;

/** NaN recovery, model/guide mismatches, plates with subsampling, and automatic score-function terms. */
class SviBehaviourTest {

    /**
     * A model whose density is NaN for μ > 4 (log of a negative number) while the data pull μ towards 10: with a
     * large step size the iterate jumps past 4, the step is undone and the step size halved, and the run goes on.
     */
    @Test
    void nanStepsAreUndoneAndTheStepSizeLowered() {
        Model model = s -> {
            Tensor mu = s.sample("mu", Normal.of(0, 10));
            s.factor("wall", mu.rsub(4.0).log()); // NaN beyond 4
            s.observe("y", Normal.of(mu, Tensor.scalar(1.0)), Tensor.full(10, 20));
        };
        Fit fit = Svi.of(model, AutoGuide.meanField(model).initScale(0.01))
                .optimizer(Sgd.of(0.5))
                .seed(1)
                .run(Stop.after(200));
        assertTrue(fit.recoveries() > 0, "recoveries: " + fit.recoveries());
        assertTrue(fit.learningRate() < 0.5, "learning rate after recoveries: " + fit.learningRate());
        assertTrue(fit.param("mu_loc").item() < 4, "mu_loc stays where the density is defined: " + fit.param("mu_loc"));
        assertEquals(200, fit.steps());
    }

    @Test
    void aModelThatIsAlwaysNanFailsWithAClearMessage() {
        Model model = s -> {
            Tensor mu = s.sample("mu", Normal.of(0, 1));
            s.factor("broken", mu.mul(Double.NaN));
        };
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> Svi.of(model, AutoGuide.meanField(model)).maxRecoveries(3).run(Stop.after(10)));
        assertTrue(e.getMessage().contains("consecutive non-finite steps"), e.getMessage());
    }

    private static Estimate estimate(Model model, Model guide, ElboEstimator e) {
        return e.estimate(model, guide, new ParamBinder(new ParamStore(), null, new HashMap<>()), RandomStream.of(1));
    }

    @Test
    void mismatchesBetweenModelAndGuideNameTheSite() {
        Model model = s -> {
            s.sample("a", Normal.of(0, 1));
            s.sample("b", Normal.of(0, 1));
        };
        Model guideMissingB = s -> s.sample("a", Normal.of(s.param("a_loc", Tensor.scalar(0)), Tensor.scalar(1)));
        var e1 = assertThrows(
                IllegalArgumentException.class, () -> estimate(model, guideMissingB, Elbo.reparameterized()));
        assertTrue(e1.getMessage().contains("model site 'b' has no guide site"), e1.getMessage());

        Model guideExtra = s -> {
            s.sample("a", Normal.of(0, 1));
            s.sample("b", Normal.of(0, 1));
            s.sample("c", Normal.of(0, 1));
        };
        var e2 =
                assertThrows(IllegalArgumentException.class, () -> estimate(model, guideExtra, Elbo.reparameterized()));
        assertTrue(e2.getMessage().contains("guide site 'c' has no model site"), e2.getMessage());

        Model twice = s -> {
            s.sample("a", Normal.of(0, 1));
            s.sample("a", Normal.of(0, 1));
        };
        var e3 = assertThrows(IllegalArgumentException.class, () -> AutoGuide.meanField(twice));
        assertTrue(e3.getMessage().contains("site 'a' is declared twice"), e3.getMessage());
    }

    @Test
    void badObservationsNameTheSite() {
        Model wrongShape = s -> s.observe("y", Normal.of(Tensor.zeros(3), Tensor.ones(3)), Tensor.zeros(4));
        var e1 = assertThrows(
                IllegalArgumentException.class,
                () -> TraceRunner.prior(
                        wrongShape, new ParamBinder(new ParamStore(), null, new HashMap<>()), RandomStream.of(1)));
        assertTrue(e1.getMessage().contains("site 'y'") && e1.getMessage().contains("[4]"), e1.getMessage());
        Model nanData = s -> s.observe("y", Normal.of(0, 1), Tensor.of(1, Double.NaN));
        var e2 = assertThrows(
                IllegalArgumentException.class,
                () -> TraceRunner.prior(
                        nanData, new ParamBinder(new ParamStore(), null, new HashMap<>()), RandomStream.of(1)));
        assertTrue(e2.getMessage().contains("'y'") && e2.getMessage().contains("NaN"), e2.getMessage());
    }

    @Test
    void discreteLatentsAreRefusedWhereOnlyPathwiseGradientsWork() {
        Model model = s -> s.sample("z", Bernoulli.ofProbs(0.3));
        Model guide = s -> s.sample("z", Bernoulli.ofLogits(s.param("z_logit", Tensor.scalar(0))));
        var e1 = assertThrows(IllegalArgumentException.class, () -> estimate(model, guide, Elbo.iwae(4)));
        assertTrue(e1.getMessage().contains("'z'"), e1.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> AutoGuide.meanField(model));
        assertTrue(e2.getMessage().contains("'z' is discrete"), e2.getMessage());
    }

    /**
     * Subsampling keeps the log likelihood unbiased: over R minibatches of B = 10 of N = 50 points, the mean of the
     * N/B-scaled minibatch log likelihood matches the full one within 4.5 standard errors (false-failure rate 7e-6).
     */
    @Test
    void subsampledPlatesAreScaledToStayUnbiased() {
        int n = 50, b = 10, reps = 4000;
        double[] yd = new double[n];
        RandomStream r = RandomStream.of(3);
        for (int i = 0; i < n; i++) yd[i] = 2 + r.nextGaussian() * 1.5;
        Tensor y = Tensor.of(yd);
        Model full = s -> {
            try (Plate p = s.plate("data", n)) {
                s.observe("y", Normal.of(0.5, 1), p.subsample(y));
            }
        };
        Model sub = s -> {
            try (Plate p = s.plate("data", n, b)) {
                assertEquals(5.0, p.scale());
                s.observe("y", Normal.of(0.5, 1), p.subsample(y));
            }
        };
        ParamBinder pb = new ParamBinder(new ParamStore(), null, new HashMap<>());
        double exact =
                TraceRunner.prior(full, pb, RandomStream.of(1)).logJoint().item();
        RandomStream rng = RandomStream.of(4);
        double s = 0, ss = 0;
        for (int i = 0; i < reps; i++) {
            double v = TraceRunner.prior(sub, pb, rng).logJoint().item();
            s += v;
            ss += v * v;
        }
        double mean = s / reps, se = Math.sqrt((ss / reps - mean * mean) / reps);
        assertEquals(exact, mean, 4.5 * se, "scaled minibatch log likelihood (SE " + se + ")");
        assertTrue(se > 0, "minibatches differ");
    }

    /**
     * A mixed model: z ~ Bernoulli(½), y | z ~ N(2z, 1), y = 1.6 observed. The exact posterior is
     * P(z = 1 | y) = σ(2y − 2). A guide with q(z) = Bernoulli(σ(φ)) is drawn without a path, so the reparameterized
     * estimator adds the score-function term for z automatically; SVI must find φ ≈ 2y − 2 (tolerance 0.15 in
     * logit units: the last-iterate noise of SGD with this step size, measured ≈ 0.04 over seeds).
     */
    @Test
    void discreteSitesGetScoreFunctionTermsAutomatically() {
        double y = 1.6;
        Model model = s -> {
            Tensor z = s.sample("z", Bernoulli.ofProbs(0.5));
            s.observe("y", Normal.of(z.mul(2.0), Tensor.scalar(1.0)), Tensor.scalar(y));
        };
        Model guide = s -> s.sample("z", Bernoulli.ofLogits(s.param("phi", Tensor.scalar(0.0), Constraints.REAL)));
        Fit fit = Svi.of(model, guide)
                .estimator(Elbo.reparameterized(8))
                .optimizer(Adam.of(0.02).schedule(org.elbo4j.optim.Schedule.cosine(3000)))
                .seed(2)
                .run(Stop.after(3000));
        assertEquals(2 * y - 2, fit.param("phi").item(), 0.15);
    }

    /**
     * Stan's adaptation tries η = 100, 10, 1, 0.1, 0.01 for 50 steps each with Stan's step sequence and keeps the best
     * ELBO that beats the initial one. "Working" is decided independently of the adaptation: each candidate η, used
     * as the fixed step size of a 2000-step run from the same seed, works if that run ends within 0.8 posterior sd of
     * the exact posterior mean (the last iterate of Stan's η/√i sequence is noisy: measured over seeds 0–7 for the
     * working η's, |Δ| ≤ 0.47 sd except η = 10 on seed 6, 1.8 sd; η = 100 and η = 0.01 end 2–10 sd away on 7 of 8
     * seeds). With seed 4, η = 100 (−4.6 sd) and η = 0.01 (−10.4 sd: too slow) do not work, so the check below can
     * fail: a rule that picked the largest or the smallest η would fail it (verified by mutating adapt() to return
     * the first candidate). Stan's rule can also pick η = 100 when it happens to look best after 50 steps and then
     * diverge (seed 0 does) — a known weakness of ADVI's adaptation, and why elbo4j's default is Adam without it.
     */
    @Test
    void stanStepSizeAdaptationPicksAWorkingEta() {
        Tensor y = Tensor.of(ConjugatePosteriorTest.Y);
        Model model = s -> s.observe("y", Normal.of(s.sample("mu", Normal.of(0, 10)), Tensor.scalar(1.0)), y);
        double prec = ConjugatePosteriorTest.Y.length + 0.01, sum = 0;
        for (double v : ConjugatePosteriorTest.Y) sum += v;
        double postMean = sum / prec, postSd = 1 / Math.sqrt(prec), tol = 0.8 * postSd;
        long seed = 4;
        java.util.List<Double> working = new java.util.ArrayList<>();
        double[] candidates = {100, 10, 1, 0.1, 0.01};
        for (double eta : candidates) {
            Fit fixed = Svi.of(model, AutoGuide.meanField(model))
                    .optimizer(org.elbo4j.optim.StanAdaptiveStep.of(eta))
                    .estimator(Elbo.analyticEntropy())
                    .seed(seed)
                    .run(Stop.after(2000));
            if (Math.abs(fixed.param("mu_loc").item() - postMean) <= tol) working.add(eta);
        }
        assertTrue(
                !working.isEmpty() && working.size() < candidates.length,
                "the check must be able to fail: working step sizes " + working);
        Fit fit = Svi.of(model, AutoGuide.meanField(model))
                .optimizer(org.elbo4j.optim.StanAdaptiveStep.of(1.0))
                .estimator(Elbo.analyticEntropy())
                .adaptStepSize()
                .seed(seed)
                .run(Stop.after(2000));
        assertTrue(
                working.contains(fit.adaptedEta()),
                "adapted eta " + fit.adaptedEta() + " is not one of the working " + working);
        assertEquals(postMean, fit.param("mu_loc").item(), tol);
    }

    private static final Model NORMAL_MEAN = s -> s.observe(
            "y", Normal.of(s.sample("mu", Normal.of(0, 10)), Tensor.scalar(1.0)), Tensor.of(ConjugatePosteriorTest.Y));

    /**
     * With a constant step size the last iterate rattles around the optimum; the averaged iterate must be at least
     * twice as concentrated across 8 seeds (measured: spread of mu_loc 0.040 raw vs 0.009 averaged).
     */
    @Test
    void averagingRemovesLastIterateNoise() {
        double raw = spread(0.0), avg = spread(0.99);
        assertTrue(avg < 0.5 * raw, "spread averaged " + avg + " vs raw " + raw);
    }

    private static double spread(double averaging) {
        double s = 0, ss = 0;
        int n = 8;
        for (int seed = 1; seed <= n; seed++) {
            double v = Svi.of(NORMAL_MEAN, AutoGuide.meanField(NORMAL_MEAN))
                    .optimizer(Adam.of(0.05))
                    .averaging(averaging)
                    .seed(seed)
                    .run(Stop.after(2000))
                    .param("mu_loc")
                    .item();
            s += v;
            ss += v * v;
        }
        return Math.sqrt((ss - s * s / n) / (n - 1));
    }

    /** The trend rule stops a converged run early and lets a slow, steady climb go on to the budget. */
    @Test
    void trendRuleStopsOnAPlateauButNotDuringASteadyClimb() {
        Fit plateau = Svi.of(NORMAL_MEAN, AutoGuide.meanField(NORMAL_MEAN))
                .optimizer(Adam.of(0.05))
                .seed(1)
                .run(Stop.noImprovement(2.0, 10, 20_000));
        assertTrue(plateau.converged() && plateau.steps() < 10_000, "steps " + plateau.steps());
        // SGD at 1e-5 from loc 0 towards 3.13: the mean moves with rate 1e-5·(N + 1/100) ≈ 2e-4 per step (e-folding
        // time ~5,000 steps), so over 3,000 steps the ELBO climbs steadily (by ~90 nats) — no plateau to find.
        Fit climb = Svi.of(NORMAL_MEAN, AutoGuide.meanField(NORMAL_MEAN).initScale(0.2))
                .optimizer(Sgd.of(1e-5))
                .seed(1)
                .run(Stop.noImprovement(2.0, 10, 3000));
        assertTrue(!climb.converged() && climb.steps() == 3000, "stopped during a climb at " + climb.steps());
    }
}
