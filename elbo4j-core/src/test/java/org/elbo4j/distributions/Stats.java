package org.elbo4j.distributions;

import java.util.Arrays;
import org.apache.commons.numbers.gamma.InverseErfc;
import org.apache.commons.numbers.gamma.RegularizedGamma;

/** Test statistics and critical values for the contract tests. */
final class Stats {
    private Stats() {}

    /** The upper quantile z with P(N(0,1) > z) = p, for 0 < p < 1. */
    static double normalUpperQuantile(double p) {
        return Math.sqrt(2) * InverseErfc.value(2 * p);
    }

    /**
     * The two-sided Bonferroni multiplier: |error| ≤ k·SE for each of {@code m} approximately normal estimates
     * holds jointly with probability ≥ 1 − alpha, k = z_{alpha/(2m)}.
     */
    static double bonferroniK(double alpha, int m) {
        return normalUpperQuantile(alpha / (2.0 * Math.max(1, m)));
    }

    /**
     * The one-sample Kolmogorov–Smirnov statistic of probability-integral-transformed draws u_i = F(x_i)
     * against U(0, 1): D = max_i max(i/n − u_(i), u_(i) − (i−1)/n). Not modified.
     */
    static double ksStatistic(double[] u) {
        double[] s = u.clone();
        Arrays.sort(s);
        int n = s.length;
        double d = 0;
        for (int i = 0; i < n; i++) {
            d = Math.max(d, Math.max((i + 1.0) / n - s[i], s[i] - (double) i / n));
        }
        return d;
    }

    /** Kolmogorov's limiting tail Q(λ) = P(√n·D > λ) = 2 Σ_{k≥1} (−1)^{k−1} exp(−2k²λ²). */
    static double kolmogorovTail(double lambda) {
        if (lambda < 0.2) return 1;
        double s = 0;
        for (int k = 1; k <= 100; k++) {
            double term = Math.exp(-2.0 * k * k * lambda * lambda);
            s += (k % 2 == 1 ? term : -term);
            if (term < 1e-18) break;
        }
        return Math.min(1, 2 * s);
    }

    /**
     * The critical value c with P(D_n > c) = p under the null, from Kolmogorov's limit with Stephens' finite-n
     * correction D·(√n + 0.12 + 0.11/√n) (accurate to a few percent in p for n ≥ 35).
     *
     * <blockquote>M. A. Stephens, "EDF statistics for goodness of fit and some comparisons", JASA 69 (1974)
     * 730–737.</blockquote>
     */
    static double ksCritical(int n, double p) {
        double lo = 0.2, hi = 10;
        for (int i = 0; i < 200; i++) {
            double mid = 0.5 * (lo + hi);
            if (kolmogorovTail(mid) > p) lo = mid;
            else hi = mid;
        }
        double rn = Math.sqrt(n);
        return 0.5 * (lo + hi) / (rn + 0.12 + 0.11 / rn);
    }

    /** The critical value c of χ²(dof) with P(X > c) = p, by bisection on the regularized upper gamma Q(dof/2, c/2). */
    static double chiSquareCritical(int dof, double p) {
        double lo = 0, hi = dof + 100 + 20 * Math.sqrt(dof);
        for (int i = 0; i < 200; i++) {
            double mid = 0.5 * (lo + hi);
            if (RegularizedGamma.Q.value(0.5 * dof, 0.5 * mid) > p) lo = mid;
            else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    /** Sample mean. */
    static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    /** Unbiased sample variance. */
    static double variance(double[] x) {
        double m = mean(x), s = 0;
        for (double v : x) s += (v - m) * (v - m);
        return s / (x.length - 1);
    }
}
