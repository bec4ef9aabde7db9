package org.elbo4j.dist;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;
import org.elbo4j.transform.Constraints;

/**
 * The Cauchy distribution with location {@code loc} (often written x₀) and scale {@code scale} (γ > 0):
 * \[ p(x) = \frac{1}{\pi\gamma\left(1 + \left(\frac{x - x_0}{\gamma}\right)^2\right)}, \quad x \in \mathbb{R}. \]
 *
 * <p><b>Reparameterization (location–scale):</b> z = x₀ + γ·ε, ε = tan(π(u − ½)), u ~ U(0, 1) open (the
 * inverse of the standard Cauchy CDF).
 *
 * <p>No mean or variance (E|X| = ∞): {@link #mean()} and {@link #variance()} throw. Entropy log(4πγ); CDF
 * ½ + atan(z)/π.
 *
 * <blockquote>N. L. Johnson, S. Kotz and N. Balakrishnan, "Continuous Univariate Distributions", vol. 1,
 * 2nd ed., Wiley, 1994, chapter 16.</blockquote>
 */
public final class Cauchy implements Distribution {
    private static final double LOG_PI = Math.log(Math.PI);

    private final Tensor loc, scale;
    private final Shape batch;

    private Cauchy(Tensor loc, Tensor scale) {
        this.loc = loc;
        this.scale = scale;
        this.batch = Distributions.batchShape("Cauchy", loc, scale);
    }

    /**
     * @param loc   x₀, any shape
     * @param scale γ, broadcasting against {@code loc}
     * @throws IllegalArgumentException if a scale entry is not > 0 and finite or a loc entry is not finite
     */
    public static Cauchy of(Tensor loc, Tensor scale) {
        Distributions.requireFinite("Cauchy", "loc", loc);
        Distributions.requirePositive("Cauchy", "scale", scale);
        return new Cauchy(loc, scale);
    }

    /** Scalar parameters. */
    public static Cauchy of(double loc, double scale) { return of(Tensor.scalar(loc), Tensor.scalar(scale)); }

    /** x₀. */
    public Tensor loc() { return loc; }

    /** γ. */
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
        for (int i = 0; i < e.length; i++) e[i] = Math.tan(Math.PI * (e[i] - 0.5));
        return loc.add(scale.mul(Tensor.wrap(e, s)));
    }

    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        Tensor z = value.sub(loc).div(scale);
        return z.square().log1p().neg().sub(scale.log()).sub(LOG_PI);
    }

    /** @throws UnsupportedOperationException always: the Cauchy distribution has no mean */
    @Override
    public Tensor mean() { throw new UnsupportedOperationException("Cauchy has no mean: E|X| is infinite"); }

    /** @throws UnsupportedOperationException always: the Cauchy distribution has no variance */
    @Override
    public Tensor variance() { throw new UnsupportedOperationException("Cauchy has no variance: E[X²] is infinite"); }

    @Override public Tensor entropy() { return scale.log().add(Math.log(4 * Math.PI)).broadcastTo(batch); }

    @Override
    public Tensor cdf(Tensor value) {
        Distributions.checkValue(this, value);
        return TensorFunctions.atan(value.sub(loc).div(scale)).div(Math.PI).add(0.5);
    }

    @Override public String toString() { return "Cauchy(loc=" + loc + ", scale=" + scale + ")"; }
}
