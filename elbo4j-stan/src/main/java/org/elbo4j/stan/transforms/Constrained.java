package org.elbo4j.stan.transforms;

import org.elbo4j.tensor.Tensor;

/**
 * The result of a Stan constraining transform: the constrained value and the log absolute determinant of the
 * Jacobian of the transform (a scalar Tensor, summed over every element of the value), as Stan adds it to
 * {@code target} when it evaluates {@code log_prob(upars, adjust_transform = TRUE)}.
 *
 * @param value       the constrained value, in the contract's representation (row-major)
 * @param logJacobian log|J| of the transform, shape {@code []}
 */
public record Constrained(Tensor value, Tensor logJacobian) {}
