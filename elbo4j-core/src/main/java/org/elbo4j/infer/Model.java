package org.elbo4j.infer;

/**
 * A probabilistic program written in Java: a model p(x, z) or a guide q(z). It declares its random variables
 * and parameters through {@link Sites}; data is captured by the lambda.
 *
 * <pre>{@code
 * Model eightSchools = s -> {
 *     Tensor mu  = s.sample("mu",  Normal.of(0, 5));
 *     Tensor tau = s.sample("tau", HalfCauchy.of(5));
 *     Tensor eta = s.sample("theta_trans", Normal.standard(8));
 *     s.observe("y", Normal.of(mu.add(tau.mul(eta)), sigma), y);
 * };
 * }</pre>
 *
 * A model must be deterministic given its sites' values: the same draws give the same log density. It may
 * be run many times per step (one run per particle, per estimator) and must not keep state between runs.
 */
@FunctionalInterface
public interface Model {
    /** Runs the program against the given handler. */
    void run(Sites s);
}
