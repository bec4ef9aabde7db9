package org.elbo4j.distributions;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Bijectors;
import org.elbo4j.transform.Constraint;
import org.elbo4j.transform.Transform;

/**
 * The improper flat "distribution" on a support (NumPyro's {@code ImproperUniform}): the log density is 0 on the
 * support and −∞ outside,
 * \[ \log p(x) = 0, \quad x \in \text{support}. \]
 * It does not integrate to 1 (nor to anything finite when the support is unbounded): it is the prior of a Stan
 * parameter that has no sampling statement, or whose sampling statement is written as a separate
 * {@code target +=} term (a bound the prior ignores, e.g. {@code real<lower=0> sigma} with
 * {@code sigma ~ normal(0, 10)} — add that density with {@code Sites.factor}). As a latent site under an
 * automatic guide it contributes only its support (and so the transform to unconstrained space); the posterior
 * must be proper for the ELBO to be finite.
 *
 * <p><b>Sampling</b> (only to initialise and to discover the site's shape; it is not a draw from anything
 * normalisable): u ~ Uniform(−2, 2) on the unconstrained scale, pushed through
 * {@code Bijectors.bijectTo(support)}, as Stan initialises parameters. No pathwise sampler: there are no
 * parameters to differentiate.
 *
 * <pre>{@code
 * Tensor beta  = s.sample("beta", ImproperUniform.of(Constraints.REAL, Shape.of(2)));        // flat prior
 * Tensor sigma = s.sample("sigma", ImproperUniform.of(Constraints.POSITIVE, Shape.SCALAR));
 * s.factor("sigma_prior", Normal.of(0, 10).logProb(sigma));                               // half-normal
 * }</pre>
 *
 * <blockquote>Stan Development Team, "Stan Reference Manual", section "Initialization" (uniform(−2, 2) on the
 * unconstrained scale). NumPyro, {@code numpyro.distributions.ImproperUniform}.</blockquote>
 */
public final class ImproperUniform implements Distribution {
    private static final double INIT_RADIUS = 2.0;

    private final Constraint support;
    private final Shape batch, event;
    private final Transform transform;

    private ImproperUniform(Constraint support, Shape batch, Shape event, Transform transform) {
        this.support = support;
        this.batch = batch;
        this.event = event;
        this.transform = transform;
    }

    /**
     * @param support the support; its {@link Constraint#eventRank()} trailing dimensions of {@code shape} form the
     *                event shape, the rest the batch shape
     * @param shape   the shape of one value (batch shape + event shape)
     * @throws IllegalArgumentException if the support is discrete, has no registered transform, or has a
     *                                  larger event rank than {@code shape} has dimensions
     */
    public static ImproperUniform of(Constraint support, Shape shape) {
        if (support.isDiscrete()) {
            throw new IllegalArgumentException("ImproperUniform: support must be continuous, got " + support.name());
        }
        int er = support.eventRank();
        if (shape.rank() < er) {
            throw new IllegalArgumentException("ImproperUniform: shape " + shape
                    + " has fewer dimensions than the event rank " + er + " of the support " + support.name());
        }
        Transform t = Bijectors.bijectTo(support);
        int[] d = shape.dims();
        Shape batch = Shape.of(java.util.Arrays.copyOfRange(d, 0, d.length - er));
        Shape event = Shape.of(java.util.Arrays.copyOfRange(d, d.length - er, d.length));
        return new ImproperUniform(support, batch, event, t);
    }

    /** Scalar values. */
    public static ImproperUniform of(Constraint support) {
        return of(support, Shape.SCALAR);
    }

    @Override
    public Shape batchShape() {
        return batch;
    }

    @Override
    public Shape eventShape() {
        return event;
    }

    @Override
    public Constraint support() {
        return support;
    }

    @Override
    public boolean hasRsample() {
        return false;
    }

    /**
     * Uniform(−2, 2) on the unconstrained scale, mapped onto the support.
     *
     * @return shape sampleShape + batchShape + eventShape; never on a tape
     */
    @Override
    public Tensor sample(RandomStream rng, Shape sampleShape) {
        Shape y = event.prepend(batch).prepend(sampleShape);
        Shape x = transform.inverseShape(y);
        Tensor u = Draws.openUnit(rng, x).mul(2 * INIT_RADIUS).sub(INIT_RADIUS);
        return transform.forward(u).detach();
    }

    /**
     * @param value shape [...] + batchShape + eventShape. Not modified.
     * @return 0 on the support and −∞ outside, shape [...] + batchShape
     * @throws IllegalArgumentException if the value's shape does not fit or it holds a NaN
     */
    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        Tensor ok = support.check(value);
        double[] lp = new double[ok.size()];
        for (int i = 0; i < lp.length; i++) lp[i] = ok.at(i) != 0 ? 0 : Double.NEGATIVE_INFINITY;
        Shape s = Shape.broadcast("ImproperUniform.logProb", ok.shape(), batch);
        return Tensor.of(lp, ok.shape()).broadcastTo(s);
    }

    @Override
    public String toString() {
        return "ImproperUniform(support=" + support.name() + ", shape=" + event.prepend(batch) + ")";
    }
}
