/**
 * Probability distributions over tensors, with PyTorch's batch/event shapes: {@code sample} (no gradient),
 * {@code rsample} (pathwise: location–scale, inverse-CDF, transformation and implicit reparameterization),
 * {@code logProb}, {@code support}, moments and entropy where closed-form, and closed-form KL divergences in a
 * registry ({@link org.elbo4j.distributions.KlDivergence}). Distributions hold no random state.
 *
 * <pre>{@code
 * RandomStream rng = RandomStream.of(1);
 * Normal q = Normal.of(Tensor.of(0.0, 1.0), Tensor.of(1.0, 2.0));   // batch shape [2]
 * Tensor z = q.rsample(rng, Shape.of(500));                          // [500, 2], differentiable in loc and scale
 * Tensor lp = q.logProb(z);                                          // [500, 2]
 * Tensor kl = KlDivergence.of(q, Normal.of(0, 1));                   // [2]: [0.0, 1.30685]
 * }</pre>
 */
package org.elbo4j.distributions;
