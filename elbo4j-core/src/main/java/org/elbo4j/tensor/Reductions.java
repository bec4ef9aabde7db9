package org.elbo4j.tensor;

/**
 * Reductions (sum, max, log-sum-exp) over all elements or one axis, with their backward rules. An axis
 * reduction views the shape as {@code [outer, n, inner]}.
 */
final class Reductions {
    private Reductions() {}

    /**
     * Σ a, in four interleaved partial sums combined as (s0 + s1) + (s2 + s3), then the tail: a fixed order for a
     * given length (so the same bits on every run), and four times the throughput of one chain of dependent adds.
     */
    static double sumOf(double[] a) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0, n = a.length;
        for (; i + 3 < n; i += 4) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
        }
        double s = (s0 + s1) + (s2 + s3);
        for (; i < n; i++) s += a[i];
        return s;
    }

    static Tensor sum(Tensor a) {
        double[] y = {sumOf(a.data)};
        if (a.tape == null) return new Tensor(Shape.SCALAR, y);
        return a.tape.push("sum", Shape.SCALAR, y, (g, adj) -> {
            double[] gx = adj.of(a);
            double c = g[0];
            for (int i = 0; i < gx.length; i++) gx[i] += c;
        });
    }

    static Tensor total(Tensor[] parts) {
        double s = 0;
        for (Tensor p : parts) for (double v : p.data) s += v;
        double[] y = {s};
        Tape t = Tape.common("total", parts);
        if (t == null) return new Tensor(Shape.SCALAR, y);
        Tensor[] in = parts.clone();
        return t.push("total", Shape.SCALAR, y, (g, adj) -> {
            for (Tensor p : in) {
                double[] gx = adj.of(p);
                if (gx == null) continue;
                for (int i = 0; i < gx.length; i++) gx[i] += g[0];
            }
        });
    }

    private static int axis(String op, Tensor a, int axis) {
        int r = a.rank();
        int ax = axis < 0 ? axis + r : axis;
        if (ax < 0 || ax >= r) {
            throw new IllegalArgumentException(op + ": axis " + axis + " out of range for tensor of shape " + a.shape);
        }
        return ax;
    }

    private static Shape reducedShape(Shape s, int ax, boolean keep) {
        int[] d = s.raw();
        int[] out = new int[keep ? d.length : d.length - 1];
        for (int i = 0, j = 0; i < d.length; i++) {
            if (i == ax) {
                if (keep) out[j++] = 1;
            } else {
                out[j++] = d[i];
            }
        }
        return Shape.of(out);
    }

    private static int outer(Shape s, int ax) {
        int o = 1;
        for (int i = 0; i < ax; i++) o *= s.raw()[i];
        return o;
    }

    private static int inner(Shape s, int ax) {
        int o = 1;
        for (int i = ax + 1; i < s.rank(); i++) o *= s.raw()[i];
        return o;
    }

    static Tensor sum(Tensor a, int axis, boolean keep) {
        int ax = axis("sum", a, axis);
        Shape os = reducedShape(a.shape, ax, keep);
        int outer = outer(a.shape, ax), n = a.shape.raw()[ax], inner = inner(a.shape, ax);
        double[] x = a.data, y = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            int base = o * n * inner;
            for (int k = 0; k < n; k++) {
                int src = base + k * inner;
                for (int i = 0; i < inner; i++) y[o * inner + i] += x[src + i];
            }
        }
        if (a.tape == null) return new Tensor(os, y);
        return a.tape.push("sum", os, y, (g, adj) -> {
            double[] gx = adj.of(a);
            for (int o = 0; o < outer; o++) {
                int base = o * n * inner;
                for (int k = 0; k < n; k++) {
                    int dst = base + k * inner;
                    for (int i = 0; i < inner; i++) gx[dst + i] += g[o * inner + i];
                }
            }
        });
    }

    static Tensor max(Tensor a) {
        if (a.data.length == 0) throw new IllegalArgumentException("max: empty tensor of shape " + a.shape);
        int arg = 0;
        double m = a.data[0];
        for (int i = 1; i < a.data.length; i++) {
            if (a.data[i] > m || Double.isNaN(a.data[i]) && !Double.isNaN(m)) {
                m = a.data[i];
                arg = i;
            }
        }
        double[] y = {m};
        if (a.tape == null) return new Tensor(Shape.SCALAR, y);
        int argmax = arg;
        return a.tape.push("max", Shape.SCALAR, y, (g, adj) -> adj.of(a)[argmax] += g[0]);
    }

    static Tensor max(Tensor a, int axis, boolean keep) {
        int ax = axis("max", a, axis);
        Shape os = reducedShape(a.shape, ax, keep);
        int outer = outer(a.shape, ax), n = a.shape.raw()[ax], inner = inner(a.shape, ax);
        if (n == 0) throw new IllegalArgumentException("max: axis " + axis + " of shape " + a.shape + " is empty");
        double[] x = a.data, y = new double[outer * inner];
        int[] arg = new int[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int best = o * n * inner + i;
                for (int k = 1; k < n; k++) {
                    int p = o * n * inner + k * inner + i;
                    if (x[p] > x[best] || Double.isNaN(x[p]) && !Double.isNaN(x[best])) best = p;
                }
                y[o * inner + i] = x[best];
                arg[o * inner + i] = best;
            }
        }
        if (a.tape == null) return new Tensor(os, y);
        return a.tape.push("max", os, y, (g, adj) -> {
            double[] gx = adj.of(a);
            for (int j = 0; j < arg.length; j++) gx[arg[j]] += g[j];
        });
    }

    static Tensor logSumExp(Tensor a) {
        double[] x = a.data;
        double m = Double.NEGATIVE_INFINITY;
        for (double v : x) if (v > m) m = v;
        double lse;
        if (m == Double.NEGATIVE_INFINITY || m == Double.POSITIVE_INFINITY || Double.isNaN(m)) {
            lse = m; // all -inf (empty sum) gives -inf; +inf dominates
            for (double v : x) if (Double.isNaN(v)) lse = Double.NaN;
        } else {
            double s = 0;
            for (double v : x) s += Math.exp(v - m);
            lse = m + Math.log(s);
        }
        double[] y = {lse};
        if (a.tape == null) return new Tensor(Shape.SCALAR, y);
        double l = lse;
        return a.tape.push("logSumExp", Shape.SCALAR, y, (g, adj) -> {
            double[] gx = adj.of(a);
            if (l == Double.NEGATIVE_INFINITY) return;
            for (int i = 0; i < gx.length; i++) gx[i] += g[0] * Math.exp(x[i] - l);
        });
    }

    static Tensor logSumExp(Tensor a, int axis, boolean keep) {
        int ax = axis("logSumExp", a, axis);
        Shape os = reducedShape(a.shape, ax, keep);
        int outer = outer(a.shape, ax), n = a.shape.raw()[ax], inner = inner(a.shape, ax);
        double[] x = a.data, y = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int b = o * n * inner + i;
                double m = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < n; k++) m = Math.max(m, x[b + k * inner]);
                if (m == Double.NEGATIVE_INFINITY || m == Double.POSITIVE_INFINITY) {
                    y[o * inner + i] = m;
                    continue;
                }
                double s = 0;
                for (int k = 0; k < n; k++) s += Math.exp(x[b + k * inner] - m);
                y[o * inner + i] = m + Math.log(s);
            }
        }
        if (a.tape == null) return new Tensor(os, y);
        return a.tape.push("logSumExp", os, y, (g, adj) -> {
            double[] gx = adj.of(a);
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    double l = y[o * inner + i], gi = g[o * inner + i];
                    if (l == Double.NEGATIVE_INFINITY) continue;
                    int b = o * n * inner + i;
                    for (int k = 0; k < n; k++) gx[b + k * inner] += gi * Math.exp(x[b + k * inner] - l);
                }
            }
        });
    }

    static Tensor sumTo(Tensor a, Shape target) {
        if (a.shape.equals(target)) return a;
        if (!target.broadcastsTo(a.shape)) {
            throw new IllegalArgumentException("sumTo: shape " + a.shape + " cannot be summed down to " + target);
        }
        double[] y = new double[target.size()];
        Broadcasting.sumInto(a.data, a.shape, y, target);
        if (a.tape == null) return new Tensor(target, y);
        return a.tape.push("sumTo", target, y, (g, adj) -> {
            double[] gx = adj.of(a);
            double[] e = Broadcasting.expand(g, target, a.shape);
            for (int i = 0; i < gx.length; i++) gx[i] += e[i];
        });
    }
}
