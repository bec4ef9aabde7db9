package org.elbo4j.math;

import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.numbers.gamma.RegularizedGamma;

/**
 * The derivative of the regularized lower incomplete gamma function P(a, x) with respect to the shape a, and
 * the implicit reparameterization gradient dx/da of a Gamma(a, 1) sample, by forward-mode differentiation of
 * the two classical expansions of P and Q = 1 − P.
 *
 * <p>With g = x^(a−1) e^(−x) / Γ(a) (the Gamma(a, 1) density, ∂P/∂x), both quantities are written through
 * a bracket B(a, x) from which g has been factored out:
 * \[ \frac{\partial P}{\partial a} = -g\,x\,B, \qquad \frac{dx}{da} = -\frac{\partial P/\partial a}{g} = x\,B. \]
 * <ul>
 * <li><b>Series</b>, for x ≤ max(1, a): P = g·x·S with S = Σₙ cₙ, c₀ = 1/a, cₙ = cₙ₋₁·x/(a+n) (DLMF 8.7.1).
 * Differentiating term by term and cancelling the 1/a² parts analytically (ψ(a) = ψ(a+1) − 1/a) gives
 * B = T′ − (log x − ψ(a+1))·S with T′ = Σₙ cₙ Hₙ′, Hₙ′ = Σₖ₌₁ⁿ 1/(a+k). The terms decrease from the start
 * because x ≤ a + n; for a ≥ 1 both parts of B are positive (no cancellation), for a &lt; 1 and x ≤ 1 they
 * cancel by at most a factor of about 3.</li>
 * <li><b>Continued fraction</b>, for x &gt; max(1, a): Q = g·x·C with Legendre's fraction
 * C = 1/(b₀ + a₁/(b₁ + a₂/(b₂ + …))), bₙ = x + 2n + 1 − a, aₙ = n(a − n) (DLMF 8.9.2). It is evaluated by
 * the modified Lentz method carrying the derivative of every quantity along (∂bₙ/∂a = −1, ∂aₙ/∂a = n),
 * and B = (log x − ψ(a))·C + ∂C/∂a, where log x − ψ(a) &gt; 0 since x &gt; a and ψ(a) &lt; log a. The fraction is scaled by 1/x (an equivalence
 * transformation) so that nothing overflows for x up to Double.MAX_VALUE. It stops when the value and the
 * derivative have both converged to a relative 2^−56.</li>
 * </ul>
 * Because g is factored out, dx/da is finite wherever x is, even where g underflows (x ≫ a) or overflows
 * (x → 0 with a &lt; 1). Both loops need O(√a) terms when x is near a (about 900 at a = 10⁴).
 *
 * <blockquote>
 * M. Figurnov, S. Mohamed, A. Mnih, "Implicit reparameterization gradients", NeurIPS 2018 (dx/da of a
 * Gamma sample; their TensorFlow implementation, Eigen's {@code igamma_der_a}, likewise differentiates the
 * series and the continued fraction).<br>
 * NIST Digital Library of Mathematical Functions, §8.7, §8.9 (2023).<br>
 * W. J. Lentz, "Generating Bessel functions in Mie scattering calculations using continued fractions",
 * Applied Optics 15(3), 1976; I. J. Thompson, A. R. Barnett, J. Comput. Phys. 64, 1986 (modified Lentz).
 * </blockquote>
 */
final class GammaShapeDerivative {
    /** Relative size of a term (or change) below which a sum (or fraction) has converged. */
    private static final double EPS = 0x1.0p-56;
    /** Replaces an exact zero in Lentz's recurrences. */
    private static final double TINY = 0x1.0p-1000;
    /** Enough for a up to about 10^10; the loops take O(√a) steps when x is near a. */
    private static final int MAX_TERMS = 10_000_000;

    private GammaShapeDerivative() {}

