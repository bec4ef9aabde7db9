package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.elbo4j.cli.io.StanJsonData;
import org.elbo4j.infer.DefaultFit;
import org.elbo4j.infer.FitResult;
import org.elbo4j.infer.FitSettings;
import org.elbo4j.infer.Model;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The default recipe ({@link DefaultFit} at {@link FitSettings#defaults()}, as {@code elbo4j fit} and {@code elbo4j
 * check} run it: mean-field first, escalation, the staged verdict) against posteriordb's reference posteriors (10,000
 * NUTS draws each) on the ten posteriors of posteriordb (test resources, each compiled from its model.stan by the
 * Stan front end; diamonds' data from ../shared/data, skipped without it), seed 1. docs/accuracy.md has the full
 * sweep (the 31 posteriors with a reference) and the command that runs it.
 *
 * <p>What the issue asks of every answer, asserted here:
 * <ul>
 *   <li><b>trusted → accurate</b>: a trusted answer has its worst |Δmean|/sd ≤ 0.1 and every sd ratio in [0.8, 1.25].
 *       The tolerance is the criterion itself; Monte Carlo error leaves it room: q's means are estimated from
 *       at least 4,000 draws (0.016 sd of error) and the reference's from 10,000 NUTS draws (about 0.01–0.015 sd), so
 *       the error of one |Δmean|/sd is about 0.02 sd and the largest of 26 such errors (diamonds) about 0.05; the
 *       measured worst trusted error on these ten is 0.050 (garch; docs/accuracy.md), 2.5 Monte Carlo sds below 0.1. The sd
 *       ratios' Monte Carlo error is 1/√(2·4000) ≈ 1.1%, and the measured ones lie in [0.87, 1.13].</li>
 *   <li><b>no silent failure</b>: no answer off by more than 0.5 sd or with an sd outside [0.5, 2] is trusted.</li>
 *   <li><b>trusted where the measured k̂ leaves no doubt</b>: where the run of docs/accuracy.md had k̂ ≤ 0.45 and
 *       every check far inside its range (six of the ten), the answer must be trusted (k̂'s Monte Carlo sd at
 *       4,000 draws is about 0.1: k̂ + 2 sd stays below 0.7); for arK, mesquite, garch and eight schools (k̂ 0.48–0.67)
 *       the verdict may go either way, and is only held to the two rules above.</li>
 * </ul>
 */
class PosteriordbAccuracyTest {
    static final long SEED = 1;

    /** posterior, whether it must be trusted (measured k̂ in the comment). */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("arK-arK", false), // 0.48
                Arguments.of("diamonds-diamonds", true), // 0.15
                Arguments.of("earnings-logearn_height", true), // 0.23
                Arguments.of("eight_schools-eight_schools_noncentered", false), // 0.66, not trusted
                Arguments.of("garch-garch11", false), // 0.67
                Arguments.of("kidiq-kidscore_momiq", true), // 0.19
                Arguments.of("low_dim_gauss_mix-low_dim_gauss_mix", true), // 0.40
                Arguments.of("mesquite-logmesquite_logvolume", false), // 0.49
                Arguments.of("nes1972-nes", true), // 0.31
                Arguments.of("sblrc-blr", true)); // 0.42
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theDefaultRecipeIsAccurateWhereItTrustsItselfAndNeverSilentlyWrong(String posterior, boolean mustTrust)
            throws Exception {
        Posterior p = Posterior.read(TestData.posterior(posterior));
        Model model = p.model().build(StanJsonData.read(p.dir().resolve("data.json")));
        FitResult fit = DefaultFit.run(model, FitSettings.defaults().seed(SEED));
        Accuracy a = Accuracy.of(p, "meanfield", fit);
        Accuracy.Row w = a.worstMean();
        String what = String.format(
                "%s: %s, worst |dmean|/sd %.3f (%s), sd ratio %.3f-%.3f, k-hat %.2f; %s",
                posterior,
                a.trusted() ? "trusted" : "not trusted",
                w.z(),
                w.name(),
                a.minSdRatio().sdRatio(),
                a.maxSdRatio().sdRatio(),
                a.khat(),
                fit.verdict().describe());
        if (a.trusted()) assertTrue(a.accurate(), what + ": trusted but not within 0.1 sd and sd ratios [0.8, 1.25]");
        assertFalse(
                a.silentFailure(CheckReport.WRONG_Z),
                what + ": wrong (> 0.5 sd, or an sd outside [0.5, 2]) but trusted");
        if (mustTrust) assertTrue(a.trusted(), what + ": should be trusted");
    }
}
