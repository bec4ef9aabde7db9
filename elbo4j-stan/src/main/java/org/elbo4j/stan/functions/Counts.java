package org.elbo4j.stan.functions;

import org.elbo4j.distributions.Binomial;
import org.elbo4j.distributions.Poisson;
import org.elbo4j.math.Special;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.tensor.TensorData;

/**
 * Stan's count distributions {@code binomial}, {@code binomial_logit}, {@code poisson}, {@code poisson_log},
 * {@code neg_binomial_2}, {@code neg_binomial_2_log}:
 * \[ \log \mathrm{Binomial}(n \mid N, \theta) = \log\binom{N}{n} + n\log\theta + (N-n)\log(1-\theta), \]
 * \[ \log \mathrm{Poisson}(n \mid \lambda) = n\log\lambda - \lambda - \log n!, \]
 * \[ \log \mathrm{NegBinomial2}(n \mid \mu, \phi) = \log\binom{n+\phi-1}{n} + n\log\frac{\mu}{\mu+\phi}
 *    + \phi\log\frac{\phi}{\mu+\phi}. \]
 * The {@code int} overloads of the outcome are single outcomes, broadcast like scalars.
 */
public final class Counts {
    private Counts() {}

    private static int[] one(int n) {
        return new int[] {n};
    }

    // ------------------------------------------------------------------ binomial

    /** {@code binomial_lpmf(n | N, theta)}, single outcome. */
    public static Tensor binomialLpmf(int n, int bigN, Tensor theta) {
        return binomial("binomial_lpmf", one(n), false, one(bigN), false, theta, false);
    }

    /**
     * {@code binomial_lpmf(n | N, theta)}, one tape node.
     *
     * @throws StanDomainException if N &lt; 0, n outside [0, N], theta outside [0, 1], or sizes differ
     */
    public static Tensor binomialLpmf(int[] n, int[] bigN, Tensor theta) {
        return binomial("binomial_lpmf", n, true, bigN, true, theta, false);
    }

    /** {@code binomial_lpmf(n | N, theta)} with one population size for all outcomes. */
    public static Tensor binomialLpmf(int[] n, int bigN, Tensor theta) {
        return binomial("binomial_lpmf", n, true, one(bigN), false, theta, false);
    }

    /** {@code binomial_logit_lpmf(n | N, alpha)}, single outcome. */
    public static Tensor binomialLogitLpmf(int n, int bigN, Tensor alpha) {
        return binomial("binomial_logit_lpmf", one(n), false, one(bigN), false, alpha, true);
    }

    /**
     * {@code binomial_logit_lpmf(n | N, alpha)} with θ = logit⁻¹(α), one tape node.
     *
     * @throws StanDomainException if N &lt; 0, n outside [0, N], alpha not finite, or sizes differ
     */
    public static Tensor binomialLogitLpmf(int[] n, int[] bigN, Tensor alpha) {
        return binomial("binomial_logit_lpmf", n, true, bigN, true, alpha, true);
    }

    /** {@code binomial_logit_lpmf(n | N, alpha)} with one population size. */
    public static Tensor binomialLogitLpmf(int[] n, int bigN, Tensor alpha) {
        return binomial("binomial_logit_lpmf", n, true, one(bigN), false, alpha, true);
    }

    private static Tensor binomial(String fn, int[] n, boolean nc, int[] bigN, boolean bc, Tensor p, boolean logit) {
        String pName = logit ? "Probability parameter" : "Probability parameter";
        int size = Check.size(
                fn, "Successes variable", nc ? n : null, "Population size parameter", bc ? bigN : null, pName, p);
        Check.nonnegative(fn, "Population size parameter", bigN, bc);
        int ns = nc ? 1 : 0, bs = bc ? 1 : 0;
        for (int i = 0; i < size && n.length > 0 && bigN.length > 0; i++) {
            if (n[i * ns] < 0 || n[i * ns] > bigN[i * bs]) {
                throw Check.failInt(
                        fn, "Successes variable", nc, i, n[i * ns], "in the interval [0, " + bigN[i * bs] + "]");
            }
        }
        if (logit) Check.finite(fn, pName, p);
        else Check.bounded(fn, pName, p, 0, 1);
        if (n.length == 0 || bigN.length == 0 || p.size() == 0) return Tensor.scalar(0);
        double[] pv = TensorData.readOnly(p);
        int ps = Fused.stride(p);
        double[] dp = Fused.partials(p);
        double lp = 0;
        for (int i = 0; i < size; i++) {
            int k = n[i * ns], tot = bigN[i * bs];
            double v = pv[i * ps];
            lp += Special.logBinomial(tot, k);
            if (logit) {
                // n log σ(α) + (N − n) log σ(−α); d/dα = n − N σ(α)
                lp += k * Special.logSigmoid(v) + (tot - k) * Special.logSigmoid(-v);
                if (dp != null) dp[i * ps] += k - tot * Special.sigmoid(v);
            } else {
                if (k > 0) lp += k * Math.log(v);
                if (tot - k > 0) lp += (tot - k) * Math.log1p(-v);
                if (dp != null) {
                    if (k > 0) dp[i * ps] += k / v;
                    if (tot - k > 0) dp[i * ps] -= (tot - k) / (1 - v);
                }
            }
        }
        return Fused.scalar(fn, lp, p, dp);
    }

