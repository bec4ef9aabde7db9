package org.elbo4j.internal;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

/**
 * Not API: shared by elbo4j's packages and free to change. An insertion-ordered map from site or parameter names,
 * made for the few entries of one model run: a trace has a handful of sites, and a fresh trace is built on every
 * step, so a {@code LinkedHashMap} (a node, a hash and often a resize per entry) was a measurable part of an SVI
 * step. Lookups try the position just past the last hit (names come in the same order step after step), then compare
 * the strings' cached hashes, identity (the names are usually the same string constants on every run) and
 * {@code equals}; past {@link #INDEXED} entries a hash index takes over, so a model with thousands of sites stays
 * linear. Null keys are not allowed. Concurrent reads are safe (the hint is a guess, checked before it is used);
 * a write needs exclusive access.
 *
 * @param <V> the values
 */
public final class Names<V> {
    private static final int INDEXED = 16;
    private String[] keys = new String[8];
    private int[] hashes = new int[8]; // String caches its hash: one int compare rejects almost every other key
    private Object[] values = new Object[8];
    private int n;
    private HashMap<String, Integer> index; // built when n exceeds INDEXED
    private int hint; // just past the last hit: lookups tend to come in insertion order, step after step

    /** The number of entries. */
    public int size() {
        return n;
    }

    /** The key at position {@code i}, in insertion order. */
    public String key(int i) {
        return keys[i];
    }

    /** The value at position {@code i}, in insertion order. */
    @SuppressWarnings("unchecked")
    public V value(int i) {
        return (V) values[i];
    }

    private int find(String k) {
        if (index != null) {
            Integer i = index.get(k);
            return i == null ? -1 : i;
        }
        int t = hint;
        if (t < n && keys[t] == k) {
            hint = t + 1;
            return t;
        }
        int h = k.hashCode();
        for (int i = 0; i < n; i++) {
            if (hashes[i] == h && (keys[i] == k || keys[i].equals(k))) {
                hint = i + 1;
                return i;
            }
        }
        return -1;
    }

    /** The value for {@code k}, or {@code null}. */
    public V get(String k) {
        int i = find(k);
        return i < 0 ? null : value(i);
    }

    /** True when {@code k} is present. */
    public boolean containsKey(String k) {
        return find(k) >= 0;
    }

    /** Adds {@code k → v} unless {@code k} is present; returns the value already there, or {@code null}. */
    public V putIfAbsent(String k, V v) {
        int i = find(k);
        if (i >= 0) return value(i);
        append(k, v);
        return null;
    }

    /** Sets {@code k → v}, keeping the position of an existing {@code k}. */
    public void put(String k, V v) {
        int i = find(k);
        if (i >= 0) values[i] = v;
        else append(k, v);
    }

    private void append(String k, V v) {
        if (n == keys.length) {
            keys = Arrays.copyOf(keys, 2 * n);
            hashes = Arrays.copyOf(hashes, 2 * n);
            values = Arrays.copyOf(values, 2 * n);
        }
        keys[n] = k;
        hashes[n] = k.hashCode();
        values[n] = v;
        if (index != null) {
            index.put(k, n);
        } else if (n + 1 > INDEXED) {
            index = new HashMap<>(4 * n);
            for (int i = 0; i <= n; i++) index.put(keys[i], i);
        }
        n++;
    }

    /** Sets the value at position {@code i} (0 ≤ i &lt; size). */
    public void setValue(int i, V v) {
        if (i < 0 || i >= n) throw new IndexOutOfBoundsException("index " + i + ", size " + n);
        values[i] = v;
    }

    /** The position of {@code k}, or −1. */
    public int indexOf(String k) {
        return find(k);
    }

    /** Removes every entry. */
    public void clear() {
        Arrays.fill(keys, 0, n, null);
        Arrays.fill(values, 0, n, null);
        n = 0;
        hint = 0;
        index = null;
    }

    /** The keys in insertion order, a copy. */
    public List<String> keys() {
        return List.of(Arrays.copyOf(keys, n));
    }

    /** The values in insertion order, a read-only view. */
    public List<V> values() {
        return new AbstractList<>() {
            @Override
            public V get(int i) {
                if (i < 0 || i >= n) throw new IndexOutOfBoundsException("index " + i + ", size " + n);
                return value(i);
            }

            @Override
            public int size() {
                return n;
            }
        };
    }
}
