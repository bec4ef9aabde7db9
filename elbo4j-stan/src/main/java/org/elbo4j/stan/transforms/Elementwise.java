package org.elbo4j.stan.transforms;

import org.elbo4j.tensor.Adjoints;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * Stan's elementwise transforms (lower, upper, lower+upper, offset/multiplier), each one fused tape node for the
 * value and one for log|J|, with closed-form partials in the unconstrained value and in the bounds. A bound is a
 * scalar tensor or a tensor of the value's shape; an infinite bound means "no bound" for that element, as in Stan
 * (so {@code <lower=-inf>} is the identity with no Jacobian term).
 */
final class Elementwise {
    private Elementwise() {}

    /** Stan's lub_constrain guards (stan/math/prim/scal/fun/lub_constrain.hpp, 2.21). */
    private static final double NEAR_ONE = 1 - 1e-15, NEAR_ZERO = 1e-15;

    static void checkBound(String op, String what, Tensor x, Tensor b) {
        if (b.size() != 1 && !b.shape().equals(x.shape())) {
            throw new IllegalArgumentException(op + ": " + what + " of shape " + b.shape()
                    + " must be a scalar or have the value's shape " + x.shape());
        }
    }

    static double at(Tensor b, int i) {
        return b.size() == 1 ? b.at(0) : b.at(i);
    }

    /** Adds {@code g} into the adjoint of bound {@code b} at element {@code i} (summed when b is a scalar). */
    private static void addTo(double[] ab, Tensor b, int i, double g) {
        if (ab != null) ab[b.size() == 1 ? 0 : i] += g;
    }

    private static Constrained result(
            String op, Shape shape, double[] value, double[][] dValue, double logJ, double[][] dLogJ, Tensor[] inputs) {
        Tensor v = Tensor.custom(
                op,
                shape,
                value,
                (g, adj) -> {
                    for (int k = 0; k < inputs.length; k++) scatter(adj, inputs[k], dValue[k], g);
                },
                inputs);
        Tensor lj = Tensor.custom(
                op + "_log_jacobian",
                Shape.SCALAR,
                new double[] {logJ},
                (g, adj) -> {
                    for (int k = 0; k < inputs.length; k++) scatter(adj, inputs[k], dLogJ[k], new double[] {g[0]});
                },
                inputs);
        return new Constrained(v, lj);
    }

    /** adj(input) += d ⊙ g, where d has one entry per value element and g is the value's adjoint (or one scalar). */
    private static void scatter(Adjoints adj, Tensor input, double[] d, double[] g) {
        double[] a = adj.of(input);
        if (a == null || d == null) return;
        for (int i = 0; i < d.length; i++) {
            double gi = g.length == 1 ? g[0] : g[i];
            if (input.size() == 1) a[0] += d[i] * gi;
            else a[i] += d[i] * gi;
        }
    }

    static Constrained lower(Tensor x, Tensor lb) {
        checkBound("lb_constrain", "lower bound", x, lb);
        int n = x.size();
        double[] v = new double[n], dx = new double[n], dlb = new double[n], ljx = new double[n];
        double lj = 0;
        for (int i = 0; i < n; i++) {
            double xi = x.at(i), l = at(lb, i);
            if (l == Double.NEGATIVE_INFINITY) {
                v[i] = xi;
                dx[i] = 1;
            } else {
                double e = Math.exp(xi);
                v[i] = e + l;
                dx[i] = e;
                dlb[i] = 1;
                lj += xi;
                ljx[i] = 1;
            }
        }
        return result(
                "lb_constrain", x.shape(), v, new double[][] {dx, dlb}, lj, new double[][] {ljx, null}, new Tensor[] {
                    x, lb
                });
    }

    static Constrained upper(Tensor x, Tensor ub) {
        checkBound("ub_constrain", "upper bound", x, ub);
        int n = x.size();
        double[] v = new double[n], dx = new double[n], dub = new double[n], ljx = new double[n];
        double lj = 0;
        for (int i = 0; i < n; i++) {
            double xi = x.at(i), u = at(ub, i);
            if (u == Double.POSITIVE_INFINITY) {
                v[i] = xi;
                dx[i] = 1;
            } else {
                double e = Math.exp(xi);
                v[i] = u - e;
                dx[i] = -e;
                dub[i] = 1;
                lj += xi;
                ljx[i] = 1;
            }
        }
        return result(
                "ub_constrain", x.shape(), v, new double[][] {dx, dub}, lj, new double[][] {ljx, null}, new Tensor[] {
                    x, ub
                });
    }

