package org.elbo4j.stan.transforms;

import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * Stan's vector transforms (simplex, unit_vector, ordered, positive_ordered) over the last axis of a tensor, the
 * leading axes being an array of independent vectors (Stan's {@code array[N] simplex[K]}). Each is one fused tape
 * node for the value and one for log|J|, with hand-written backward passes.
 */
final class VectorTransforms {
    private VectorTransforms() {}

    /** Stan's constraint tolerance (stan/math/prim/scal/err/check_simplex.hpp and friends: CONSTRAINT_TOLERANCE). */
    static final double TOLERANCE = 1e-8;

    static int lastDim(String op, Tensor y) {
        if (y.rank() < 1)
            throw new IllegalArgumentException(op + ": needs a vector (or an array of them), got shape " + y.shape());
        return y.dim(y.rank() - 1);
    }

    static Shape withLast(Shape s, int last) {
        int[] d = s.dims();
        d[d.length - 1] = last;
        return Shape.of(d);
    }

    // ------------------------------------------------------------------ simplex

    /** log(1 + exp(a)) as Stan's log1p_exp. */
    static double log1pExp(double a) {
        return a > 0 ? a + Math.log1p(Math.exp(-a)) : Math.log1p(Math.exp(a));
    }

    /**
     * Stan's stick-breaking simplex_constrain (stan/math/prim/mat/fun/simplex_constrain.hpp, 2.21): for
     * k = 0..K−2, z_k = inv_logit(y_k − log(K−1−k)), x_k = stick·z_k, stick −= x_k, x_{K−1} = stick;
     * log|J| = Σ_k [log(stick_k) − log1p_exp(−a_k) − log1p_exp(a_k)] with a_k = y_k − log(K−1−k).
     */
    static Constrained simplex(Tensor y) {
        int km1 = lastDim("simplex_constrain", y), k1 = km1 + 1;
        int events = batch(y);
        double[] ys = y.toArray(), x = new double[events * k1], z = new double[events * Math.max(km1, 1)];
        double[] sticks = new double[events * k1];
        double lj = 0;
        for (int e = 0; e < events; e++) {
            double stick = 1;
            for (int k = 0; k < km1; k++) {
                double a = ys[e * km1 + k] - Math.log(km1 - k);
                double zk = StanNumbers.invLogit(a);
                z[e * km1 + k] = zk;
                sticks[e * k1 + k] = stick;
                x[e * k1 + k] = stick * zk;
                lj += Math.log(stick) - log1pExp(-a) - log1pExp(a);
                stick -= x[e * k1 + k];
            }
            x[e * k1 + km1] = stick;
            sticks[e * k1 + km1] = stick;
        }
        Shape out = withLast(y.shape(), k1);
        Tensor value = Tensor.custom(
                "simplex_constrain",
                out,
                x,
                (g, adj) -> {
                    double[] a = adj.of(y);
                    if (a == null) return;
                    for (int e = 0; e < events; e++) {
                        double gStick = g[e * k1 + km1];
                        for (int k = km1 - 1; k >= 0; k--) {
                            double zk = z[e * km1 + k], stick = sticks[e * k1 + k];
                            double gx =
                                    g[e * k1 + k] - gStick; // x_k also leaves the stick: stick_{k+1} = stick_k − x_k
                            a[e * km1 + k] += gx * stick * zk * (1 - zk);
                            gStick = gStick + gx * zk;
                        }
                    }
                },
                y);
        Tensor logJ = Tensor.custom(
                "simplex_constrain_log_jacobian",
                Shape.SCALAR,
                new double[] {lj},
                (g, adj) -> {
                    double[] a = adj.of(y);
                    if (a == null) return;
                    for (int e = 0; e < events; e++) {
                        for (int k = 0; k < km1; k++) {
                            double zk = z[e * km1 + k];
                            // d/da of log z + log(1 − z) is 1 − 2z; log(stick_j) for the km1−1−k later j adds −z each
                            a[e * km1 + k] += g[0] * (1 - 2 * zk - (km1 - 1 - k) * zk);
                        }
                    }
                },
                y);
        return new Constrained(value, logJ);
    }

    /** The number of vectors in y (the product of the leading dimensions). */
    static int batch(Tensor y) {
        return y.shape().dropLast(1).size();
    }

    /** Stan's simplex_free: checks the simplex (entries ≥ 0, sum 1 within 1e−8) and inverts the stick-breaking. */
    static double[] unconstrainSimplex(Tensor x) {
        int k1 = lastDim("simplex_free", x);
        if (k1 == 0) throw new ConstraintViolationException("simplex_free: a simplex has at least one element");
        int km1 = k1 - 1, events = x.size() / k1;
        double[] xs = x.toArray(), y = new double[events * km1];
        for (int e = 0; e < events; e++) {
            double sum = 0;
            for (int k = 0; k < k1; k++) {
                double v = xs[e * k1 + k];
                if (!(v >= 0)) {
                    throw new ConstraintViolationException("simplex_free: is not a valid simplex. x[" + (k + 1) + "] = "
                            + StanNumbers.format(v) + ", but should be greater than or equal to 0" + event(x, e));
                }
                sum += v;
            }
            if (!(Math.abs(1 - sum) <= TOLERANCE)) {
                throw new ConstraintViolationException("simplex_free: is not a valid simplex. sum(x) = "
                        + StanNumbers.format(sum) + ", but should be 1" + event(x, e));
            }
            double stick = xs[e * k1 + km1];
            for (int k = km1 - 1; k >= 0; k--) {
                stick += xs[e * k1 + k];
                double zk = xs[e * k1 + k] / stick;
                y[e * km1 + k] = Math.log(zk / (1 - zk)) + Math.log(km1 - k);
            }
        }
        return y;
    }

    static String event(Tensor x, int e) {
        return x.rank() > 1 ? " (array element " + (e + 1) + ", in row-major order)" : "";
    }

    // ------------------------------------------------------------------ unit_vector

    /** Stan's unit_vector_constrain: x = y/‖y‖; Stan adds −½‖y‖² to the density (log|J| here). */
    static Constrained unitVector(Tensor y) {
        int k = lastDim("unit_vector_constrain", y);
        if (k == 0)
            throw new ConstraintViolationException(
                    "unit_vector_constrain: y has size 0, but must have a non-zero size");
        int events = batch(y);
        double[] ys = y.toArray(), x = new double[ys.length], r = new double[events];
        double lj = 0;
        for (int e = 0; e < events; e++) {
            double sn = 0;
            for (int i = 0; i < k; i++) sn += ys[e * k + i] * ys[e * k + i];
            if (!(sn > 0) || !Double.isFinite(sn)) {
                throw new ConstraintViolationException(
                        "unit_vector_constrain: norm is " + StanNumbers.format(sn) + ", but must be positive finite!");
            }
            r[e] = Math.sqrt(sn);
            for (int i = 0; i < k; i++) x[e * k + i] = ys[e * k + i] / r[e];
            lj -= 0.5 * sn;
        }
        Tensor value = Tensor.custom(
                "unit_vector_constrain",
                y.shape(),
                x,
                (g, adj) -> {
                    double[] a = adj.of(y);
                    if (a == null) return;
                    for (int e = 0; e < events; e++) {
                        double xg = 0;
                        for (int i = 0; i < k; i++) xg += x[e * k + i] * g[e * k + i];
                        for (int i = 0; i < k; i++) a[e * k + i] += (g[e * k + i] - x[e * k + i] * xg) / r[e];
                    }
                },
                y);
        Tensor logJ = Tensor.custom(
                "unit_vector_constrain_log_jacobian",
                Shape.SCALAR,
                new double[] {lj},
                (g, adj) -> {
                    double[] a = adj.of(y);
                    if (a == null) return;
                    for (int i = 0; i < ys.length; i++) a[i] -= g[0] * ys[i];
                },
                y);
        return new Constrained(value, logJ);
    }

    /** Stan's unit_vector_free: checks ‖x‖² = 1 within 1e−8 and returns x. */
    static double[] unconstrainUnitVector(Tensor x) {
        int k = lastDim("unit_vector_free", x);
        if (k == 0)
            throw new ConstraintViolationException("unit_vector_free: x has size 0, but must have a non-zero size");
        double[] xs = x.toArray();
        for (int e = 0; e < xs.length / k; e++) {
            double sn = 0;
            for (int i = 0; i < k; i++) sn += xs[e * k + i] * xs[e * k + i];
            if (!(Math.abs(1 - sn) <= TOLERANCE)) {
                throw new ConstraintViolationException(
                        "unit_vector_free: is not a valid unit vector. The sum of the squares of the elements should be 1, but is "
                                + StanNumbers.format(sn) + event(x, e));
            }
        }
        return xs;
    }

    // ------------------------------------------------------------------ ordered, positive_ordered

    /** Stan's ordered_constrain (positive = false) and positive_ordered_constrain (positive = true). */
    static Constrained ordered(Tensor y, boolean positive) {
        String op = positive ? "positive_ordered_constrain" : "ordered_constrain";
        int k = lastDim(op, y);
        int events = batch(y);
        double[] ys = y.toArray(), x = new double[ys.length], ex = new double[ys.length];
        double lj = 0;
        for (int e = 0; e < events; e++) {
            for (int i = 0; i < k; i++) {
                int j = e * k + i;
                if (i == 0 && !positive) {
                    x[j] = ys[j];
                    ex[j] = 1; // dx_0/dy_0
                } else {
                    ex[j] = Math.exp(ys[j]);
                    x[j] = (i == 0 ? 0 : x[j - 1]) + ex[j];
                    lj += ys[j];
                }
            }
        }
        Tensor value = Tensor.custom(
                op,
                y.shape(),
                x,
                (g, adj) -> {
                    double[] a = adj.of(y);
                    if (a == null) return;
                    for (int e = 0; e < events; e++) {
                        double suffix = 0;
                        for (int i = k - 1; i >= 0; i--) {
                            suffix += g[e * k + i];
                            a[e * k + i] += suffix * ex[e * k + i];
                        }
                    }
                },
                y);
        Tensor logJ = Tensor.custom(
                op + "_log_jacobian",
                Shape.SCALAR,
                new double[] {lj},
                (g, adj) -> {
                    double[] a = adj.of(y);
                    if (a == null) return;
                    for (int e = 0; e < events; e++) {
                        for (int i = positive ? 0 : 1; i < k; i++) a[e * k + i] += g[0];
                    }
                },
                y);
        return new Constrained(value, logJ);
    }

    /** Stan's ordered_free / positive_ordered_free: checks the order (and positivity) and takes log differences. */
    static double[] unconstrainOrdered(Tensor x, boolean positive) {
        String op = positive ? "positive_ordered_free" : "ordered_free";
        int k = lastDim(op, x);
        double[] xs = x.toArray(), y = new double[xs.length];
        for (int e = 0; k > 0 && e < xs.length / k; e++) {
            for (int i = 0; i < k; i++) {
                int j = e * k + i;
                if (i == 0) {
                    if (positive && !(xs[j] >= 0)) {
                        throw new ConstraintViolationException(
                                op + ": is not a valid positive_ordered vector. The element at 1 is "
                                        + StanNumbers.format(xs[j]) + ", but should be postive" + event(x, e));
                    }
                    y[j] = positive ? Math.log(xs[j]) : xs[j];
                } else {
                    if (!(xs[j] > xs[j - 1])) {
                        throw new ConstraintViolationException(op + ": is not a valid ordered vector. The element at "
                                + (i + 1) + " is " + StanNumbers.format(xs[j])
                                + ", but should be greater than the previous element, "
                                + StanNumbers.format(xs[j - 1]) + event(x, e));
                    }
                    y[j] = Math.log(xs[j] - xs[j - 1]);
                }
            }
        }
        return y;
    }
}
