package org.elbo4j.distributions;

import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.LogGamma;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * Log mass functions of the count families (Poisson, Binomial, NegativeBinomial), accurate for large counts, as
 * fused ops with closed-form partials.
 *
 * <p><b>Why not k·log λ − λ − log k!:</b> for λ = k = 10⁶ the three terms are ~10⁷ and the result is −7.8, so the
 * naive sum keeps only ~9 of its 16 digits. Loader's saddle-point form writes the mass with the deviance term
 * bd0(x, m) = x·log(x/m) + m − x (evaluated by a series when x ≈ m) and Stirling's error
 * stirlerr(n) = log n! − log(√(2πn)(n/e)ⁿ), both small and computed without cancellation (as R's dpois, dbinom
 * and dnbinom do). The partials are the plain closed forms (k/λ − 1, …), which have no cancellation problem.
 *
 * <blockquote>C. Loader, "Fast and Accurate Computation of Binomial Probabilities", 2000 (the algorithm of R's
 * dbinom_raw and dpois_raw).</blockquote>
 */
final class CountKernels {
    private CountKernels() {}

    private static final double LN_2PI = Math.log(2 * Math.PI);
    private static final double S0 = 1.0 / 12, S1 = 1.0 / 360, S2 = 1.0 / 1260, S3 = 1.0 / 1680, S4 = 1.0 / 1188;

    /**
     * stirlerr(n) = log Γ(n + 1) − (n + ½)·log n + n − ½·log 2π for real n > 0: directly for n ≤ 15 (the terms
     * are ≤ 45, so the absolute error stays ~1e−14), else Stirling's series (error below the next term, < 1e−17).
     */
    static double stirlerr(double n) {
        if (n <= 15) return LogGamma.value(n + 1) - (n + 0.5) * Math.log(n) + n - 0.5 * LN_2PI;
        double nn = n * n;
        if (n > 500) return (S0 - S1 / nn) / n;
        if (n > 80) return (S0 - (S1 - S2 / nn) / nn) / n;
        if (n > 35) return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
        return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n;
    }

    /**
     * bd0(x, m) = x·log(x/m) + m − x ≥ 0; when |x − m| < 0.1(x + m) by the series
     * (x − m)·v + 2x·Σ_{j≥1} v^{2j+1}/(2j + 1), v = (x − m)/(x + m), whose terms all have one sign.
     */
    static double bd0(double x, double m) {
        if (Math.abs(x - m) < 0.1 * (x + m)) {
            double v = (x - m) / (x + m), s = (x - m) * v;
            if (Math.abs(s) < Double.MIN_NORMAL) return s;
            double ej = 2 * x * v;
            v *= v;
            for (int j = 1; j < 1000; j++) {
                ej *= v;
                double s1 = s + ej / (2 * j + 1);
                if (s1 == s) return s1;
                s = s1;
            }
        }
        return x * Math.log(x / m) + m - x;
    }

    /** log Poisson(x; λ) for an integer x ≥ 0 and λ > 0. */
    static double logPoisson(double x, double lam) {
        if (x == 0) return -lam;
        if (lam < x * Double.MIN_NORMAL) return -lam + x * Math.log(lam) - LogGamma.value(x + 1); // bd0 would overflow
        return -stirlerr(x) - bd0(x, lam) - 0.5 * (LN_2PI + Math.log(x));
    }

    /**
     * log C(n, x)·p^x·q^{n−x} with n = x + nmx, for x, nmx ≥ 0 (real: the negative binomial calls it with x = r,
     * nmx = k). n − x is passed rather than n so that it is exact (k + r − r is not). p + q = 1 are given
     * separately so that neither loses its tail; 0·log 0 = 0.
     */
    static double logBinomial(double x, double nmx, double p, double q) {
        if (p == 0) return x == 0 ? 0 : Double.NEGATIVE_INFINITY;
        if (q == 0) return nmx == 0 ? 0 : Double.NEGATIVE_INFINITY;
        double n = x + nmx;
        if (x == 0) {
            if (n == 0) return 0;
            return p < 0.1 ? -bd0(n, n * q) - n * p : n * Math.log(q);
        }
        if (nmx == 0) return q < 0.1 ? -bd0(n, n * p) - n * q : n * Math.log(p);
        double lc = stirlerr(n) - stirlerr(x) - stirlerr(nmx) - bd0(x, n * p) - bd0(nmx, n * q);
        // log(2π·x·(n − x)/n); R's log1p(−x/n) loses digits when x/n ≈ 1 (1 − x/n is rounded), log(nmx/n) does not
        double lf = LN_2PI + Math.log(x) + Math.log(nmx / n);
        return lc - 0.5 * lf;
    }