    /**
     * Stan 2.21's lub_constrain (checks lb < ub first): y = lb + (ub − lb)·inv_logit(x), log|J| = log(ub − lb) − |x| − 2·log1p(exp(−|x|)),
     * inv_logit kept inside (0, 1) by 1e−15 for finite x; a lower (upper) bound of −inf (+inf) falls back to
     * ub_constrain (lb_constrain), both infinite to the identity.
     */
    static Constrained lowerUpper(Tensor x, Tensor lb, Tensor ub) {
        checkBound("lub_constrain", "lower bound", x, lb);
        checkBound("lub_constrain", "upper bound", x, ub);
        int n = x.size();
        double[] v = new double[n], dx = new double[n], dlb = new double[n], dub = new double[n];
        double[] ljx = new double[n], ljlb = new double[n], ljub = new double[n];
        double lj = 0;
        for (int i = 0; i < n; i++) {
            double xi = x.at(i), l = at(lb, i), u = at(ub, i);
            if (!(l < u)) { // Stan checks first, whatever the bounds
                throw new ConstraintViolationException("lub_constrain: lb is " + StanNumbers.format(l)
                        + ", but must be less than " + StanNumbers.format(u));
            }
            boolean noL = l == Double.NEGATIVE_INFINITY, noU = u == Double.POSITIVE_INFINITY;
            if (noL && noU) {
                v[i] = xi;
                dx[i] = 1;
                continue;
            }
            if (noU || noL) {
                double e = Math.exp(xi);
                v[i] = noU ? e + l : u - e;
                dx[i] = noU ? e : -e;
                if (noU) dlb[i] = 1;
                else dub[i] = 1;
                lj += xi;
                ljx[i] = 1;
                continue;
            }
            double diff = u - l, s;
            boolean clamped = false;
            if (xi > 0) {
                double em = Math.exp(-xi);
                s = StanNumbers.invLogit(xi);
                lj += Math.log(diff) - xi - 2 * Math.log1p(em);
                if (xi < Double.POSITIVE_INFINITY && s == 1) {
                    s = NEAR_ONE;
                    clamped = true;
                }
            } else {
                double ep = Math.exp(xi);
                s = StanNumbers.invLogit(xi);
                lj += Math.log(diff) + xi - 2 * Math.log1p(ep);
                if (xi > Double.NEGATIVE_INFINITY && s == 0) {
                    s = NEAR_ZERO;
                    clamped = true;
                }
            }
            v[i] = Math.fma(diff, s, l);
            dx[i] = clamped ? 0 : diff * s * (1 - s);
            dlb[i] = 1 - s;
            dub[i] = s;
            // d/dx of −|x| − 2·log1p(exp(−|x|)) is 1 − 2·inv_logit(x) (with the unclamped inv_logit)
            ljx[i] = 1 - 2 * StanNumbers.invLogit(xi);
            ljlb[i] = -1 / diff;
            ljub[i] = 1 / diff;
        }
        return result(
                "lub_constrain",
                x.shape(),
                v,
                new double[][] {dx, dlb, dub},
                lj,
                new double[][] {ljx, ljlb, ljub},
                new Tensor[] {x, lb, ub});
    }

    /** Stan's offset_multiplier_constrain: y = offset + multiplier·x, log|J| = Σ log(multiplier). */
    static Constrained offsetMultiplier(Tensor x, Tensor offset, Tensor multiplier) {
        checkBound("offset_multiplier_constrain", "offset", x, offset);
        checkBound("offset_multiplier_constrain", "multiplier", x, multiplier);
        int n = x.size();
        double[] v = new double[n], dx = new double[n], dmu = new double[n], dsig = new double[n];
        double[] ljsig = new double[n];
        double lj = 0;
        for (int i = 0; i < n; i++) {
            double mu = at(offset, i), sigma = at(multiplier, i), xi = x.at(i);
            if (!Double.isFinite(mu)) {
                throw new ConstraintViolationException(
                        "offset_multiplier_constrain: offset is " + StanNumbers.format(mu) + ", but must be finite!");
            }
            if (!(sigma > 0) || !Double.isFinite(sigma)) {
                throw new ConstraintViolationException("offset_multiplier_constrain: multiplier is "
                        + StanNumbers.format(sigma) + ", but must be positive finite!");
            }
            v[i] = Math.fma(sigma, xi, mu);
            dx[i] = sigma;
            dmu[i] = 1;
            dsig[i] = xi;
            lj += Math.log(sigma);
            ljsig[i] = 1 / sigma;
        }
        return result(
                "offset_multiplier_constrain",
                x.shape(),
                v,
                new double[][] {dx, dmu, dsig},
                lj,
                new double[][] {null, null, ljsig},
                new Tensor[] {x, offset, multiplier});
    }

