package org.elbo4j.transform;

/**
 * The built-in constraint → transform rules beyond real and positive (which {@link Bijectors} registers
 * itself): the ADVI / Stan choices.
 *
 * <ul>
 *   <li>x > lo, x ≥ lo (lo ≠ 0 or closed): lo + eˣ ({@link LowerBoundTransform}); x > 0 stays exp;</li>
 *   <li>x < hi, x ≤ hi: hi − eˣ ({@link UpperBoundTransform});</li>
 *   <li>[lo, hi] (or open): lo + (hi − lo)·σ(x) ({@link IntervalTransform}); the unit interval: σ
 *       ({@link SigmoidTransform});</li>
 *   <li>simplex: stick-breaking; lower-Cholesky: strict lower part and exp of the diagonal; correlation
 *       Cholesky: tanh partial correlations; positive-definite: lower-Cholesky then L·Lᵀ; ordered vectors:
 *       the first entry, then cumulative sums of exponentials ({@link OrderedTransform}).</li>
 * </ul>
 * Discrete constraints get no rule, so {@link Bijectors#bijectTo} reports them.
 */
final class BijectorRules {
    private BijectorRules() {}

    static void registerDefaults() {
        Bijectors.register(
                c -> c instanceof Constraints.Bounded b
                        && Double.isFinite(b.lower())
                        && b.upper() == Double.POSITIVE_INFINITY
                        && !c.equals(Constraints.POSITIVE),
                c -> LowerBoundTransform.onto((Constraints.Bounded) c));
        Bijectors.register(
                c -> c instanceof Constraints.Bounded b
                        && b.lower() == Double.NEGATIVE_INFINITY
                        && Double.isFinite(b.upper()),
                c -> UpperBoundTransform.onto((Constraints.Bounded) c));
        Bijectors.register(
                c -> c instanceof Constraints.Bounded b && Double.isFinite(b.lower()) && Double.isFinite(b.upper()),
                c -> c.equals(Constraints.UNIT_INTERVAL)
                        ? SigmoidTransform.INSTANCE
                        : IntervalTransform.onto((Constraints.Bounded) c));
        Bijectors.register(c -> c.equals(Constraints.SIMPLEX), c -> StickBreakingTransform.INSTANCE);
        Bijectors.register(c -> c.equals(Constraints.LOWER_CHOLESKY), c -> LowerCholeskyTransform.INSTANCE);
        Bijectors.register(c -> c.equals(Constraints.CORRELATION_CHOLESKY), c -> CorrCholeskyTransform.INSTANCE);
        Bijectors.register(
                c -> c.equals(Constraints.POSITIVE_DEFINITE), c -> CholeskyOuterTransform.positiveDefinite());
        Bijectors.register(c -> c.equals(Constraints.ORDERED), c -> OrderedTransform.INSTANCE);
    }
}