    /** ∂P(a, x)/∂a for a &gt; 0, x ≥ 0; NaN outside. */
    static double gammaPDerivA(double a, double x) {
        if (!(a > 0 && x >= 0) || a == Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        if (x == 0 || x == Double.POSITIVE_INFINITY) {
            return 0; // P(a, 0) = 0 and P(a, inf) = 1 for every a
        }
        if (x > Math.max(1, a)) {
            double g = RegularizedGamma.P.derivative(a, x); // finite for x > 1 (Boost's prefix, a few ulps)
            return g == 0 ? -0.0 : -g * fractionGrad(a, x);
        }
        // g·x = x^a e^-x / Gamma(a). Commons' g overflows only when x is tiny and a < 1, where the direct form
        // is accurate because every term of the exponent is small.
        double gx = RegularizedGamma.P.derivative(a, x) * x;
        if (!(gx < Double.POSITIVE_INFINITY)) {
            gx = Math.exp(a * Math.log(x) - x - LogGamma.value(a));
        }
        return gx == 0 ? -0.0 : -gx * seriesBracket(a, x);
    }

    /** dx/da for x ~ Gamma(a, 1): finite for every finite x ≥ 0; 0 at x = 0, +inf at x = +inf; NaN outside. */
    static double sampleGrad(double a, double x) {
        if (!(a > 0 && x >= 0) || a == Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        if (x == 0 || x == Double.POSITIVE_INFINITY) {
            return x; // the limits: x·B → 0 as x·log x, and dx/da grows like log x
        }
        return x > Math.max(1, a) ? fractionGrad(a, x) : x * seriesBracket(a, x);
    }

    /** B = T' − (log x − ψ(a+1))·S from the series of P; dx/da = x·B. */
    private static double seriesBracket(double a, double x) {
        double c = 1 / a;
        double s = c;
        double t = 0;
        double h = 0;
        for (int n = 1; n < MAX_TERMS; n++) {
            double an = a + n;
            c *= x / an;
            h += 1 / an;
            double ch = c * h;
            s += c;
            t += ch;
            if (c <= EPS * s && ch <= EPS * t) {
                return t - logMinusDigamma(x, a + 1) * s;
            }
        }
        return Double.NaN;
    }

    /**
     * dx/da = x·B = (log x − ψ(a))/f′ − (∂f′/∂a)/f′² from Legendre's fraction for Q, by modified Lentz. The
     * fraction is scaled by the equivalence transformation f′ = f/x (bₙ/x, aₙ/x²), so that every quantity is
     * O(1) even for x near Double.MAX_VALUE.
     */
    private static double fractionGrad(double a, double x) {
        double invX = 1 / x;
        double invX2 = invX * invX; // may underflow to 0 for huge x, where a_n/x^2 is negligible anyway
        double b0 = (x + 1 - a) * invX;
        double db = -invX; // ∂b'_n/∂a for every n
        double f = b0; // the n-th convergent of b'_0 + K(a'_n / b'_n) ...
        double df = db; // ... and its derivative in a
        double cc = f; // Lentz's C_n = A_n / A_{n-1}
        double dcc = df;
        double dd = 0; // Lentz's D_n = B_{n-1} / B_n
        double ddd = 0;
        for (int n = 1; n < MAX_TERMS; n++) {
            double an = n * (a - n) * invX2;
            double dan = n * invX2;
            double bn = b0 + 2 * n * invX;
            double u = bn + an * dd;
            double du = db + dan * dd + an * ddd;
            if (u == 0) {
                u = TINY;
            }
            dd = 1 / u;
            ddd = -du * dd * dd;
            double cPrev = cc;
            cc = bn + an / cPrev;
            dcc = db + dan / cPrev - an * dcc / (cPrev * cPrev);
            if (cc == 0) {
                cc = TINY;
            }
            double delta = cc * dd;
            double dDelta = dcc * dd + cc * ddd;
            double dfNext = df * delta + f * dDelta;
            f *= delta;
            boolean converged = Math.abs(delta - 1) <= EPS && Math.abs(dfNext - df) <= EPS * Math.abs(dfNext);
            df = dfNext;
            if (converged) {
                return logMinusDigamma(x, a) / f - df / (f * f);
            }
            if (Double.isNaN(f) || Double.isNaN(df)) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /**
     * log x − ψ(b). For b ≥ 10 and x near b both terms are close to log b; writing the difference as
     * log(x/b) + (log b − ψ(b)), with log1p((x − b)/b) when x − b is exact, keeps its relative accuracy.
     */
    private static double logMinusDigamma(double x, double b) {
        if (b < 10) {
            return Math.log(x) - Polygamma.digamma(b);
        }
        double d = x - b; // exact for b/2 <= x <= 2b (Sterbenz)
        double r = x / b;
        double logRatio = Math.abs(d) < 0.5 * b
                ? Math.log1p(d / b)
                : r >= Double.MIN_NORMAL && r <= Double.MAX_VALUE ? Math.log(r) : Math.log(x) - Math.log(b);
        return logRatio + Polygamma.logMinusDigamma(b);
    }
}
