package org.elbo4j.math;

/**
 * Digamma ψ(x) = d/dx log Γ(x) and trigamma ψ'(x), to a few ulps on the whole real line.
 *
 * <p>Method: for x ≥ 10 the asymptotic series (DLMF 5.11.2 and its derivative) with Bernoulli numbers to
 * B₁₄ / B₁₈; for 0 &lt; x &lt; 10 the recurrences ψ(x) = ψ(x+1) − 1/x and ψ'(x) = ψ'(x+1) + 1/x² (at most
 * ten steps); for x &lt; 0 the reflections ψ(1−x) − ψ(x) = π cot(πx) and ψ'(x) + ψ'(1−x) = π²/sin²(πx),
 * with the argument of cot and sin reduced exactly to [−½, ½]. Near the positive root x₀ = 1.4616… of ψ,
 * where the recurrence would lose relative accuracy, ψ(x) = d/(x·x₀) + Σₖ eₖ dᵏ with d = x − x₀ formed in
 * double-double and eₖ = ψ⁽ᵏ⁾(x₀+1)/k!, so ψ keeps full relative accuracy through its zero. Commons
 * Numbers' {@code Digamma} and {@code Trigamma} are not used: they recur up to 49 steps and lose relative
 * accuracy near the root.
 *
 * <blockquote>
 * NIST Digital Library of Mathematical Functions, §5.5, §5.11, §5.15 (2023).
 * </blockquote>
 */
final class Polygamma {
    /** Asymptotic regime: beyond 10 the series below reaches double precision. */
    private static final double ASYMPTOTIC = 10;
    /** The positive root of ψ, as a double-double (mpmath findroot(digamma, 1.46), 40 digits). */
    private static final double X0_HI = 1.4616321449683622;

    private static final double X0_LO = 9.549995429965697e-17;
    /** Half-width of the band around x₀ where the Taylor series is used. */
    private static final double ROOT_BAND = 0.2;
    /**
     * eₖ = ψ⁽ᵏ⁾(x₀ + 1)/k!, k = 1..16. mpmath 1.2.1, mp.dps = 40:
     * {@code [float(mp.psi(k, x0 + 1) / mp.factorial(k)) for k in range(1, 17)]}. The first omitted term,
     * e₁₇ d¹⁷ at |d| = 0.2, is 1.2e-19.
     */
    private static final double[] ROOT_TAYLOR = {
        0.49958821066342546, -0.12251567278862602, 0.03939709733579885, -0.014039965293930434,
        0.00526559187211755, -0.0020324818225491725, 0.0007983109588290198, -0.0003170368244016943,
        0.0001268167281965579, -5.097190255450742e-05, 2.055414125395239e-05, -8.306859775003972e-06,
        3.3623594458438883e-06, -1.3624395717959079e-06, 5.524792977920754e-07, -2.241523416103308e-07,
    };

    private Polygamma() {}

    static double digamma(double x) {
        if (!(x > 0)) {
            if (Double.isNaN(x) || x == Math.rint(x)) {
                return Double.NaN; // poles at 0, -1, -2, ... (and -inf): the sign of the limit is undefined
            }
            // Reflection: ψ(x) = ψ(1 - x) - π cot(πx). cot has period 1 and r = x - rint(x) in [-1/2, 1/2] is
            // exact; for |r| > 1/4 use cot(πr) = sign(r) tan(π(1/2 - |r|)), exact at r = ±1/2 where cot is 0.
            double r = x - Math.rint(x);
            double cot = Math.abs(r) <= 0.25
                    ? 1 / Math.tan(Math.PI * r)
                    : Math.copySign(Math.tan(Math.PI * (0.5 - Math.abs(r))), r);
            return digamma(1 - x) - Math.PI * cot;
        }
        if (Math.abs(x - X0_HI) < ROOT_BAND) {
            double d = (x - X0_HI) - X0_LO; // x - X0_HI is exact (Sterbenz)
            double p = ROOT_TAYLOR[ROOT_TAYLOR.length - 1];
            for (int k = ROOT_TAYLOR.length - 2; k >= 0; k--) {
                p = p * d + ROOT_TAYLOR[k];
            }
            return d / (x * X0_HI) + d * p;
        }
        double acc = 0;
        while (x < ASYMPTOTIC) {
            acc -= 1 / x;
            x += 1;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return x;
        }
        return acc + (Math.log(x) - logMinusDigamma(x));
    }

    /**
     * log x − ψ(x) for x ≥ 10 by its asymptotic series 1/(2x) + Σₖ B₂ₖ/(2k x²ᵏ), k = 1..7 (DLMF 5.11.2), with
     * full relative accuracy: the difference of two nearly equal numbers without the cancellation.
     */
    static double logMinusDigamma(double x) {
        double z = 1 / (x * x);
        double tail = z
                * (1.0 / 12
                        + z
                                * (-1.0 / 120
                                        + z
                                                * (1.0 / 252
                                                        + z
                                                                * (-1.0 / 240
                                                                        + z
                                                                                * (1.0 / 132
                                                                                        + z
                                                                                                * (-691.0 / 32760
                                                                                                        + z
                                                                                                                * (1.0
                                                                                                                        / 12)))))));
        return 0.5 / x + tail;
    }

    static double trigamma(double x) {
        if (!(x > 0)) {
            if (Double.isNaN(x) || x == Double.NEGATIVE_INFINITY) {
                return Double.NaN;
            }
            if (x == Math.rint(x)) {
                return Double.POSITIVE_INFINITY; // double poles: +inf from both sides
            }
            // Reflection: ψ'(x) = π² / sin²(πx) - ψ'(1 - x); sin² has period 1 and r = x - rint(x) is exact.
            double s = Math.sin(Math.PI * (x - Math.rint(x)));
            return Math.PI * Math.PI / (s * s) - trigamma(1 - x);
        }
        double acc = 0;
        while (x < ASYMPTOTIC) {
            acc += 1 / (x * x);
            x += 1;
        }
        double r = 1 / x;
        double z = r * r;
        // 1/x + 1/(2x²) + Σ B_2k / x^(2k+1), k = 1..9
        double tail = z
                * (1.0 / 6
                        + z
                                * (-1.0 / 30
                                        + z
                                                * (1.0 / 42
                                                        + z
                                                                * (-1.0 / 30
                                                                        + z
                                                                                * (5.0 / 66
                                                                                        + z
                                                                                                * (-691.0 / 2730
                                                                                                        + z
                                                                                                                * (7.0
                                                                                                                                / 6
                                                                                                                        + z
                                                                                                                                * (-3617.0
                                                                                                                                                / 510
                                                                                                                                        + z
                                                                                                                                                * (43867.0
                                                                                                                                                        / 798)))))))));
        return acc + r * (1 + r * 0.5 + tail);
    }
}
