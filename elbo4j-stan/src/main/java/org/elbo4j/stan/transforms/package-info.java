/**
 * Stan's constraining transforms and their log-Jacobians, exactly as Stan 2.21's math library computes them, over
 * elbo4j tensors (gradients flow into the unconstrained values and into parameter-dependent bounds), with the
 * inverses that check each constraint as Stan's {@code *_free} functions do.
 *
 * <pre>{@code
 * Constrained tau = StanTransforms.lower(Tensor.scalar(-0.5), Tensor.scalar(0));
 * double value = tau.value().item();            // exp(-0.5)
 * double logJ = tau.logJacobian().item();       // -0.5
 * int d = StanConstraint.SIMPLEX.unconstrainedSize(new int[] {3}, 4);   // 3 simplexes of 4: 9 values
 * }</pre>
 */
package org.elbo4j.stan.transforms;
