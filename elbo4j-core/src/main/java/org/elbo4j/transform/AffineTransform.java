package org.elbo4j.transform;

import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * y = loc + scale·x, ℝ → ℝ, with tensor parameters that broadcast against x (NumPy rules):
 * \[ y = \mu + s\,x, \qquad x = \frac{y - \mu}{s}, \qquad \log|\det J| = \sum_{\text{event}} \log|s|. \]
 *
 * <p>{@code loc} (often written μ) and {@code scale} (s ≠ 0) may be parameters on a tape: forward, inverse and
 * log|J| are differentiable in them. With {@link #eventRank()} r > 0 (torch's {@code event_dim}) log|J| is
 * summed over the last r dimensions of the broadcast shape, so the transform acts on vectors or matrices.
 */
public final class AffineTransform implements Transform {
    private final Tensor loc, scale;
    private final int eventRank;

    private AffineTransform(Tensor loc, Tensor scale, int eventRank) {
        this.loc = loc;
        this.scale = scale;
        this.eventRank = eventRank;
    }

    /**
     * Elementwise (event rank 0).
     *
     * @param loc   μ, any shape broadcasting with {@code scale}. Not modified.
     * @param scale s, every element finite and ≠ 0. Not modified.
     * @throws IllegalArgumentException if a loc entry is not finite, a scale entry is 0 or not finite, or the
     *                                  shapes do not broadcast
     */
    public static AffineTransform of(Tensor loc, Tensor scale) {
        return of(loc, scale, 0);
    }

    /**
     * With event rank {@code eventRank} (log|J| summed over that many trailing dimensions).
     *
     * @throws IllegalArgumentException as {@link #of(Tensor, Tensor)}, or if eventRank &lt; 0
     */
    public static AffineTransform of(Tensor loc, Tensor scale, int eventRank) {
        for (int i = 0; i < loc.size(); i++) {
            if (!Double.isFinite(loc.at(i))) {
                throw new IllegalArgumentException("AffineTransform: loc must be finite, got " + loc.at(i)
                        + " at flat index " + i + " of shape " + loc.shape());
            }
        }
        for (int i = 0; i < scale.size(); i++) {
            double s = scale.at(i);
            if (!(Double.isFinite(s) && s != 0)) {
                throw new IllegalArgumentException("AffineTransform: scale must be finite and non-zero, got " + s
                        + " at flat index " + i + " of shape " + scale.shape());
            }
        }
        if (eventRank < 0)
            throw new IllegalArgumentException("AffineTransform: eventRank must be >= 0, got " + eventRank);
        Shape.broadcast("AffineTransform (loc vs scale)", loc.shape(), scale.shape());
        return new AffineTransform(loc, scale, eventRank);
    }

    /** Scalar parameters, elementwise. */
    public static AffineTransform of(double loc, double scale) {
        return of(Tensor.scalar(loc), Tensor.scalar(scale));
    }

    /** μ. */
    public Tensor loc() {
        return loc;
    }

    /** s. */
    public Tensor scale() {
        return scale;
    }

    /**
     * @param x shape broadcasting with loc and scale, rank ≥ eventRank. Not modified.
     * @return loc + scale·x, in the broadcast shape
     * @throws IllegalArgumentException if an element of x is not finite or the shapes do not broadcast
     */
    @Override
    public Tensor forward(Tensor x) {
        TransformChecks.requireFinite(this, "forward", x);
        forwardShape(x.shape());
        return loc.add(scale.mul(x));
    }

    /**
     * @param y shape broadcasting with loc and scale. Not modified.
     * @return (y − loc)/scale, in the broadcast shape
     * @throws IllegalArgumentException if an element of y is not finite or the shapes do not broadcast
     */
    @Override
    public Tensor inverse(Tensor y) {
        TransformChecks.requireIn(this, "inverse", y, Constraints.REAL);
        inverseShape(y.shape());
        return y.sub(loc).div(scale);
    }

    /** @return log|scale| broadcast to the shape of x (with loc and scale), summed over the last eventRank dims */
    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        Tensor l = scale.abs().log().broadcastTo(forwardShape(x.shape()));
        for (int k = 0; k < eventRank; k++) l = l.sum(-1);
        return l;
    }

    @Override
    public Constraint domain() {
        return Constraints.REAL;
    }

    @Override
    public Constraint codomain() {
        return Constraints.REAL;
    }

    @Override
    public int eventRank() {
        return eventRank;
    }

    /**
     * @throws IllegalArgumentException if {@code x} does not broadcast with loc and scale or has rank &lt; eventRank
     */
    @Override
    public Shape forwardShape(Shape x) {
        Shape s =
                Shape.broadcast(name() + " (x vs loc, scale)", Shape.broadcast(name(), loc.shape(), scale.shape()), x);
        if (x.rank() < eventRank) {
            throw new IllegalArgumentException(
                    name() + ": x of shape " + x + " has fewer than eventRank = " + eventRank + " dimensions");
        }
        return s;
    }

    @Override
    public Shape inverseShape(Shape y) {
        return forwardShape(y);
    }

    @Override
    public String name() {
        return "affine";
    }
}
