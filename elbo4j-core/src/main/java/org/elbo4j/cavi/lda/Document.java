package org.elbo4j.cavi.lda;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A document as a sparse bag of words: distinct word ids in increasing order and their counts. Immutable (the
 * arrays are copied in and never handed out). Serializable so that a cluster engine can ship documents to its
 * workers.
 *
 * <pre>{@code
 * Document d = Document.of(new int[] {0, 3, 7}, new int[] {2, 1, 4});
 * d.length();   // 7 tokens
 * }</pre>
 */
public final class Document implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] ids;
    private final int[] counts;
    private final long length;

    private Document(int[] ids, int[] counts, long length) {
        this.ids = ids;
        this.counts = counts;
        this.length = length;
    }

    /**
     * A document from distinct word ids and positive counts.
     *
     * @param ids    word ids ≥ 0, strictly increasing; not modified
     * @param counts counts ≥ 1, same length; not modified
     * @throws IllegalArgumentException naming the position when the lengths differ, an id is negative or out of
     *                                  order, or a count is below 1
     */
    public static Document of(int[] ids, int[] counts) {
        if (ids.length != counts.length) {
            throw new IllegalArgumentException(
                    "document: " + ids.length + " word ids but " + counts.length + " counts");
        }
        long n = 0;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0)
                throw new IllegalArgumentException(
                        "document: word id " + ids[i] + " at position " + i + " is negative");
            if (i > 0 && ids[i] <= ids[i - 1]) {
                throw new IllegalArgumentException("document: word ids must be strictly increasing; position " + i
                        + " has " + ids[i] + " after " + ids[i - 1]);
            }
            if (counts[i] < 1)
                throw new IllegalArgumentException(
                        "document: count " + counts[i] + " of word " + ids[i] + " is below 1");
            n += counts[i];
        }
        return new Document(ids.clone(), counts.clone(), n);
    }

    /**
     * A document from a sequence of tokens (word ids in any order, repeats counted).
     *
     * @throws IllegalArgumentException if a token is negative
     */
    public static Document ofTokens(int[] tokens) {
        int[] s = tokens.clone();
        Arrays.sort(s);
        int distinct = 0;
        for (int i = 0; i < s.length; i++) if (i == 0 || s[i] != s[i - 1]) distinct++;
        int[] ids = new int[distinct], counts = new int[distinct];
        int j = -1;
        for (int i = 0; i < s.length; i++) {
            if (i == 0 || s[i] != s[i - 1]) ids[++j] = s[i];
            counts[j]++;
        }
        return of(ids, counts);
    }

    /** Number of distinct words. */
    public int distinct() {
        return ids.length;
    }

    /** The i-th distinct word id (0-based, increasing in i). */
    public int id(int i) {
        return ids[i];
    }

    /** The count of the i-th distinct word. */
    public int count(int i) {
        return counts[i];
    }

    /** Number of tokens (Σ counts). */
    public long length() {
        return length;
    }

    /** The largest word id, or −1 for an empty document. */
    public int maxId() {
        return ids.length == 0 ? -1 : ids[ids.length - 1];
    }

    /** The word ids (a copy). */
    public int[] ids() {
        return ids.clone();
    }

    /** The counts (a copy). */
    public int[] counts() {
        return counts.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Document d && Arrays.equals(ids, d.ids) && Arrays.equals(counts, d.counts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Document{");
        for (int i = 0; i < ids.length && i < 10; i++)
            b.append(i == 0 ? "" : ", ").append(ids[i]).append(':').append(counts[i]);
        if (ids.length > 10) b.append(", … (").append(ids.length).append(" words)");
        return b.append('}').toString();
    }
}
