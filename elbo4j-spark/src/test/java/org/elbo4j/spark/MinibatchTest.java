package org.elbo4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.random.RandomStream;
import org.junit.jupiter.api.Test;

/** The minibatch is a uniform B-subset of the N rows: the scale N/B is exact. */
class MinibatchTest {
    @Test
    void everyRowIsIncludedWithProbabilityBOverN() {
        long[] sizes = {7, 13, 0, 20}; // N = 40, uneven partitions, one empty
        int n = 40, b = 10, draws = 20_000;
        long[] hits = new long[n];
        int[] offsets = {0, 7, 20, 20};
        RandomStream root = RandomStream.of(1);
        for (int t = 0; t < draws; t++) {
            RandomStream a = root.fork(t);
            int[] counts = Minibatch.allocate(sizes, b, a.fork(-1));
            int total = 0;
            for (int p = 0; p < sizes.length; p++) {
                total += counts[p];
                int[] rows = Minibatch.rows((int) sizes[p], counts[p], a.fork(p));
                assertEquals(counts[p], rows.length);
                for (int i = 0; i < rows.length; i++) {
                    assertTrue(
                            rows[i] >= 0 && rows[i] < sizes[p] && (i == 0 || rows[i] > rows[i - 1]),
                            "distinct, sorted, in range");
                    hits[offsets[p] + rows[i]]++;
                }
            }
            assertEquals(b, total, "the partitions' counts add up to B");
        }
        // Inclusion probability B/N = 1/4: each row's count is Binomial(20000, 1/4), sd 61. Over 40 rows, ±5 sd (±306)
        // fails by chance with probability 40 · 5.7e-7 ≈ 2e-5.
        for (int i = 0; i < n; i++) assertEquals(draws / 4.0, hits[i], 306, "row " + i);
    }

    @Test
    void emptyPartitionsNeverGetRows() {
        long[] sizes = {0, 3, 0, 0, 2, 0};
        for (int t = 0; t < 2000; t++) {
            int[] c = Minibatch.allocate(sizes, 3, RandomStream.of(7).fork(t));
            for (int p = 0; p < sizes.length; p++)
                assertTrue(c[p] <= sizes[p], "partition " + p + " of " + sizes[p] + " rows got " + c[p]);
        }
    }

    @Test
    void batchAtLeastNTakesEveryRow() {
        int[] c = Minibatch.allocate(new long[] {3, 4}, 10, RandomStream.of(2));
        assertEquals(3, c[0]);
        assertEquals(4, c[1]);
        assertEquals(4, Minibatch.rows(4, 4, RandomStream.of(3)).length);
    }
}
