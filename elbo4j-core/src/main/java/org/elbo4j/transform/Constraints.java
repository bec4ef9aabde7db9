package org.elbo4j.transform;

import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * The constraints used by elbo4j's distributions, as constants and factories. Each is a value with
 * equals/hashCode, so it can key the {@link Bijectors} registry.
 *
 * <pre>{@code
 * Constraints.POSITIVE.contains(Tensor.of(1, 2));          // true
 * Constraints.interval(0, 1).contains(Tensor.scalar(1.5));  // false
 * Bijectors.bijectTo(Constraints.POSITIVE);                  // exp
 * }</pre>
 */
public final class Constraints {
    private Constraints() {}

    /** All reals (finite). */
    public static final Constraint REAL = elementwise("real", x -> Double.isFinite(x));
    /** x > 0. */
    public static final Constraint POSITIVE = greaterThan(0);
    /** x ≥ 0. */
    public static final Constraint NON_NEGATIVE = greaterThanEq(0);
    /** 0 ≤ x ≤ 1. */
    public static final Constraint UNIT_INTERVAL = interval(0, 1);
    /** Integers ≥ 0 (finite: +∞ is not a count, though {@code Math.rint(∞) == ∞}). */
    public static final Constraint NON_NEGATIVE_INTEGER =
            discrete("nonNegativeInteger", x -> x >= 0 && x == Math.rint(x) && x < Double.POSITIVE_INFINITY);
    /** 0 or 1. */
    public static final Constraint BOOLEAN = discrete("boolean", x -> x == 0 || x == 1);
    /** Vectors with non-negative entries summing to 1 (tolerance 1e-6). */
    public static final Constraint SIMPLEX = new Simplex();
    /** Lower-triangular matrices with a positive diagonal. */
    public static final Constraint LOWER_CHOLESKY = new Matrix("lowerCholesky", Matrix.LOWER_CHOLESKY);
    /** Cholesky factors of correlation matrices: lower-triangular, positive diagonal, unit-norm rows. */
    public static final Constraint CORRELATION_CHOLESKY = new Matrix("correlationCholesky", Matrix.CORR_CHOLESKY);
    /** Symmetric positive-definite matrices. */
    public static final Constraint POSITIVE_DEFINITE = new Matrix("positiveDefinite", Matrix.PD);
    /** Vectors with finite, strictly increasing entries (Stan's {@code ordered[K]}), along the last dimension. */
    public static final Constraint ORDERED = new Ordered();

    /** x > lo. */
    public static Constraint greaterThan(double lo) {
        return new Bounded("greaterThan(" + lo + ")", lo, Double.POSITIVE_INFINITY, false);
    }
    /** x ≥ lo. */
    public static Constraint greaterThanEq(double lo) {
        return new Bounded("greaterThanEq(" + lo + ")", lo, Double.POSITIVE_INFINITY, true);
    }
    /** x &lt; hi. */
    public static Constraint lessThan(double hi) {
        return new Bounded("lessThan(" + hi + ")", Double.NEGATIVE_INFINITY, hi, false);
    }
    /**
     * lo ≤ x ≤ hi.
     *
     * @throws IllegalArgumentException unless lo &lt; hi
     */
    public static Constraint interval(double lo, double hi) {
        if (!(lo < hi)) throw new IllegalArgumentException("interval: need lo < hi, got [" + lo + ", " + hi + "]");
        return new Bounded("interval(" + lo + ", " + hi + ")", lo, hi, true);
    }
    /** Integers in [lo, hi]. */
    public static Constraint integerInterval(int lo, int hi) {
        return discrete("integerInterval(" + lo + ", " + hi + ")", x -> x >= lo && x <= hi && x == Math.rint(x));
    }

    interface DoublePredicate {
        boolean test(double x);
    }

    private static Constraint elementwise(String name, DoublePredicate p) {
        return new Elementwise(name, p, false);
    }

    private static Constraint discrete(String name, DoublePredicate p) {
        return new Elementwise(name, p, true);
    }

    private static Tensor mask(Tensor value, DoublePredicate p) {
        double[] m = new double[value.size()];
        for (int i = 0; i < m.length; i++) m[i] = p.test(value.at(i)) ? 1 : 0;
        return Tensor.wrap(m, value.shape());
    }

    /** Elementwise predicate, identified by name. */
    private record Elementwise(String name, DoublePredicate p, boolean isDiscrete) implements Constraint {
        @Override
        public Tensor check(Tensor value) {
            return mask(value, p);
        }

