package org.elbo4j.cavi;

import org.elbo4j.distributions.Gamma;
import org.elbo4j.math.Special;
import org.elbo4j.random.RandomStream;

/**
 * A gamma factor q(τ) = Gamma(τ | a, b) with shape a (often written α, {@code concentration}) and rate b
 * (β, {@code rate}), as a variational factor or a prior:
 * \[ \log q(\tau) = a\log b - \log\Gamma(a) + (a-1)\log\tau - b\tau, \quad \tau > 0. \]
 *
 * <p><b>Exponential family.</b> Sufficient statistics T(τ) = (log τ, τ), natural parameters
 * η = (a − 1, −b); expected sufficient statistics E[log τ] = ψ(a) − log b, E[τ] = a/b. A conjugate update adds
 * the expected statistics that τ's complete conditional collects to the prior's η ({@link #fromNatural}).
 *
 * <p><b>ELBO terms.</b> E_q[log Gamma(τ | a₀, b₀)] = a₀ log b₀ − log Γ(a₀) + (a₀ − 1) E[log τ] − b₀ E[τ];
 * entropy H[q] = a − log b + log Γ(a) + (1 − a) ψ(a).
 *
 * <pre>{@code
 * GammaFactor prior = GammaFactor.of(1, 1);
 * GammaFactor q = GammaFactor.fromNatural(prior.naturalShape() + n / 2.0, prior.naturalRate() - 0.5 * sumSq);
 * double term = q.expectedLogProb(prior) + q.entropy();   // = −KL(q ‖ prior)
 * }</pre>
 */
public final class GammaFactor {
    private final double a, b;

    private GammaFactor(double a, double b) {
        this.a = a;
        this.b = b;
    }

    /**
     * @param concentration a > 0
     * @param rate b > 0
     * @return Gamma(a, b)
     * @throws IllegalArgumentException if a or b is not > 0 and finite
     */
    public static GammaFactor of(double concentration, double rate) {
        return new GammaFactor(
                Dense.checkPositive(concentration, "Gamma concentration"), Dense.checkPositive(rate, "Gamma rate"));
    }

    /**
     * From natural parameters η = (a − 1, −b).
     *
     * @param eta1 a − 1, > −1
     * @param eta2 −b, &lt; 0
     * @return Gamma(η₁ + 1, −η₂)
     * @throws IllegalArgumentException if the result is not a proper gamma distribution
     */
    public static GammaFactor fromNatural(double eta1, double eta2) {
        return of(eta1 + 1, -eta2);
    }

    /** @return a (concentration) */
    public double concentration() {
        return a;
    }

    /** @return b (rate) */
    public double rate() {
        return b;
    }

    /** @return η₁ = a − 1, the natural parameter paired with log τ */
    public double naturalShape() {
        return a - 1;
    }

    /** @return η₂ = −b, the natural parameter paired with τ */
    public double naturalRate() {
        return -b;
    }

    /** @return E[τ] = a/b */
    public double mean() {
        return a / b;
    }

    /** @return E[log τ] = ψ(a) − log b */
    public double meanLog() {
        return Special.digamma(a) - Math.log(b);
    }

    /** @return Var[τ] = a/b² */
    public double variance() {
        return a / (b * b);
    }

    /** @return H[q] = a − log b + log Γ(a) + (1 − a) ψ(a) */
    public double entropy() {
        return a - Math.log(b) + Special.lgamma(a) + (1 - a) * Special.digamma(a);
    }

    /**
     * E_q[log p(τ)] for p = Gamma(a₀, b₀).
     *
     * @param p the density whose log is averaged; not modified
     * @return a₀ log b₀ − log Γ(a₀) + (a₀ − 1) E[log τ] − b₀ E[τ]
     */
    public double expectedLogProb(GammaFactor p) {
        return p.a * Math.log(p.b) - Special.lgamma(p.a) + (p.a - 1) * meanLog() - p.b * mean();
    }

    /** @return KL(q ‖ p) = −E_q[log p] − H[q] ≥ 0 */
    public double kl(GammaFactor p) {
        return -expectedLogProb(p) - entropy();
    }

    /**
     * log q(τ).
     *
     * @param tau a value; −∞ when τ ≤ 0
     * @return the log density
     */
    public double logDensity(double tau) {
        if (!(tau > 0)) return Double.NEGATIVE_INFINITY;
        return a * Math.log(b) - Special.lgamma(a) + (a - 1) * Math.log(tau) - b * tau;
    }

    /** One draw (Marsaglia–Tsang through {@link org.elbo4j.distributions.Gamma}); the stream advances. */
    public double sample(RandomStream rng) {
        return Gamma.of(a, b).sample(rng).item();
    }

    @Override
    public String toString() {
        return "Gamma(concentration=" + a + ", rate=" + b + ")";
    }
}
