package org.elbo4j.cavi.lda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The javadoc examples of {@code org.elbo4j.cavi.lda}, verbatim, each followed by checks of what its comments claim. */
class JavadocExamplesTest {

    @Test
    void packageInfo() {
        SyntheticLda.Corpus c = SyntheticLda.generate(SyntheticLda.blockTopics(4, 40, 0.05), 2000, 0.5, 60, 7);
        LdaTopics topics =
                OnlineLda.topics(4).tau0(1).batchSize(100).passes(5).seed(1).fit(c.documents(), 40);
        topics.topWords(0, 5); // the five most probable words of topic 0
        HeldOut.documentCompletion(topics, c.documents().subList(0, 200), 0.5, 1, 1e-3, 100)
                .perWord();
        int[] top = topics.topWords(0, 5);
        assertEquals(5, top.length);
        // block topics: the five most probable words of a topic lie in one block of 40 / 4 = 10 words
        for (int w : top) assertEquals(top[0] / 10, w / 10, "top words of topic 0: " + java.util.Arrays.toString(top));
        double perWord = HeldOut.documentCompletion(topics, c.documents().subList(0, 200), 0.5, 1, 1e-3, 100)
                .perWord();
        // a uniform model over 40 words scores log(1/40) = -3.69 per word; recovered block topics score about -3.27
        // here (OnlineLdaTest: the true topics of such a corpus score -3.30): at least 0.3 nats better than uniform
        assertTrue(perWord > Math.log(1.0 / 40) + 0.3, "held-out per word " + perWord);
    }

    @Test
    void document() {
        Document d = Document.of(new int[] {0, 3, 7}, new int[] {2, 1, 4});
        d.length(); // 7 tokens
        assertEquals(7, d.length());
    }

    @Test
    void onlineLda() {
        SyntheticLda.Corpus c = SyntheticLda.generate(SyntheticLda.blockTopics(10, 100, 0.05), 600, 0.5, 50, 3);
        List<Document> documents = c.documents().subList(0, 500);
        List<Document> testDocuments = c.documents().subList(500, 600);
        int vocabularySize = 100;
        OnlineLda lda = OnlineLda.topics(10).batchSize(256).passes(5).seed(1);
        LdaTopics topics = lda.fit(documents, vocabularySize);
        double perWord = HeldOut.documentCompletion(topics, testDocuments, 0.5, 1, 1e-3, 100)
                .perWord();
        assertEquals(10, topics.topics());
        // better than the uniform model's log(1/100) = -4.61 per word
        assertTrue(perWord > Math.log(1.0 / 100) && perWord < 0, "held-out per word " + perWord);
    }

    @Test
    void vocabulary() {
        List<String> texts = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) texts.add("The cat and the mouse"); // cat, mouse: in 6 of 12 documents
        for (int i = 0; i < 6; i++) texts.add("the dog barks"); // dog, barks: in 6 of 12 documents
        List<List<String>> tokens = texts.stream().map(Vocabulary::tokenize).toList();
        Vocabulary v = Vocabulary.build(tokens, Set.of("the", "and"), 2, 5, 0.5, 10_000);
        List<Document> docs = v.documents(tokens);
        assertEquals(12, docs.size());
        // "the", "and" are stop words; each other word is in 6 >= 5 documents and in 6 / 12 <= 0.5 of them
        assertEquals(Set.of("cat", "mouse", "dog", "barks"), Set.copyOf(v.words()));
    }
}
