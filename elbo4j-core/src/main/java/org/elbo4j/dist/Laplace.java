package org.elbo4j.dist;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;
import org.elbo4j.transform.Constraints;

/**
 * The Laplace (double exponential) distribution with location {@code loc} (often written μ) and scale
 * {@code scale} (b > 0):
 * \[ p(x) = \frac{1}{2b} \exp\!\left(-\frac{|x-\mu|}{b}\right), \quad x \in \mathbb{R}. \]
 *
 * <p><b>Reparameterization (location–scale):</b> z = μ + b·ε with ε ~ Laplace(0, 1) drawn by its inverse CDF,
 * ε = log(2u) for u < ½ and ε = −log(2(1 − u)) otherwise, u ~ U(0, 1) open.
 *
 * <p>Mean μ, variance 2b², entropy 1 + log(2b); CDF ½·e^{z} for z = (x − μ)/b < 0, 1 − ½·e^{−z} otherwise.
 *
 * <blockquote>N. L. Johnson, S. Kotz and N. Balakrishnan, "Continuous Univariate Distributions", vol. 2,
 * 2nd ed., Wiley, 1995, chapter 24.</blockquote>
 */
public final class Laplace implements Distribution {
    private static final double LOG2 = Math.log(2);

    private final Tensor loc, scale;
    private final Shape batch;

    private Laplace(Tensor loc, Tensor scale) {
        this.loc = loc;
        this.scale = scale;
        this.batch = Distributions.batchShape("Laplace", loc, scale);
    }

    /**
     * @param loc   μ, any shape
     * @param scale b, broadcasting against {@code loc}
     * @throws IllegalArgumentException if a scale entry is not > 0 and finite or a loc entry is not finite
     */
    public static Laplace of(Tensor loc, Tensor scale) {
        Distributions.requireFinite("Laplace", "loc", loc);
        Distributions.requirePositive("Laplace", "scale", scale);
        return new Laplace(loc, scale);
    }

    /** Scalar parameters. */
    public static Laplace of(double loc, double scale) { return of(Tensor.scalar(loc), Tensor.scalar(scale)); }

    /** μ. */
    public Tensor loc() { return loc; }

    /** b. */
    public Tensor scale() { return scale; }

    @Override public Shape batchShape() { return batch; }
    @Override public Shape eventShape() { return Shape.SCALAR; }
    @Override public Constraint support() { return Constraints.REAL; }
    @Override public boolean hasRsample() { return true; }
    @Override public boolean hasEntropy() { return true; }

    @Override
    public Tensor sample(RandomStream rng, Shape sampleShape) {
        return rsample(rng, sampleShape).detach();
    }

    @Override
    public Tensor rsample(RandomStream rng, Shape sampleShape) {
        Shape s = batch.prepend(sampleShape);
        double[] e = Draws.openUnit(rng, s).toArray();
        // inverse CDF, with log(2u) and log(2(1−u)) computed on the smaller tail for full precision
        for (int i = 0; i < e.length; i++) e[i] = e[i] < 0.5 ? Math.log(2 * e[i]) : -Math.log(2 * (1 - e[i]));
        return loc.add(scale.mul(Tensor.wrap(e, s)));
    }

    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        return value.sub(loc).abs().div(scale).neg().sub(scale.log()).sub(LOG2);
    }

    @Override public Tensor mean() { return loc.broadcastTo(batch); }
    @Override public Tensor variance() { return scale.square().mul(2).broadcastTo(batch); }

    @Override
    public Tensor entropy() { return scale.log().add(1 + LOG2).broadcastTo(batch); }

    @Override
    public Tensor cdf(Tensor value) {
        Distributions.checkValue(this, value);
        Tensor z = value.sub(loc).div(scale);
        Tensor neg = TensorFunctions.mask(z, v -> v < 0);
        // ½e^{z} left of μ, 1 − ½e^{−z} right of it: each branch only exponentiates a non-positive number
        return Tensor.where(neg, z.clamp(Double.NEGATIVE_INFINITY, 0).exp().mul(0.5),
                z.clamp(0, Double.POSITIVE_INFINITY).neg().exp().mul(-0.5).add(1));
    }

    @Override public String toString() { return "Laplace(loc=" + loc + ", scale=" + scale + ")"; }
}
