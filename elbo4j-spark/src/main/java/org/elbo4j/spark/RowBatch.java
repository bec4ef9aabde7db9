package org.elbo4j.spark;

import java.util.List;
import org.elbo4j.tensor.Tensor;

/**
 * The rows of one partition's part of a minibatch, as constant tensors for a {@link RowLikelihood}.
 *
 * <pre>{@code
 * Tensor x = rows.matrix("x1", "x2");   // [b, 2]
 * Tensor y = rows.column("y");          // [b]
 * }</pre>
 */
public final class RowBatch {
    private final RowBlock block;
    private final int[] rows;
    private final List<String> columns;

    RowBatch(RowBlock block, int[] rows, List<String> columns) {
        this.block = block;
        this.rows = rows;
        this.columns = columns;
    }

    /** The number of rows b. */
    public int size() {
        return rows.length;
    }

    /** The column names. */
    public List<String> columns() {
        return columns;
    }

    private int index(String name) {
        int j = columns.indexOf(name);
        if (j < 0) throw new IllegalArgumentException("no column '" + name + "'; columns are " + columns);
        return j;
    }

    /** One column, shape [b]. @throws IllegalArgumentException naming an unknown column */
    public Tensor column(String name) {
        int j = index(name);
        double[] v = new double[rows.length];
        for (int i = 0; i < rows.length; i++) v[i] = block.get(rows[i], j);
        return Tensor.wrap(v, org.elbo4j.tensor.Shape.of(rows.length));
    }

    /** Several columns side by side, shape [b, k]. @throws IllegalArgumentException naming an unknown column */
    public Tensor matrix(List<String> names) {
        int k = names.size();
        int[] js = new int[k];
        for (int c = 0; c < k; c++) js[c] = index(names.get(c));
        double[] v = new double[rows.length * k];
        for (int i = 0; i < rows.length; i++) for (int c = 0; c < k; c++) v[i * k + c] = block.get(rows[i], js[c]);
        return Tensor.wrap(v, org.elbo4j.tensor.Shape.of(rows.length, k));
    }

    /** {@link #matrix(List)} with varargs. */
    public Tensor matrix(String... names) {
        return matrix(List.of(names));
    }
}
