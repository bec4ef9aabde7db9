package org.elbo4j.infer;

import org.elbo4j.distributions.Distribution;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;

/**
 * The primitives a {@link Model} uses, NumPyro's effect handlers in Java: what they do depends on the handler
 * running the model (drawing from the guide, replaying the guide's draws in the model, sampling the prior,
 * computing posterior predictive draws).
 *
 * <p>Site names are unique within one run; {@code theta[1]}-style element names are derived from them in
 * summaries and CSV output.
 */
public interface Sites {
    /**
     * A latent random variable. In a guide it is drawn (pathwise when the distribution allows it and the
     * estimator wants it); in the model it takes the guide's value.
     *
     * @return the value, shape batchShape + eventShape of {@code d}
     * @throws IllegalArgumentException if the name was used before in this run, or (in a model) the guide has
     *                                  no site of that name
     */
    Tensor sample(String name, Distribution d);

    /**
     * A latent random variable that the model needs but its user does not read, e.g. the unconstrained values
     * behind a parameter that the model reports, constrained, with {@link #deterministic}: drawn and fitted as
     * {@link #sample}, but left out of draws and summaries (PyMC leaves its transformed variables out the same way).
     *
     * @return the value, as {@link #sample}
     */
    default Tensor sampleHidden(String name, Distribution d) {
        return sample(name, d);
    }

    /**
     * An observed random variable: adds log p(value) (scaled by the enclosing plates) to the log joint.
     *
     * @throws IllegalArgumentException naming the site if the value's shape does not fit the distribution or
     *                                  holds NaN/Inf
     */
    void observe(String name, Distribution d, Tensor value);

    /**
     * A learnable parameter on the real line, initialised to {@code init} the first time the name is seen.
     */
    default Tensor param(String name, Tensor init) {
        return param(name, init, org.elbo4j.transform.Constraints.REAL);
    }

    /**
     * A learnable parameter constrained to {@code c}: stored unconstrained, returned on the constrained scale
     * through {@code Bijectors.bijectTo(c)}.
     *
     * @param init on the constrained scale; must satisfy {@code c}
     */
    Tensor param(String name, Tensor init, Constraint c);

    /**
     * Records a value computed from others (a Stan "transformed parameter") so that it appears in summaries
     * and draws. Returns {@code value}.
     */
    Tensor deterministic(String name, Tensor value);

    /** Adds an arbitrary term to the log joint (Pyro's {@code factor}), e.g. a Jacobian adjustment. */
    void factor(String name, Tensor logWeight);

    /**
     * A plate of conditionally independent data over which log densities are summed, using every index.
     * Close it (try-with-resources) to leave it.
     */
    default Plate plate(String name, int size) {
        return plate(name, size, size);
    }

    /**
     * A plate with minibatch subsampling: the handler draws {@code subsample} of {@code size} indices without
     * replacement (shared between guide and model within one particle) and scales the log density of every
     * site inside by size/subsample, so that the ELBO estimate stays unbiased.
     *
     * @throws IllegalArgumentException unless 0 &lt; subsample &lt;= size
     */
    Plate plate(String name, int size, int subsample);
}
