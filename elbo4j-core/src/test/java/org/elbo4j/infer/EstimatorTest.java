package org.elbo4j.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import org.elbo4j.diag.Psis;
import org.elbo4j.distributions.Normal;
import org.elbo4j.optim.ParamStore;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.testkit.TestReports;
import org.junit.jupiter.api.Test;

/**
 * The ELBO estimators on the normal-mean model μ ~ N(0, 10²), y_i ~ N(μ, 1), with the mean-field guide
 * q(μ) = N(m, s²), s = e^ω, whose ELBO is closed-form:
 * ELBO(m, ω) = −½Σ[(y_i − m)² + s²] − (m² + s²)/200 + ω + const, so
 * ∂/∂m = Σ(y_i − m) − m/100 and ∂/∂ω = 1 − (N + 1/100)·s².
 */
class EstimatorTest {
    static final double[] Y = ConjugatePosteriorTest.Y;
    static final Model MODEL = s -> {
        Tensor mu = s.sample("mu", Normal.of(0, 10));
        s.observe("y", Normal.of(mu, Tensor.scalar(1.0)), Tensor.of(Y));
    };
    /** A point away from the optimum, so the gradient is not zero: m = 2.5, s = 0.5. */
    static final double M = 2.5, S = 0.5;

    static ParamStore point(double m, double s) {
        ParamStore p = new ParamStore();
        p.put("mu_loc", Tensor.scalar(m));
        p.put("mu_scale", Tensor.scalar(Math.log(s))); // stored unconstrained: ω = log σ
        return p;
    }

    static double[] exactGradient(double m, double s) {
        double dm = -m / 100, n = Y.length;
        for (double y : Y) dm += y - m;
        return new double[] {dm, 1 - (n + 0.01) * s * s};
    }

    /**
     * Each estimator's mean gradient over R replicates agrees with the exact gradient within 4.5 standard errors
     * (SE = √(var/R) from the same replicates; 4.5 SE two-sided: false-failure rate 7e-6 per coordinate, about 1e-4
     * over the 14 comparisons). The score-function variance is at least 10× the pathwise one (asserted; printed).
     */
    @Test
    void estimatorsAreUnbiasedAndScoreFunctionIsNoisier() {
        AutoGuide guide = AutoGuide.meanField(MODEL);
        int reps = 20_000;
        List<ElboEstimator> ests = List.of(
                Elbo.reparameterized(),
                Elbo.analyticEntropy(),
                Elbo.analyticKl(),
                Elbo.stickingTheLanding(),
                Elbo.scoreFunction(),
                Elbo.scoreFunction(Baseline.runningMean(), 1),
                Elbo.scoreFunction(Baseline.leaveOneOut(), 2));
        List<GradientVariance.Row> rows = GradientVariance.measure(MODEL, guide, point(M, S), ests, reps, 17);
        double[] exact = exactGradient(M, S);
        for (GradientVariance.Row r : rows) {
            assertEquals(List.of("mu_loc", "mu_scale"), r.coordinates());
            for (int j = 0; j < 2; j++) {
                double se = Math.sqrt(r.variance()[j] / reps);
                assertEquals(
                        exact[j],
                        r.mean()[j],
                        4.5 * se + 1e-9,
                        r.estimator() + " coordinate " + j + " (SE " + se + ")");
            }
            TestReports.write(
                    getClass(),
                    String.format(
                            "%-22s total gradient variance %10.4g  (x%.1f of pathwise)",
                            r.estimator(), r.totalVariance(), r.ratio()));
        }
        double pathwise = rows.get(0).totalVariance(), score = rows.get(4).totalVariance();
        assertTrue(score >= 10 * pathwise, "score-function variance " + score + " vs pathwise " + pathwise);
        // Analytic entropy removes the noise of −log q: its variance must not exceed the plain pathwise one.
        assertTrue(
                rows.get(1).totalVariance() <= pathwise * 1.05,
                "entropy form " + rows.get(1).totalVariance());
    }

