package org.elbo4j.distributions;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.elbo4j.tensor.Tensor;

/**
 * Closed-form Kullback–Leibler divergences KL(p‖q) = E_p[log p − log q], looked up by the pair of classes in a
 * registry that users can extend (no instanceof chains).
 *
 * <pre>{@code
 * Tensor kl = KlDivergence.of(Normal.of(0, 1), Normal.of(1, 2));     // 0.443147
 * KlDivergence.register(MyDist.class, Normal.class, (p, q) -> p.klTo(q));  // add a pair (MyDist: yours)
 * KlDivergence.has(Gamma.class, Normal.class);                        // false
 * }</pre>
 */
public final class KlDivergence {
    private KlDivergence() {}

    /** A closed form for one ordered pair of families; shape = the broadcast batch shape of p and q. */
    @FunctionalInterface
    public interface Rule<P extends Distribution, Q extends Distribution> {
        Tensor kl(P p, Q q);
    }

    private record Key(Class<?> p, Class<?> q) {}

    private static final Map<Key, Rule<?, ?>> RULES = new ConcurrentHashMap<>();

    static {
        KlRules.registerDefaults();
    }

    /** Registers (or replaces) the rule for KL(P‖Q). */
    public static <P extends Distribution, Q extends Distribution> void register(
            Class<P> p, Class<Q> q, Rule<P, Q> rule) {
        RULES.put(new Key(p, q), rule);
    }

    /** The names of the families q with a registered KL(p‖q) for the family of {@code p}, sorted. */
    public static java.util.List<String> partnersOf(Class<? extends Distribution> p) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (Key k : RULES.keySet()) if (k.p() == p) out.add(k.q().getSimpleName());
        java.util.Collections.sort(out);
        return out;
    }

    /** True when a closed form is registered for the pair. */
    public static boolean has(Class<? extends Distribution> p, Class<? extends Distribution> q) {
        return RULES.containsKey(new Key(p, q));
    }

    /**
     * KL(p‖q) in closed form, differentiable in both distributions' parameters.
     *
     * @throws IllegalArgumentException naming both families when no closed form is registered
     */
    @SuppressWarnings("unchecked")
    public static Tensor of(Distribution p, Distribution q) {
        Rule<Distribution, Distribution> r =
                (Rule<Distribution, Distribution>) RULES.get(new Key(p.getClass(), q.getClass()));
        if (r == null) {
            throw new IllegalArgumentException("no closed-form KL divergence is registered for KL(" + p.name() + " || "
                    + q.name() + "); estimate it by Monte Carlo, or register one with KlDivergence.register");
        }
        return r.kl(p, q);
    }
}
