package org.elbo4j.transform;

import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * Input checks shared by the transforms; every message names the transform, the method, the value and where
 * it sits, so a bad draw in an SVI step says which site's transform received it.
 */
final class TransformChecks {
    private TransformChecks() {}

    /**
     * Requires every element of {@code x} to be finite.
     *
     * @throws IllegalArgumentException e.g. "sigmoid.forward: x must be finite, got NaN at flat index 3 of shape [5]"
     */
    static Tensor requireFinite(Transform t, String method, Tensor x) {
        for (int i = 0; i < x.size(); i++) {
            double v = x.at(i);
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(t.name() + "." + method + ": x must be finite, got " + v
                        + " at flat index " + i + " of shape " + x.shape());
            }
        }
        return x;
    }

    /**
     * Requires every event of {@code y} to lie in {@code c} (the transform's codomain, for {@code inverse}).
     *
     * @throws IllegalArgumentException naming the first event outside, with its value when it is one number
     */
    static Tensor requireIn(Transform t, String method, Tensor y, Constraint c) {
        Tensor ok;
        try {
            ok = c.check(y);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(t.name() + "." + method + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < ok.size(); i++) {
            if (ok.at(i) == 0) {
                String what = c.eventRank() == 0
                        ? "element " + y.at(i) + " at flat index " + i
                        : "event " + i + " (of the leading shape " + ok.shape() + ")";
                throw new IllegalArgumentException(t.name() + "." + method + ": y must lie in " + c.name() + ", got "
                        + what + " of shape " + y.shape());
            }
        }
        return y;
    }

    /**
     * Requires rank ≥ {@code rank}.
     *
     * @throws IllegalArgumentException naming the transform, the method, what is needed and the shape
     */
    static void requireRank(Transform t, String method, String what, Tensor x, int rank, String needs) {
        if (x.rank() < rank) {
            throw new IllegalArgumentException(
                    t.name() + "." + method + ": " + what + " needs " + needs + ", got shape " + x.shape());
        }
    }

    /**
     * Requires {@code x} to be a (batch of) square matrices; returns n.
     *
     * @throws IllegalArgumentException naming the transform, the method and the shape
     */
    static int requireSquare(Transform t, String method, String what, Tensor x) {
        if (x.rank() < 2 || x.dim(-1) != x.dim(-2) || x.dim(-1) == 0) {
            throw new IllegalArgumentException(t.name() + "." + method + ": " + what
                    + " must be a (batch of) non-empty square matrices [..., n, n], got shape " + x.shape());
        }
        return x.dim(-1);
    }

    /** The shape with its last dimension replaced by {@code last}. */
    static Shape withLast(Shape s, int last) {
        int[] d = s.dims();
        d[d.length - 1] = last;
        return Shape.of(d);
    }

    /** The shape with its last dimension replaced by the two dimensions {@code a, b}. */
    static Shape withLastTwo(Shape s, int a, int b) {
        int[] d = s.dims();
        int[] e = new int[d.length + 1];
        System.arraycopy(d, 0, e, 0, d.length - 1);
        e[d.length - 1] = a;
        e[d.length] = b;
        return Shape.of(e);
    }
}
