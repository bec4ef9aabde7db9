package org.elbo4j.infer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elbo4j.random.RandomStream;
import org.junit.jupiter.api.Test;

/**
 * {@link Verdict} on draws of known Gaussians. The posterior p is N(0, Σ) in two dimensions, Σ = [[1, 0.5], [0.5, 1]];
 * the draws of q and log p, log q are computed here, exactly.
 *
 * <p>Tolerances: with S = 4,000 draws and weights of effective sample size about S/3 (the smallest here), the
 * importance-weighted sd has a relative Monte Carlo error of about 1/√(2·ESS) ≈ 2% and the weighted mean about
 * 1/√ESS ≈ 0.03 sd, so q = p·(1.05 scale) is trusted with a wide margin (sd ratio 1.05 ± 0.04, mean shift ≤ 0.1),
 * and an sd ratio of 4 is 3 orders of Monte Carlo error away from the trusted range [0.8, 1.25]. Fixed seeds.
 */
class VerdictTest {
    static final double[][] SIGMA_P = {{1, 0.5}, {0.5, 1}};

    /** S draws of N(0, Σ_q) with log p under N(0, Σ_p) and log q under N(0, Σ_q). */
    static Draws draws(double[][] sigmaQ, int s, long seed) {
        double[][] lq = chol(sigmaQ);
        RandomStream rng = RandomStream.of(seed);
        double[][] values = new double[s][2];
        double[] logP = new double[s], logQ = new double[s];
        double[] e = new double[2];
        for (int i = 0; i < s; i++) {
            rng.fillGaussian(e, 0, 2);
            values[i][0] = lq[0][0] * e[0];
            values[i][1] = lq[1][0] * e[0] + lq[1][1] * e[1];
            logP[i] = logNormal(values[i], SIGMA_P);
            logQ[i] = logNormal(values[i], sigmaQ);
        }
        return new Draws(
                List.of(new Draws.Quantity("a", new int[0], false), new Draws.Quantity("b", new int[0], false)),
                List.of("a", "b"),
                values,
                logP,
                logQ);
    }

    static double[][] chol(double[][] m) {
        double l00 = Math.sqrt(m[0][0]), l10 = m[1][0] / l00;
        return new double[][] {{l00, 0}, {l10, Math.sqrt(m[1][1] - l10 * l10)}};
    }

    static double logNormal(double[] x, double[][] c) {
        double det = c[0][0] * c[1][1] - c[0][1] * c[1][0];
        double q = (c[1][1] * x[0] * x[0] - 2 * c[0][1] * x[0] * x[1] + c[0][0] * x[1] * x[1]) / det;
        return -Math.log(2 * Math.PI) - 0.5 * Math.log(det) - 0.5 * q;
    }

    /**
     * hmm_example's z_star[1] (posteriordb-all) is 1.0 in every draw up to 1e-13 of rounding: its sd ratio (9e-14 vs
     * 2e-15, "42") once made the verdict "q is too wide". A constant quantity passes the sd and mean checks; a
     * quantity that really varies, however small its scale, is still judged (the 4×-too-wide q of the next test with
     * its values scaled by 1e-6).
     */
    @Test
    void aQuantityConstantUpToRoundingDoesNotWithholdTrust() {
        Draws d = draws(SIGMA_P, 4000, 3);
        double[][] v = new double[d.size()][];
        RandomStream rng = RandomStream.of(9);
        for (int i = 0; i < v.length; i++) v[i] = new double[] {d.values()[i][0], 1.0 + 1e-13 * rng.nextDouble()};
        Verdict verdict = Verdict.of(new Draws(d.quantities(), d.names(), v, d.logP(), d.logQ()));
        assertTrue(verdict.trusted(), verdict.describe());
        Draws wide = draws(new double[][] {{16, 0.5}, {0.5, 1}}, 4000, 2);
        double[][] w = new double[wide.size()][];
        for (int i = 0; i < w.length; i++) w[i] = new double[] {1e-6 * wide.values()[i][0], wide.values()[i][1]};
        Verdict small = Verdict.of(new Draws(wide.quantities(), wide.names(), w, wide.logP(), wide.logQ()));
        assertFalse(small.trusted(), small.describe());
        assertTrue(small.reasons().stream().anyMatch(r -> r.startsWith("q is too wide: sd of a is")), small.describe());
    }

    @Test
    void aQCloseToThePosteriorIsTrusted() {
        double f = 1.05 * 1.05;
        Verdict v = Verdict.of(draws(new double[][] {{f, 0.5 * f}, {0.5 * f, f}}, 4000, 1));
        assertTrue(v.trusted(), v.describe());
        assertTrue(v.khat() < 0.5, v.describe());
    }

