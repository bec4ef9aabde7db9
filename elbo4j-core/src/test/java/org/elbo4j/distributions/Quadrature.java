package org.elbo4j.distributions;

import java.util.PriorityQueue;

/**
 * Globally adaptive Gauss–Kronrod (G7/K15) quadrature for the contract tests: expectations, moments and
 * entropies of univariate families, and the exact gradients that the Monte Carlo gradient estimates are
 * checked against.
 *
 * <p>Infinite ends are mapped to a finite range around a centre c and scale s supplied by the caller
 * (two-sided: x = c + s·t/(1−t²), t ∈ (−1, 1); one-sided: x = a + s·t/(1−t), t ∈ [0, 1)), so that a peak of
 * width 1e−3 or 1e3 is still resolved, after a smoothing step at the infinite ends (see {@code map}). A piece
 * too narrow to bisect in doubles keeps its error estimate in the total, so the caller sees non-convergence. The range is first cut into {@link #INITIAL_PIECES} pieces (so the
 * 15 first nodes cannot all miss a narrow peak) and then the interval with the largest error estimate
 * |K15 − G7| is bisected until the total estimate is below max(absTol, relTol·∫|f|). K15 nodes never touch an endpoint,
 * so integrable endpoint singularities (Kumaraswamy with a < 1) are handled by repeated bisection.
 *
 * <blockquote>R. Piessens, E. de Doncker-Kapenga, C. Überhuber, D. Kahaner, "QUADPACK", Springer, 1983
 * (routines QK15, QAGS, QAGI).</blockquote>
 */
final class Quadrature {
    private Quadrature() {}

    /** Pieces of the initial partition of the (mapped) range. */
    static final int INITIAL_PIECES = 16;
    /** The most intervals before giving up (the result then carries its larger error estimate). */
    static final int MAX_INTERVALS = 20_000;

    /** Evaluates the integrand at many points at once: {@code out[i] = f(x[i])}. */
    @FunctionalInterface
    interface Integrand {
        void eval(double[] x, double[] out);
    }

    /**
     * An integral, its error estimate (sum over intervals of |K15 − G7|), the integral of |f| (the scale that
     * relative tolerances refer to, so that an integral of 0 converges) and the number of intervals used.
     */
    record Result(double value, double error, double absIntegral, int intervals) {}

    // Kronrod nodes (descending, last = 0) and weights, Gauss 7-point weights for nodes 1, 3, 5, 7 (QUADPACK qk15).
    private static final double[] XGK = {
        0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
        0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
        0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
        0.207784955007898467600689403773245, 0.0
    };
    private static final double[] WGK = {
        0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
        0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
        0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
        0.204432940075298892414161999234649, 0.209482141084727828012999174891714
    };
    private static final double[] WG = {
        0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
        0.381830050505118944950369775488975, 0.417959183673469387755102040816327
    };

    private record Piece(double lo, double hi, double value, double error, double abs) {}

    /**
     * ∫_a^b f(x) dx with a, b possibly infinite.
     *
     * @param center where the mass is (used for infinite ends), e.g. a median
     * @param scale  its spread (> 0), e.g. an interquartile range
     * @throws IllegalStateException if the integrand returns NaN
     */
    static Result integrate(
            Integrand f, double a, double b, double center, double scale, double absTol, double relTol) {
        if (!(a < b)) throw new IllegalArgumentException("integrate: need a < b, got [" + a + ", " + b + "]");
        if (!(scale > 0) || !Double.isFinite(scale)) scale = 1;
        Mapped g;
        double tlo, thi;
        if (Double.isInfinite(a) && Double.isInfinite(b)) {
            g = new Mapped(f, 2, center, scale);
            tlo = -1;
            thi = 1;
        } else if (Double.isInfinite(b)) {
            g = new Mapped(f, 1, a, scale);
            tlo = 0;
            thi = 1;
        } else if (Double.isInfinite(a)) {
            g = new Mapped(f, -1, b, scale);
            tlo = 0;
            thi = 1;
        } else {
            g = new Mapped(f, 0, a, b - a);
            tlo = 0;
            thi = 1;
        }
        PriorityQueue<Piece> q = new PriorityQueue<>((p, r) -> Double.compare(r.error, p.error));
        double frozenValue = 0, frozenError = 0, frozenAbs = 0; // pieces too narrow to bisect in doubles
        double h = (thi - tlo) / INITIAL_PIECES;
        for (int i = 0; i < INITIAL_PIECES; i++) {
            double lo = tlo + i * h, hi = i == INITIAL_PIECES - 1 ? thi : tlo + (i + 1) * h;
            q.add(g.kronrod(lo, hi));
        }
        while (true) {
            double value = frozenValue, error = frozenError, abs = frozenAbs;
            for (Piece p : q) {
                value += p.value;
                error += p.error;
                abs += p.abs;
            }
            if (error <= Math.max(absTol, relTol * abs) || q.isEmpty() || q.size() >= MAX_INTERVALS) {
                return new Result(value, error, abs, q.size());
            }
            Piece worst = q.poll();
            double mid = 0.5 * (worst.lo + worst.hi);
            if (!(mid > worst.lo && mid < worst.hi)) { // cannot bisect further: its error stays in the total
                frozenValue += worst.value;
                frozenError += worst.error;
                frozenAbs += worst.abs;
                continue;
            }
            q.add(g.kronrod(worst.lo, mid));
            q.add(g.kronrod(mid, worst.hi));
        }
    }