    /** {@code binomial_rng(N, theta)}. */
    public static int binomialRng(RandomStream rng, int bigN, Tensor theta) {
        String fn = "binomial_rng";
        Check.nonnegative(fn, "Population size parameter", one(bigN), false);
        Check.bounded(fn, "Probability parameter", theta, 0, 1);
        return (int) Binomial.ofProbs(bigN, Check.scalar(fn, "Probability parameter", theta))
                .sample(rng)
                .item();
    }

    /** {@code binomial_rng(N, theta)} vectorised: one draw per element. */
    public static int[] binomialRngs(RandomStream rng, int[] bigN, Tensor theta) {
        String fn = "binomial_rng";
        int size = Check.size(fn, "Population size parameter", bigN, "Probability parameter", theta);
        Check.nonnegative(fn, "Population size parameter", bigN, true);
        Check.bounded(fn, "Probability parameter", theta, 0, 1);
        double[] tv = TensorData.readOnly(theta);
        int ts = Fused.stride(theta);
        int[] out = new int[size];
        for (int i = 0; i < size; i++)
            out[i] = (int) Binomial.ofProbs(bigN[i], tv[i * ts]).sample(rng).item();
        return out;
    }

    /** {@code binomial_rng(N, thetas)} with one population size. */
    public static int[] binomialRngs(RandomStream rng, int bigN, Tensor theta) {
        int[] ns = new int[theta.size()];
        java.util.Arrays.fill(ns, bigN);
        return binomialRngs(rng, ns, theta);
    }

    // ------------------------------------------------------------------ poisson

    /** {@code poisson_lpmf(n | lambda)}, single outcome. */
    public static Tensor poissonLpmf(int n, Tensor lambda) {
        return poisson("poisson_lpmf", one(n), false, lambda, false);
    }

    /**
     * {@code poisson_lpmf(n | lambda)}, one tape node; −∞ when λ = ∞, or λ = 0 with some n &gt; 0.
     *
     * @throws StanDomainException if some n or lambda is negative (or lambda NaN), or sizes differ
     */
    public static Tensor poissonLpmf(int[] n, Tensor lambda) {
        return poisson("poisson_lpmf", n, true, lambda, false);
    }

    /** {@code poisson_log_lpmf(n | alpha)}, single outcome. */
    public static Tensor poissonLogLpmf(int n, Tensor alpha) {
        return poisson("poisson_log_lpmf", one(n), false, alpha, true);
    }

    /**
     * {@code poisson_log_lpmf(n | alpha)}: Poisson with log rate α, Σ nα − e^α − log n!, one tape node.
     *
     * @throws StanDomainException if some n is negative, alpha NaN, or sizes differ
     */
    public static Tensor poissonLogLpmf(int[] n, Tensor alpha) {
        return poisson("poisson_log_lpmf", n, true, alpha, true);
    }

    private static Tensor poisson(String fn, int[] n, boolean nc, Tensor rate, boolean log) {
        String rName = log ? "Log rate parameter" : "Rate parameter";
        int size = Check.size(fn, "Random variable", nc ? n : null, rName, rate);
        Check.nonnegative(fn, "Random variable", n, nc);
        if (log) Check.notNan(fn, rName, rate);
        else Check.nonnegative(fn, rName, rate);
        if (n.length == 0 || rate.size() == 0) return Tensor.scalar(0);
        double[] rv = TensorData.readOnly(rate);
        int ns = nc ? 1 : 0, rs = Fused.stride(rate);
        for (int i = 0; i < size; i++) {
            double r = rv[i * rs];
            int k = n[i * ns];
            boolean impossible = log
                    ? r == Double.POSITIVE_INFINITY || (r == Double.NEGATIVE_INFINITY && k != 0)
                    : r == Double.POSITIVE_INFINITY || (r == 0 && k != 0);
            if (impossible) return Tensor.scalar(Double.NEGATIVE_INFINITY);
        }
        double[] dr = Fused.partials(rate);
        double lp = 0;
        for (int i = 0; i < size; i++) {
            double r = rv[i * rs];
            int k = n[i * ns];
            lp -= Special.lgamma(k + 1.0);
            if (log) {
                double e = Math.exp(r);
                lp += (k == 0 ? 0 : k * r) - e;
                if (dr != null) dr[i * rs] += k - e;
            } else {
                lp += (k == 0 ? 0 : k * Math.log(r)) - r;
                if (dr != null) dr[i * rs] += k / r - 1;
            }
        }
        return Fused.scalar(fn, lp, rate, dr);
    }

