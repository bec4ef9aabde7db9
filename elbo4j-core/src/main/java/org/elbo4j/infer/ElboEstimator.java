package org.elbo4j.infer;

import org.elbo4j.random.RandomStream;

/**
 * A stochastic estimator of the evidence lower bound and of its gradient, ELBO(φ) = E_{q_φ}[log p(x, z) −
 * log q_φ(z)]. Implementations differ only in how the gradient is estimated (and, for IWAE, which bound).
 * See {@link Elbo} for the factories.
 */
public interface ElboEstimator {
    /**
     * One estimate from fresh draws, as the first step of a fresh run (a running-mean baseline starts from
     * nothing: b = 0).
     *
     * @param params binds the guide's and model's parameters to the evaluation's tape
     * @param rng    advanced. Modified.
     */
    Estimate estimate(Model model, Model guide, ParamBinder params, RandomStream rng);

    /**
     * One estimate from fresh draws within a run whose state (running baselines) is {@code state}: {@link Svi} makes
     * one state per run and passes it to every step, so nothing an estimator learns in one run leaks into the next.
     *
     * @param params binds the guide's and model's parameters to the evaluation's tape
     * @param rng    advanced. Modified.
     * @param state  the run's estimator state. Modified by estimators that keep one (a running-mean baseline).
     * @implSpec The default ignores {@code state} and calls {@link #estimate(Model, Model, ParamBinder,
     *     RandomStream)}: right for every estimator that keeps no state across steps.
     */
    default Estimate estimate(Model model, Model guide, ParamBinder params, RandomStream rng, EstimatorState state) {
        return estimate(model, guide, params, rng);
    }

    /**
     * Runs model and guide once so that every parameter they declare is bound in {@code params}, with its
     * constraint: {@link Svi} calls it before the first step.
     *
     * @param rng advanced. Modified.
     * @implSpec The default draws the guide once and replays the draw through the model. An estimator that runs the
     *     model differently overrides it (enumeration: a model with enumerated sites runs only under it).
     */
    default void bindParameters(Model model, Model guide, ParamBinder params, RandomStream rng) {
        Particle.draw(model, guide, params, rng, true);
    }

    /**
     * The ELBO this estimator's gradient climbs, estimated without gradients from {@code n} draws: {mean, standard
     * error}. {@link Svi} uses it for its convergence checks and its final ELBO.
     *
     * @param rng advanced. Modified.
     * @implSpec The default is the mean of log p − log q over {@code n} draws of the guide. An estimator with another
     *     objective or another way to run the model overrides it (enumeration sums the enumerated sites out).
     */
    default double[] evaluate(Model model, Model guide, ParamBinder params, RandomStream rng, int n) {
        return Svi.evaluate(model, guide, params, rng, n);
    }

    /** A short name, e.g. {@code "reparam"}, shown in reports. */
    String name();

    /** Number of draws (particles) per estimate. */
    int particles();
}
