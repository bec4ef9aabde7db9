package org.elbo4j.tensor;

import java.util.Arrays;

/** Shape manipulation: reshape, transpose, indexing and slicing along the first axis, gather, concat, stack. */
final class ShapeOps {
    private ShapeOps() {}

    private static void addAll(double[] gx, double[] g) {
        for (int i = 0; i < gx.length; i++) gx[i] += g[i];
    }

    static Tensor reshape(Tensor a, int[] dims) {
        int[] d = dims.clone();
        int infer = -1, known = 1;
        for (int i = 0; i < d.length; i++) {
            if (d[i] == -1) {
                if (infer >= 0)
                    throw new IllegalArgumentException("reshape: more than one -1 in " + Arrays.toString(dims));
                infer = i;
            } else if (d[i] < 0) {
                throw new IllegalArgumentException("reshape: negative size in " + Arrays.toString(dims));
            } else {
                known *= d[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || a.size() % known != 0) {
                throw new IllegalArgumentException(
                        "reshape: cannot reshape " + a.shape + " to " + Arrays.toString(dims));
            }
            d[infer] = a.size() / known;
        }
        Shape s = Shape.of(d);
        if (s.size() != a.size()) {
            throw new IllegalArgumentException(
                    "reshape: cannot reshape " + a.shape + " (" + a.size() + " elements) to " + s);
        }
        if (s.equals(a.shape)) return a;
        if (a.tape == null) return new Tensor(s, a.data);
        return a.tape.push("reshape", s, a.data, (g, adj) -> addAll(adj.of(a), g));
    }

    static Tensor transpose(Tensor a) {
        if (a.rank() < 2) throw new IllegalArgumentException("transpose: needs rank >= 2, got shape " + a.shape);
        int[] d = a.shape.dims();
        int r = d.length, m = d[r - 2], n = d[r - 1], batch = a.size() / Math.max(1, m * n);
        d[r - 2] = n;
        d[r - 1] = m;
        Shape s = Shape.of(d);
        double[] x = a.data, y = new double[x.length];
        for (int b = 0; b < batch; b++) {
            int o = b * m * n;
            for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) y[o + j * m + i] = x[o + i * n + j];
        }
        if (a.tape == null) return new Tensor(s, y);
        return a.tape.push("transpose", s, y, (g, adj) -> {
            double[] gx = adj.of(a);
            for (int b = 0; b < batch; b++) {
                int o = b * m * n;
                for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) gx[o + i * n + j] += g[o + j * m + i];
            }
        });
    }

    static Tensor index(Tensor a, int i) {
        if (a.rank() == 0) throw new IllegalArgumentException("index: cannot index a scalar");
        int n = a.shape.dim(0);
        if (i < 0 || i >= n)
            throw new IllegalArgumentException("index: " + i + " out of range for first dimension of shape " + a.shape);
        Shape s = a.shape.dropFirst(1);
        int len = s.size(), off = i * len;
        double[] y = Arrays.copyOfRange(a.data, off, off + len);
        if (a.tape == null) return new Tensor(s, y);
        return a.tape.push("index", s, y, (g, adj) -> {
            double[] gx = adj.of(a);
            for (int k = 0; k < len; k++) gx[off + k] += g[k];
        });
    }

    static Tensor slice(Tensor a, int from, int to) {
        if (a.rank() == 0) throw new IllegalArgumentException("slice: cannot slice a scalar");
        int n = a.shape.dim(0);
        if (from < 0 || to > n || from > to) {
            throw new IllegalArgumentException(
                    "slice: [" + from + ", " + to + ") out of range for first dimension of shape " + a.shape);
        }
        int[] d = a.shape.dims();
        d[0] = to - from;
        Shape s = Shape.of(d);
        int row = n == 0 ? 0 : a.size() / n, off = from * row;
        double[] y = Arrays.copyOfRange(a.data, off, off + (to - from) * row);
        if (a.tape == null) return new Tensor(s, y);
        return a.tape.push("slice", s, y, (g, adj) -> {
            double[] gx = adj.of(a);
            for (int k = 0; k < g.length; k++) gx[off + k] += g[k];
        });
    }

    static Tensor gather(Tensor a, int[] idx) {
        if (a.rank() == 0) throw new IllegalArgumentException("gather: cannot gather from a scalar");
        int n = a.shape.dim(0), row = n == 0 ? 0 : a.size() / n;
        for (int k = 0; k < idx.length; k++) {
            if (idx[k] < 0 || idx[k] >= n) {
                throw new IllegalArgumentException("gather: index " + idx[k] + " at position " + k
                        + " out of range for first dimension of shape " + a.shape);
            }
        }
        int[] d = a.shape.dims();
        d[0] = idx.length;
        Shape s = Shape.of(d);
        double[] y = new double[idx.length * row];
        for (int k = 0; k < idx.length; k++) System.arraycopy(a.data, idx[k] * row, y, k * row, row);
        if (a.tape == null) return new Tensor(s, y);
        int[] ix = idx.clone();
        return a.tape.push("gather", s, y, (g, adj) -> {
            double[] gx = adj.of(a);
            for (int k = 0; k < ix.length; k++) {
                int src = k * row, dst = ix[k] * row;
                for (int j = 0; j < row; j++) gx[dst + j] += g[src + j];
            }
        });
    }

    static Tensor takeLast(Tensor a, int[] idx) {
        if (a.rank() == 0) throw new IllegalArgumentException("takeLast: needs rank >= 1, got a scalar");
        int n = a.shape.dim(-1), lead = n == 0 ? 0 : a.size() / n;
        if (idx.length != lead) {
            throw new IllegalArgumentException(
                    "takeLast: " + idx.length + " indices for " + lead + " leading positions of shape " + a.shape);
        }
        double[] y = new double[lead];
        for (int j = 0; j < lead; j++) {
            if (idx[j] < 0 || idx[j] >= n) {
                throw new IllegalArgumentException("takeLast: index " + idx[j] + " at position " + j
                        + " out of range for last dimension of shape " + a.shape);
            }
            y[j] = a.data[j * n + idx[j]];
        }
        Shape s = a.shape.dropLast(1);
        if (a.tape == null) return new Tensor(s, y);
        int[] ix = idx.clone();
        return a.tape.push("takeLast", s, y, (g, adj) -> {
            double[] gx = adj.of(a);
            for (int j = 0; j < ix.length; j++) gx[j * n + ix[j]] += g[j];
        });
    }

    static Tensor concat(int axis, Tensor[] ts) {
        if (ts.length == 0) throw new IllegalArgumentException("concat: no tensors");
        int r = ts[0].rank();
        if (r == 0) throw new IllegalArgumentException("concat: cannot concatenate scalars (use stack)");
        int ax = axis < 0 ? axis + r : axis;
        if (ax < 0 || ax >= r)
            throw new IllegalArgumentException("concat: axis " + axis + " out of range for rank " + r);
        int[] d = ts[0].shape.dims();
        int total = 0;
        for (int k = 0; k < ts.length; k++) {
            int[] dk = ts[k].shape.raw();
            boolean ok = dk.length == r;
            for (int i = 0; ok && i < r; i++) ok = i == ax || dk[i] == d[i];
            if (!ok) {
                throw new IllegalArgumentException("concat: tensor " + k + " has shape " + ts[k].shape
                        + ", incompatible with " + ts[0].shape + " along axis " + ax);
            }
            total += dk[ax];
        }
        d[ax] = total;
        Shape s = Shape.of(d);
        int outer = 1, inner = 1;
        for (int i = 0; i < ax; i++) outer *= d[i];
        for (int i = ax + 1; i < r; i++) inner *= d[i];
        double[] y = new double[s.size()];
        int[] offs = new int[ts.length];
        int off = 0;
        for (int k = 0; k < ts.length; k++) {
            offs[k] = off;
            int w = ts[k].shape.raw()[ax] * inner;
            for (int o = 0; o < outer; o++) System.arraycopy(ts[k].data, o * w, y, o * total * inner + off, w);
            off += w;
        }
        Tape t = Tape.common("concat", ts);
        if (t == null) return new Tensor(s, y);
        Tensor[] in = ts.clone();
        int inn = inner, out = outer, tot = total;
        return t.push("concat", s, y, (g, adj) -> {
            for (int k = 0; k < in.length; k++) {
                double[] gx = adj.of(in[k]);
                if (gx == null) continue;
                int w = in[k].shape.raw()[ax] * inn;
                for (int o = 0; o < out; o++) {
                    int src = o * tot * inn + offs[k], dst = o * w;
                    for (int j = 0; j < w; j++) gx[dst + j] += g[src + j];
                }
            }
        });
    }

    static Tensor stack(Tensor[] ts) {
        if (ts.length == 0) throw new IllegalArgumentException("stack: no tensors");
        Tensor[] r = new Tensor[ts.length];
        int[] one = new int[ts[0].rank() + 1];
        one[0] = 1;
        for (int k = 0; k < ts.length; k++) {
            if (!ts[k].shape.equals(ts[0].shape)) {
                throw new IllegalArgumentException(
                        "stack: tensor " + k + " has shape " + ts[k].shape + ", tensor 0 has " + ts[0].shape);
            }
            int[] d = one.clone();
            System.arraycopy(ts[0].shape.raw(), 0, d, 1, d.length - 1);
            r[k] = reshape(ts[k], d);
        }
        return concat(0, r);
    }

    static Tensor broadcastTo(Tensor a, Shape target) {
        if (a.shape.equals(target)) return a;
        if (!a.shape.broadcastsTo(target)) {
            throw new IllegalArgumentException("broadcastTo: shape " + a.shape + " does not broadcast to " + target);
        }
        double[] y = Broadcasting.expand(a.data, a.shape, target);
        if (a.tape == null) return new Tensor(target, y);
        return a.tape.push("broadcastTo", target, y, (g, adj) -> adj.accumulate(a, g, target));
    }

    /** The elements of every part, flattened and concatenated: shape [Σ sizes], one node. */
    static Tensor flatConcat(Tensor[] ts) {
        int n = 0;
        for (Tensor t : ts) n += t.size();
        double[] y = new double[n];
        int[] offs = new int[ts.length];
        int off = 0;
        for (int k = 0; k < ts.length; k++) {
            offs[k] = off;
            System.arraycopy(ts[k].data, 0, y, off, ts[k].size());
            off += ts[k].size();
        }
        Shape s = Shape.of(n);
        Tape t = Tape.common("flatConcat", ts);
        if (t == null) return new Tensor(s, y);
        Tensor[] in = ts.clone();
        return t.push("flatConcat", s, y, (g, adj) -> {
            for (int k = 0; k < in.length; k++) {
                double[] gx = adj.of(in[k]);
                if (gx == null) continue;
                for (int i = 0; i < gx.length; i++) gx[i] += g[offs[k] + i];
            }
        });
    }

    /** Elements [from, to) of the flattened tensor, in shape {@code shape}: one node (slice + reshape). */
    static Tensor flatSlice(Tensor a, int from, int to, Shape shape) {
        if (from < 0 || to > a.size() || from > to) {
            throw new IllegalArgumentException(
                    "flatSlice: [" + from + ", " + to + ") out of range for " + a.size() + " elements");
        }
        if (shape.size() != to - from) {
            throw new IllegalArgumentException("flatSlice: " + (to - from) + " elements do not fill shape " + shape);
        }
        double[] y = Arrays.copyOfRange(a.data, from, to);
        if (a.tape == null) return new Tensor(shape, y);
        return a.tape.push("flatSlice", shape, y, (g, adj) -> {
            double[] gx = adj.of(a);
            for (int i = 0; i < g.length; i++) gx[from + i] += g[i];
        });
    }
}
