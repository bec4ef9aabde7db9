package org.elbo4j.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.elbo4j.internal.Names;
import org.elbo4j.tensor.Tensor;

/**
 * Named, unconstrained parameter values: the one mutable container that optimizers update in place.
 *
 * <p>Values are constant tensors (no tape); a gradient evaluation puts them on its own tape as leaves.
 * Iteration order is insertion order, so everything derived from a store (flattening, checkpoints,
 * summaries) is deterministic. Not thread-safe: one store belongs to one fit.
 *
 * <pre>{@code
 * ParamStore p = new ParamStore();
 * p.put("w", Tensor.zeros(3));
 * p.get("w");            // [0.0, 0.0, 0.0]
 * ParamStore copy = p.copy();   // a snapshot, to restore after a failed step
 * }</pre>
 */
public final class ParamStore {
    // Insertion-ordered, looked up several times per parameter on every SVI step (binding, the optimizer's update and
    // commit): org.elbo4j.internal.Names finds a name by its position after the previous hit, without hashing.
    private final Names<Tensor> values = new Names<>();

    /** An empty store. */
    public ParamStore() {}

    /**
     * The value of {@code name}.
     *
     * @throws IllegalArgumentException naming the parameter and the known names if it is absent
     */
    public Tensor get(String name) {
        Tensor t = values.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no parameter named '" + name + "'; known: " + values.keys());
        }
        return t;
    }

    /** The value of {@code name}, or {@code null} when absent (one lookup, for hot paths). */
    public Tensor getOrNull(String name) {
        return values.get(name);
    }

    /** True when {@code name} is present. */
    public boolean contains(String name) {
        return values.containsKey(name);
    }

    /**
     * Sets (or adds) a parameter. The value is stored detached from any tape.
     *
     * @throws IllegalArgumentException if an existing parameter would change shape, or the value is not finite
     */
    public void put(String name, Tensor value) {
        if (!value.allFinite()) {
            throw new IllegalArgumentException("parameter '" + name + "': value is not finite: " + value);
        }
        Tensor old = values.get(name);
        if (old != null && !old.shape().equals(value.shape())) {
            throw new IllegalArgumentException("parameter '" + name + "' has shape " + old.shape()
                    + "; cannot set a value of shape " + value.shape());
        }
        values.put(name, value.detach());
    }

    /**
     * Replaces an existing parameter's value with a constant the caller has already checked (same shape, finite):
     * the optimizers' commit, after their own all-or-nothing validation.
     */
    void replaceChecked(String name, Tensor value) {
        values.put(name, value);
    }

    /** The position of {@code name} in insertion order, or −1 (for {@link #replaceChecked(int, Tensor)}). */
    int indexOf(String name) {
        return values.indexOf(name);
    }

    /** {@link #replaceChecked(String, Tensor)} by position. */
    void replaceChecked(int i, Tensor value) {
        values.setValue(i, value);
    }

    /** Adds {@code init} under {@code name} unless present; returns the stored value. */
    public Tensor setIfAbsent(String name, Tensor init) {
        Tensor t = values.get(name);
        if (t != null) return t;
        put(name, init);
        return values.get(name);
    }

    /** The names, in insertion order. Not modifiable. */
    public Set<String> names() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(values.keys()));
    }

    /** The entries, in insertion order. Not modifiable. */
    public Map<String, Tensor> asMap() {
        LinkedHashMap<String, Tensor> m = new LinkedHashMap<>(2 * values.size());
        for (int i = 0; i < values.size(); i++) m.put(values.key(i), values.value(i));
        return Collections.unmodifiableMap(m);
    }

    /** Number of parameters. */
    public int size() {
        return values.size();
    }

    /** Total number of scalar entries. */
    public int numel() {
        int n = 0;
        for (int i = 0; i < values.size(); i++) n += values.value(i).size();
        return n;
    }

    /** A snapshot (tensors are immutable, so this is cheap). */
    public ParamStore copy() {
        ParamStore c = new ParamStore();
        for (int i = 0; i < values.size(); i++) c.values.put(values.key(i), values.value(i));
        return c;
    }

    /** The values at one moment, cheap to take (two array copies, no hashing); see {@link #restore(Snapshot)}. */
    public record Snapshot(String[] names, Tensor[] values) {}

    /** A snapshot of the current values (tensors are immutable, so nothing is copied but references). */
    public Snapshot snapshot() {
        int n = values.size();
        String[] names = new String[n];
        Tensor[] vals = new Tensor[n];
        for (int i = 0; i < n; i++) {
            names[i] = values.key(i);
            vals[i] = values.value(i);
        }
        return new Snapshot(names, vals);
    }

    /** Puts back the values of a snapshot; parameters added since are removed. */
    public void restore(Snapshot s) {
        values.clear();
        for (int i = 0; i < s.names().length; i++) values.put(s.names()[i], s.values()[i]);
    }

    /** Replaces every value with the snapshot's (used to undo a step). */
    public void restore(ParamStore snapshot) {
        values.clear();
        for (int i = 0; i < snapshot.values.size(); i++) values.put(snapshot.values.key(i), snapshot.values.value(i));
    }

    @Override
    public String toString() {
        return "ParamStore" + values.keys();
    }
}
