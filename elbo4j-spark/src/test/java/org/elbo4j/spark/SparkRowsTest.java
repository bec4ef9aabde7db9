package org.elbo4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Bad rows: an error naming the row and the column, or a counted skip; nothing fitted, nothing left cached. */
class SparkRowsTest {
    static final List<String> COLS = List.of("y", "x1", "x2");

    static Dataset<Row> frame(List<Row> rows, boolean stringX2) {
        StructType schema = new StructType()
                .add("y", DataTypes.DoubleType)
                .add("x1", DataTypes.DoubleType)
                .add("x2", stringX2 ? DataTypes.StringType : DataTypes.DoubleType, true)
                .add("note", DataTypes.StringType);
        return TestSpark.session().createDataFrame(rows, schema);
    }

    static List<Row> good(int n) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) rows.add(RowFactory.create((double) (i % 2), 0.1 * i, -0.2 * i, "row" + i));
        return rows;
    }

    @Test
    void nanNamesTheRowAndColumn() {
        List<Row> rows = good(10);
        rows.set(6, RowFactory.create(1.0, Double.NaN, 0.0, "bad"));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> SparkRows.of(frame(rows, false), COLS, BadRows.FAIL));
        assertTrue(
                e.getMessage().contains("row 6, column 'x1'") && e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void missingValuesAndStringsThatAreNotNumbersAreNamed() {
        List<Row> rows = good(10);
        rows.set(3, RowFactory.create(1.0, 0.5, null, "missing"));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> SparkRows.of(frame(rows, false), COLS, BadRows.FAIL));
        assertTrue(e.getMessage().contains("row 3, column 'x2': missing value"), e.getMessage());
        List<Row> text = new ArrayList<>();
        for (int i = 0; i < 5; i++) text.add(RowFactory.create(0.0, 1.0, i == 4 ? "abc" : Double.toString(i), "n"));
        e = assertThrows(IllegalArgumentException.class, () -> SparkRows.of(frame(text, true), COLS, BadRows.FAIL));
        assertTrue(e.getMessage().contains("row 4, column 'x2': 'abc' is not a number"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> SparkRows.of(frame(good(3), false), List.of("y", "x9"), BadRows.FAIL));
        assertTrue(e.getMessage().contains("column 'x9' is not in the data"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> SparkRows.of(frame(good(3), false), List.of("y", "note"), BadRows.FAIL));
        assertTrue(e.getMessage().contains("row 0, column 'note': 'row0' is not a number"), e.getMessage());
    }

    @Test
    void wrongArityIsNamedAndSkipCountsTheBadRows() {
        List<double[]> arrays = new ArrayList<>();
        for (int i = 0; i < 12; i++)
            arrays.add(
                    i == 8
                            ? new double[] {1, 2}
                            : i == 10 ? new double[] {1, Double.POSITIVE_INFINITY, 0} : new double[] {i % 2, i, -i});
        var rdd = TestSpark.context().parallelize(arrays, 3);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> SparkRows.ofArrays(rdd, COLS, BadRows.FAIL));
        assertTrue(e.getMessage().contains("row 8 has 2 values, expected 3"), e.getMessage());
        SparkRows kept = SparkRows.ofArrays(rdd, COLS, BadRows.SKIP);
        assertEquals(10, kept.count());
        assertEquals(2, kept.skipped());
        assertTrue(kept.firstSkipped().contains("row 8"), kept.firstSkipped());
        assertEquals(10, kept.blocks().map(RowBlock::rows).reduce(Integer::sum));
        kept.unpersist();
    }
}
