package org.elbo4j.distributions;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.FusedOps;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;
import org.elbo4j.transform.Constraints;

/**
 * The shared part of the location–scale families on the real line (Normal, Laplace, Logistic, Cauchy, Gumbel):
 * parameters {@code loc} and {@code scale} broadcast to the batch shape, and the pathwise sampler
 * z = loc + scale·ε with ε drawn from the family's standard member by {@link #standard}, recorded as one fused
 * tape node ({@link FusedOps#locScale}). Package-private: users see the final families.
 */
abstract class LocationScale implements Distribution {
    final Tensor loc, scale;
    final Shape batch;

    LocationScale(String family, Tensor loc, Tensor scale) {
        this.loc = loc;
        this.scale = scale;
        this.batch = Distributions.batchShape(family, loc, scale);
    }

    /** Validates loc (finite) and scale (> 0, finite), naming the family. */
    static void validate(String family, Tensor loc, Tensor scale) {
        Distributions.requireFinite(family, "loc", loc);
        Distributions.requirePositive(family, "scale", scale);
    }

    /** Fills {@code eps} with independent draws of the standard member (loc 0, scale 1). */
    abstract void standard(RandomStream rng, double[] eps);

    /** The location. */
    public Tensor loc() {
        return loc;
    }

    /** The scale. */
    public Tensor scale() {
        return scale;
    }

    @Override
    public Shape batchShape() {
        return batch;
    }

    @Override
    public Shape eventShape() {
        return Shape.SCALAR;
    }

    @Override
    public Constraint support() {
        return Constraints.REAL;
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    @Override
    public boolean hasEntropy() {
        return true;
    }

    @Override
    public Tensor sample(RandomStream rng, Shape sampleShape) {
        return rsample(rng, sampleShape).detach();
    }

    @Override
    public Tensor rsample(RandomStream rng, Shape sampleShape) {
        Shape s = batch.prepend(sampleShape);
        double[] eps = new double[s.size()];
        standard(rng, eps);
        return FusedOps.locScale(loc, scale, eps, s);
    }
}
