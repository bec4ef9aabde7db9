package org.elbo4j.stan.compile;

import org.elbo4j.math.Special;
import org.elbo4j.tensor.Adjoints;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * A real-valued container being assigned element by element ({@code mu[i] = a + b * x[i]} in a loop) without
 * one tape node per write: a base Tensor plus per-element overrides, each pointing at an element of some
 * Tensor. Writing is O(1) per element; reading the whole container builds ONE tape node (cached until the next
 * write) whose backward pass sends each element's adjoint to the base or to the Tensor that element came from.
 * Reading one element returns the scalar Tensor that was written, with no node at all.
 *
 * <p>Measured against per-element Tensors stacked on read and against copy-on-write: one node per build keeps
 * the tape short (N writes + 1 read = 1 node) where stacking costs N + 1.
 */
final class Cells {
    final Shape shape;
    private final double[] vals;
    private Tensor base;
    private Tensor[] src;
    private int[] srcIdx;
    private Tensor cached;

    Cells(Tensor base) {
        this.shape = base.shape();
        this.vals = base.toArray();
        this.base = base;
    }

    int size() {
        return vals.length;
    }

    /** Writes element {@code k} (flat, row-major) := element {@code j} of {@code from}. */
    void set(int k, Tensor from, int j) {
        if (src == null) {
            src = new Tensor[vals.length];
            srcIdx = new int[vals.length];
        }
        vals[k] = from.rank() == 0 ? from.item() : from.at(j);
        src[k] = from;
        srcIdx[k] = j;
        cached = null;
    }

    /** Element {@code k} as a scalar Tensor. */
    Tensor element(int k) {
        if (src != null && src[k] != null) {
            Tensor s = src[k];
            if (s.rank() == 0) return s;
            return Tensor.precomputed("index", vals[k], s, srcIdx[k], 1.0); // a scalar record, no closure
        }
        return Tensor.precomputed("index", vals[k], base, k, 1.0);
    }

    /** The Tensor element {@code k} reads: the Tensor written there, or the base. */
    Tensor source(int k) {
        return src != null && src[k] != null ? src[k] : base;
    }

    /** The flat position in {@link #source} of element {@code k}. */
    int sourceIndex(int k) {
        if (src != null && src[k] != null) return src[k].rank() == 0 ? 0 : srcIdx[k];
        return k;
    }

    /** The whole container as one Tensor. */
    Tensor tensor() {
        if (cached != null) return cached;
        if (src == null) return cached = base;
        Reads r = reads(null);
        if (r.inputs.length == 0) return cached = Tensor.of(vals.clone(), shape);
        return cached = Tensor.custom("assign", shape, vals.clone(), (g, adj) -> r.backward(g, adj), r.inputs);
    }

    /**
     * Where each element of a read comes from: {@code s[k]} the Tensor written there (null: the base) and
     * {@code si[k]} the flat index in it; {@code inputs} the distinct ones on a tape (consecutive duplicates
     * dropped), the base included when an element reads it.
     */
    private record Reads(Tensor base, Tensor[] s, int[] si, Tensor[] inputs) {
        /** Sends {@code g[k]} to element k's source (a scalar record's slot needs no adjoint array). */
        void backward(double[] g, Adjoints adj) {
            double[] ab = adj.of(base);
            for (int k = 0; k < g.length; k++) {
                Tensor t = s[k];
                if (t == null) {
                    if (ab != null) ab[si[k]] += g[k];
                } else {
                    adj.add(t, si[k], g[k]);
                }
            }
        }
    }

    /** The sources of the elements at flat positions {@code pos} ({@code null}: every element, in order). */
    private Reads reads(int[] pos) {
        int n = pos == null ? vals.length : pos.length;
        Tensor[] s = new Tensor[n];
        int[] si = new int[n];
        java.util.ArrayList<Tensor> ins = new java.util.ArrayList<>();
        boolean baseUsed = false;
        Tensor last = null;
        for (int k = 0; k < n; k++) {
            int p = pos == null ? k : pos[k];
            Tensor t = src == null ? null : src[p];
            if (t == null) {
                baseUsed = true;
                si[k] = p;
            } else {
                s[k] = t;
                si[k] = srcIdx[p];
                if (t != last && t.requiresGrad()) {
                    ins.add(t);
                    last = t;
                }
            }
        }
        if (baseUsed && base.requiresGrad()) ins.add(base);
        return new Reads(base, s, si, ins.toArray(new Tensor[0]));
    }

    /**
     * The elements at flat positions {@code pos} (row-major, checked by the caller) as one Tensor of shape
     * {@code out}, without materialising the whole container: one tape node whose inputs are only the sources of
     * the selected elements ({@code sub_col(prediction, 1, m, i - 1)} in a loop that writes {@code prediction[i, m]}
     * costs O(i), not O(size)). Equal, value and gradient, to indexing {@link #tensor()} at {@code pos}.
     */
    Tensor gather(int[] pos, Shape out) {
        int n = pos.length;
        double[] v = new double[n];
        for (int k = 0; k < n; k++) v[k] = vals[pos[k]];
        Reads r = reads(pos);
        if (r.inputs.length == 0) return Tensor.of(v, out);
        return Tensor.custom("index", out, v, (g, adj) -> r.backward(g, adj), r.inputs);
    }

    /**
     * {@code log_sum_exp} of the whole container as one node whose inputs are the elements' sources, or null when
     * the container is already assembled (then the library's reduction of {@link #tensor()} is one node too). The
     * value and partials (softmax weights, 0 when the result is not finite) are {@code Containers.logSumExp}'s.
     */
    Tensor logSumExp() {
        if (cached != null || src == null) return null;
        int n = vals.length;
        double lse = Special.logSumExp(vals, 0, n);
        Reads r = reads(null);
        if (r.inputs.length == 0) return Tensor.scalar(lse);
        double[] d = new double[n];
        if (Double.isFinite(lse)) for (int k = 0; k < n; k++) d[k] = Math.exp(vals[k] - lse);
        return Tensor.custom(
                "log_sum_exp",
                Shape.SCALAR,
                new double[] {lse},
                (g, adj) -> { // each element's adjoint, routed as tensor()'s backward routes it
                    double[] c = new double[n];
                    for (int k = 0; k < n; k++) c[k] = d[k] * g[0];
                    r.backward(c, adj);
                },
                r.inputs);
    }

    /** Collapses the overrides into the base (used when a block ends, so that later reads are plain). */
    Tensor freeze() {
        Tensor t = tensor();
        base = t;
        src = null;
        srcIdx = null;
        return t;
    }
}
