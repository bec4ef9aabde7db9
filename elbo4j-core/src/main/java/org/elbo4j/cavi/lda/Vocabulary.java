package org.elbo4j.cavi.lda;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Text to bags of words: a tokenizer (lower case, runs of letters) and a pruned vocabulary. Pure functions of
 * their input (no files): the caller reads the text and supplies the stop words.
 *
 * <p>Pruning, in this order: stop words and tokens shorter than {@code minLength} are dropped; a word is kept if it
 * occurs in at least {@code minDocs} documents and in at most a fraction {@code maxDocFraction} of them; of those,
 * the {@code maxSize} with the highest document frequency are kept (ties: alphabetical). Word ids follow
 * alphabetical order, so the same corpus gives the same ids.
 *
 * <pre>{@code
 * List<List<String>> tokens = texts.stream().map(Vocabulary::tokenize).toList();
 * Vocabulary v = Vocabulary.build(tokens, Set.of("the", "and"), 2, 5, 0.5, 10_000);
 * List<Document> docs = v.documents(tokens);
 * }</pre>
 */
public final class Vocabulary {
    private final String[] words;
    private final Map<String, Integer> ids;

    private Vocabulary(String[] words) {
        this.words = words;
        this.ids = new HashMap<>(2 * words.length);
        for (int i = 0; i < words.length; i++) ids.put(words[i], i);
    }

    /** The lower-cased maximal runs of letters ({@link Character#isLetter}) of {@code text}, in order. */
    public static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        int i = 0, n = text.length();
        while (i < n) {
            while (i < n && !Character.isLetter(text.codePointAt(i))) i += Character.charCount(text.codePointAt(i));
            int start = i;
            while (i < n && Character.isLetter(text.codePointAt(i))) i += Character.charCount(text.codePointAt(i));
            if (i > start) out.add(text.substring(start, i).toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /**
     * Builds the pruned vocabulary (class doc).
     *
     * @param docs           tokens per document; not modified
     * @param stopWords      lower-case words to drop
     * @param minLength      tokens shorter than this are dropped (≥ 1)
     * @param minDocs        minimum document frequency (≥ 1)
     * @param maxDocFraction maximum document frequency as a fraction of the documents, in (0, 1]
     * @param maxSize        at most this many words (≥ 1)
     * @throws IllegalArgumentException naming the setting that is out of range, or when no word survives
     */
    public static Vocabulary build(
            List<List<String>> docs,
            Set<String> stopWords,
            int minLength,
            int minDocs,
            double maxDocFraction,
            int maxSize) {
        if (minLength < 1) throw new IllegalArgumentException("vocabulary: min length must be >= 1, got " + minLength);
        if (minDocs < 1)
            throw new IllegalArgumentException("vocabulary: min document frequency must be >= 1, got " + minDocs);
        if (!(maxDocFraction > 0 && maxDocFraction <= 1)) {
            throw new IllegalArgumentException(
                    "vocabulary: max document fraction must be in (0, 1], got " + maxDocFraction);
        }
        if (maxSize < 1) throw new IllegalArgumentException("vocabulary: max size must be >= 1, got " + maxSize);
        Map<String, Integer> df = new HashMap<>();
        for (List<String> d : docs) {
            for (String w : new java.util.HashSet<>(d)) {
                if (w.length() >= minLength && !stopWords.contains(w)) df.merge(w, 1, Integer::sum);
            }
        }
        double maxDocs = maxDocFraction * docs.size();
        List<String> kept = new ArrayList<>();
        for (Map.Entry<String, Integer> e : df.entrySet()) {
            if (e.getValue() >= minDocs && e.getValue() <= maxDocs) kept.add(e.getKey());
        }
        kept.sort((a, b) -> !df.get(a).equals(df.get(b)) ? Integer.compare(df.get(b), df.get(a)) : a.compareTo(b));
        if (kept.size() > maxSize) kept = kept.subList(0, maxSize);
        if (kept.isEmpty()) {
            throw new IllegalArgumentException(
                    "vocabulary: no word is left after pruning (" + df.size() + " candidate words in " + docs.size()
                            + " documents; min documents " + minDocs + ", max fraction " + maxDocFraction + ")");
        }
        String[] w = kept.toArray(new String[0]);
        Arrays.sort(w);
        return new Vocabulary(w);
    }

    /** A vocabulary of these words, in this order (ids 0, 1, …). @throws IllegalArgumentException on a repeat */
    public static Vocabulary of(List<String> words) {
        Vocabulary v = new Vocabulary(words.toArray(new String[0]));
        if (v.ids.size() != words.size()) throw new IllegalArgumentException("vocabulary: repeated words");
        return v;
    }

    /** The bag of words of one document's tokens; words outside the vocabulary are dropped. */
    public Document document(List<String> tokens) {
        int[] ids = new int[tokens.size()];
        int n = 0;
        for (String t : tokens) {
            Integer id = this.ids.get(t);
            if (id != null) ids[n++] = id;
        }
        return Document.ofTokens(Arrays.copyOf(ids, n));
    }

    /** {@link #document} of every document, in order. */
    public List<Document> documents(List<List<String>> docs) {
        List<Document> out = new ArrayList<>(docs.size());
        for (List<String> d : docs) out.add(document(d));
        return out;
    }

    /** Number of words V. */
    public int size() {
        return words.length;
    }

    /** The word of id {@code i}. */
    public String word(int i) {
        return words[i];
    }

    /** The words in id order (a copy). */
    public List<String> words() {
        return List.of(words);
    }
}