    // ------------------------------------------------------------------ inverses

    static double[] unconstrainLower(Tensor y, Tensor lb) {
        checkBound("lb_free", "lower bound", y, lb);
        double[] out = new double[y.size()];
        for (int i = 0; i < out.length; i++) {
            double yi = y.at(i), l = at(lb, i);
            if (l == Double.NEGATIVE_INFINITY) {
                out[i] = yi;
                continue;
            }
            if (!(yi >= l)) {
                throw new ConstraintViolationException("lb_free: Lower bounded variable is " + StanNumbers.format(yi)
                        + ", but must be greater than or equal to " + StanNumbers.format(l) + StanNumbers.where(y, i));
            }
            out[i] = Math.log(yi - l);
        }
        return out;
    }

    static double[] unconstrainUpper(Tensor y, Tensor ub) {
        checkBound("ub_free", "upper bound", y, ub);
        double[] out = new double[y.size()];
        for (int i = 0; i < out.length; i++) {
            double yi = y.at(i), u = at(ub, i);
            if (u == Double.POSITIVE_INFINITY) {
                out[i] = yi;
                continue;
            }
            if (!(yi <= u)) {
                throw new ConstraintViolationException("ub_free: Upper bounded variable is " + StanNumbers.format(yi)
                        + ", but must be less than or equal to " + StanNumbers.format(u) + StanNumbers.where(y, i));
            }
            out[i] = Math.log(u - yi);
        }
        return out;
    }

    static double[] unconstrainLowerUpper(Tensor y, Tensor lb, Tensor ub) {
        checkBound("lub_free", "lower bound", y, lb);
        checkBound("lub_free", "upper bound", y, ub);
        double[] out = new double[y.size()];
        for (int i = 0; i < out.length; i++) {
            double yi = y.at(i), l = at(lb, i), u = at(ub, i);
            boolean noL = l == Double.NEGATIVE_INFINITY, noU = u == Double.POSITIVE_INFINITY;
            if (noL && noU) {
                out[i] = yi;
            } else if (noU) {
                out[i] = unconstrainLower(Tensor.scalar(yi), Tensor.scalar(l))[0];
            } else if (noL) {
                out[i] = unconstrainUpper(Tensor.scalar(yi), Tensor.scalar(u))[0];
            } else {
                if (!(yi >= l && yi <= u)) {
                    throw new ConstraintViolationException("lub_free: Bounded variable is " + StanNumbers.format(yi)
                            + ", but must be in the interval [" + StanNumbers.format(l) + ", " + StanNumbers.format(u)
                            + "]" + StanNumbers.where(y, i));
                }
                double p = (yi - l) / (u - l);
                out[i] = Math.log(p / (1 - p));
            }
        }
        return out;
    }

    static double[] unconstrainOffsetMultiplier(Tensor y, Tensor offset, Tensor multiplier) {
        checkBound("offset_multiplier_free", "offset", y, offset);
        checkBound("offset_multiplier_free", "multiplier", y, multiplier);
        double[] out = new double[y.size()];
        for (int i = 0; i < out.length; i++) {
            double mu = at(offset, i), sigma = at(multiplier, i);
            if (!Double.isFinite(mu) || !(sigma > 0) || !Double.isFinite(sigma)) {
                throw new ConstraintViolationException("offset_multiplier_free: offset " + StanNumbers.format(mu)
                        + " must be finite and multiplier " + StanNumbers.format(sigma) + " positive finite");
            }
            out[i] = (y.at(i) - mu) / sigma;
        }
        return out;
    }
}
