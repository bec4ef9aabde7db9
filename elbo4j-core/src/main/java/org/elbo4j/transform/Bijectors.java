package org.elbo4j.transform;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The registry that maps a constraint to its default bijection from unconstrained space (ℝ^n) onto it, as ADVI
 * needs: a guide lives in ℝ^n and {@code bijectTo(support).forward} carries its draws to the model's scale.
 * Users register more with {@link #register}; later registrations win.
 *
 * <pre>{@code
 * Transform t = Bijectors.bijectTo(Constraints.POSITIVE);   // exp
 * Tensor x = Tensor.of(-1, 0, 1);
 * Tensor y = t.forward(x);                                   // [0.367879, 1.0, 2.71828]
 * t.logAbsDetJacobian(x, y);                                 // x
 * }</pre>
 */
public final class Bijectors {
    private Bijectors() {}

    private record Entry(java.util.function.Predicate<Constraint> matches, Function<Constraint, Transform> make) {}

    private static final List<Entry> ENTRIES = new CopyOnWriteArrayList<>();
    // bijectTo runs on every parameter binding of every step: cache the lookup (cleared by register).
    private static final java.util.Map<Constraint, Transform> CACHE = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * In front of {@link #CACHE}, by identity: the constraints of a model are the same objects on every step, and a
     * constraint record's hashCode is recomputed from its fields on every call (measured: 6% of an eight-schools
     * step). Copy on write, replaced whole; at most {@link #IDENTITY_MAX} entries.
     */
    private static volatile java.util.IdentityHashMap<Constraint, Transform> byIdentity =
            new java.util.IdentityHashMap<>();

    private static final int IDENTITY_MAX = 64;

    static {
        register(c -> c.equals(Constraints.REAL), c -> IdentityTransform.INSTANCE);
        register(c -> c.equals(Constraints.POSITIVE), c -> ExpTransform.INSTANCE);
        BijectorRules.registerDefaults();
    }

    /** Adds a rule: for constraints matching {@code matches}, {@code make} builds the transform. */
    public static void register(
            java.util.function.Predicate<Constraint> matches, Function<Constraint, Transform> make) {
        ENTRIES.add(0, new Entry(matches, make));
        CACHE.clear();
        byIdentity = new java.util.IdentityHashMap<>();
    }

    /**
     * The default transform from unconstrained space onto {@code c}.
     *
     * @throws IllegalArgumentException naming the constraint when none is registered (e.g. discrete supports)
     */
    public static Transform bijectTo(Constraint c) {
        java.util.IdentityHashMap<Constraint, Transform> known = byIdentity;
        Transform same = known.get(c);
        if (same != null) return same;
        Transform cached = CACHE.get(c);
        if (cached != null) {
            if (known.size() < IDENTITY_MAX) {
                java.util.IdentityHashMap<Constraint, Transform> more = new java.util.IdentityHashMap<>(known);
                more.put(c, cached);
                byIdentity = more;
            }
            return cached;
        }
        for (Entry e : ENTRIES) {
            if (e.matches.test(c)) {
                Transform t = e.make.apply(c);
                CACHE.put(c, t);
                return t;
            }
        }
        throw new IllegalArgumentException("no transform onto the constraint '" + c.name() + "' is registered"
                + (c.isDiscrete() ? " (it is discrete: a continuous guide cannot cover it)" : ""));
    }
}
