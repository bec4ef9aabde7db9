package org.elbo4j.infer;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

/**
 * An insertion-ordered map from site or parameter names, made for the few entries of one model run: a trace has
 * a handful of sites, and a fresh trace is built on every step, so a {@code LinkedHashMap} (a node, a hash and
 * often a resize per entry) was a measurable part of an SVI step. Lookups compare the strings' cached hashes, then identity
 * (the names are usually the same string constants on every run), then {@code equals}; past {@link #INDEXED} entries a hash
 * index takes over, so a model with thousands of sites stays linear.
 *
 * @param <V> the values
 */
final class Names<V> {
    private static final int INDEXED = 16;
    private String[] keys = new String[8];
    private int[] hashes = new int[8]; // String caches its hash: one int compare rejects almost every other key
    private Object[] values = new Object[8];
    private int n;
    private HashMap<String, Integer> index; // built when n exceeds INDEXED

    int size() { return n; }

    String key(int i) { return keys[i]; }

    @SuppressWarnings("unchecked")
    V value(int i) { return (V) values[i]; }

    private int find(String k) {
        if (index != null) {
            Integer i = index.get(k);
            return i == null ? -1 : i;
        }
        int h = k.hashCode();
        for (int i = 0; i < n; i++) if (hashes[i] == h && (keys[i] == k || keys[i].equals(k))) return i;
        return -1;
    }

    /** The value for {@code k}, or {@code null}. */
    V get(String k) {
        int i = find(k);
        return i < 0 ? null : value(i);
    }

    boolean containsKey(String k) { return find(k) >= 0; }

    /** Adds {@code k → v} unless {@code k} is present; returns the value already there, or {@code null}. */
    V putIfAbsent(String k, V v) {
        int i = find(k);
        if (i >= 0) return value(i);
        append(k, v);
        return null;
    }

    /** Sets {@code k → v}, keeping the position of an existing {@code k}. */
    void put(String k, V v) {
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

    /** The values in insertion order, a read-only view. */
    List<V> values() {
        return new AbstractList<>() {
            @Override public V get(int i) {
                if (i < 0 || i >= n) throw new IndexOutOfBoundsException("index " + i + ", size " + n);
                return value(i);
            }
            @Override public int size() { return n; }
        };
    }
}