    /** At the optimum (q = posterior) sticking the landing has zero variance in ω's gradient and ~0 in m's. */
    @Test
    void stickingTheLandingHasNoVarianceAtTheExactPosterior() {
        double prec = Y.length + 0.01, sum = 0;
        for (double v : Y) sum += v;
        AutoGuide guide = AutoGuide.meanField(MODEL);
        List<GradientVariance.Row> rows = GradientVariance.measure(
                MODEL,
                guide,
                point(sum / prec, 1 / Math.sqrt(prec)),
                List.of(Elbo.reparameterized(), Elbo.stickingTheLanding()),
                2000,
                3);
        assertTrue(
                rows.get(0).totalVariance() > 1,
                "pathwise variance at the optimum " + rows.get(0).totalVariance());
        assertTrue(
                rows.get(1).totalVariance() < 1e-12,
                "STL variance at the optimum " + rows.get(1).totalVariance());
    }

    /**
     * IWAE bounds from a guide that is too narrow: E[L_1] ≤ E[L_5] ≤ E[L_50] ≤ log p(y), each step up by more than
     * 4 combined standard errors of the replicate means.
     */
    @Test
    void iwaeBoundIncreasesWithK() {
        AutoGuide guide = AutoGuide.meanField(MODEL);
        ParamStore p = point(3.0, 0.08); // posterior sd is 0.22: q is too narrow and slightly off
        int reps = 2000;
        double[] means = new double[3], ses = new double[3];
        int[] ks = {1, 5, 50};
        for (int i = 0; i < ks.length; i++) {
            ElboEstimator e = Elbo.iwae(ks[i]);
            RandomStream rng = RandomStream.of(100 + i);
            ParamBinder b = new ParamBinder(p, null, new HashMap<>());
            double s = 0, ss = 0;
            for (int r = 0; r < reps; r++) {
                double v = e.estimate(MODEL, guide, b, rng).elbo();
                s += v;
                ss += v * v;
            }
            means[i] = s / reps;
            ses[i] = Math.sqrt((ss / reps - means[i] * means[i]) / reps);
        }
        double logEvidence = logEvidence();
        for (int i = 1; i < ks.length; i++) {
            double gap = means[i] - means[i - 1], se = Math.hypot(ses[i], ses[i - 1]);
            assertTrue(gap > 4 * se, "L_" + ks[i] + " − L_" + ks[i - 1] + " = " + gap + " (SE " + se + ")");
        }
        assertTrue(means[2] < logEvidence + 4 * ses[2], "L_50 " + means[2] + " vs log p(y) " + logEvidence);
    }

    /** log p(y) of the normal-mean model in closed form: y ~ N(0, I + 100·11ᵀ). */
    static double logEvidence() {
        int n = Y.length;
        double sum = 0, sq = 0;
        for (double y : Y) {
            sum += y;
            sq += y * y;
        }
        // (I + c11ᵀ)⁻¹ = I − c/(1 + nc)·11ᵀ, det = 1 + nc, c = 100.
        double c = 100, quad = sq - c / (1 + n * c) * sum * sum;
        return -0.5 * n * Math.log(2 * Math.PI) - 0.5 * Math.log(1 + n * c) - 0.5 * quad;
    }

    /** PSIS k̂ is small for the exact posterior and large for a q that is far too narrow. */
    @Test
    void paretoKSeparatesGoodFromNarrowGuides() {
        double prec = Y.length + 0.01, sum = 0;
        for (double v : Y) sum += v;
        double mean = sum / prec, sd = 1 / Math.sqrt(prec);
        AutoGuide guide = AutoGuide.meanField(MODEL);
        double good = khat(guide, point(mean, sd)), narrow = khat(guide, point(mean + sd, 0.2 * sd));
        assertTrue(good < 0.5, "k-hat of the exact posterior " + good);
        assertTrue(narrow > 0.7, "k-hat of a q 5x too narrow and 1 sd off " + narrow);
    }

    private static double khat(AutoGuide guide, ParamStore p) {
        ParamBinder b = new ParamBinder(p, null, new HashMap<>());
        RandomStream rng = RandomStream.of(9);
        double[] lw = new double[4000];
        for (int i = 0; i < lw.length; i++)
            lw[i] = Particle.draw(MODEL, guide, b, rng, false).logWeight().item();
        return Psis.smooth(lw).k();
    }

    /** The same seed gives bit-identical ELBO traces; another seed does not. */
    @Test
    void sameSeedSameTrace() {
        double[] a = run(42), b = run(42), c = run(43);
        assertArrayEquals(a, b);
        assertTrue(a.length == c.length && !java.util.Arrays.equals(a, c));
    }

    private static double[] run(long seed) {
        return Svi.of(MODEL, AutoGuide.meanField(MODEL))
                .seed(seed)
                .run(Stop.after(300))
                .elboTrace();
    }
}
