package org.elbo4j.transform;

import org.elbo4j.tensor.Tensor;

/**
 * The scaled sigmoid onto an interval [lo, hi] (Stan's lower-and-upper-bounded transform), elementwise:
 * \[ y = lo + (hi - lo)\,\sigma(x), \qquad x = \log(y - lo) - \log(hi - y), \qquad
 *    \log\left|\frac{dy}{dx}\right| = \log(hi - lo) + \log\sigma(x) + \log\sigma(-x). \]
 *
 * <p>Numerics: the inverse takes the logs of the distances to the two ends separately (better than
 * logit((y − lo)/(hi − lo)), which rounds (y − lo)/(hi − lo) first); log|J| is finite for every finite x. As
 * for {@link SigmoidTransform}, a y that rounds onto an end maps back to ∓∞. {@link Constraints#UNIT_INTERVAL}
 * itself maps through {@link SigmoidTransform}.
 */
public final class IntervalTransform implements Transform {
    private final double lo, hi;
    private final Constraint codomain;

    private IntervalTransform(double lo, double hi, Constraint codomain) {
        this.lo = lo;
        this.hi = hi;
        this.codomain = codomain;
    }

    /**
     * The map onto the closed interval [lowerBound, upperBound].
     *
     * @throws IllegalArgumentException unless both bounds are finite and lowerBound &lt; upperBound
     */
    public static IntervalTransform of(double lowerBound, double upperBound) {
        check(lowerBound, upperBound);
        return new IntervalTransform(lowerBound, upperBound, Constraints.interval(lowerBound, upperBound));
    }

    /**
     * The map onto a bounded constraint (open or closed), which becomes its {@link #codomain()}.
     *
     * @throws IllegalArgumentException unless both bounds are finite and lower &lt; upper
     */
    public static IntervalTransform onto(Constraints.Bounded c) {
        check(c.lower(), c.upper());
        return new IntervalTransform(c.lower(), c.upper(), c);
    }

    private static void check(double lo, double hi) {
        if (!(Double.isFinite(lo) && Double.isFinite(hi) && lo < hi)) {
            throw new IllegalArgumentException(
                    "IntervalTransform: need finite bounds with lowerBound < upperBound, got [" + lo + ", " + hi + "]");
        }
    }

    /** The lower end. */
    public double lowerBound() {
        return lo;
    }

    /** The upper end. */
    public double upperBound() {
        return hi;
    }

    /**
     * @param x any shape. Not modified.
     * @return lo + (hi − lo)·σ(x), same shape
     * @throws IllegalArgumentException if an element of x is not finite
     */
    @Override
    public Tensor forward(Tensor x) {
        return TransformChecks.requireFinite(this, "forward", x)
                .sigmoid()
                .mul(hi - lo)
                .add(lo);
    }

    /**
     * @param y any shape, every element in the codomain. Not modified.
     * @return log(y − lo) − log(hi − y), same shape
     * @throws IllegalArgumentException if an element of y is outside the codomain or NaN
     */
    @Override
    public Tensor inverse(Tensor y) {
        TransformChecks.requireIn(this, "inverse", y, codomain);
        return y.sub(lo).log().sub(y.rsub(hi).log());
    }

    /** @return log(hi − lo) + log σ(x) + log σ(−x), elementwise (shape of x) */
    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return x.logSigmoid().add(x.neg().logSigmoid()).add(Math.log(hi - lo));
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
        return "interval(" + lo + ", " + hi + ")";
    }
}