        @Override
        public boolean contains(Tensor value) { // allocation-free: runs on every log-density evaluation
            for (int i = 0; i < value.size(); i++) if (!p.test(value.at(i))) return false;
            return true;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Elementwise e && e.name.equals(name);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** An interval, open or closed at its finite ends. Equal when the bounds and closure are equal. */
    public record Bounded(String name, double lower, double upper, boolean closed) implements Constraint {
        @Override
        public Tensor check(Tensor value) {
            return mask(value, x -> closed ? x >= lower && x <= upper : x > lower && x < upper);
        }

        /** Allocation-free: this runs on every log-density evaluation of a bounded family. */
        @Override
        public boolean contains(Tensor value) {
            for (int i = 0; i < value.size(); i++) {
                double x = value.at(i);
                if (closed ? !(x >= lower && x <= upper) : !(x > lower && x < upper)) return false;
            }
            return true;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bounded b
                    && Double.compare(b.lower, lower) == 0
                    && Double.compare(b.upper, upper) == 0
                    && b.closed == closed;
        }

        @Override
        public int hashCode() {
            return (Double.hashCode(lower) * 31 + Double.hashCode(upper)) * 31 + (closed ? 1 : 0);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final class Simplex implements Constraint {
        @Override
        public String name() {
            return "simplex";
        }

        @Override
        public int eventRank() {
            return 1;
        }

        @Override
        public Tensor check(Tensor value) {
            if (value.rank() < 1)
                throw new IllegalArgumentException("simplex: needs a vector, got shape " + value.shape());
            int k = value.dim(-1), n = value.size() / Math.max(1, k);
            double[] m = new double[n];
            for (int j = 0; j < n; j++) {
                double s = 0;
                boolean ok = true;
                for (int i = 0; i < k; i++) {
                    double v = value.at(j * k + i);
                    ok &= v >= 0;
                    s += v;
                }
                m[j] = ok && Math.abs(s - 1) <= 1e-6 ? 1 : 0;
            }
            return Tensor.wrap(m, value.shape().dropLast(1));
        }

        @Override
        public String toString() {
            return name();
        }
    }

    private static final class Ordered implements Constraint {
        @Override
        public String name() {
            return "ordered";
        }

        @Override
        public int eventRank() {
            return 1;
        }

        @Override
        public Tensor check(Tensor value) {
            if (value.rank() < 1)
                throw new IllegalArgumentException("ordered: needs a vector, got shape " + value.shape());
            int k = value.dim(-1), n = k == 0 ? 0 : value.size() / k;
            double[] m = new double[n];
            for (int j = 0; j < n; j++) {
                boolean ok = Double.isFinite(value.at(j * k));
                for (int i = 1; i < k && ok; i++)
                    ok = value.at(j * k + i) > value.at(j * k + i - 1) && Double.isFinite(value.at(j * k + i));
                m[j] = ok ? 1 : 0;
            }
            return Tensor.wrap(m, value.shape().dropLast(1));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ordered;
        }

        @Override
        public int hashCode() {
            return Ordered.class.hashCode();
        }

        @Override
        public String toString() {
            return name();
        }
    }

    private record Matrix(String name, int kind) implements Constraint {
        static final int LOWER_CHOLESKY = 0, CORR_CHOLESKY = 1, PD = 2;

        @Override
        public int eventRank() {
            return 2;
        }

        @Override
        public Tensor check(Tensor value) {
            if (value.rank() < 2 || value.dim(-1) != value.dim(-2)) {
                throw new IllegalArgumentException(name + ": needs square matrices, got shape " + value.shape());
            }
            int n = value.dim(-1), count = value.size() / (n * n);
            double[] m = new double[count];
            double[] d = value.toArray();
            for (int b = 0; b < count; b++) m[b] = ok(d, b * n * n, n) ? 1 : 0;
            Shape s = value.shape().dropLast(2);
            return Tensor.wrap(m, s);
        }

        private boolean ok(double[] d, int o, int n) {
            if (kind == PD) {
                for (int i = 0; i < n; i++)
                    for (int j = 0; j < i; j++) {
                        if (Math.abs(d[o + i * n + j] - d[o + j * n + i]) > 1e-8 * (1 + Math.abs(d[o + i * n + j])))
                            return false;
                    }
                try {
                    Tensor.of(java.util.Arrays.copyOfRange(d, o, o + n * n), n, n)
                            .cholesky();
                    return true;
                } catch (IllegalArgumentException e) {
                    return false;
                }
            }
            for (int i = 0; i < n; i++) {
                if (!(d[o + i * n + i] > 0)) return false;
                double norm = 0;
                for (int j = 0; j < n; j++) {
                    double v = d[o + i * n + j];
                    if (j > i && v != 0) return false;
                    if (!Double.isFinite(v)) return false;
                    norm += v * v;
                }
                if (kind == CORR_CHOLESKY && Math.abs(norm - 1) > 1e-6) return false;
            }
            return true;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