    /** The integrand after the change of variables, times its Jacobian. */
    private static final class Mapped {
        final Integrand f;
        final int kind; // 0 finite, 2 two-sided infinite, 1 [a, ∞), -1 (−∞, b]
        final double c, s;
        final double[] x = new double[15], fx = new double[15], jac = new double[15];

        Mapped(Integrand f, int kind, double c, double s) {
            this.f = f;
            this.kind = kind;
            this.c = c;
            this.s = s;
        }

        Piece kronrod(double lo, double hi) {
            double mid = 0.5 * (lo + hi), half = 0.5 * (hi - lo);
            for (int j = 0; j < 7; j++) {
                map(j, mid - half * XGK[j]);
                map(14 - j, mid + half * XGK[j]);
            }
            map(7, mid);
            f.eval(x, fx);
            double k = 0, gs = 0, ka = 0;
            for (int i = 0; i < 15; i++) {
                double v = fx[i] == 0 ? 0 : fx[i] * jac[i]; // 0·∞ at a far node counts as 0
                if (Double.isNaN(v)) {
                    throw new IllegalStateException("integrand is NaN at x = " + x[i]);
                }
                int j = i < 7 ? i : i == 7 ? 7 : 14 - i;
                k += WGK[j] * v;
                ka += WGK[j] * Math.abs(v);
                if (j % 2 == 1) gs += WG[j / 2] * v;
            }
            return new Piece(lo, hi, k * half, Math.abs((k - gs) * half), ka * half);
        }

        /**
         * Node v of the integration variable → x and dx/dv, through a smoothing step whose derivative vanishes at
         * both ends of the range (finite or one-sided: t = 3v² − 2v³ on [0, 1]; two-sided: t = (3v − v³)/2 on
         * [−1, 1]). It turns an endpoint singularity like x^−1/2 and, after the map to an infinite end, a tail as
         * heavy as |x|^−1.5 into bounded integrands. 1 − t and 1 + t are computed in factored form from 1 − v and
         * 1 + v, so x reaches ~1e32·s before the node rounds to the end.
         */
        private void map(int i, double v) {
            switch (kind) {
                case 0 -> { // [a, b]: x = a + (b − a)·t
                    double u = 1 - v, t = v * v * (3 - 2 * v), dt = 6 * v * u;
                    x[i] = c + s * t;
                    jac[i] = s * dt;
                }
                case 2 -> {
                    double um = 1 - v, up = 1 + v;
                    double t = 0.5 * v * (3 - v * v), dt = 1.5 * um * up;
                    double d = 0.25 * um * um * (2 + v) * up * up * (2 - v); // (1 − t)(1 + t)
                    x[i] = c + s * t / d;
                    jac[i] = s * (1 + t * t) / (d * d) * dt;
                }
                default -> {
                    double um = 1 - v, t = v * v * (3 - 2 * v), dt = 6 * v * um;
                    double w = um * um * (1 + 2 * v); // 1 − t
                    x[i] = kind == 1 ? c + s * t / w : c - s * t / w;
                    jac[i] = s / (w * w) * dt;
                }
            }
        }
    }
}
