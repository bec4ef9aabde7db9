package org.elbo4j.spark;

import java.util.Arrays;
import org.elbo4j.random.RandomStream;

/**
 * Minibatches drawn uniformly without replacement from N rows spread over partitions, so that the ELBO estimate
 * scaled by N/B is unbiased (Pyro's and elbo4j's plate subsampling), with each partition drawing its own rows.
 *
 * <p>The driver draws how many of the B rows fall in each partition: Floyd's algorithm picks B distinct indices of
 * [0, N) and each is counted in the partition holding it, which is exactly the multivariate hypergeometric law of a
 * uniform B-subset. Partition p then picks its b_p rows of its n_p, again by Floyd's algorithm, from its own stream
 * (a function of the seed, the step and p alone, so that a retried task draws the same rows). Together the rows are a
 * uniform B-subset of the N, so the scale N/B is exact.
 */
final class Minibatch {
    private Minibatch() {}

    /**
     * How many of B rows each partition contributes.
     *
     * @param sizes n_p, rows per partition
     * @param b     B; B ≥ N means every row
     * @param rng   the allocation stream; advanced. Modified.
     */
    static int[] allocate(long[] sizes, long b, RandomStream rng) {
        long n = 0;
        for (long s : sizes) n += s;
        int[] counts = new int[sizes.length];
        if (b >= n) {
            for (int p = 0; p < sizes.length; p++) counts[p] = Math.toIntExact(sizes[p]);
            return counts;
        }
        long[] ends = new long[sizes.length];
        long acc = 0;
        for (int p = 0; p < sizes.length; p++) ends[p] = acc += sizes[p];
        // counting needs no order: the unsorted draw (the same indices as the sorted one, a sort of B numbers less)
        for (long idx : floyd(n, (int) b, rng, false)) {
            // the first partition whose end lies beyond idx (empty partitions share an end with their left
            // neighbour and must never be chosen, so not Arrays.binarySearch, which may land on any equal entry)
            int lo = 0, hi = ends.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (ends[mid] > idx) hi = mid;
                else lo = mid + 1;
            }
            counts[lo]++;
        }
        return counts;
    }

    /** Rows of a partition of {@code n} rows: {@code k} distinct indices, sorted; all rows when k = n. */
    static int[] rows(int n, int k, RandomStream rng) {
        if (k >= n) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) all[i] = i;
            return all;
        }
        long[] f = floyd(n, k, rng);
        int[] out = new int[k];
        for (int i = 0; i < k; i++) out[i] = (int) f[i];
        return out;
    }

    /**
     * Floyd's algorithm: k distinct uniform indices of [0, n), sorted. The set is an open-addressing table of
     * primitive longs (a {@code HashSet<Long>} boxed every index: at B = 10⁵ that was milliseconds of the driver's
     * time per step); the indices drawn, hence the result, are the same.
     */
    static long[] floyd(long n, int k, RandomStream rng) {
        return floyd(n, k, rng, true);
    }

    /** {@link #floyd(long, int, RandomStream)}, sorted or in the order drawn (the same set either way). */
    static long[] floyd(long n, int k, RandomStream rng, boolean sorted) {
        int cap = Integer.highestOneBit(Math.max(4, 2 * k)) << 1;
        long[] table = new long[cap];
        Arrays.fill(table, -1L);
        long[] out = new long[k];
        int i = 0;
        for (long j = n - k; j < n; j++) {
            long t = j + 1 <= Integer.MAX_VALUE ? rng.nextInt((int) (j + 1)) : Math.floorMod(rng.nextLong(), j + 1);
            out[i++] = add(table, t) ? t : addFresh(table, j);
        }
        if (sorted) Arrays.sort(out);
        return out;
    }

    /** Adds v to the table; false when it was there. */
    private static boolean add(long[] table, long v) {
        int mask = table.length - 1;
        for (int h = mix(v) & mask; ; h = (h + 1) & mask) {
            if (table[h] == v) return false;
            if (table[h] == -1L) {
                table[h] = v;
                return true;
            }
        }
    }

    /** Adds j, which Floyd's algorithm guarantees is not in the table yet, and returns it. */
    private static long addFresh(long[] table, long j) {
        add(table, j);
        return j;
    }

    private static int mix(long v) {
        long h = v * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
