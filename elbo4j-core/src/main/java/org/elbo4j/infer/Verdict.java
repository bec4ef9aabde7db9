package org.elbo4j.infer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.elbo4j.diag.Psis;

/**
 * Whether a fitted q can be trusted, and why, in words a person can read.
 *
 * <p>From S draws θ_s ~ q with importance ratios w_s ∝ p(x, θ_s)/q(θ_s) smoothed by PSIS, q is <b>trusted</b> when all of:
 * <ol>
 *   <li><b>k̂ ≤ 0.7</b>: the ratios' tail is light enough for importance sampling (Yao et al. 2018). k̂ sees a q that
 *       is too <i>narrow</i> (it misses posterior mass), but not one that is too wide: when q covers p generously
 *       the ratios are bounded and k̂ is small whatever the width;</li>
 *   <li><b>q's sd of each scalar within [0.8, 1.25] × its PSIS-corrected sd</b> √(Σ w_s (θ_s − θ̃)²): the corrected
 *       sd is a consistent estimate of the posterior sd whenever k̂ is small, so this catches the q that is too
 *       wide (a full-rank q with one sd 4× too large has k̂ near 0 but an sd ratio near 4);</li>
 *   <li><b>|mean of q − PSIS-corrected mean| ≤ 0.1 corrected sd</b> for each scalar: q's mean agrees with the
 *       importance-weighted one;</li>
 *   <li><b>the effective sample size</b> 1/Σ w_s² of the weights is at least 100, so that 2 and 3 are measured
 *       to a few percent;</li>
 *   <li>and whatever the caller adds about how q was found (restarts that disagree, a run that did not converge).</li>
 * </ol>
 * The thresholds 0.1 and [0.8, 1.25] are the accuracy asked of a trusted answer in docs/accuracy.md.
 *
 * @param trusted   all checks passed
 * @param reasons   why not trusted (empty when trusted)
 * @param warnings  facts that do not by themselves withhold trust (e.g. a restart that failed)
 * @param khat      Pareto k̂
 * @param ess       effective sample size of the PSIS weights
 * @param checks    one per scalar quantity
 */