    /** {@code poisson_rng(lambda)}. */
    public static int poissonRng(RandomStream rng, Tensor lambda) {
        String fn = "poisson_rng";
        Check.positive(fn, "Rate parameter", lambda);
        return (int) Poisson.of(Check.scalar(fn, "Rate parameter", lambda))
                .sample(rng)
                .item();
    }

    /** {@code poisson_rng(lambdas)}: one draw per element. */
    public static int[] poissonRngs(RandomStream rng, Tensor lambda) {
        Check.positive("poisson_rng", "Rate parameter", lambda);
        double[] v = TensorData.readOnly(lambda);
        int[] out = new int[v.length];
        for (int i = 0; i < out.length; i++)
            out[i] = (int) Poisson.of(v[i]).sample(rng).item();
        return out;
    }

    /** {@code poisson_log_rng(alpha)}: a Poisson draw with rate e^α. */
    public static int poissonLogRng(RandomStream rng, Tensor alpha) {
        String fn = "poisson_log_rng";
        Check.finite(fn, "Log rate parameter", alpha);
        return (int) Poisson.of(Math.exp(Check.scalar(fn, "Log rate parameter", alpha)))
                .sample(rng)
                .item();
    }

    /** {@code poisson_log_rng(alphas)}: one draw per element. */
    public static int[] poissonLogRngs(RandomStream rng, Tensor alpha) {
        Check.finite("poisson_log_rng", "Log rate parameter", alpha);
        double[] v = TensorData.readOnly(alpha);
        int[] out = new int[v.length];
        for (int i = 0; i < out.length; i++)
            out[i] = (int) Poisson.of(Math.exp(v[i])).sample(rng).item();
        return out;
    }

    // ------------------------------------------------------------------ negative binomial

    /** {@code neg_binomial_2_lpmf(n | mu, phi)}, single outcome. */
    public static Tensor negBinomial2Lpmf(int n, Tensor mu, Tensor phi) {
        return negBinomial2("neg_binomial_2_lpmf", one(n), false, mu, phi, false);
    }

    /**
     * {@code neg_binomial_2_lpmf(n | mu, phi)} (mean μ, precision φ), one tape node.
     *
     * @throws StanDomainException if some n is negative, mu or phi not positive finite, or sizes differ
     */
    public static Tensor negBinomial2Lpmf(int[] n, Tensor mu, Tensor phi) {
        return negBinomial2("neg_binomial_2_lpmf", n, true, mu, phi, false);
    }

    /** {@code neg_binomial_2_log_lpmf(n | eta, phi)}, single outcome. */
    public static Tensor negBinomial2LogLpmf(int n, Tensor eta, Tensor phi) {
        return negBinomial2("neg_binomial_2_log_lpmf", one(n), false, eta, phi, true);
    }

    /**
     * {@code neg_binomial_2_log_lpmf(n | eta, phi)}: {@code neg_binomial_2} with μ = e^η, one tape node.
     *
     * @throws StanDomainException if some n is negative, eta not finite, phi not positive finite, or sizes differ
     */
    public static Tensor negBinomial2LogLpmf(int[] n, Tensor eta, Tensor phi) {
        return negBinomial2("neg_binomial_2_log_lpmf", n, true, eta, phi, true);
    }

    private static Tensor negBinomial2(String fn, int[] n, boolean nc, Tensor mu, Tensor phi, boolean log) {
        String mName = log ? "Log location parameter" : "Location parameter";
        int size = Check.size(fn, "Failures variable", nc ? n : null, mName, mu, "Precision parameter", phi);
        Check.nonnegative(fn, "Failures variable", n, nc);
        if (log) Check.finite(fn, mName, mu);
        else Check.positiveFinite(fn, mName, mu);
        Check.positiveFinite(fn, "Precision parameter", phi);
        if (n.length == 0 || mu.size() == 0 || phi.size() == 0) return Tensor.scalar(0);
        double[] mv = TensorData.readOnly(mu), pv = TensorData.readOnly(phi);
        int ns = nc ? 1 : 0, ms = Fused.stride(mu), ps = Fused.stride(phi);
        double[] dm = Fused.partials(mu), dp = Fused.partials(phi);
        double lp = 0;
        for (int i = 0; i < size; i++) {
            int k = n[i * ns];
            double m = log ? Math.exp(mv[i * ms]) : mv[i * ms], f = pv[i * ps];
            double logMu = log ? mv[i * ms] : Math.log(m);
            double logMuPhi = log ? Special.logAddExp(logMu, Math.log(f)) : Math.log(m + f);
            double binom = Special.lgamma(k + f) - Special.lgamma(k + 1.0) - Special.lgamma(f);
            lp += binom + (k == 0 ? 0 : k * (logMu - logMuPhi)) + f * (Math.log(f) - logMuPhi);
            double dmu = k / m - (k + f) / (m + f);
            if (dm != null) dm[i * ms] += log ? dmu * m : dmu;
            if (dp != null) {
                dp[i * ps] += Special.digamma(k + f) - Special.digamma(f) + Math.log(f) - logMuPhi + (m - k) / (m + f);
            }
        }
        return Fused.scalar(fn, lp, mu, dm, phi, dp);
    }

