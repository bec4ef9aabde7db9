package org.elbo4j.infer;

import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * Indexing by the value of a discrete site, which may be enumerated (Pyro's {@code Vindex}): the rows of a table
 * chosen by an index tensor of any shape, so that an enumerated value of shape {@code [K, 1, …]} picks K rows that
 * broadcast along its enumeration dimension.
 *
 * <pre>{@code
 * Tensor locs = Tensor.of(-2.0, 0.0, 3.0);
 * Tensor z = Tensor.of(new double[] {2, 0}, 2, 1);
 * Tensor picked = Vindex.rows(locs, z);    // [[3.0], [-2.0]], shape [2, 1]
 * }</pre>
 */
public final class Vindex {
    private Vindex() {}

    /**
     * {@code table[index]} along the first dimension, differentiable with respect to {@code table}.
     *
     * @param table shape [R] + rest. Not modified.
     * @param index integer values in [0, R), any shape. Not modified.
     * @return shape {@code index.shape + rest}
     * @throws IllegalArgumentException naming the value if an index is not an integer in range
     */
    public static Tensor rows(Tensor table, Tensor index) {
        if (table.rank() == 0) throw new IllegalArgumentException("Vindex.rows: the table is a scalar");
        int r = table.dim(0);
        int[] idx = new int[index.size()];
        for (int i = 0; i < idx.length; i++) {
            double v = index.at(i);
            if (!(v >= 0 && v < r && v == Math.rint(v))) {
                throw new IllegalArgumentException(
                        "Vindex.rows: index " + v + " at flat position " + i + " is not an integer in [0, " + r + ")");
            }
            idx[i] = (int) v;
        }
        Shape rest = table.shape().dropFirst(1);
        return table.gather(idx).reshape(index.shape().append(rest));
    }
}
