package org.elbo4j.infer;

import java.util.LinkedHashMap;
import java.util.Map;
import org.elbo4j.internal.Names;
import org.elbo4j.optim.ParamStore;
import org.elbo4j.tensor.Adjoints;
import org.elbo4j.tensor.Tape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Bijectors;
import org.elbo4j.transform.Constraint;
import org.elbo4j.transform.Constraints;
import org.elbo4j.transform.Transform;

/**
 * Binds {@link Sites#param} calls to a {@link ParamStore} for one evaluation: the stored (unconstrained)
 * value goes on the evaluation's tape as a leaf, once per name, and is carried to the constrained scale.
 * Without a tape the values are constants (prediction, diagnostics, the detached log q of
 * sticking-the-landing).
 *
 * <p>The constraints seen are recorded in a map shared across evaluations, so a fit can report parameters on
 * their natural scale.
 */
public final class ParamBinder {
    private final ParamStore store;
    private final Tape tape;
    private final Map<String, Constraint> constraints;
    /** Per parameter bound in this evaluation: its leaf (unconstrained) and its constrained value. */
    private record Bound(Tensor leaf, Tensor value) {}

    private final Names<Bound> bound = new Names<>();

    /**
     * @param store       read, and written only to add a parameter seen for the first time
     * @param tape        where leaves go; {@code null} for constants
     * @param constraints name → constraint, filled as parameters are first seen. Modified.
     */
    public ParamBinder(ParamStore store, Tape tape, Map<String, Constraint> constraints) {
        this.store = store;
        this.tape = tape;
        this.constraints = constraints;
    }

    /** The same store and constraints with no tape. */
    public ParamBinder detached() {
        return new ParamBinder(store, null, constraints);
    }

    /** The store. */
    public ParamStore store() {
        return store;
    }

    /** The tape, or {@code null}. */
    public Tape tape() {
        return tape;
    }

    Tensor bind(String name, Tensor init, Constraint c) {
        return bind(name, () -> init, c);
    }

    /** As {@link #bind(String, Tensor, Constraint)}, making the initial value only when the store lacks it. */
    Tensor bind(String name, java.util.function.Supplier<Tensor> initial, Constraint c) {
        Bound cached = bound.get(name);
        if (cached != null) return cached.value();
        Constraint known = constraints.get(name);
        if (known != null && known != c && !known.equals(c)) {
            throw new IllegalArgumentException(
                    "param '" + name + "' was declared with constraint " + known + " and now with " + c);
        }
        Transform t = c == Constraints.REAL || c.equals(Constraints.REAL) ? null : Bijectors.bijectTo(c);
        Tensor u = store.getOrNull(name);
        if (u == null) {
            Tensor init = initial.get();
            if (!init.allFinite()) {
                throw new IllegalArgumentException("param '" + name + "': initial value is not finite: " + init);
            }
            if (!c.contains(init)) {
                throw new IllegalArgumentException(
                        "param '" + name + "': initial value " + init + " violates its constraint " + c);
            }
            u = t == null ? init.detach() : t.inverse(init.detach());
            store.put(name, u);
        }
        if (known == null) constraints.put(name, c);
        Tensor leaf = tape == null ? u : tape.leaf(u);
        Tensor v = t == null ? leaf : t.forward(leaf);
        bound.put(name, new Bound(leaf, v));
        return v;
    }

    /** ∂loss/∂(unconstrained param) for every parameter bound in this evaluation (zeros where unused). */
    public Map<String, Tensor> gradients(Adjoints adj) {
        Map<String, Tensor> g = new LinkedHashMap<>(2 * bound.size());
        for (int i = 0; i < bound.size(); i++) {
            Tensor leaf = bound.value(i).leaf();
            double[] a = adj == null ? null : adj.of(leaf);
            // No copy: a leaf's adjoint buffer belongs to this backward pass alone (Adjoints allocates or copies
            // every buffer it holds), and nothing writes to it once the pass is over.
            g.put(bound.key(i), a == null ? Tensor.zeros(leaf.shape().dims()) : Tensor.wrap(a, leaf.shape()));
        }
        return g;
    }
}
