package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.elbo4j.cli.io.StanJsonData;
import org.elbo4j.infer.AutoGuide;
import org.elbo4j.infer.DefaultFit;
import org.elbo4j.infer.FitResult;
import org.elbo4j.infer.FitSettings;
import org.elbo4j.infer.Model;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * elbo4j's answers against posteriordb's reference posteriors (10,000 NUTS draws each), for the ten posteriors of
 * posteriordb (test resources; diamonds' data from ../shared/data, skipped without it) and both guides, with {@code elbo4j check}'s recipe in a CI-sized configuration: one run
 * instead of three, 1,500 annealing steps instead of 3,000, 4,000 draws instead of 10,000 (about 25 s of fitting
 * for all twenty). docs/accuracy.md has the full sweep and the command that runs it.
 *
 * <p><b>Means.</b> The worst |Δmean|/sd over each posterior's parameters must stay within a tolerance per
 * posterior and guide, set from the seed-to-seed spread of this configuration measured over seeds 1–5 (the
 * elbo4j-bench/accuracy/results-ci runs: {@code elbo4j check ../shared/data/posteriordb/*}{@code / --guide
 * meanfield,fullrank --restarts 1 --anneal-steps 1500 --draws 4000 --seed S}): the smallest of 0.1, 0.15, 0.2, 0.3
 * above mean + 4 sd of the five worst z's. A Gaussian q on the unconstrained scale is adequate for the means of
 * nine of the ten: the eight regressions and the well-separated mixture have near-Gaussian posteriors on the
 * unconstrained scale (hundreds to thousands of observations; reference 5/50/95% quantiles symmetric to a few
 * percent of an sd), and a Gaussian q — even a mean-field one, whose optimum on a Gaussian posterior has the exact
 * means — gets them to 0.02–0.1 sd. Eight schools is the exception: log tau's posterior is skewed (the funnel of a
 * hierarchical scale), so the Gaussian q's mean of tau is off by a systematic 0.16–0.23 sd; its tolerance is 0.3,
 * still below the 0.5 sd that counts as wrong, and k̂ ≈ 0.5–0.7 says "usable with care".
 *
 * <p><b>k̂ warnings.</b> Where q cannot be adequate, k̂ must say so. A mean-field q of a posterior whose
 * correlations shrink the conditional sds to a fraction r of the marginal ones has importance ratios with a Pareto
 * tail of shape k ≈ 1 − r² (a Gaussian p against a Gaussian q narrower by r along one axis); for arK, diamonds,
 * earnings, kidiq and nes r ≤ 0.23 (the measured min sd ratio: 0.22, 0.005, 0.056, 0.14, 0.12), so k ≈ 0.95–1, and
 * the measured k̂ was 0.71–1.64 in all 25 fits (5 posteriors × 5 seeds): the test asserts k̂ > 0.7 there. For sblrc
 * and garch (r ≈ 0.47, k ≈ 0.78) k̂ straddles 0.7 (0.51–0.94 measured), so nothing is asserted about it. In every
 * case the answer must not be a silent failure: |Δmean|/sd > 0.5 or an sd outside [0.5, 2] with the verdict
 * "trusted" ({@link org.elbo4j.infer.Verdict}).
 */
class PosteriordbAccuracyTest {
    static final int DRAWS = 4_000;
    static final long SEED = 1;
    // the configuration the tolerances below were calibrated with (seeds 1-5): 10 plain reparameterized draws per
    // step and the ELBO evaluated every 100 steps, as the recipe was before its cost was cut (docs/accuracy.md)
    static final FitSettings CI = FitSettings.defaults()
            .restarts(1)
            .particles(10)
            .stickingTheLanding(false)
            .evaluateEvery(100)
            .annealSteps(1_500)
            .draws(DRAWS)
            .escalate(false)
            .seed(SEED);

    /**
     * posterior, guide, tolerance on the worst |Δmean|/sd, whether k̂ > 0.7 must be reported. Measured worst z over
     * seeds 1–5 (mean, sd, max) in the comments.
     */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("arK-arK", "meanfield", 0.1, true), // 0.030 0.009 0.044
                Arguments.of("diamonds-diamonds", "meanfield", 0.1, true), // 0.047 0.006 0.055
                Arguments.of("earnings-logearn_height", "meanfield", 0.1, true), // 0.018 0.008 0.027
                Arguments.of("eight_schools-eight_schools_noncentered", "meanfield", 0.3, false), // 0.206 0.023 0.232
                Arguments.of("garch-garch11", "meanfield", 0.2, false), // 0.096 0.015 0.117
                Arguments.of("kidiq-kidscore_momiq", "meanfield", 0.1, true), // 0.027 0.002 0.029
                Arguments.of("low_dim_gauss_mix-low_dim_gauss_mix", "meanfield", 0.15, false), // 0.033 0.019 0.054
                Arguments.of("mesquite-logmesquite_logvolume", "meanfield", 0.1, false), // 0.044 0.010 0.060
                Arguments.of("nes1972-nes", "meanfield", 0.1, true), // 0.028 0.006 0.037
                Arguments.of("sblrc-blr", "meanfield", 0.1, false), // 0.031 0.007 0.041
                Arguments.of("arK-arK", "fullrank", 0.15, false), // 0.044 0.016 0.071
                Arguments.of("diamonds-diamonds", "fullrank", 0.1, false), // 0.054 0.009 0.070
                Arguments.of("earnings-logearn_height", "fullrank", 0.1, false), // 0.034 0.016 0.057
                Arguments.of("eight_schools-eight_schools_noncentered", "fullrank", 0.3, false), // 0.164 0.023 0.198
                Arguments.of("garch-garch11", "fullrank", 0.1, false), // 0.043 0.007 0.050
                Arguments.of("kidiq-kidscore_momiq", "fullrank", 0.15, false), // 0.044 0.022 0.070
                Arguments.of("low_dim_gauss_mix-low_dim_gauss_mix", "fullrank", 0.15, false), // 0.041 0.021 0.065
                Arguments.of("mesquite-logmesquite_logvolume", "fullrank", 0.15, false), // 0.047 0.014 0.068
                Arguments.of("nes1972-nes", "fullrank", 0.1, false), // 0.042 0.009 0.050
                Arguments.of("sblrc-blr", "fullrank", 0.1, false)); // 0.036 0.009 0.049
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void meansMatchTheReferenceAndKhatWarnsWhereQCannotBeRight(
            String posterior, String guide, double tol, boolean khatMustWarn) throws Exception {
        Posterior p = Posterior.read(TestData.posterior(posterior));
        Model model = p.model().build(StanJsonData.read(p.dir().resolve("data.json")));
        FitResult fit = DefaultFit.run(
                model, CI.guide(guide.equals("fullrank") ? AutoGuide.Family.FULL_RANK : AutoGuide.Family.MEAN_FIELD));
        Accuracy a = Accuracy.of(p, guide, fit);
        Accuracy.Row w = a.worstMean();
        String what = String.format(
                "%s %s: worst |dmean|/sd %.3f (%s), k-hat %.2f", posterior, guide, w.z(), w.name(), a.khat());
        assertTrue(w.z() <= tol, what + " > tolerance " + tol);
        if (khatMustWarn) {
            assertTrue(a.khat() > 0.7, what + ": k-hat should warn (> 0.7)");
            assertFalse(a.trusted(), what + ": the verdict must not be 'trusted' where k-hat warns");
        }
        assertFalse(
                a.silentFailure(CheckReport.WRONG_Z),
                what + ": wrong (> 0.5 sd, or an sd outside [0.5, 2]) but trusted");
    }
}
