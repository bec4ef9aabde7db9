package org.elbo4j.spark;

import org.elbo4j.random.RandomStream;

/**
 * Minibatches as passes over the data, for documents spread over partitions: pass q is a uniformly random
 * permutation of the D documents cut into ⌈D/B⌉ consecutive minibatches of B (the last one smaller), so that within a
 * pass every document is used exactly once (sampling without replacement, "random reshuffling"), as elbo4j-core's
 * {@code OnlineLda} does on one machine.
 *
 * <p>The permutation is never built: partition p shuffles its own n_p documents with a stream that depends only on
 * (seed, pass, p), and the driver decides how many of a step's documents each partition gives: a uniform subset of
 * the documents not yet used in this pass ({@link Minibatch#allocate}, i.e. the multivariate hypergeometric law over the
 * partitions' remaining counts). A uniformly random interleaving of uniformly shuffled partitions is a uniformly
 * random permutation of the whole. Partition p's documents of step t are positions [offset_p, offset_p + count_p) of
 * its shuffle, so a task retried or rerun after a restart picks the same documents. The driver's state (how many
 * documents of each partition this pass has used) is replayed from the start of the pass when a run resumes.
 */
final class Passes {
    /** One step's draw: the pass, and per partition its count and its offset into the partition's shuffle. */
    record Draw(long pass, int[] counts, long[] offsets, long size) implements java.io.Serializable {}

    private final long[] sizes;
    private final long documents, batch, stepsPerPass;
    private final RandomStream root;
    private final long[] used;
    private long cursor = -1; // the next step whose draw `used` is ready for; -1: none

    /**
     * @param sizes n_p, documents per partition (total D ≥ 1)
     * @param batch B ≥ 1 (B ≥ D: every document at every step)
     * @param root  the run's stream: step t draws from {@code root.fork(t)}, partition shuffles from {@code
     *              root.fork(-1 - pass).fork(p)}
     */
    Passes(long[] sizes, long batch, RandomStream root) {
        this.sizes = sizes.clone();
        long d = 0;
        for (long s : sizes) d += s;
        this.documents = d;
        this.batch = Math.min(batch, d);
        this.stepsPerPass = (d + this.batch - 1) / this.batch;
        this.root = root;
        this.used = new long[sizes.length];
    }

    /** Steps in one pass, ⌈D/B⌉. */
    long stepsPerPass() {
        return stepsPerPass;
    }

    /** The stream of partition p's shuffle in pass q. */
    static RandomStream shuffleStream(RandomStream root, long pass, int partition) {
        return root.fork(-1 - pass).fork(partition);
    }

    /** The draw of step t (0-based); any order of calls gives the same draws (earlier steps of the pass are replayed). */
    Draw at(long t) {
        long pass = t / stepsPerPass, first = pass * stepsPerPass;
        if (cursor != t || t == first) {
            java.util.Arrays.fill(used, 0);
            for (long s = first; s < t; s++) draw(s, pass);
        }
        return draw(t, pass);
    }

    private Draw draw(long t, long pass) {
        long size = Math.min(batch, documents - (t - pass * stepsPerPass) * batch);
        long[] remaining = new long[sizes.length];
        for (int p = 0; p < sizes.length; p++) remaining[p] = sizes[p] - used[p];
        int[] counts = Minibatch.allocate(remaining, size, root.fork(t).fork(-1));
        long[] offsets = used.clone();
        for (int p = 0; p < sizes.length; p++) used[p] += counts[p];
        cursor = t + 1;
        return new Draw(pass, counts, offsets, size);
    }

    /**
     * The indices (into the partition's documents) of partition p's share of a draw.
     *
     * @param n partition p's number of documents
     */
    static int[] rows(RandomStream root, Draw draw, int p, int n) {
        int[] perm = shuffleStream(root, draw.pass(), p).permutation(n);
        int off = Math.toIntExact(draw.offsets()[p]);
        return java.util.Arrays.copyOfRange(perm, off, off + draw.counts()[p]);
    }
}