    /**
     * Poisson log mass k·log λ − λ − log k!, broadcasting; ∂/∂λ = k/λ − 1.
     *
     * @param rate λ, may be on a tape
     * @param k    counts (data), already cleaned of values outside the support
     */
    static Tensor poisson(Tensor rate, Tensor k) {
        Shape s = Shape.broadcast("Poisson.logProb", rate.shape(), k.shape());
        Tensor lam = rate.shape().equals(s) ? rate : rate.broadcastTo(s);
        Tensor kv = k.shape().equals(s) ? k : k.broadcastTo(s);
        int n = s.size();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = logPoisson(kv.at(i), lam.at(i));
        return Tensor.custom(
                "poissonLogProb",
                s,
                out,
                (g, adj) -> {
                    double[] gl = adj.of(lam);
                    for (int i = 0; i < n; i++) gl[i] += g[i] * (kv.at(i) / lam.at(i) - 1);
                },
                lam);
    }

    /**
     * Binomial log mass, broadcasting, from probabilities or logits (exactly one non-null). ∂/∂p = k/p − (n − k)/q,
     * ∂/∂ℓ = k·σ(−ℓ) − (n − k)·σ(ℓ) (= k − n·σ(ℓ)); a zero count contributes 0.
     *
     * @param n     total counts (data)
     * @param k     counts (data), cleaned, ≤ n
     */
    static Tensor binomial(Tensor n, Tensor k, Tensor probs, Tensor logits) {
        Tensor param = probs != null ? probs : logits;
        Shape s = Shape.broadcast(
                "Binomial.logProb", Shape.broadcast("Binomial.logProb", n.shape(), k.shape()), param.shape());
        Tensor nv = n.broadcastTo(s), kv = k.broadcastTo(s), t = param.shape().equals(s) ? param : param.broadcastTo(s);
        int size = s.size();
        double[] out = new double[size], p = new double[size], q = new double[size];
        for (int i = 0; i < size; i++) {
            double x = t.at(i);
            p[i] = probs != null ? x : LogitKernels.sigmoid(x);
            q[i] = probs != null ? 1 - x : LogitKernels.sigmoid(-x);
            out[i] = logBinomial(kv.at(i), nv.at(i) - kv.at(i), p[i], q[i]);
        }
        return Tensor.custom(
                "binomialLogProb",
                s,
                out,
                (g, adj) -> {
                    double[] gt = adj.of(t);
                    for (int i = 0; i < size; i++) {
                        double a = kv.at(i), b = nv.at(i) - a;
                        double d = probs != null
                                ? (a == 0 ? 0 : a / p[i]) - (b == 0 ? 0 : b / q[i])
                                : (a == 0 ? 0 : a * q[i]) - (b == 0 ? 0 : b * p[i]);
                        gt[i] += g[i] * d;
                    }
                },
                t);
    }

    /**
     * Negative binomial log mass log Γ(k + r) − log Γ(r) − log k! + k·log p + r·log q (torch's convention, q = 1 −
     * p), broadcasting, via R's dnbinom: log(r/(r + k)) + logBinomial(x = r, n − x = k; q, p). Partials: ∂/∂r = ψ(k + r) −
     * ψ(r) + log q; ∂/∂p = k/p − r/q; ∂/∂ℓ = k·σ(−ℓ) − r·σ(ℓ).
     *
     * @param r     total count, may be on a tape
     * @param k     counts (data), cleaned
     */
    static Tensor negativeBinomial(Tensor r, Tensor k, Tensor probs, Tensor logits) {
        Tensor param = probs != null ? probs : logits;
        Shape s = Shape.broadcast(
                "NegativeBinomial.logProb",
                Shape.broadcast("NegativeBinomial.logProb", r.shape(), k.shape()),
                param.shape());
        Tensor rv = r.shape().equals(s) ? r : r.broadcastTo(s), kv = k.broadcastTo(s);
        Tensor t = param.shape().equals(s) ? param : param.broadcastTo(s);
        int size = s.size();
        double[] out = new double[size], p = new double[size], q = new double[size];
        for (int i = 0; i < size; i++) {
            double x = t.at(i), ri = rv.at(i), ki = kv.at(i);
            p[i] = probs != null ? x : LogitKernels.sigmoid(x);
            q[i] = probs != null ? 1 - x : LogitKernels.sigmoid(-x);
            out[i] = Math.log(ri / (ri + ki)) + logBinomial(ri, ki, q[i], p[i]);
        }
        return Tensor.custom(
                "negativeBinomialLogProb",
                s,
                out,
                (g, adj) -> {
                    double[] gr = adj.of(rv), gt = adj.of(t);
                    for (int i = 0; i < size; i++) {
                        double ki = kv.at(i), ri = rv.at(i);
                        if (gr != null) {
                            double logQ = probs != null
                                    ? Math.log1p(-t.at(i))
                                    : -org.elbo4j.tensor.FastMath.softplus(t.at(i));
                            gr[i] += g[i] * (ki == 0 ? logQ : Digamma.value(ki + ri) - Digamma.value(ri) + logQ);
                        }
                        if (gt != null) {
                            double d = probs != null
                                    ? (ki == 0 ? 0 : ki / p[i]) - ri / q[i]
                                    : (ki == 0 ? 0 : ki * q[i]) - ri * p[i];
                            gt[i] += g[i] * d;
                        }
                    }
                },
                rv,
                t);
    }
}
