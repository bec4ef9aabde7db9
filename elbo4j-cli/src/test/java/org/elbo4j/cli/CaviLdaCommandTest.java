package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.elbo4j.cavi.lda.Document;
import org.elbo4j.cavi.lda.SyntheticLda;
import org.elbo4j.cli.MainTest.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code elbo4j cavi lda}: a synthetic text corpus with known topics, files written, stop words, errors. */
class CaviLdaCommandTest {
    static final int K = 3, V = 30;

    @TempDir
    Path tmp;

    /** Word id w as letters: block b = w / 10 of the block topics gives words starting with "t" + ('a' + b). */
    static String word(int w) {
        return "t" + (char) ('a' + w / 10) + "w" + (char) ('a' + w % 10);
    }

    /** Documents of the synthetic LDA corpus as text, each with stop words and punctuation mixed in. */
    static List<String> texts(int d) {
        SyntheticLda.Corpus c = SyntheticLda.generate(SyntheticLda.blockTopics(K, V, 0.02), d, 0.3, 40, 11);
        return c.documents().stream()
                .map(doc -> {
                    StringBuilder b = new StringBuilder("The ");
                    for (int i = 0; i < doc.distinct(); i++) {
                        for (int n = 0; n < doc.count(i); n++)
                            b.append(word(doc.id(i))
                                            .toUpperCase(java.util.Locale.ROOT)
                                            .substring(0, 1))
                                    .append(word(doc.id(i)).substring(1))
                                    .append(n % 3 == 0 ? ", and " : " ");
                    }
                    return b.append(".").toString();
                })
                .toList();
    }

    @Test
    void recoversTheBlocksOfASyntheticTextCorpusAndWritesFiles() throws Exception {
        Path corpus = tmp.resolve("corpus.txt");
        Files.write(corpus, texts(600));
        Path out = tmp.resolve("lda");
        Result r = MainTest.run(
                "cavi",
                "lda",
                corpus.toString(),
                "--k",
                "3",
                "--passes",
                "4",
                "--batch-size",
                "50",
                "--tau0",
                "1",
                "--min-df",
                "1",
                "--max-df",
                "1.0",
                "--top-words",
                "5",
                "--out",
                out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("600 documents"), r.out());
        assertTrue(r.out().contains("held-out per-word log-likelihood"), r.out());
        List<String> topics = Files.readAllLines(out.resolve("topics.txt"));
        assertEquals(K, topics.size(), topics.toString());
        // Each topic's top five words come from one block ("ta…", "tb…" or "tc…"), and the three topics cover the three
        // blocks: the blocks carry 98% of each topic's mass, so a top-5 word from another block would mean a mixed
        // topic.
        Set<Character> blocks = new HashSet<>();
        for (String line : topics) {
            String[] parts = line.split(":")[1].trim().split(" ");
            char block = parts[0].charAt(1);
            for (int i = 0; i < parts.length; i += 2) assertEquals(block, parts[i].charAt(1), line);
            blocks.add(block);
        }
        assertEquals(Set.of('a', 'b', 'c'), blocks);
        JsonNode s = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
        assertEquals(V, s.get("corpus").get("vocabulary_size").asInt(), "stop words ('the', 'and') are pruned");
        assertEquals(60, s.get("corpus").get("test_documents").asInt());
        double perWord =
                s.get("result").get("held_out").get("per_word_log_likelihood").asDouble();
        // Topics that ignore the blocks score about log(1/30) = −3.40 per word; a block topic spreads over 10 words, so
        // a single-topic document scores about log(1/10) = −2.30, and documents mixing topics (α = 0.3) less. Measured
        // −2.85; −3.1 separates recovered topics from unrecovered ones with room for the split noise of 60 documents.
        assertTrue(perWord > -3.1, "held-out per word " + perWord);
        assertEquals(5, s.get("topics").get(0).get("top_words").size());
        try (var files = Files.list(out)) {
            assertEquals(2, files.count(), "only the two results, no temporary files left");
        }
    }

    @Test
    void readsADirectoryOneDocumentPerFileAndIsDeterministic() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("docs"));
        List<String> t = texts(80);
        for (int i = 0; i < t.size(); i++)
            Files.writeString(
                    dir.resolve(String.format("doc%03d.txt", i)), t.get(i).replace(", ", "\n"));
        Files.writeString(dir.resolve(".hidden"), "ignored ignored");
        Result a = MainTest.run(
                "cavi", "lda", dir.toString(), "--k", "3", "--tau0", "1", "--batch-size", "20", "--min-df", "1");
        Result b = MainTest.run(
                "cavi", "lda", dir.toString(), "--k", "3", "--tau0", "1", "--batch-size", "20", "--min-df", "1");
        assertEquals(0, a.status(), a.err());
        assertTrue(a.out().contains("80 documents"), a.out());
        assertFalse(a.out().contains("ignored"), a.out());
        assertEquals(
                a.out().replaceAll("in [0-9.]+ s", ""),
                b.out().replaceAll("in [0-9.]+ s", ""),
                "same seed, same output");
    }

    @Test
    void errorsNameTheInputAndTheOption() throws Exception {
        Result missing = MainTest.run("cavi", "lda", tmp.resolve("nope.txt").toString());
        assertEquals(1, missing.status());
        assertTrue(missing.err().contains("nope.txt") && missing.err().contains("no such file"), missing.err());
        Path stopOnly = tmp.resolve("stop.txt");
        Files.writeString(stopOnly, "the and of\nthe a an\n");
        Result pruned = MainTest.run("cavi", "lda", stopOnly.toString(), "--min-df", "1");
        assertEquals(1, pruned.status());
        assertTrue(pruned.err().contains("no word is left"), pruned.err());
        Result kappa = MainTest.run("cavi", "lda", stopOnly.toString(), "--kappa", "0.3");
        assertEquals(2, kappa.status(), "a bad option value is a usage error: " + kappa.err());
        assertTrue(kappa.err().contains("--kappa must be in (0.5, 1], got 0.3"), kappa.err());
        assertTrue(Document.of(new int[0], new int[0]).length() == 0);
    }
}
