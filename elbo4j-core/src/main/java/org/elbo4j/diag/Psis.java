package org.elbo4j.diag;

import java.util.Arrays;

/**
 * Pareto-smoothed importance sampling (PSIS): smooths the largest importance ratios p/q by the quantiles of a
 * generalized Pareto distribution fitted to them; the fitted shape k̂ says how heavy the tail of the ratios
 * is, and so whether q can be trusted as an approximation of p (Yao et al. 2018):
 * k̂ &lt; 0.5 good; 0.5 ≤ k̂ &lt; 0.7 usable, with care; k̂ ≥ 0.7 the importance ratios have (nearly) infinite
 * variance and neither q nor the PSIS correction is reliable.
 *
 * <p>Tail length M = ⌈min(0.2·S, 3√S)⌉; the GPD is fitted by the empirical-Bayes method of Zhang &amp; Stephens
 * (2009) with the weakly informative prior toward k = 0.5 that the loo package uses (k ← (M·k + 5)/(M + 10)).
 *
 * <blockquote>A. Vehtari, D. Simpson, A. Gelman, Y. Yao and J. Gabry, "Pareto Smoothed Importance Sampling",
 * JMLR 25, 2024 (arXiv:1507.02646). Y. Yao, A. Vehtari, D. Simpson and A. Gelman, "Yes, but Did It Work?:
 * Evaluating Variational Inference", ICML 2018. J. Zhang and M. A. Stephens, "A new and efficient estimation
 * method for the generalized Pareto distribution", Technometrics 51, 2009.</blockquote>
 */
public final class Psis {
    private Psis() {}

    /**
     * The result: k̂, the smoothed log weights (normalised: log Σ exp = 0), and the verdict.
     *
     * @param k              the Pareto shape estimate; −∞ when the ratios are constant to ten digits (q equals p
     *                       up to rounding), +∞ when the fit failed
     * @param logWeights     smoothed, normalised log weights, same order as the input
     * @param tailLength     M
     */
    public record Result(double k, double[] logWeights, int tailLength) {
        /** "good" (k̂ &lt; 0.5), "ok" (&lt; 0.7) or "bad". */
        public String verdict() {
            return k < 0.5 ? "good" : k < 0.7 ? "ok" : "bad";
        }

        /** Vehtari et al.'s sample-size-dependent threshold min(1 − 1/log10(S), 0.7). */
        public double threshold() {
            return Math.min(1 - 1 / Math.log10(logWeights.length), 0.7);
        }

        /** The self-normalised PSIS estimate of E_p[f] for values f (one per draw). */
        public double expectation(double[] f) {
            if (f.length != logWeights.length) {
                throw new IllegalArgumentException(
                        "expectation: " + f.length + " values for " + logWeights.length + " weights");
            }
            double s = 0;
            for (int i = 0; i < f.length; i++) s += Math.exp(logWeights[i]) * f[i];
            return s;
        }
    }