    /** The case k̂ cannot see: q covers p generously, the ratios p/q are bounded, k̂ is small; the sd check catches it. */
    @Test
    void aFullRankQWithOneSdFourTimesTooLargeIsCaughtWhereKhatAloneMissesIt() {
        // Σ_q = Σ_p + diag(15, 0): sd of a is 4 (posterior: 1), b and the rest of the shape unchanged; Σ_q − Σ_p ⪰ 0
        Verdict v = Verdict.of(draws(new double[][] {{16, 0.5}, {0.5, 1}}, 4000, 2));
        assertTrue(v.khat() <= Verdict.MAX_KHAT, "k-hat alone would trust it: " + v.describe());
        assertFalse(v.trusted(), v.describe());
        assertTrue(v.reasons().stream().anyMatch(r -> r.startsWith("q is too wide: sd of a is")), v.describe());
        double ratio = v.checks().get(0).sdRatio();
        assertTrue(ratio > 3.5 && ratio < 4.5, "sd ratio of a " + ratio + " (exact 4)");
    }

    @Test
    void aQTooNarrowIsNotTrusted() {
        // q with sds 0.55 of p's (a mean-field q of a more strongly correlated p): k̂ flags it
        double c = 0.3;
        Verdict v = Verdict.of(draws(new double[][] {{c, 0}, {0, c}}, 4000, 3));
        assertFalse(v.trusted(), v.describe());
    }

    @Test
    void aShiftedMeanIsNotTrusted() {
        Draws d = draws(new double[][] {{1.2, 0.6}, {0.6, 1.2}}, 4000, 4);
        double[] lp = d.logP().clone();
        for (int i = 0; i < lp.length; i++)
            lp[i] = logNormal(new double[] {d.values()[i][0] - 0.3, d.values()[i][1]}, SIGMA_P);
        Verdict v = Verdict.of(new Draws(d.quantities(), d.names(), d.values(), lp, d.logQ()));
        assertFalse(v.trusted(), v.describe());
        assertTrue(v.reasons().stream().anyMatch(r -> r.startsWith("q's mean of a is")), v.describe());
    }

    @Test
    void callerReasonsWithholdTrustAndWarningsDoNot() {
        double f = 1.05 * 1.05;
        Draws d = draws(new double[][] {{f, 0.5 * f}, {0.5 * f, f}}, 4000, 1);
        assertTrue(Verdict.of(d, List.of(), List.of("restart 2 failed")).trusted());
        Verdict v = Verdict.of(d, List.of("the kept restart did not converge"), List.of());
        assertFalse(v.trusted());
        assertTrue(v.describe().contains("not trusted") && v.describe().contains("did not converge"), v.describe());
    }

    /**
     * The staged verdict's stopping rule. q = p (ratios all equal up to rounding: k̂ = −∞, ESS = S, e = 0) is settled
     * at 4,000 draws; q = p with sds 1.05× is trusted, k̂ about 0.3 at 4,000 draws (sd of k̂ there (1 + k)/√190 ≈ 0.09),
     * so k̂ + 2 sd ≈ 0.5 ≤ 0.7 and every check is more than 2 Monte Carlo sds inside its range: settled. The 4×-too-wide
     * q is not trusted with k̂ small: more draws could not make it trusted, but the rule only stops early on k̂ (or on the
     * caller's reasons), so it is not settled. The too-narrow q (sds 0.55×: k̂ about 1 − 0.3 = 0.7 in theory, larger
     * when estimated) is settled only if its k̂ is 2 sds above 0.7; a caller's reason always settles "not trusted".
     */
    @Test
    void aVerdictIsSettledOnlyFarFromItsThresholds() {
        double f = 1.05 * 1.05;
        Draws near = draws(new double[][] {{f, 0.5 * f}, {0.5 * f, f}}, 4000, 1);
        Verdict v = Verdict.of(near);
        assertTrue(v.trusted() && v.settled(near.size(), false), v.describe());
        Verdict wide = Verdict.of(draws(new double[][] {{16, 0.5}, {0.5, 1}}, 4000, 2));
        assertFalse(wide.trusted());
        assertFalse(wide.settled(4000, false), "not trusted by the sd check alone: more draws decide again");
        assertTrue(wide.settled(4000, true), "the caller withheld trust: nothing to decide");
        Verdict few = Verdict.of(draws(new double[][] {{f, 0.5 * f}, {0.5 * f, f}}, 40, 1));
        assertFalse(few.settled(40, false), "40 draws: sd of k-hat (1 + k)/sqrt(8) > 0.35, never settled trusted");
        Verdict narrow = Verdict.of(draws(new double[][] {{0.05, 0}, {0, 0.05}}, 4000, 3));
        assertFalse(narrow.trusted(), narrow.describe());
        assertTrue(
                narrow.khat() - 2 * (1 + narrow.khat()) / Math.sqrt(190) > Verdict.MAX_KHAT
                        == narrow.settled(4000, false),
                narrow.describe());
    }
}
