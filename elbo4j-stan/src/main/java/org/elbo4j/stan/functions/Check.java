package org.elbo4j.stan.functions;

import org.elbo4j.tensor.Tensor;
import org.elbo4j.tensor.TensorData;

/**
 * Stan's argument checks ({@code stan/math/prim/err}), with Stan's messages. An element of a container is named
 * with its 1-based index, {@code Scale parameter[3] is 0, but must be positive!}.
 */
final class Check {
    private Check() {}

    /** Stan prints 2.0 as 2, infinities as inf and NaN as nan. */
    static String fmt(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }

    static StanDomainException fail(String fn, String name, Tensor t, int i, double v, String must) {
        String where = t != null && t.rank() > 0 ? name + "[" + (i + 1) + "]" : name;
        return new StanDomainException(fn + ": " + where + " is " + fmt(v) + ", but must be " + must + "!");
    }

    static StanDomainException failInt(String fn, String name, boolean container, int i, int v, String must) {
        String where = container ? name + "[" + (i + 1) + "]" : name;
        return new StanDomainException(fn + ": " + where + " is " + v + ", but must be " + must + "!");
    }

    /**
     * The vectorised size of the arguments: the common size of the containers (rank &ge; 1), or 1 when all are
     * scalars.
     *
     * @param namesAndArgs alternating {@code String} names and {@code Tensor} arguments
     * @throws StanDomainException when two containers differ in size
     */
    static int size(String fn, Object... namesAndArgs) {
        int n = -1;
        String first = null;
        for (int k = 0; k < namesAndArgs.length; k += 2) {
            Object a = namesAndArgs[k + 1];
            int len;
            if (a instanceof Tensor t) {
                if (t.rank() == 0) continue;
                len = t.size();
            } else if (a instanceof int[] ints) {
                len = ints.length;
            } else {
                continue;
            }
            if (n < 0) {
                n = len;
                first = (String) namesAndArgs[k];
            } else if (len != n) {
                throw new StanDomainException(fn + ": " + namesAndArgs[k] + " has dimension = " + len
                        + ", expecting dimension = " + n + " (the size of " + first + "); a function was called with"
                        + " arguments of different scalar, array, vector, or matrix types, and they were not"
                        + " consistently sized;  all arguments must be scalars or multidimensional values of the"
                        + " same shape.");
            }
        }
        return n < 0 ? 1 : n;
    }

    /** Two containers must have the same number of elements. */
    static void sameSize(String fn, String a, int na, String b, int nb) {
        if (na != nb) {
            throw new StanDomainException(
                    fn + ": size of " + a + " (" + na + ") and size of " + b + " (" + nb + ") must match in size");
        }
    }

    static void notNan(String fn, String name, Tensor t) {
        double[] v = TensorData.readOnly(t);
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i])) {
                String where = t.rank() > 0 ? name + "[" + (i + 1) + "]" : name;
                throw new StanDomainException(fn + ": " + where + " is nan, but must not be nan!");
            }
        }
    }

    static void finite(String fn, String name, Tensor t) {
        double[] v = TensorData.readOnly(t);
        for (int i = 0; i < v.length; i++) if (!Double.isFinite(v[i])) throw fail(fn, name, t, i, v[i], "finite");
    }

    static void positive(String fn, String name, Tensor t) {
        double[] v = TensorData.readOnly(t);
        for (int i = 0; i < v.length; i++) if (!(v[i] > 0)) throw fail(fn, name, t, i, v[i], "positive");
    }

    static void positiveFinite(String fn, String name, Tensor t) {
        double[] v = TensorData.readOnly(t);
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] > 0) || v[i] == Double.POSITIVE_INFINITY) throw fail(fn, name, t, i, v[i], "positive finite");
        }
    }

    static void nonnegative(String fn, String name, Tensor t) {
        double[] v = TensorData.readOnly(t);
        for (int i = 0; i < v.length; i++) if (!(v[i] >= 0)) throw fail(fn, name, t, i, v[i], "nonnegative");
    }

    static void bounded(String fn, String name, Tensor t, double lo, double hi) {
        double[] v = TensorData.readOnly(t);
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] >= lo && v[i] <= hi)) {
                throw fail(fn, name, t, i, v[i], "in the interval [" + fmt(lo) + ", " + fmt(hi) + "]");
            }
        }
    }

    static void nonnegative(String fn, String name, int[] v, boolean container) {
        for (int i = 0; i < v.length; i++) if (v[i] < 0) throw failInt(fn, name, container, i, v[i], "nonnegative");
    }

    static void bounded(String fn, String name, int[] v, boolean container, int lo, int hi) {
        for (int i = 0; i < v.length; i++) {
            if (v[i] < lo || v[i] > hi) {
                throw failInt(fn, name, container, i, v[i], "in the interval [" + lo + ", " + hi + "]");
            }
        }
    }

    /** A size argument (e.g. of {@code rep_vector}) must be nonnegative. */
    static void size(String fn, String name, int n) {
        if (n < 0) throw new StanDomainException(fn + ": " + name + " is " + n + ", but must be nonnegative!");
    }

    /** A shape-[] tensor's value. */
    static double scalar(String fn, String name, Tensor t) {
        if (t.size() != 1 || t.rank() != 0) {
            throw new IllegalArgumentException(fn + ": " + name + " must be a real scalar, got shape " + t.shape());
        }
        return TensorData.readOnly(t)[0];
    }

    /** Stan's check_simplex: entries &ge; 0 summing to 1 within 1e-8. */
    static void simplex(String fn, String name, double[] v, int off, int k) {
        double sum = 0;
        for (int i = 0; i < k; i++) sum += v[off + i];
        if (!(Math.abs(1 - sum) <= 1e-8)) {
            throw new StanDomainException(fn + ": " + name + " is not a valid simplex. sum(" + name + ") = " + fmt(sum)
                    + ", but should be 1");
        }
        for (int i = 0; i < k; i++) {
            if (!(v[off + i] >= 0)) {
                throw new StanDomainException(fn + ": " + name + " is not a valid simplex. " + name + "[" + (i + 1)
                        + "] = " + fmt(v[off + i]) + ", but should be greater than or equal to 0");
            }
        }
    }
}