    /** {@code neg_binomial_2_rng(mu, phi)}: Poisson(Gamma(φ, φ/μ)). */
    public static int negBinomial2Rng(RandomStream rng, Tensor mu, Tensor phi) {
        String fn = "neg_binomial_2_rng";
        Check.positiveFinite(fn, "Location parameter", mu);
        Check.positiveFinite(fn, "Precision parameter", phi);
        double m = Check.scalar(fn, "Location parameter", mu), f = Check.scalar(fn, "Precision parameter", phi);
        double lambda = Gammas.standardGamma(rng, f) * m / f;
        return lambda == 0 ? 0 : (int) Poisson.of(lambda).sample(rng).item();
    }

    /** {@code neg_binomial_lpmf(n | alpha, beta)}, single outcome. */
    public static Tensor negBinomialLpmf(int n, Tensor alpha, Tensor beta) {
        return negBinomial(one(n), false, alpha, beta);
    }

    /**
     * {@code neg_binomial_lpmf(n | alpha, beta)} (shape α, inverse scale β):
     * Σ log C(n + α − 1, n) + α log(β/(1 + β)) − n log(1 + β), one tape node.
     *
     * @throws StanDomainException if some n is negative, alpha or beta not positive finite, or sizes differ
     */
    public static Tensor negBinomialLpmf(int[] n, Tensor alpha, Tensor beta) {
        return negBinomial(n, true, alpha, beta);
    }

    private static Tensor negBinomial(int[] n, boolean nc, Tensor alpha, Tensor beta) {
        String fn = "neg_binomial_lpmf";
        int size = Check.size(
                fn, "Failures variable", nc ? n : null, "Shape parameter", alpha, "Inverse scale parameter", beta);
        Check.nonnegative(fn, "Failures variable", n, nc);
        Check.positiveFinite(fn, "Shape parameter", alpha);
        Check.positiveFinite(fn, "Inverse scale parameter", beta);
        if (n.length == 0 || alpha.size() == 0 || beta.size() == 0) return Tensor.scalar(0);
        double[] av = TensorData.readOnly(alpha), bv = TensorData.readOnly(beta);
        int ns = nc ? 1 : 0, as = Fused.stride(alpha), bs = Fused.stride(beta);
        double[] da = Fused.partials(alpha), db = Fused.partials(beta);
        double lp = 0;
        for (int i = 0; i < size; i++) {
            int k = n[i * ns];
            double a = av[i * as], b = bv[i * bs], l1b = Math.log1p(b);
            lp += Special.lgamma(k + a)
                    - Special.lgamma(k + 1.0)
                    - Special.lgamma(a)
                    + a * (Math.log(b) - l1b)
                    - k * l1b;
            if (da != null) da[i * as] += Special.digamma(k + a) - Special.digamma(a) + Math.log(b) - l1b;
            if (db != null) db[i * bs] += a / b - (a + k) / (1 + b);
        }
        return Fused.scalar(fn, lp, alpha, da, beta, db);
    }

    /** {@code neg_binomial_rng(alpha, beta)}: Poisson(Gamma(α, β)). */
    public static int negBinomialRng(RandomStream rng, Tensor alpha, Tensor beta) {
        String fn = "neg_binomial_rng";
        Check.positiveFinite(fn, "Shape parameter", alpha);
        Check.positiveFinite(fn, "Inverse scale parameter", beta);
        double lambda = Gammas.standardGamma(rng, Check.scalar(fn, "Shape parameter", alpha))
                / Check.scalar(fn, "Inverse scale parameter", beta);
        return lambda == 0 ? 0 : (int) Poisson.of(lambda).sample(rng).item();
    }

    /** {@code neg_binomial_2_log_rng(eta, phi)}: {@code neg_binomial_2_rng(exp(eta), phi)}. */
    public static int negBinomial2LogRng(RandomStream rng, Tensor eta, Tensor phi) {
        Check.finite("neg_binomial_2_log_rng", "Log-location parameter", eta);
        return negBinomial2Rng(rng, eta.exp().detach(), phi);
    }
}
