package org.elbo4j.distributions;

import org.elbo4j.math.Special;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;

/**
 * Draws of the standard gamma distribution Gamma(α, 1), with implicit reparameterization gradients: the
 * engine behind {@link Gamma}, {@link Beta}, {@link Dirichlet}, {@link ChiSquared}, {@link InverseGamma} and
 * {@link StudentT}'s chi-squared.
 *
 * <p><b>Sampling (Marsaglia–Tsang).</b> For α ≥ 1, with d = α − ⅓ and c = 1/√(9d): draw ε ~ N(0, 1) until
 * v = (1 + cε)³ &gt; 0, then u ~ U(0, 1); accept x = d·v if u &lt; 1 − 0.0331ε⁴ (squeeze) or
 * log u &lt; ½ε² + d(1 − v + log v). For α &lt; 1 the boost G(α) = G(α + 1)·U^{1/α} (log: log G(α + 1) + (log U)/α).
 *
 * <p><b>Implicit gradient (Figurnov, Mohamed &amp; Mnih 2018).</b> Holding the CDF level u = P(α, x) fixed,
 * \[ \frac{dx}{d\alpha} = -\frac{\partial P(\alpha, x)/\partial\alpha}{\partial P(\alpha, x)/\partial x}, \]
 * computed by {@link Special#standardGammaSampleGrad}. In log space (Beta, Dirichlet), d log x/dα =
 * (dx/dα)/x; where x would underflow (α ≪ 1), the leading term of the series of P as x → 0,
 * P ≈ x^α/Γ(α + 1), gives d log x/dα = (ψ(α + 1) − log x)/α with relative error O(x).
 *
 * <p><b>Underflow.</b> For α &lt; 1 a draw below the smallest normal double (2.2e−308) has probability
 * about 2.2e−308^α/Γ(α + 1): 8e−4 at α = 0.01, 0.5 at α = 0.001. {@link #draws} clamps such a draw to
 * {@link Double#MIN_NORMAL} (it must stay in the support (0, ∞)); {@link #logDraws} keeps its exact logarithm,
 * so compositions that only need ratios (Beta, Dirichlet) are unaffected.
 *
 * <blockquote>G. Marsaglia and W. W. Tsang, "A simple method for generating gamma variables", ACM Transactions on
 * Mathematical Software 26(3), 363–372, 2000.<br>
 * M. Figurnov, S. Mohamed and A. Mnih, "Implicit Reparameterization Gradients", NeurIPS 2018.</blockquote>
 */
final class StandardGamma {
    private StandardGamma() {}

    /** Below this a draw's d log x/dα uses the x → 0 limit (the ratio (dx/dα)/x loses precision in subnormals). */
    private static final double TINY_X = 1e-250;

    /**
     * One draw of Gamma(a, 1) by Marsaglia–Tsang (boosted for a &lt; 1); may underflow to 0 for a ≪ 1.
     *
     * @param rng advanced. Modified.
     */
    static double draw(RandomStream rng, double a) {
        if (a < 1) {
            double u = rng.nextOpenUnit();
            return draw(rng, a + 1) * Math.pow(u, 1 / a);
        }
        double d = a - 1.0 / 3, c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x, v;
            do {
                x = rng.nextGaussian();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = rng.nextOpenUnit();
            double x2 = x * x;
            if (u < 1 - 0.0331 * x2 * x2) return d * v;
            if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
        }
    }

    /**
     * log of one draw of Gamma(a, 1): the same random numbers and draw as {@link #draw}, but the boost for a &lt; 1
     * is applied in log space, so it never underflows.
     *
     * @param rng advanced. Modified.
     */
    static double logDraw(RandomStream rng, double a) {
        if (a < 1) {
            double u = rng.nextOpenUnit();
            return logDraw(rng, a + 1) + Math.log(u) / a;
        }
        return Math.log(draw(rng, a)); // a ≥ 1: the draw is a normal double (d·v with d ≥ 2/3)
    }

    /** d log x/dα at a draw x = exp(logX) of Gamma(a, 1) (see the class doc). */
    static double logDrawGrad(double a, double logX) {
        double x = Math.exp(logX);
        if (x > TINY_X) return Special.standardGammaSampleGrad(a, x) / x;
        return (Special.digamma(a + 1) - logX) / a;
    }

    /**
     * Draws x ~ Gamma(α, 1), one per entry of {@code alpha}, recorded with the implicit gradient dx/dα when
     * {@code alpha} is on a tape.
     *
     * @param alpha the shapes, already of the draw's shape. Not modified.
     * @param rng   advanced. Modified.
     * @return x, the shape of {@code alpha}; entries ≥ {@link Double#MIN_NORMAL}
     */
    static Tensor draws(RandomStream rng, Tensor alpha) {
        int n = alpha.size();
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = Math.max(draw(rng, alpha.at(i)), Double.MIN_NORMAL);
        return Tensor.custom(
                "standardGamma",
                alpha.shape(),
                x,
                (g, adj) -> {
                    double[] ga = adj.of(alpha);
                    if (ga == null) return;
                    for (int i = 0; i < n; i++) ga[i] += g[i] * Special.standardGammaSampleGrad(alpha.at(i), x[i]);
                },
                alpha);
    }

    /**
     * Draws log x for x ~ Gamma(α, 1), one per entry of {@code alpha}, recorded with the implicit gradient
     * d log x/dα when {@code alpha} is on a tape.
     *
     * @param alpha the shapes, already of the draw's shape. Not modified.
     * @param rng   advanced. Modified.
     * @return log x, the shape of {@code alpha} (finite)
     */
    static Tensor logDraws(RandomStream rng, Tensor alpha) {
        int n = alpha.size();
        double[] lx = new double[n];
        for (int i = 0; i < n; i++) lx[i] = logDraw(rng, alpha.at(i));
        return Tensor.custom(
                "logStandardGamma",
                alpha.shape(),
                lx,
                (g, adj) -> {
                    double[] ga = adj.of(alpha);
                    if (ga == null) return;
                    for (int i = 0; i < n; i++) ga[i] += g[i] * logDrawGrad(alpha.at(i), lx[i]);
                },
                alpha);
    }
}
