package org.elbo4j.distributions;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;

/**
 * A probability distribution over tensors, with batch and event dimensions as in PyTorch.
 *
 * <p>A draw has shape {@code sampleShape + batchShape + eventShape}; {@link #logProb} sums over the event
 * dimensions and returns {@code sampleShape + batchShape}. Parameters are tensors and broadcast against each
 * other; when a parameter is on a tape, {@link #rsample} and {@link #logProb} are differentiable with respect
 * to it. Distributions hold no random state: every draw takes a {@link RandomStream}.
 *
 * <p><b>Values outside the support.</b> {@code logProb} returns −∞ for a value outside {@link #support()}
 * (a finite value that the distribution cannot produce); a NaN value is an error
 * ({@link IllegalArgumentException} naming the family). {@link Distributions#validate} checks a value and
 * throws instead of returning −∞.
 *
 * <pre>{@code
 * RandomStream rng = RandomStream.of(42);
 * Normal d = Normal.of(0.0, 2.0);
 * Tensor z = d.sample(rng, Shape.of(1000));   // shape [1000]
 * d.logProb(Tensor.scalar(0.0));             // −log(2√(2π)) = −1.612086
 * d.entropy();                               // 0.5·log(2πe·4) = 2.112086
 * }</pre>
 */
public interface Distribution {
    /** The family's name, e.g. {@code "Normal"}, used in error messages. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** Shape of independent, non-identical components (from the parameters' broadcast shape). */
    Shape batchShape();

    /** Shape of one draw of one component ([] for univariate families). */
    Shape eventShape();

    /**
     * Draws with shape {@code sampleShape + batchShape + eventShape}. Never recorded on a tape.
     *
     * @param rng advanced by the draw. Modified.
     */
    Tensor sample(RandomStream rng, Shape sampleShape);

    /** One draw: shape {@code batchShape + eventShape}. */
    default Tensor sample(RandomStream rng) {
        return sample(rng, Shape.SCALAR);
    }

    /** {@code n} draws: shape {@code [n] + batchShape + eventShape}. */
    default Tensor sample(RandomStream rng, int n) {
        return sample(rng, Shape.of(n));
    }

    /** True when {@link #rsample} is available (a pathwise, reparameterized sampler). */
    boolean hasRsample();

    /**
     * Reparameterized draws z = g_θ(ε), differentiable with respect to the parameters θ; shape as
     * {@link #sample}.
     *
     * @throws UnsupportedOperationException naming the family when {@link #hasRsample()} is false
     */
    default Tensor rsample(RandomStream rng, Shape sampleShape) {
        throw new UnsupportedOperationException(name() + " has no pathwise (reparameterized) sampler; "
                + "use the score-function estimator for this site");
    }

    /** One reparameterized draw. */
    default Tensor rsample(RandomStream rng) {
        return rsample(rng, Shape.SCALAR);
    }

    /**
     * The log density (or log mass) of {@code value}, summed over event dimensions.
     *
     * @param value shape {@code sampleShape + batchShape + eventShape} (or anything broadcasting to
     *              batchShape + eventShape). Not modified.
     * @return shape {@code sampleShape + batchShape}; −∞ where the value is outside the support
     * @throws IllegalArgumentException if the value's trailing shape does not fit, or it holds a NaN
     */
    Tensor logProb(Tensor value);

    /**
     * Σ {@link #logProb}(value) over all its elements, as one scalar: what a trace keeps of a site. A family may
     * compute it in one fused pass that never builds the elementwise tensor (the Bernoulli likelihood of a
     * logistic regression does); the value equals {@code logProb(value).sum()} up to the order of the sum.
     *
     * @throws IllegalArgumentException as {@link #logProb}
     */
    default Tensor logProbSum(Tensor value) {
        Tensor lp = logProb(value);
        return lp.rank() == 0 ? lp : lp.sum();
    }

    /** The support, as a constraint. */
    Constraint support();

    /** The mean, shape {@code batchShape + eventShape}. */
    default Tensor mean() {
        throw new UnsupportedOperationException(name() + " has no closed-form mean");
    }

    /** The variance (elementwise), shape {@code batchShape + eventShape}. */
    default Tensor variance() {
        throw new UnsupportedOperationException(name() + " has no closed-form variance");
    }

    /** The differential (or discrete) entropy, shape {@code batchShape}. */
    default Tensor entropy() {
        throw new UnsupportedOperationException(name() + " has no closed-form entropy");
    }

    /**
     * Σ {@link #entropy()} over the batch, one scalar (what the ELBO needs of a guide site); a family may compute it
     * in one fused node.
     *
     * @throws UnsupportedOperationException as {@link #entropy()}
     */
    default Tensor entropySum() {
        Tensor h = entropy();
        return h.rank() == 0 ? h : h.sum();
    }

    /** True when {@link #entropy()} is available in closed form. */
    default boolean hasEntropy() {
        return false;
    }

    /**
     * The CDF of a univariate family, elementwise; shape as {@code logProb}.
     *
     * @throws UnsupportedOperationException when the family has none in closed form
     */
    default Tensor cdf(Tensor value) {
        throw new UnsupportedOperationException(name() + " has no closed-form CDF");
    }
}
