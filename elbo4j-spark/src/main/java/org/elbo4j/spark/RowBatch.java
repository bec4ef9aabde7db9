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
    /**
     * The tensors already built, by the columns they hold: SparkSvi's control variate evaluates the same batch twice
     * (at z and at the anchor), and the copy out of the block is then made once.
     */
    private final java.util.Map<List<String>, Tensor> matrices = new java.util.HashMap<>();

    private final java.util.Map<String, Tensor> vectors = new java.util.HashMap<>();

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
        Tensor t = vectors.get(name);
        if (t == null) vectors.put(name, t = copyColumn(name));
        return t;
    }

    private Tensor copyColumn(String name) {
        int j = index(name);
        double[] v = new double[rows.length];
        for (int i = 0; i < rows.length; i++) v[i] = block.get(rows[i], j);
        return Tensor.wrap(v, org.elbo4j.tensor.Shape.of(rows.length));
    }

    /** Several columns side by side, shape [b, k]. @throws IllegalArgumentException naming an unknown column */
    public Tensor matrix(List<String> names) {
        List<String> key = List.copyOf(names);
        Tensor t = matrices.get(key);
        if (t == null) matrices.put(key, t = copyMatrix(key));
        return t;
    }

    private Tensor copyMatrix(List<String> names) {
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