public record Verdict(
        boolean trusted, List<String> reasons, List<String> warnings, double khat, double ess, List<Check> checks) {
    /** The k̂ above which q is not trusted. */
    public static final double MAX_KHAT = 0.7;
    /** The largest |mean of q − corrected mean| / corrected sd of a trusted q. */
    public static final double MAX_MEAN_SHIFT = 0.1;
    /** The sd ratio range of a trusted q. */
    public static final double MIN_SD_RATIO = 0.8, MAX_SD_RATIO = 1.25;
    /**
     * A scalar whose sds (q's and the importance-weighted one) and mean difference are all below this × max(1, |mean|)
     * is constant up to rounding, and passes the sd and mean checks.
     */
    public static final double CONSTANT = 1e-9;
    /** The smallest effective sample size of the weights at which the checks are believed. */
    public static final double MIN_ESS = 100;

    /**
     * One scalar: q's mean and sd from the draws, the PSIS-corrected ones, the shift of the mean in corrected sds
     * and the sd ratio q sd / corrected sd.
     */
    public record Check(
            String name, double mean, double sd, double psisMean, double psisSd, double meanShift, double sdRatio) {}

    /** Judges q from its draws alone (no information on how it was found). */
    public static Verdict of(Draws draws) {
        return of(draws, List.of(), List.of());
    }

    /**
     * Judges q from its draws, adding the caller's reasons and warnings.
     *
     * @throws IllegalArgumentException if there are fewer than 10 draws
     */
    public static Verdict of(Draws draws, List<String> extraReasons, List<String> extraWarnings) {
        List<String> reasons = new ArrayList<>(extraReasons), warnings = new ArrayList<>(extraWarnings);
        double[] lr = draws.logRatios();
        boolean finite = true;
        for (double v : lr) finite &= !Double.isNaN(v) && v != Double.POSITIVE_INFINITY;
        if (!finite) {
            reasons.add(
                    "log p − log q is NaN or +∞ at some draws of q: the model's density is undefined where q puts mass");
            return new Verdict(false, List.copyOf(reasons), List.copyOf(warnings), Double.NaN, 0, List.of());
        }
        Psis.Result psis;
        try {
            psis = Psis.smooth(lr);
        } catch (IllegalArgumentException e) {
            reasons.add("PSIS could not be computed: " + e.getMessage());
            return new Verdict(false, List.copyOf(reasons), List.copyOf(warnings), Double.NaN, 0, List.of());
        }
        double k = psis.k();
        double[] w = new double[lr.length];
        double sumSq = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.exp(psis.logWeights()[i]);
            sumSq += w[i] * w[i];
        }
        double ess = 1 / sumSq;
        List<Check> checks = new ArrayList<>();
        for (int j = 0; j < draws.names().size(); j++) {
            double m = 0, pm = 0;
            int n = draws.size();
            for (int i = 0; i < n; i++) {
                double x = draws.values()[i][j];
                m += x / n;
                pm += w[i] * x;
            }
            double ss = 0, pss = 0;
            for (int i = 0; i < n; i++) {
                double x = draws.values()[i][j];
                ss += (x - m) * (x - m);
                pss += w[i] * (x - pm) * (x - pm);
            }
            double sd = Math.sqrt(ss / (n - 1)), psd = Math.sqrt(pss);
            // a quantity that is constant up to rounding (a generated quantity such as an HMM's first state, 1.0 in
            // every draw with 1e-13 of noise): its sds are rounding error, their ratio says nothing about q
            double tiny = CONSTANT * Math.max(1, Math.max(Math.abs(m), Math.abs(pm)));
            boolean constant = sd <= tiny && psd <= tiny && Math.abs(m - pm) <= tiny;
            double shift = constant ? 0 : psd > 0 ? Math.abs(m - pm) / psd : Double.POSITIVE_INFINITY;
            double ratio = constant ? 1 : psd > 0 ? sd / psd : Double.POSITIVE_INFINITY;
            checks.add(new Check(draws.names().get(j), m, sd, pm, psd, shift, ratio));
        }
        if (!(k <= MAX_KHAT)) {
            reasons.add(String.format(
                    Locale.ROOT,
                    "Pareto k-hat %.2f > %.1f: q misses part of the posterior (too narrow"
                            + " or the wrong shape), so neither q nor importance weighting can be relied on",
                    k,
                    MAX_KHAT));
        }
        if (ess < MIN_ESS) {
            reasons.add(String.format(
                    Locale.ROOT,
                    "the importance weights' effective sample size is %.0f of %d draws"
                            + " (< %.0f): q and the posterior overlap too little to check q",
                    ess,
                    lr.length,
                    MIN_ESS));
        }
        Check wide = null, narrow = null, shifted = null;
        for (Check c : checks) {
            if (c.sdRatio() > MAX_SD_RATIO && (wide == null || c.sdRatio() > wide.sdRatio())) wide = c;
            if (c.sdRatio() < MIN_SD_RATIO && (narrow == null || c.sdRatio() < narrow.sdRatio())) narrow = c;
            if (c.meanShift() > MAX_MEAN_SHIFT && (shifted == null || c.meanShift() > shifted.meanShift())) shifted = c;
        }
        if (wide != null) {
            reasons.add(String.format(
                    Locale.ROOT,
                    "q is too wide: sd of %s is %.2f x its importance-weighted sd (%.4g"
                            + " vs %.4g; trusted range %.2f-%.2f)",
                    wide.name(),
                    wide.sdRatio(),
                    wide.sd(),
                    wide.psisSd(),
                    MIN_SD_RATIO,
                    MAX_SD_RATIO));
        }
        if (narrow != null) {
            reasons.add(String.format(
                    Locale.ROOT,
                    "q is too narrow: sd of %s is %.2f x its importance-weighted sd (%.4g" + " vs %.4g)",
                    narrow.name(),
                    narrow.sdRatio(),
                    narrow.sd(),
                    narrow.psisSd()));
        }
        if (shifted != null) {
            reasons.add(String.format(
                    Locale.ROOT,
                    "q's mean of %s is %.2f sd from its importance-weighted mean (%.4g vs"
                            + " %.4g; trusted up to %.2f)",
                    shifted.name(),
                    shifted.meanShift(),
                    shifted.mean(),
                    shifted.psisMean(),
                    MAX_MEAN_SHIFT));
        }
        return new Verdict(reasons.isEmpty(), List.copyOf(reasons), List.copyOf(warnings), k, ess, List.copyOf(checks));
    }

    /**
     * Whether more draws of q would, in all likelihood, leave this verdict as it is: the Monte Carlo error of each
     * quantity it was decided by is small beside its distance to the threshold. With M = ⌈min(0.2·S, 3√S)⌉ tail
     * draws (Psis) the sd of k̂ is about (1 + k)/√M (the asymptotic sd of the generalised Pareto shape's estimate);
     * the difference between q's mean of a scalar and its importance-weighted mean, in sds, has a Monte Carlo sd of
     * about e = √(1/ESS − 1/S) (0 when the weights are equal), and the log sd ratio about the same. Settled when
     * <ul>
     *   <li>trusted, k̂ + 2·sd(k̂) ≤ {@link #MAX_KHAT}, the ESS at least twice {@link #MIN_ESS}, and every scalar's
     *       mean shift + 2e ≤ {@link #MAX_MEAN_SHIFT} and sd ratio within [0.8, 1.25] by a factor e^{2e} either
     *       side;</li>
     *   <li>or not trusted with k̂ − 2·sd(k̂) &gt; {@link #MAX_KHAT}, or not trusted for a reason the draws do not
     *       decide ({@code decidedElsewhere}: how q was found, e.g. restarts that disagree).</li>
     * </ul>
     *
     * @param draws            S, the number of draws the verdict was computed from
     * @param decidedElsewhere the caller withheld trust whatever the draws say
     */
    public boolean settled(int draws, boolean decidedElsewhere) {
        if (decidedElsewhere && !trusted) return true;
        if (Double.isNaN(khat) || draws < 10) return false;
        int m = (int) Math.ceil(Math.min(0.2 * draws, 3 * Math.sqrt(draws)));
        double k = khat == Double.NEGATIVE_INFINITY ? 0 : khat;
        double sdK = (1 + Math.max(k, 0)) / Math.sqrt(m);
        if (!trusted) return khat - 2 * sdK > MAX_KHAT;
        if (khat + 2 * sdK > MAX_KHAT || ess < 2 * MIN_ESS) return false;
        double e = Math.sqrt(Math.max(0, 1 / ess - 1.0 / draws));
        double lo = MIN_SD_RATIO * Math.exp(2 * e), hi = MAX_SD_RATIO * Math.exp(-2 * e);
        for (Check c : checks) {
            if (c.meanShift() + 2 * e > MAX_MEAN_SHIFT || c.sdRatio() < lo || c.sdRatio() > hi) return false;
        }
        return true;
    }

    /** A verdict with no draws to judge (every restart failed). */
    static Verdict failed(List<String> reasons, List<String> warnings) {
        return new Verdict(false, List.copyOf(reasons), List.copyOf(warnings), Double.NaN, 0, List.of());
    }

    /** The check with the largest mean shift, or null when there are none. */
    public Check worstMeanShift() {
        Check w = null;
        for (Check c : checks) if (w == null || c.meanShift() > w.meanShift()) w = c;
        return w;
    }

    /** The check whose sd ratio is farthest from 1 (on the log scale), or null when there are none. */
    public Check worstSdRatio() {
        Check w = null;
        for (Check c : checks)
            if (w == null || Math.abs(Math.log(c.sdRatio())) > Math.abs(Math.log(w.sdRatio()))) w = c;
        return w;
    }

    /** "trusted" or "not trusted". */
    public String label() {
        return trusted ? "trusted" : "not trusted";
    }

    /** The verdict in a few lines: the label with k̂, then each reason and warning on its own line. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        Check ms = worstMeanShift(), sr = worstSdRatio();
        sb.append(String.format(
                Locale.ROOT,
                "verdict: %s (k-hat %s, ESS %.0f",
                label(),
                Double.isNaN(khat)
                        ? "n/a"
                        : khat == Double.NEGATIVE_INFINITY ? "-inf" : String.format(Locale.ROOT, "%.2f", khat),
                ess));
        if (ms != null) {
            sb.append(String.format(
                    Locale.ROOT,
                    "; q vs importance-weighted: worst mean shift %.3f sd (%s), sd ratio %.2f (%s)",
                    ms.meanShift(),
                    ms.name(),
                    sr.sdRatio(),
                    sr.name()));
        }
        sb.append(')');
        for (String r : reasons) sb.append("\n  - ").append(r);
        for (String w : warnings) sb.append("\n  ! ").append(w);
        return sb.toString();
    }
}
