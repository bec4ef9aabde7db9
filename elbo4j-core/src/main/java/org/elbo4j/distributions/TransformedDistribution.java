package org.elbo4j.distributions;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;
import org.elbo4j.transform.Transform;

/**
 * The law of y = f(x) for x drawn from a base distribution and a bijection f:
 * \[ \log p_Y(y) = \log p_X(f^{-1}(y)) - \log\left|\det J_f(f^{-1}(y))\right|. \]
 *
 * <p><b>Reparameterization (transformation):</b> y = f(x) with x = base.rsample(); pathwise whenever the base
 * is. LogNormal is exp(Normal); ADVI's guides are Gaussians pushed through the inverse of the support's
 * transform.
 *
 * <p>The transform acts on the base's event dimensions when its {@link Transform#eventRank()} is positive; an
 * elementwise transform of a base with event rank r sums its log|det J| over those r dimensions.
 */
public final class TransformedDistribution implements Distribution {
    private final Distribution base;
    private final Transform transform;
    private final Shape event;

    private TransformedDistribution(Distribution base, Transform transform) {
        this.base = base;
        this.transform = transform;
        this.event = transform.forwardShape(base.eventShape().prepend(Shape.SCALAR));
    }

    /**
     * @throws IllegalArgumentException if the transform acts on more dimensions than the base's event has
     */
    public static TransformedDistribution of(Distribution base, Transform transform) {
        if (transform.eventRank() > base.eventShape().rank()) {
            throw new IllegalArgumentException("TransformedDistribution: transform " + transform.name()
                    + " has event rank " + transform.eventRank() + " but the base " + base.name() + " has event shape "
                    + base.eventShape());
        }
        return new TransformedDistribution(base, transform);
    }

    /** The base distribution. */
    public Distribution base() {
        return base;
    }

    /** The transform. */
    public Transform transform() {
        return transform;
    }

    @Override
    public String name() {
        return "Transformed(" + base.name() + ", " + transform.name() + ")";
    }

    @Override
    public Shape batchShape() {
        return base.batchShape();
    }

    @Override
    public Shape eventShape() {
        return event;
    }

    @Override
    public Constraint support() {
        return transform.codomain();
    }

    @Override
    public boolean hasRsample() {
        return base.hasRsample();
    }

    @Override
    public Tensor sample(RandomStream rng, Shape sampleShape) {
        return transform.forward(base.sample(rng, sampleShape));
    }

    @Override
    public Tensor rsample(RandomStream rng, Shape sampleShape) {
        return transform.forward(base.rsample(rng, sampleShape));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Events outside the support get −∞: they are first replaced by forward(0), a point of the codomain, because
     * the transforms' inverses reject values outside their codomain (no gradient reaches the replaced entries).
     */
    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        Tensor ok = support().check(value);
        boolean all = true;
        for (int i = 0; i < ok.size() && all; i++) all = ok.at(i) != 0;
        if (!all) {
            int[] d = new int[value.rank()];
            int r = ok.rank();
            for (int i = 0; i < d.length; i++) d[i] = i < r ? ok.dim(i) : 1;
            Tensor fill =
                    transform.forward(Tensor.zeros(transform.inverseShape(event).dims()));
            value = Tensor.where(ok.reshape(d), value, fill);
        }
        Tensor x = transform.inverse(value);
        Tensor ladj = transform.logAbsDetJacobian(x, value);
        // Sum the elementwise log|det J| over the base event dimensions the transform did not already consume.
        for (int k = transform.eventRank(); k < base.eventShape().rank(); k++) ladj = ladj.sum(-1);
        Tensor lp = base.logProb(x).sub(ladj);
        return all ? lp : Tensor.where(ok, lp, Tensor.scalar(Double.NEGATIVE_INFINITY));
    }

    @Override
    public String toString() {
        return name();
    }
}
