package org.elbo4j.transform;

import org.elbo4j.tensor.Tensor;

/**
 * y = lo + eˣ, ℝ → (lo, ∞) (Stan's lower-bounded transform), elementwise:
 * \[ y = lo + e^{x}, \qquad x = \log(y - lo), \qquad \log\left|\frac{dy}{dx}\right| = x. \]
 *
 * <p>Numerics: for eˣ much smaller than |lo| the sum rounds, so the round trip keeps about
 * log10(eˣ/(ε·|lo|)) digits of x; a y that rounds onto lo maps back to −∞. For lo = 0 the registry uses
 * {@link ExpTransform}.
 */
public final class LowerBoundTransform implements Transform {
    private final double lo;
    private final Constraint codomain;

    private LowerBoundTransform(double lo, Constraint codomain) {
        this.lo = lo;
        this.codomain = codomain;
    }

    /**
     * The map onto (lowerBound, ∞), codomain {@link Constraints#greaterThan}.
     *
     * @throws IllegalArgumentException if lowerBound is not finite
     */
    public static LowerBoundTransform of(double lowerBound) {
        check(lowerBound);
        return new LowerBoundTransform(lowerBound, Constraints.greaterThan(lowerBound));
    }

    /**
     * The map onto a constraint x > lo or x ≥ lo, which becomes its {@link #codomain()}.
     *
     * @throws IllegalArgumentException unless the constraint's lower bound is finite and its upper bound +∞
     */
    public static LowerBoundTransform onto(Constraints.Bounded c) {
        check(c.lower());
        if (c.upper() != Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("LowerBoundTransform: the constraint " + c.name()
                    + " has a finite upper bound " + c.upper() + "; use IntervalTransform");
        }
        return new LowerBoundTransform(c.lower(), c);
    }

    private static void check(double lo) {
        if (!Double.isFinite(lo))
            throw new IllegalArgumentException("LowerBoundTransform: lowerBound must be finite, got " + lo);
    }

    /** lo. */
    public double lowerBound() {
        return lo;
    }

    /**
     * @param x any shape. Not modified.
     * @return lo + eˣ, same shape
     * @throws IllegalArgumentException if an element of x is not finite
     */
    @Override
    public Tensor forward(Tensor x) {
        return TransformChecks.requireFinite(this, "forward", x).exp().add(lo);
    }

    /**
     * @param y any shape, every element in the codomain. Not modified.
     * @return log(y − lo), same shape
     * @throws IllegalArgumentException if an element of y is outside the codomain or NaN
     */
    @Override
    public Tensor inverse(Tensor y) {
        return TransformChecks.requireIn(this, "inverse", y, codomain).sub(lo).log();
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
        return "lowerBound(" + lo + ")";
    }
}
