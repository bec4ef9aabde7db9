package org.elbo4j.spark;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The rows of a data set as validated numeric blocks, one per partition, cached: the data side of
 * {@link SparkSvi}. Every value must be a number (a Java {@link Number}, or a string that parses as one, as in a
 * CSV read without a schema) and finite; each row must have exactly the named columns. A bad row fails the load
 * with a message naming the row (0-based index in the data's order: partition by partition, row by row) and the
 * column, or is skipped and counted under {@link BadRows#SKIP}. Validation runs once, before any fitting; on
 * failure nothing stays cached.
 *
 * <pre>{@code
 * SparkRows rows = SparkRows.of(spark.read().parquet("data.parquet"), List.of("y", "x1", "x2"), BadRows.FAIL);
 * rows.count();   // N
 * }</pre>
 */
public final class SparkRows implements Serializable {
    private static final long serialVersionUID = 1L;

    private final transient JavaRDD<RowBlock> blocks;
    private final List<String> columns;
    private final long[] partitionSizes;
    private final long count, skipped;
    private final String firstSkipped;

    private SparkRows(JavaRDD<RowBlock> blocks, List<String> columns, long[] sizes, long skipped, String firstSkipped) {
        this.blocks = blocks;
        this.columns = List.copyOf(columns);
        this.partitionSizes = sizes;
        long n = 0;
        for (long s : sizes) n += s;
        this.count = n;
        this.skipped = skipped;
        this.firstSkipped = firstSkipped;
    }

    /**
     * The named columns of a Dataset.
     *
     * @throws IllegalArgumentException if a column is absent (naming it and the schema's columns), if a row is bad
     *                                  under {@link BadRows#FAIL} (naming row and column), or if no good row is left
     */
    public static SparkRows of(Dataset<Row> data, List<String> columns, BadRows policy) {
        List<String> present = Arrays.asList(data.columns());
        for (String c : columns) {
            if (!present.contains(c))
                throw new IllegalArgumentException("column '" + c + "' is not in the data; its columns are " + present);
        }
        org.apache.spark.sql.Column[] sel =
                columns.stream().map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new);
        return ofRows(data.select(sel).javaRDD(), columns, policy);
    }

    /**
     * Untyped rows (for example parsed from text), whose arity is checked against {@code columns}.
     *
     * @throws IllegalArgumentException as {@link #of(Dataset, List, BadRows)}
     */
    public static SparkRows ofRows(JavaRDD<Row> rows, List<String> columns, BadRows policy) {
        if (columns.isEmpty()) throw new IllegalArgumentException("no columns given");
        List<String> cols = List.copyOf(columns);
        // Global row numbers: the rows of the partitions before this one, counted first.
        List<Long> counts = rows.mapPartitions(it -> {
                    long n = 0;
                    while (it.hasNext()) {
                        it.next();
                        n++;
                    }
                    return List.of(n).iterator();
                })
                .collect();
        long[] offsets = new long[counts.size()];
        for (int p = 1; p < offsets.length; p++) offsets[p] = offsets[p - 1] + counts.get(p - 1);
        JavaRDD<RowBlock> blocks = rows.mapPartitionsWithIndex(
                        (p, it) -> List.of(block(it, cols, p, offsets[p], Math.toIntExact(counts.get(p)), policy))
                                .iterator(),
                        true)
                .persist(StorageLevel.MEMORY_AND_DISK());
        return summarise(blocks, cols, policy);
    }

    /**
     * Rows that are already arrays of doubles, in {@code columns} order.
     *
     * @throws IllegalArgumentException as {@link #of(Dataset, List, BadRows)} (a wrong length is a wrong arity)
     */
    public static SparkRows ofArrays(JavaRDD<double[]> rows, List<String> columns, BadRows policy) {
        return ofRows(
                rows.map(a -> {
                    Object[] o = new Object[a.length];
                    for (int i = 0; i < a.length; i++) o[i] = a[i];
                    return org.apache.spark.sql.RowFactory.create(o);
                }),
                columns,
                policy);
    }

    private static SparkRows summarise(JavaRDD<RowBlock> blocks, List<String> cols, BadRows policy) {
        List<long[]> sizes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<Long> problemRows = new ArrayList<>();
        for (RowBlock b : blocks.map(b -> new RowBlock(
                        null, b.rows, b.columns, b.partition, b.skipped, b.firstProblem, b.firstProblemRow))
                .collect()) {
            sizes.add(new long[] {b.rows, b.skipped});
            if (b.firstProblem != null) {
                problems.add(b.firstProblem);
                problemRows.add(b.firstProblemRow);
            }
        }
        String first = null;
        long firstRow = Long.MAX_VALUE, skipped = 0;
        for (int i = 0; i < problems.size(); i++) {
            if (problemRows.get(i) < firstRow) {
                firstRow = problemRows.get(i);
                first = problems.get(i);
            }
        }
        for (long[] s : sizes) skipped += s[1];
        if (first != null && policy == BadRows.FAIL) {
            blocks.unpersist(true);
            throw new IllegalArgumentException(
                    first + " (bad-row policy FAIL: nothing was fitted; BadRows.SKIP drops and counts such rows)");
        }
        long[] n = new long[sizes.size()];
        long total = 0;
        for (int p = 0; p < n.length; p++) total += n[p] = sizes.get(p)[0];
        if (total == 0) {
            blocks.unpersist(true);
            throw new IllegalArgumentException(
                    "no good row in the data" + (first != null ? "; the first bad one: " + first : ""));
        }
        return new SparkRows(blocks, cols, n, skipped, first);
    }

    /** Validates one partition's rows; the first problem is kept with its global row number. */
    private static RowBlock block(
            Iterator<Row> it, List<String> cols, int partition, long offset, int expected, BadRows policy) {
        int c = cols.size();
        // sized from the counting pass, so a block is allocated once (no doubling: a partition of 10⁶ rows of 21
        // numbers would otherwise pass through buffers of up to twice its 168 MB while it is read)
        double[] buf = new double[Math.multiplyExact(c, Math.max(expected, 1))];
        double[] row = new double[c];
        int n = 0;
        long i = offset, skipped = 0, problemRow = -1;
        String problem = null;
        while (it.hasNext()) {
            Row r = it.next();
            String why = parse(r, cols, row, i);
            if (why != null) {
                if (problem == null) {
                    problem = why;
                    problemRow = i;
                    if (policy == BadRows.FAIL) break; // one message is all a failed load reports
                }
                skipped++;
            } else {
                if ((n + 1) * c > buf.length) buf = Arrays.copyOf(buf, 2 * buf.length);
                System.arraycopy(row, 0, buf, n * c, c);
                n++;
            }
            i++;
        }
        return new RowBlock(
                n * c == buf.length ? buf : Arrays.copyOf(buf, n * c), n, c, partition, skipped, problem, problemRow);
    }

    /** Fills {@code out} from the row, or returns what is wrong with it. */
    static String parse(Row r, List<String> cols, double[] out, long index) {
        if (r.size() != cols.size()) {
            return "row " + index + " has " + r.size() + " values, expected " + cols.size() + " (columns " + cols + ")";
        }
        for (int j = 0; j < cols.size(); j++) {
            Object v = r.get(j);
            double d;
            if (v == null) return "row " + index + ", column '" + cols.get(j) + "': missing value (null)";
            if (v instanceof Double
                    || v instanceof Float
                    || v instanceof Long
                    || v instanceof Integer
                    || v instanceof Short
                    || v instanceof Byte) {
                d = ((Number) v).doubleValue();
            } else if (v instanceof BigDecimal bd) {
                d = bd.doubleValue();
            } else if (v instanceof String s) {
                try {
                    d = Double.parseDouble(s.strip());
                } catch (NumberFormatException e) {
                    return "row " + index + ", column '" + cols.get(j) + "': '" + s + "' is not a number";
                }
            } else {
                return "row " + index + ", column '" + cols.get(j) + "': a "
                        + v.getClass().getSimpleName() + " (" + v + "), not a number";
            }
            if (!Double.isFinite(d)) return "row " + index + ", column '" + cols.get(j) + "': " + d + " is not finite";
            out[j] = d;
        }
        return null;
    }

    /** The cached blocks, one per partition. */
    public JavaRDD<RowBlock> blocks() {
        return blocks;
    }

    /** The column names, in block order. */
    public List<String> columns() {
        return columns;
    }

    /** The number of good rows N. */
    public long count() {
        return count;
    }

    /** Good rows per partition (a copy). */
    public long[] partitionSizes() {
        return partitionSizes.clone();
    }

    /** Rows dropped under {@link BadRows#SKIP} (0 under FAIL). */
    public long skipped() {
        return skipped;
    }

    /** The first bad row's problem under {@link BadRows#SKIP}, or null. */
    public String firstSkipped() {
        return firstSkipped;
    }

    /** Drops the cached blocks. */
    public void unpersist() {
        blocks.unpersist(false);
    }
}
