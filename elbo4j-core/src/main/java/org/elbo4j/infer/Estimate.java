package org.elbo4j.infer;

import org.elbo4j.tensor.Tensor;

/**
 * One estimate: the ELBO value (or the bound the estimator targets, e.g. IWAE's) and the surrogate loss whose
 * gradient is the estimator's gradient of −ELBO.
 *
 * @param elbo the estimate of the bound, a plain number
 * @param loss a scalar tensor on the evaluation's tape; minimised by the optimizer
 */
public record Estimate(double elbo, Tensor loss) {}
