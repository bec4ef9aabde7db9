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
     * A discrete latent random variable marked for enumeration (Pyro's {@code infer={"enumerate": "parallel"}}).
     * Under {@link Elbo#traceEnum} a model site so marked that the guide does not sample is summed out exactly: its
     * value is every point of the support at once, along a dimension of its own to the left of the plates'
     * ({@code [K, 1, …, 1]}), and the estimator contracts the log joint over it (log-sum-exp). Under every other
     * handler it is an ordinary {@link #sample} site. See {@code docs/discrete.md}.
     *
     * @param d a distribution with finite support: {@code Bernoulli} or {@code Categorical}
     * @return the value; when enumerated, shape [K] followed by ones (broadcasts against the plates)
     * @throws IllegalArgumentException as {@link #sample}, or (enumerated) if {@code d} has no finite support
     * @implSpec The default is {@code sample(name, d)}.
     */
    default Tensor enumerate(String name, Distribution d) {
        return sample(name, d);
    }

    /**
     * The steps 0, 1, …, n − 1 of a Markov chain (Pyro's {@code pyro.markov(range(n))}): the enumerated sites of step
     * t may depend on those of step t − 1 and no earlier, so that enumeration can recycle their dimensions and sum
     * the chain out by a forward pass (the forward algorithm for a hidden Markov model) instead of over K^n
     * configurations.
     *
     * <pre>{@code
     * Tensor z = null;
     * for (int t : s.markov(T)) {
     *     Tensor probs = t == 0 ? init : Vindex.rows(trans, z);
     *     z = s.enumerate("z_" + t, Categorical.ofProbs(probs));
     *     s.observe("y_" + t, Normal.of(Vindex.rows(locs, z), scale), y.index(t));
     * }
     * }</pre>
     *
     * @implSpec The default is the plain range 0..n−1.
     * @throws IllegalArgumentException if n &lt; 0
     */
    default Iterable<Integer> markov(int n) {
        if (n < 0) throw new IllegalArgumentException("markov: need n >= 0 steps, got " + n);
        return () -> java.util.stream.IntStream.range(0, n).iterator();
    }

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
