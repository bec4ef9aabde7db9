import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.elbo4j.cavi.lda.Document;
import org.elbo4j.cavi.lda.HeldOut;
import org.elbo4j.cavi.lda.LdaTopics;
import org.elbo4j.cavi.lda.LocalStep;
import org.elbo4j.cavi.lda.OnlineLda;
import org.elbo4j.cavi.lda.Vocabulary;
import org.elbo4j.random.RandomStream;

/**
 * Minibatches in passes against an independent uniform subset per step, for LDA by SVI on one machine (elbo4j-core's
 * OnlineLda and LocalStep): the same corpus, vocabulary, split, initial topics (per seed) and steps; only how the
 * minibatches are drawn differs. Prints the held-out per-word log-likelihood (document completion) after the given
 * number of steps for each seed.
 *
 * <pre>
 * mvn -q -DskipTests -pl elbo4j-core -am package
 * java -Xmx1g -cp elbo4j-core/target/elbo4j-core-0.1.0-SNAPSHOT.jar elbo4j-bench/spark/LdaSampling.java \
 *   /tmp/elbo4j-corpora/brown.txt elbo4j-cli/src/main/resources/org/elbo4j/cli/lda/stopwords-en.txt 20 10
 * </pre>
 * Arguments: corpus (one document per line), stop words, steps, seeds; K = 20, V = 5,000, α = η = 1/K, τ₀ = 64,
 * κ = 0.7, B = 500, the tokenisation and the 10% test split of {@code ./elbo4j-spark-demo lda --corpus}.
 */
public class LdaSampling {
    public static void main(String[] a) throws Exception {
        int k = 20, batch = 500, steps = Integer.parseInt(a[2]), seeds = Integer.parseInt(a[3]);
        double alpha = 1.0 / k;
        Set<String> stop = new HashSet<>();
        for (String w : Files.readAllLines(Path.of(a[1])))
            if (!w.isBlank() && !w.startsWith("#")) stop.add(w.trim().toLowerCase(Locale.ROOT));
        List<List<String>> tokens = new ArrayList<>();
        for (String l : Files.readAllLines(Path.of(a[0]))) tokens.add(Vocabulary.tokenize(l));
        Vocabulary vocab = Vocabulary.build(tokens, stop, 3, 5, 0.5, 5000);
        int v = vocab.size();
        List<Document> all = new ArrayList<>();
        for (Document d : vocab.documents(tokens)) if (d.length() >= 2) all.add(d);
        Collections.shuffle(all, new Random(1)); // the demo's split for --seed 1
        int nt = (int) Math.round(0.1 * all.size());
        List<Document> test = all.subList(all.size() - nt, all.size()), train = all.subList(0, all.size() - nt);
        int n = train.size();
        System.out.printf(Locale.ROOT, "%d training documents, %d test, V = %d, %d steps of %d%n", n, nt, v, steps, batch);
        System.out.println("seed  passes   independent  difference");
        double sum = 0;
        int wins = 0;
        for (int seed = 1; seed <= seeds; seed++) {
            OnlineLda cfg = OnlineLda.topics(k).tau0(64).kappa(0.7).batchSize(batch).seed(seed);
            double[] res = new double[2];
            for (int mode = 0; mode < 2; mode++) {
                LdaTopics t = cfg.initialTopics(v); // the same initial topics for both
                RandomStream root = RandomStream.of(seed).fork(1);
                int[] perm = null;
                for (int s = 0; s < steps; s++) {
                    int start;
                    if (mode == 0) { // passes: one permutation per pass, cut into consecutive minibatches
                        int perPass = (n + batch - 1) / batch;
                        if (s % perPass == 0) perm = root.fork(s / perPass).permutation(n);
                        start = (s % perPass) * batch;
                    } else { // an independent uniform subset per step
                        perm = root.fork(1_000_000 + s).permutation(n);
                        start = 0;
                    }
                    int end = Math.min(n, start + batch);
                    double[][] ss = new double[k][v], eb = t.expElogBeta();
                    for (int i = start; i < end; i++) LocalStep.infer(train.get(perm[i]), eb, alpha, 1e-3, 100, ss);
                    t.update(ss, end - start, n);
                }
                res[mode] = HeldOut.documentCompletion(t, test, 0.5, 17, 1e-3, 100).perWord();
            }
            sum += res[0] - res[1];
            if (res[0] > res[1]) wins++;
            System.out.printf(Locale.ROOT, "%4d  %.4f  %.4f      %+.4f%n", seed, res[0], res[1], res[0] - res[1]);
        }
        System.out.printf(Locale.ROOT, "passes better in %d of %d seeds, by %.4f nats per word on average%n", wins, seeds, sum / seeds);
    }
}
