package org.elbo4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.elbo4j.cavi.lda.Document;
import org.elbo4j.cavi.lda.HeldOut;
import org.elbo4j.cavi.lda.LdaTopics;
import org.elbo4j.cavi.lda.OnlineLda;
import org.elbo4j.cavi.lda.SyntheticLda;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LDA by SVI on Spark: topics recovered, as good as one machine's fit, bit-identical resume. */
class SparkLdaTest {
    static final int K = 4, V = 40;

    @TempDir
    Path tmp;

    static SyntheticLda.Corpus corpus() {
        return SyntheticLda.generate(SyntheticLda.blockTopics(K, V, 0.05), 1400, 0.5, 60, 7);
    }

    static OnlineLda config() {
        return OnlineLda.topics(K).tau0(1).kappa(0.7).batchSize(100).seed(1);
    }

    @Test
    void recoversTheTopicsAndMatchesTheSingleMachineHeldOutLikelihood() {
        SyntheticLda.Corpus c = corpus();
        List<Document> train = c.documents().subList(0, 1200),
                test = c.documents().subList(1200, 1400);
        JavaRDD<Document> rdd = TestSpark.context().parallelize(train, 4);
        SparkLda.Result r = SparkLda.of(config()).fit(rdd, V, SparkLda.stepsFor(3, 1200, 100));
        assertEquals(36, r.topics().step());
        double[][] est = r.topics().topicMeans();
        // Matched by the best permutation; tolerance 0.12 in total variation, the single-machine test's 0.1 argument
        // (sampling error ≈ 0.015 for 1200·60/4 tokens per topic, SVI noise ≈ 0.01 at ρ ≈ 0.08) with two thirds of the
        // data and fewer steps.
        int[] match = best(c.topics(), est);
        for (int k = 0; k < K; k++) {
            double tv = tv(c.topics()[k], est[match[k]]);
            assertTrue(tv < 0.12, "topic " + k + ": TV " + tv);
        }
        LdaTopics single = config().passes(3).fit(train, V);
        double spark =
                HeldOut.documentCompletion(r.topics(), test, 0.5, 3, 1e-3, 100).perWord();
        double one = HeldOut.documentCompletion(single, test, 0.5, 3, 1e-3, 100).perWord();
        // Same data, steps and estimator, different minibatch draws: the per-word values agree within 0.02 nats (the
        // true topics' value sits 0.0007 above a converged fit in the single-machine test; 0.02 is the gap a topic off
        // by TV ≈ 0.04 costs).
        assertEquals(one, spark, 0.02, "held-out per word, Spark vs one machine");
    }

    @Test
    void resumesBitIdenticallyAndNamesBadDocuments() {
        List<Document> docs = corpus().documents().subList(0, 400);
        JavaRDD<Document> rdd = TestSpark.context().parallelize(docs, 3);
        LdaTopics whole = SparkLda.of(config()).fit(rdd, V, 6).topics();
        String dir = tmp.resolve("lda").toUri().toString();
        SparkLda.of(config()).checkpoint(dir, 2).fit(rdd, V, 3);
        SparkLda.Result resumed = SparkLda.of(config()).checkpoint(dir, 2).fit(rdd, V, 6);
        assertEquals(3, resumed.resumedFrom());
        double[][] a = whole.lambda(), b = resumed.topics().lambda();
        for (int k = 0; k < K; k++) assertArrayEquals(a[k], b[k], 0.0, "topic " + k);
        // a corpus the caller cached is read in place (not copied): the same bits
        JavaRDD<Document> cached = TestSpark.context().parallelize(docs, 3).cache();
        double[][] c = SparkLda.of(config()).fit(cached, V, 6).topics().lambda();
        cached.unpersist();
        for (int k = 0; k < K; k++) assertArrayEquals(a[k], c[k], 0.0, "topic " + k + ", cached corpus");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> SparkLda.of(config()).fit(rdd, 30, 1));
        assertTrue(
                e.getMessage().matches("document \\d+ has word id \\d+ but the vocabulary has 30 words"),
                e.getMessage());
    }

    static double tv(double[] p, double[] q) {
        double s = 0;
        for (int i = 0; i < p.length; i++) s += Math.abs(p[i] - q[i]);
        return s / 2;
    }

    static int[] best(double[][] truth, double[][] est) {
        int[] perm = {0, 1, 2, 3}, best = perm.clone();
        double bestCost = Double.POSITIVE_INFINITY;
        for (int[] p : permutations(perm)) {
            double c = 0;
            for (int k = 0; k < K; k++) c += tv(truth[k], est[p[k]]);
            if (c < bestCost) {
                bestCost = c;
                best = p;
            }
        }
        return best;
    }

    static List<int[]> permutations(int[] a) {
        List<int[]> out = new java.util.ArrayList<>();
        permute(a.clone(), 0, out);
        return out;
    }

    private static void permute(int[] a, int i, List<int[]> out) {
        if (i == a.length) {
            out.add(a.clone());
            return;
        }
        for (int j = i; j < a.length; j++) {
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
            permute(a, i + 1, out);
            t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
