package org.elbo4j.transform;

import org.elbo4j.tensor.Tensor;

/**
 * y = hi − eˣ, ℝ → (−∞, hi) (Stan's upper-bounded transform), elementwise:
 * \[ y = hi - e^{x}, \qquad x = \log(hi - y), \qquad \log\left|\frac{dy}{dx}\right| = x. \]
 *
 * <p>Numerics: as {@link LowerBoundTransform}, mirrored: for eˣ much smaller than |hi| the difference rounds.
 */
public final class UpperBoundTransform implements Transform {
    private final double hi;
    private final Constraint codomain;

    private UpperBoundTransform(double hi, Constraint codomain) {
        this.hi = hi;
        this.codomain = codomain;
    }

    /**
     * The map onto (−∞, upperBound), codomain {@link Constraints#lessThan}.
     *
     * @throws IllegalArgumentException if upperBound is not finite
     */
    public static UpperBoundTransform of(double upperBound) {
        check(upperBound);
        return new UpperBoundTransform(upperBound, Constraints.lessThan(upperBound));
    }

    /**
     * The map onto a constraint x &lt; hi or x ≤ hi, which becomes its {@link #codomain()}.
     *
     * @throws IllegalArgumentException unless the constraint's upper bound is finite and its lower bound −∞
     */
    public static UpperBoundTransform onto(Constraints.Bounded c) {
        check(c.upper());
        if (c.lower() != Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("UpperBoundTransform: the constraint " + c.name()
                    + " has a finite lower bound " + c.lower() + "; use IntervalTransform");
        }
        return new UpperBoundTransform(c.upper(), c);
    }

    private static void check(double hi) {
        if (!Double.isFinite(hi))
            throw new IllegalArgumentException("UpperBoundTransform: upperBound must be finite, got " + hi);
    }

    /** hi. */
    public double upperBound() {
        return hi;
    }

    /**
     * @param x any shape. Not modified.
     * @return hi − eˣ, same shape
     * @throws IllegalArgumentException if an element of x is not finite
     */
    @Override
    public Tensor forward(Tensor x) {
        return TransformChecks.requireFinite(this, "forward", x).exp().rsub(hi);
    }

    /**
     * @param y any shape, every element in the codomain. Not modified.
     * @return log(hi − y), same shape
     * @throws IllegalArgumentException if an element of y is outside the codomain or NaN
     */
    @Override
    public Tensor inverse(Tensor y) {
        return TransformChecks.requireIn(this, "inverse", y, codomain).rsub(hi).log();
    }

    /** @return x (log|dy/dx| = x), elementwise */
    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return x;
    }

    @Override
    public Constraint domain() {
        return Constraints.REAL;
    }

    @Override
    public Constraint codomain() {
        return codomain;
    }

    @Override
    public String name() {
        return "upperBound(" + hi + ")";
    }
}
