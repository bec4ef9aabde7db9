package org.elbo4j.stan.compile;

import java.util.Arrays;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * Runtime values: conversions (int to real promotion), indexing of Tensors and int arrays with single and
 * multi-indices (0-based here; the compiler converts Stan's 1-based indices), and element writes.
 *
 * <p>Values: {@code Integer}; {@code int[]} (array[] int); {@code Object[]} of int arrays (array[,] int and
 * deeper); {@code Tensor} for everything real-valued; {@link Cells} in a slot being written element-wise.
 */
final class Values {
    private Values() {}

    /** Promotes ints and int arrays to Tensors; Tensors pass through; Cells are read whole. */
    static Tensor toTensor(Object v) {
        if (v instanceof Tensor t) return t;
        if (v instanceof Integer n) return Tensor.scalar(n);
        if (v instanceof Cells c) return c.tensor();
        if (v instanceof int[] a) {
            double[] d = new double[a.length];
            for (int k = 0; k < a.length; k++) d[k] = a[k];
            return Tensor.of(d, a.length);
        }
        if (v instanceof Object[] arr) {
            int[] dims = intDims(arr);
            int[] flat = flatten(arr);
            double[] d = new double[flat.length];
            for (int k = 0; k < flat.length; k++) d[k] = flat[k];
            return Tensor.of(d, dims);
        }
        throw new IllegalStateException("not a value: " + v);
    }

    /** Dimensions of a nested int array. */
    static int[] intDims(Object v) {
        if (v instanceof int[] a) return new int[] {a.length};
        Object[] arr = (Object[]) v;
        if (arr.length == 0) return new int[] {0, 0};
        int[] inner = intDims(arr[0]);
        int[] d = new int[inner.length + 1];
        d[0] = arr.length;
        System.arraycopy(inner, 0, d, 1, inner.length);
        return d;
    }

    /** Row-major flattening of a (nested) int array. */
    static int[] flatten(Object v) {
        if (v instanceof int[] a) return a;
        Object[] arr = (Object[]) v;
        int[][] parts = new int[arr.length][];
        int n = 0;
        for (int k = 0; k < arr.length; k++) {
            parts[k] = flatten(arr[k]);
            n += parts[k].length;
        }
        int[] out = new int[n];
        int o = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    /** Builds a nested int array of the given dims from row-major values. */
    static Object nest(int[] flat, int[] dims, int from, int level) {
        if (level == dims.length - 1) return Arrays.copyOfRange(flat, from, from + dims[level]);
        Object[] out = new Object[dims[level]];
        int stride = 1;
        for (int k = level + 1; k < dims.length; k++) stride *= dims[k];
        for (int k = 0; k < dims[level]; k++) out[k] = nest(flat, dims, from + k * stride, level + 1);
        return out;
    }

    /** Deep copy of an int array value (ints are mutable arrays; Tensors are immutable). */
    static Object copyInts(Object v) {
        if (v instanceof int[] a) return a.clone();
        if (v instanceof Object[] arr) {
            Object[] out = new Object[arr.length];
            for (int k = 0; k < arr.length; k++) out[k] = copyInts(arr[k]);
            return out;
        }
        return v;
    }

    static int check(int idx0, int n) {
        if (idx0 < 0 || idx0 >= n) {
            throw new StanIndexException(
                    "index " + (idx0 + 1) + " out of range; expecting index to be between 1 and " + n);
        }
        return idx0;
    }

    // ---------------------------------------------------------------- Tensor indexing

    /**
     * Reads {@code t[idx...]}: each index an Integer (single, 0-based) or int[] (multi, 0-based); dimensions
     * past the indices are kept.
     */
    static Tensor index(Tensor t, Object[] idx) {
        int[] dims = t.shape().dims();
        if (idx.length > dims.length)
            throw new StanIndexException("too many indexes for a value of shape " + t.shape());
        boolean allSingle = true;
        for (Object x : idx) if (!(x instanceof Integer)) allSingle = false;
        int[] strides = strides(dims);
        if (allSingle) {
            int off = 0;
            for (int k = 0; k < idx.length; k++) off += check((Integer) idx[k], dims[k]) * strides[k];
            int[] rest = Arrays.copyOfRange(dims, idx.length, dims.length);
            int len = idx.length == 0 ? t.size() : strides[idx.length - 1];
            return t.flatSlice(off, off + len, Shape.of(rest));
        }
        // general: gather
        int[] oshape = indexedShape(dims, idx);
        int[] pos = positions(dims, strides, idx);
        double[] vals = new double[pos.length];
        for (int k = 0; k < pos.length; k++) vals[k] = t.at(pos[k]);
        if (!t.requiresGrad()) return Tensor.of(vals, oshape);
        final int[] p = pos;
        return Tensor.custom(
                "index",
                Shape.of(oshape),
                vals,
                (g, adj) -> {
                    double[] a = adj.of(t);
                    if (a == null) return;
                    for (int k = 0; k < g.length; k++) a[p[k]] += g[k];
                },
                t);
    }

    /**
     * Reads {@code c[idx...]} (as {@link #index} on {@code c.tensor()}) without materialising the whole container:
     * only the selected elements go into the one node ({@link Cells#gather}).
     */
    static Tensor index(Cells c, Object[] idx) {
        int[] dims = c.shape.dims();
        if (idx.length > dims.length) throw new StanIndexException("too many indexes for a value of shape " + c.shape);
        return c.gather(positions(dims, strides(dims), idx), Shape.of(indexedShape(dims, idx)));
    }

    /**
     * The shape of {@code x[idx...]} for a value of shape {@code dims}: a multi-index keeps its dimension (its
     * length), a single index drops it, the dimensions past the indices are kept. Checks every index.
     */
    private static int[] indexedShape(int[] dims, Object[] idx) {
        int[] outDims = new int[dims.length];
        int od = 0;
        for (int k = 0; k < dims.length; k++) {
            if (k < idx.length) {
                if (idx[k] instanceof int[] m) {
                    for (int v : m) check(v, dims[k]);
                    outDims[od++] = m.length;
                } else {
                    check((Integer) idx[k], dims[k]);
                }
            } else {
                outDims[od++] = dims[k];
            }
        }
        return Arrays.copyOf(outDims, od);
    }

    static int[] strides(int[] dims) {
        int[] s = new int[dims.length];
        int acc = 1;
        for (int k = dims.length - 1; k >= 0; k--) {
            s[k] = acc;
            acc *= dims[k];
        }
        return s;
    }

    /** Flat row-major source positions selected by the indices (checked), in output order. */
    static int[] positions(int[] dims, int[] strides, Object[] idx) {
        int n = 1;
        for (int k = 0; k < dims.length; k++) {
            if (k < idx.length) {
                if (idx[k] instanceof int[] m) n *= m.length;
            } else {
                n *= dims[k];
            }
        }
        int[] out = new int[n];
        int[] o = {0};
        fill(out, o, dims, strides, idx, 0, 0);
        return out;
    }

    private static void fill(int[] out, int[] o, int[] dims, int[] strides, Object[] idx, int level, int off) {
        if (level == dims.length) {
            out[o[0]++] = off;
            return;
        }
        if (level < idx.length) {
            Object x = idx[level];
            if (x instanceof int[] m) {
                for (int v : m)
                    fill(out, o, dims, strides, idx, level + 1, off + check(v, dims[level]) * strides[level]);
            } else {
                fill(out, o, dims, strides, idx, level + 1, off + check((Integer) x, dims[level]) * strides[level]);
            }
        } else { // the remaining dimensions are not indexed: one contiguous block
            int len = dims[level] * strides[level];
            for (int k = 0; k < len; k++) out[o[0]++] = off + k;
        }
    }

    // ---------------------------------------------------------------- int array indexing

    /** Reads an int array value with single/multi indices. */
    static Object indexInts(Object v, Object[] idx, int from) {
        if (from == idx.length) return v;
        Object x = idx[from];
        if (v instanceof int[] a) {
            if (from != idx.length - 1) throw new StanIndexException("too many indexes for an int array");
            if (x instanceof Integer k) return a[check(k, a.length)];
            int[] m = (int[]) x;
            int[] out = new int[m.length];
            for (int k = 0; k < m.length; k++) out[k] = a[check(m[k], a.length)];
            return out;
        }
        Object[] arr = (Object[]) v;
        if (x instanceof Integer k) return indexInts(arr[check(k, arr.length)], idx, from + 1);
        int[] m = (int[]) x;
        Object[] out = new Object[m.length];
        for (int k = 0; k < m.length; k++) out[k] = indexInts(arr[check(m[k], arr.length)], idx, from + 1);
        if (out.length > 0 && out[0] instanceof Integer) {
            int[] r = new int[out.length];
            for (int k = 0; k < r.length; k++) r[k] = (Integer) out[k];
            return r;
        }
        return out;
    }

    /** Writes into an int array value (mutating it) at the given indices. */
    static void assignInts(Object target, Object[] idx, int from, Object value) {
        Object x = idx[from];
        boolean last = from == idx.length - 1;
        if (target instanceof int[] a) {
            if (x instanceof Integer k) {
                a[check(k, a.length)] = (Integer) value;
            } else {
                int[] m = (int[]) x;
                int[] vs = (int[]) value;
                if (vs.length != m.length)
                    throw new StanIndexException(
                            "assigning " + vs.length + " values to " + m.length + " indexed elements");
                for (int k = 0; k < m.length; k++) a[check(m[k], a.length)] = vs[k];
            }
            return;
        }
        Object[] arr = (Object[]) target;
        if (x instanceof Integer k) {
            check(k, arr.length);
            if (last) arr[k] = copyInts(value);
            else assignInts(arr[k], idx, from + 1, value);
        } else {
            int[] m = (int[]) x;
            Object[] vs = value instanceof Object[] oa ? oa : null;
            for (int k = 0; k < m.length; k++) {
                Object vk = vs != null ? vs[k] : ((int[]) value)[k];
                if (last) arr[check(m[k], arr.length)] = copyInts(vk);
                else assignInts(arr[check(m[k], arr.length)], idx, from + 1, vk);
            }
        }
    }

    /** Writes {@code value} into the positions of {@code c} selected by the indices. */
    static void assignCells(Cells c, Object[] idx, Tensor value) {
        int[] dims = c.shape.dims();
        int[] pos = positions(dims, strides(dims), idx);
        if (value.rank() == 0) {
            if (pos.length != 1) throw new StanIndexException("assigning a scalar to " + pos.length + " elements");
            c.set(pos[0], value, 0);
            return;
        }
        if (value.size() != pos.length) {
            throw new StanIndexException("size mismatch in assignment: " + pos.length + " indexed elements, value has "
                    + value.size() + " (shape " + value.shape() + ")");
        }
        for (int k = 0; k < pos.length; k++) c.set(pos[k], value, k);
    }
}
