package org.elbo4j.infer;

import org.elbo4j.random.RandomStream;

/**
 * A stochastic estimator of the evidence lower bound and of its gradient, ELBO(φ) = E_{q_φ}[log p(x, z) −
 * log q_φ(z)]. Implementations differ only in how the gradient is estimated (and, for IWAE, which bound).
 * See {@link Elbo} for the factories.
 */
public interface ElboEstimator {
    /**
     * One estimate from fresh draws.
     *
     * @param params binds the guide's and model's parameters to the evaluation's tape
     * @param rng    advanced. Modified.
     */
    Estimate estimate(Model model, Model guide, ParamBinder params, RandomStream rng);

    /** A short name, e.g. {@code "reparam"}, shown in reports. */
    String name();

    /** Number of draws (particles) per estimate. */
    int particles();
}
