package org.elbo4j.stan.compile;

import org.elbo4j.tensor.Tensor;

/**
 * STAND-IN for the transforms owned by {@code org.elbo4j.stan.transforms}: Stan's lower, upper, lower-upper and
 * offset/multiplier transforms with their log-Jacobians (Stan Reference Manual, "Constraint transforms"),
 * used until that package is merged. Bounds broadcast (scalar or the variable's shape); an infinite scalar bound
 * is no bound.
 */
final class StandinTransforms {
    private StandinTransforms() {}

    /** A constrained value and the log|Jacobian| (a scalar, summed over elements). */
    record Constrained(Tensor value, Tensor logJacobian) {}

    /** x = lb + exp(u); log J = Σ u. */
    static Constrained lower(Tensor u, Tensor lb) {
        return new Constrained(u.exp().add(lb), u.sum());
    }

    /** x = ub − exp(u); log J = Σ u. */
    static Constrained upper(Tensor u, Tensor ub) {
        return new Constrained(ub.sub(u.exp()), u.sum());
    }

    /** x = lb + (ub − lb)·logit⁻¹(u); log J = Σ log(ub − lb) + log logit⁻¹(u) + log(1 − logit⁻¹(u)). */
    static Constrained lowerUpper(Tensor u, Tensor lb, Tensor ub) {
        Tensor w = ub.sub(lb);
        Tensor x = u.sigmoid().mul(w).add(lb);
        Tensor lj = u.logSigmoid().add(u.neg().logSigmoid()).add(w.log());
        if (lj.shape().size() < u.size()) lj = lj.broadcastTo(u.shape());
        return new Constrained(x, lj.sum());
    }

    /** x = offset + multiplier·u; log J = Σ log multiplier. */
    static Constrained affine(Tensor u, Tensor offset, Tensor multiplier) {
        Tensor x = u.mul(multiplier).add(offset);
        Tensor lj = multiplier.log();
        lj = lj.rank() == 0 ? lj.mul(u.size()) : lj.sum();
        return new Constrained(x, lj);
    }
}