    /**
     * Smooths log importance ratios log p(θ_s) − log q(θ_s) of S independent draws from q.
     *
     * @throws IllegalArgumentException if fewer than 10 draws or any ratio is NaN
     */
    public static Result smooth(double[] logRatios) {
        int s = logRatios.length;
        if (s < 10) throw new IllegalArgumentException("PSIS: needs at least 10 draws, got " + s);
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logRatios) {
            if (Double.isNaN(v)) throw new IllegalArgumentException("PSIS: a log ratio is NaN");
            max = Math.max(max, v);
        }
        if (max == Double.NEGATIVE_INFINITY) throw new IllegalArgumentException("PSIS: every log ratio is -inf");
        double[] lw = new double[s];
        for (int i = 0; i < s; i++) lw[i] = logRatios[i] - max; // shift: the largest is 0, no overflow
        int m = (int) Math.ceil(Math.min(0.2 * s, 3 * Math.sqrt(s)));
        Integer[] order = new Integer[s];
        for (int i = 0; i < s; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(lw[a], lw[b]));
        double cutoff = lw[order[s - m - 1]];
        double k = Double.POSITIVE_INFINITY;
        double expCut = Math.exp(cutoff);
        double[] x = new double[m];
        for (int j = 0; j < m; j++) x[j] = Math.exp(lw[order[s - m + j]]) - expCut;
        // Ratios equal to ~10 digits (q = p up to rounding, e.g. a conjugate model with an exact guide): the tail is
        // rounding noise, not a distribution to fit; report k = −∞ (a bounded tail: the best possible case).
        if (-cutoff < 1e-10) {
            k = Double.NEGATIVE_INFINITY;
        } else if (x[m - 1] > x[0] && x[0] >= 0 && cutoff > Double.NEGATIVE_INFINITY) {
            double[] fit = gpdFit(x);
            k = fit[0];
            double sigma = fit[1];
            if (Double.isFinite(k)) {
                for (int j = 0; j < m; j++) {
                    double p = (j + 0.5) / m;
                    double q = gpdQuantile(p, k, sigma);
                    lw[order[s - m + j]] = Math.min(0.0, Math.log(q + expCut)); // never above the largest raw ratio
                }
            }
        }
        double lse = logSumExp(lw);
        for (int i = 0; i < s; i++) lw[i] -= lse;
        return new Result(k, lw, m);
    }

    /** Zhang & Stephens (2009) GPD fit of exceedances x (sorted ascending, ≥ 0); returns {k, σ}. */
    static double[] gpdFit(double[] x) {
        int n = x.length;
        int prior = 3, m = 30 + (int) Math.floor(Math.sqrt(n));
        double xq = x[(int) Math.floor(n / 4.0 + 0.5) - 1], xmax = x[n - 1];
        if (!(xq > 0)) xq = Double.MIN_NORMAL;
        double[] b = new double[m], l = new double[m];
        for (int j = 0; j < m; j++) {
            b[j] = (1 - Math.sqrt(m / (j + 1 - 0.5))) / (prior * xq) + 1 / xmax;
            double kj = 0;
            for (double v : x) kj += Math.log1p(-b[j] * v);
            kj /= n;
            l[j] = n * (Math.log(-b[j] / kj) - kj - 1);
        }
        double[] w = new double[m];
        double wsum = 0;
        for (int j = 0; j < m; j++) {
            double s = 0;
            for (int i = 0; i < m; i++) s += Math.exp(l[i] - l[j]);
            w[j] = 1 / s;
            if (!(w[j] >= 10 * Math.ulp(1.0))) w[j] = 0; // drop negligible (and NaN) weights, as loo does
            wsum += w[j];
        }
        if (!(wsum > 0)) return new double[] {Double.POSITIVE_INFINITY, Double.NaN};
        double bPost = 0;
        for (int j = 0; j < m; j++) bPost += b[j] * w[j] / wsum;
        double k = 0;
        for (double v : x) k += Math.log1p(-bPost * v);
        k /= n;
        double sigma = -k / bPost;
        k = (n * k + 10 * 0.5) / (n + 10); // weakly informative prior toward 0.5 (loo's adjustment)
        if (!Double.isFinite(k) || !(sigma > 0)) return new double[] {Double.POSITIVE_INFINITY, Double.NaN};
        return new double[] {k, sigma};
    }

    /** Quantile of GPD(μ = 0, σ, k): σ·((1 − p)^{−k} − 1)/k, or −σ·log(1 − p) at k = 0. */
    static double gpdQuantile(double p, double k, double sigma) {
        if (Math.abs(k) < 1e-12) return -sigma * Math.log1p(-p);
        return sigma * Math.expm1(-k * Math.log1p(-p)) / k;
    }

    private static double logSumExp(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) m = Math.max(m, x);
        double s = 0;
        for (double x : v) s += Math.exp(x - m);
        return m + Math.log(s);
    }
}
