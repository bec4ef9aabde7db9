package org.elbo4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's Parquet round trip: written in P files of equal size, read back as P partitions whatever the threads. */
class LogisticDemoTest {
    @TempDir
    Path tmp;

    @Test
    void parquetIsReadAsOnePartitionPerFile() {
        String dir = tmp.resolve("lr.parquet").toString();
        LogisticDemo.parquet(
                TestSpark.session(),
                Map.of("rows", "3001", "features", "3", "partitions", "3", "out", dir, "seed", "7"));
        String openCost = TestSpark.session().conf().get("spark.sql.files.openCostInBytes");
        SparkRows rows = LogisticDemo.load(TestSpark.session(), Map.of("parquet", dir), 0, 3, 7, 0);
        try {
            long[] sizes = rows.partitionSizes();
            java.util.Arrays.sort(sizes); // Spark orders the files by size
            assertArrayEquals(new long[] {1000, 1000, 1001}, sizes);
            // every row is one of the generated rows (row i of a partition is LogisticRows.row of some index)
            RowBlock b = rows.blocks().first();
            double[] first = {b.get(0, 0), b.get(0, 1), b.get(0, 2), b.get(0, 3)};
            boolean found = false;
            for (long i = 0; i < 3001 && !found; i += 1)
                found = java.util.Arrays.equals(first, LogisticRows.row(i, 3, 7));
            assertTrue(found, "the first row read is a generated row");
            // the session's file-splitting settings are left as they were
            assertEquals(openCost, TestSpark.session().conf().get("spark.sql.files.openCostInBytes"));
        } finally {
            rows.unpersist();
        }
    }
}
