package org.elbo4j.distributions;

import org.elbo4j.math.Special;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * The gamma log density as one fused op with closed-form partials, accurate for large shapes.
 *
 * <p>The textbook form α log β − log Γ(α) + (α − 1) log x − βx adds terms of size α log α that cancel to O(1)
 * near the mode, losing about α·ε (2.6e−12 relative at α = 10⁴). For α ≥ {@link #STIRLING_FROM} it is rewritten
 * with y = βx, u = y/α − 1 and Stirling's series log Γ(α) = (α − ½) log α − α + ½ log 2π + δ(α):
 * \[ \log p(x) = \alpha\,(\log(1 + u) - u) + \tfrac12\log\alpha - \tfrac12\log 2\pi - \delta(\alpha) - \log x, \]
 * where the first term is O(αu²) = O(1) and carries an error O(√α·ε) only. The partials are the same in both
 * regimes: ∂/∂x = (α − 1)/x − β, ∂/∂α = log(βx) − ψ(α), ∂/∂β = α/β − x.
 */
final class GammaKernels {
    private GammaKernels() {}

    /** Shapes from which the Stirling form is used (its 8-term remainder series is then below 1e−17). */
    static final double STIRLING_FROM = 10;

    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    /** B₂ₖ/(2k(2k − 1)) for k = 1..8: δ(α) = Σ c_k α^{1−2k}. */
    private static final double[] STIRLING = {
        1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188, -691.0 / 360360, 1.0 / 156, -3617.0 / 122400
    };

    /** δ(α) = log Γ(α) − (α − ½) log α + α − ½ log 2π for α ≥ {@link #STIRLING_FROM}, by its asymptotic series. */
    static double stirlingRemainder(double a) {
        double r = 1 / (a * a), s = 0, p = 1 / a;
        for (double c : STIRLING) {
            s += c * p;
            p *= r;
        }
        return s;
    }

    /** log p(x) of Gamma(α, β) at x &gt; 0, in doubles (see the class doc). */
    static double logDensity(double x, double a, double b) {
        double y = b * x;
        if (a < STIRLING_FROM) return a * Math.log(b) - Special.lgamma(a) + (a - 1) * Math.log(x) - y;
        double u = y / a - 1;
        return a * (Math.log1p(u) - u) + 0.5 * Math.log(a) - HALF_LOG_2PI - stirlingRemainder(a) - Math.log(x);
    }

    /**
     * log p(x) of Gamma(α, β), broadcasting, for x &gt; 0 (the caller masks other values).
     *
     * @return shape broadcast(x, α, β); differentiable in all three
     */
    static Tensor logDensity(Tensor x, Tensor alpha, Tensor rate) {
        Shape s = Shape.broadcast(
                "Gamma.logProb", Shape.broadcast("Gamma.logProb", x.shape(), alpha.shape()), rate.shape());
        Tensor xs = x.detach().broadcastTo(s),
                as = alpha.detach().broadcastTo(s),
                bs = rate.detach().broadcastTo(s);
        int n = s.size();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = logDensity(xs.at(i), as.at(i), bs.at(i));
        return Tensor.custom(
                "gammaLogProb",
                s,
                out,
                (g, adj) -> {
                    if (adj.wants(x)) {
                        double[] c = new double[n];
                        for (int i = 0; i < n; i++) c[i] = g[i] * ((as.at(i) - 1) / xs.at(i) - bs.at(i));
                        adj.accumulate(x, c, s);
                    }
                    if (adj.wants(alpha)) {
                        double[] c = new double[n];
                        for (int i = 0; i < n; i++)
                            c[i] = g[i] * (Math.log(bs.at(i) * xs.at(i)) - Special.digamma(as.at(i)));
                        adj.accumulate(alpha, c, s);
                    }
                    if (adj.wants(rate)) {
                        double[] c = new double[n];
                        for (int i = 0; i < n; i++) c[i] = g[i] * (as.at(i) / bs.at(i) - xs.at(i));
                        adj.accumulate(rate, c, s);
                    }
                },
                x,
                alpha,
                rate);
    }
}
