package org.elbo4j.stan.functions;

import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * One tape node for a scalar built from several tensor inputs with closed-form partials (Stan's
 * {@code operands_and_partials}): the caller fills {@code d[k]}, the partial of the value with respect to each
 * element of input k, and the backward pass scales it by the output's adjoint.
 */
final class Fused {
    private Fused() {}

    /** 0 for a scalar (broadcast: every element reads position 0), 1 for a container. */
    static int stride(Tensor t) {
        return t.rank() == 0 ? 0 : 1;
    }

    /** True when the containers among the arguments (rank &ge; 1) all have one shape (scalars broadcast). */
    static boolean sameShapes(Tensor... ts) {
        org.elbo4j.tensor.Shape s = null;
        for (Tensor t : ts) {
            if (t.rank() == 0) continue;
            if (s == null) s = t.shape();
            else if (!s.equals(t.shape())) return false;
        }
        return true;
    }

    /** A partials buffer for {@code t} when gradients flow into it, else {@code null} (nothing to compute). */
    static double[] partials(Tensor t) {
        return t.requiresGrad() ? new double[t.size()] : null;
    }

    /** A scalar node of value {@code v}; {@code d[k]} is null for inputs without gradient. */
    static Tensor scalar(String op, double v, Tensor[] in, double[][] d) {
        return Tensor.custom(
                op,
                Shape.SCALAR,
                new double[] {v},
                (g, adj) -> {
                    double c = g[0];
                    for (int k = 0; k < in.length; k++) {
                        double[] dk = d[k];
                        if (dk == null) continue;
                        double[] a = adj.of(in[k]);
                        if (a == null) continue;
                        for (int j = 0; j < dk.length; j++) a[j] += c * dk[j];
                    }
                },
                in);
    }

    static Tensor scalar(String op, double v, Tensor a, double[] da) {
        return scalar(op, v, new Tensor[] {a}, new double[][] {da});
    }

    static Tensor scalar(String op, double v, Tensor a, double[] da, Tensor b, double[] db) {
        return scalar(op, v, new Tensor[] {a, b}, new double[][] {da, db});
    }

    static Tensor scalar(String op, double v, Tensor a, double[] da, Tensor b, double[] db, Tensor c, double[] dc) {
        return scalar(op, v, new Tensor[] {a, b, c}, new double[][] {da, db, dc});
    }

    /** An elementwise unary op: {@code out[i] = f(x[i])} with derivative {@code dx[i]} (null when x is constant). */
    static Tensor unary(String op, Tensor x, double[] out, double[] dx) {
        if (dx == null) return Tensor.wrap(out, x.shape());
        return Tensor.custom(
                op,
                x.shape(),
                out,
                (g, adj) -> {
                    double[] a = adj.of(x);
                    for (int i = 0; i < dx.length; i++) a[i] += g[i] * dx[i];
                },
                x);
    }

    /** An int array as a constant tensor of shape [n]. */
    static Tensor ofInts(int[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        return Tensor.wrap(d, Shape.of(v.length));
    }
}
