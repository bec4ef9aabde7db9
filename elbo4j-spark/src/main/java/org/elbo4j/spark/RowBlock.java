package org.elbo4j.spark;

import java.io.Serializable;

/**
 * One partition's validated rows, row-major: {@code values[i * columns + j]} is column j of row i. What an
 * {@link SparkRows} RDD holds, one block per partition. Not modified after construction.
 */
public final class RowBlock implements Serializable {
    private static final long serialVersionUID = 1L;

    final double[] values;
    final int rows, columns;
    /** The index of the partition the rows came from (a step's rows of it are drawn with a stream of that index). */
    final int partition;
    /** Rows dropped by the skip policy, and the first reason (null when none). */
    final long skipped;

    final String firstProblem;
    final long firstProblemRow;

    RowBlock(
            double[] values,
            int rows,
            int columns,
            int partition,
            long skipped,
            String firstProblem,
            long firstProblemRow) {
        this.values = values;
        this.partition = partition;
        this.rows = rows;
        this.columns = columns;
        this.skipped = skipped;
        this.firstProblem = firstProblem;
        this.firstProblemRow = firstProblemRow;
    }

    /** Number of (good) rows. */
    public int rows() {
        return rows;
    }

    /** Number of columns. */
    public int columns() {
        return columns;
    }

    /** Row i, column j. */
    public double get(int i, int j) {
        return values[i * columns + j];
    }
}
