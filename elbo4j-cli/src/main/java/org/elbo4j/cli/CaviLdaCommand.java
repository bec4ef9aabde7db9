package org.elbo4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.elbo4j.cavi.lda.Document;
import org.elbo4j.cavi.lda.HeldOut;
import org.elbo4j.cavi.lda.LdaTopics;
import org.elbo4j.cavi.lda.OnlineLda;
import org.elbo4j.cavi.lda.Vocabulary;
import org.elbo4j.cli.io.AtomicFiles;
import org.elbo4j.random.RandomStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code elbo4j cavi lda}: latent Dirichlet allocation by stochastic variational inference
 * ({@link OnlineLda}) on a text file (one document per non-blank line) or a directory (one document per regular,
 * non-hidden file, in name order). Text is lower-cased and cut into runs of letters ({@link Vocabulary#tokenize});
 * stop words come from a short English list shipped as a resource ({@code stopwords-en.txt}) or a file of one word
 * per line. A library (Lucene's analyzers) would add a 1.7 MB dependency for what is a 160-word list and a
 * letter-run tokenizer; stemming is the one thing it would add, and topic models do well without it.
 *
 * <p>A seeded share of the documents ({@code --test-fraction}) is held out and scored by document completion
 * ({@link HeldOut}). With {@code --out}, {@code topics.txt} (top words per topic) and {@code summary.json} are
 * written atomically.
 */
@Command(
        name = "lda",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Latent Dirichlet allocation by stochastic VI on a text file or a directory.",
        description = {
            "Latent Dirichlet allocation by stochastic variational inference",
            "(Hoffman et al. 2013) on a text file (a document per line) or a directory."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  elbo4j cavi lda corpus.txt --k 20 --passes 5 --out runs/lda",
            "  elbo4j cavi lda docs/ --k 10 --min-df 3 --max-df 0.4 --max-vocab 5000 --batch-size 128"
        })
final class CaviLdaCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "INPUT",
            description = "A text file (one document per line) or a directory (one document per file).")
    Path input;

    @Option(names = "--k", defaultValue = "10", description = "Number of topics (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(
            names = "--passes",
            defaultValue = "1",
            description = "Passes over the training documents (default: ${DEFAULT-VALUE}).")
    int passes;

    @Option(
            names = "--batch-size",
            defaultValue = "256",
            description = "Documents per minibatch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(
            names = "--tau0",
            defaultValue = "1024",
            description = "Delay tau0 >= 1 of rho_t = (tau0 + t)^-kappa (default: ${DEFAULT-VALUE}).")
    double tau0;

    @Option(
            names = "--kappa",
            defaultValue = "0.7",
            description = "Forgetting rate kappa in (0.5, 1] (default: ${DEFAULT-VALUE}).")
    double kappa;

    @Option(names = "--alpha", description = "Document-topic concentration (default: 1/K).")
    Double alpha;

    @Option(names = "--eta", description = "Topic-word concentration (default: 1/K).")
    Double eta;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--min-df",
            defaultValue = "2",
            description = "Keep words in at least this many documents (default: ${DEFAULT-VALUE}).")
    int minDf;

    @Option(
            names = "--max-df",
            defaultValue = "0.5",
            description = "Keep words in at most this fraction of documents (default: ${DEFAULT-VALUE}).")
    double maxDf;

    @Option(
            names = "--max-vocab",
            defaultValue = "10000",
            description = "Keep at most this many words, most frequent first (default: ${DEFAULT-VALUE}).")
    int maxVocab;

    @Option(
            names = "--min-length",
            defaultValue = "2",
            description = "Drop tokens shorter than this (default: ${DEFAULT-VALUE}).")
    int minLength;

    @Option(
            names = "--stop-words",
            paramLabel = "FILE",
            description = "Stop words, one per line (default: the built-in English list).")
    Path stopWordsFile;

    @Option(names = "--no-stop-words", description = "Keep every word.")
    boolean noStopWords;

    @Option(
            names = "--test-fraction",
            defaultValue = "0.1",
            description =
                    "Share of documents held out for the per-word log-likelihood, in [0, 1) (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(
            names = "--top-words",
            defaultValue = "10",
            description = "Words shown per topic (default: ${DEFAULT-VALUE}).")
    int topWords;

    @Option(names = "--out", paramLabel = "DIR", description = "Write topics.txt and summary.json here.")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        checkOptions();
        Usage.path("--stop-words", stopWordsFile);
        OutputDir.prepare("--out", out);
        // α, η, τ₀ and κ were checked above (usage errors); the builder checks them again.
        OnlineLda lda = OnlineLda.topics(k)
                .alpha(alpha != null ? alpha : 1.0 / k)
                .eta(eta != null ? eta : 1.0 / k)
                .tau0(tau0)
                .kappa(kappa)
                .batchSize(batchSize)
                .passes(passes)
                .seed(seed);
        long t0 = System.nanoTime();
        List<String> texts = readDocuments(input);
        Set<String> stop = stopWords();
        List<List<String>> tokens = new ArrayList<>(texts.size());
        for (String t : texts) tokens.add(Vocabulary.tokenize(t));
        Vocabulary vocab;
        try {
            vocab = Vocabulary.build(tokens, stop, minLength, minDf, maxDf, maxVocab);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    input + ": " + e.getMessage() + " (--min-df " + minDf + ", --max-df " + maxDf + ", --min-length "
                            + minLength + ")",
                    e);
        }
        List<Document> all = vocab.documents(tokens);
        List<Document> nonEmpty = new ArrayList<>(all.size());
        for (Document d : all) if (d.length() > 0) nonEmpty.add(d);
        int empty = all.size() - nonEmpty.size();
        int nTest = (int) Math.round(testFraction * nonEmpty.size());
        int[] order = RandomStream.of(seed).fork(1_000_003).permutation(nonEmpty.size());
        List<Document> test = new ArrayList<>(nTest), train = new ArrayList<>(nonEmpty.size() - nTest);
        for (int i = 0; i < order.length; i++) (i < nTest ? test : train).add(nonEmpty.get(order[i]));
        if (train.isEmpty())
            throw new IllegalArgumentException(
                    input + ": no training document left (all empty after pruning, or held out)");
        long tokensTrain = 0;
        for (Document d : train) tokensTrain += d.length();
        double readSeconds = (System.nanoTime() - t0) / 1e9;

        w.printf(
                Locale.ROOT,
                "cavi lda: %d documents from %s (%d empty after pruning, %d held out), vocabulary %d words, %d training tokens%n",
                all.size(),
                input,
                empty,
                test.size(),
                vocab.size(),
                tokensTrain);
        w.printf(
                Locale.ROOT,
                "  K = %d, alpha = %.4g, eta = %.4g, tau0 = %g, kappa = %g, batch %d, %d pass%s, seed %d%n",
                k,
                lda.alpha(),
                lda.eta(),
                tau0,
                kappa,
                batchSize,
                passes,
                passes == 1 ? "" : "es",
                seed);
        long t1 = System.nanoTime();
        // progress as for fit on a log: a plain line on stderr every 5 s (step, pass, elapsed), then a last line
        PrintWriter err = spec.commandLine().getErr();
        long stepsPerPass = (train.size() + batchSize - 1) / batchSize;
        long[] lastLine = {t1};
        LdaTopics topics = lda.fit(train, vocab.size(), (step, pass, t) -> {
            long now = System.nanoTime();
            if (now - lastLine[0] >= 5_000_000_000L) {
                lastLine[0] = now;
                err.printf(
                        Locale.ROOT,
                        "cavi lda: step %d of %d (pass %d of %d), %.0f s%n",
                        step,
                        stepsPerPass * passes,
                        pass + 1,
                        passes,
                        (now - t1) / 1e9);
                err.flush();
            }
        });
        double fitSeconds = (System.nanoTime() - t1) / 1e9;
        HeldOut.Result held = test.isEmpty()
                ? null
                : HeldOut.documentCompletion(topics, test, 0.5, seed, lda.tolerance(), lda.maxIterations());
        w.printf(Locale.ROOT, "  %d steps in %.2f s%n", topics.step(), fitSeconds);
        err.printf(
                Locale.ROOT,
                "cavi lda: %d steps (%d pass%s over %d documents) in %.2f s%n",
                topics.step(),
                passes,
                passes == 1 ? "" : "es",
                train.size(),
                fitSeconds);
        if (held != null) {
            w.printf(
                    Locale.ROOT,
                    "  held-out per-word log-likelihood %.4f (perplexity %.1f) on %d tokens of %d documents (document completion, half observed)%n",
                    held.perWord(),
                    held.perplexity(),
                    held.tokens(),
                    held.documents());
        }
        String topicsText = topicsText(topics, vocab);
        w.print(topicsText);
        if (out != null) {
            AtomicFiles.writeString(out.resolve("topics.txt"), topicsText);
            AtomicFiles.writeString(
                    out.resolve("summary.json"),
                    Json.MAPPER.writeValueAsString(summary(
                                    lda,
                                    topics,
                                    vocab,
                                    all.size(),
                                    empty,
                                    train,
                                    test,
                                    tokensTrain,
                                    held,
                                    readSeconds,
                                    fitSeconds))
                            + "\n");
            w.println("  wrote " + out.resolve("topics.txt") + " and " + out.resolve("summary.json"));
        }
        w.flush();
        err.printf(
                Locale.ROOT,
                "cavi lda: finished: %d topics after %d steps%s%n",
                k,
                topics.step(),
                held == null
                        ? ""
                        : String.format(Locale.ROOT, ", held-out per-word log-likelihood %.4f", held.perWord()));
        err.flush();
        return 0;
    }

    private void checkOptions() {
        Usage.atLeast("--k", k, 1);
        Usage.atLeast("--passes", passes, 1);
        Usage.atLeast("--batch-size", batchSize, 1);
        Usage.check(Double.isFinite(tau0) && tau0 >= 1, "--tau0 must be >= 1 and finite, got " + tau0);
        Usage.check(kappa > 0.5 && kappa <= 1, "--kappa must be in (0.5, 1], got " + kappa);
        if (alpha != null) Usage.positive("--alpha", alpha);
        if (eta != null) Usage.positive("--eta", eta);
        Usage.atLeast("--min-df", minDf, 1);
        Usage.check(maxDf > 0 && maxDf <= 1, "--max-df must be in (0, 1], got " + maxDf);
        Usage.atLeast("--max-vocab", maxVocab, 1);
        Usage.atLeast("--min-length", minLength, 1);
        Usage.check(testFraction >= 0 && testFraction < 1, "--test-fraction must be in [0, 1), got " + testFraction);
        Usage.atLeast("--top-words", topWords, 1);
        Usage.check(!(noStopWords && stopWordsFile != null), "--stop-words and --no-stop-words exclude each other");
    }

    /** One document per non-blank line of a file, or per regular non-hidden file of a directory (name order). */
    static List<String> readDocuments(Path input) throws IOException {
        if (!Files.exists(input)) throw new IllegalArgumentException(input + ": no such file or directory");
        if (!Files.isReadable(input)) throw new IllegalArgumentException(input + ": not readable");
        List<String> docs = new ArrayList<>();
        if (Files.isDirectory(input)) {
            List<Path> files;
            try (Stream<Path> s = Files.list(input)) {
                files = s.filter(Files::isRegularFile)
                        .filter(p -> !p.getFileName().toString().startsWith("."))
                        .sorted()
                        .toList();
            }
            for (Path p : files) docs.add(readText(p));
        } else {
            for (String line : Files.readAllLines(input, StandardCharsets.UTF_8)) if (!line.isBlank()) docs.add(line);
        }
        if (docs.isEmpty()) {
            throw new IllegalArgumentException(input
                    + (Files.isDirectory(input)
                            ? ": no documents (the directory has no regular, non-hidden files)"
                            : ": no documents (the file has no non-blank line)"));
        }
        return docs;
    }

    /** UTF-8 text; bytes that are not UTF-8 (old mail archives are Latin-1) become U+FFFD, which is not a letter. */
    private static String readText(Path p) throws IOException {
        return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    }

    private Set<String> stopWords() throws IOException {
        if (noStopWords) return Set.of();
        List<String> lines;
        if (stopWordsFile != null) {
            if (!Files.isRegularFile(stopWordsFile)) {
                throw new IllegalArgumentException(
                        "--stop-words " + stopWordsFile + ": no such file (or not a regular file)");
            }
            lines = Files.readAllLines(stopWordsFile, StandardCharsets.UTF_8);
        } else {
            try (InputStream in = CaviLdaCommand.class.getResourceAsStream("lda/stopwords-en.txt")) {
                if (in == null) throw new IllegalStateException("the built-in stop-word list is missing from the jar");
                lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                        .lines()
                        .toList();
            }
        }
        Set<String> s = new HashSet<>();
        for (String l : lines) {
            String t = l.strip().toLowerCase(Locale.ROOT);
            if (!t.isEmpty() && !t.startsWith("#")) s.add(t);
        }
        return s;
    }

    private String topicsText(LdaTopics topics, Vocabulary vocab) {
        double[][] beta = topics.topicMeans();
        StringBuilder b = new StringBuilder();
        for (int j = 0; j < topics.topics(); j++) {
            b.append(String.format(Locale.ROOT, "topic %d:", j + 1));
            for (int id : topics.topWords(j, topWords))
                b.append(String.format(Locale.ROOT, " %s (%.3f)", vocab.word(id), beta[j][id]));
            b.append('\n');
        }
        return b.toString();
    }

    private ObjectNode summary(
            OnlineLda lda,
            LdaTopics topics,
            Vocabulary vocab,
            int documents,
            int empty,
            List<Document> train,
            List<Document> test,
            long tokensTrain,
            HeldOut.Result held,
            double readSeconds,
            double fitSeconds) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("command", "cavi lda");
        root.put("input", input.toString());
        ObjectNode c = root.putObject("corpus");
        c.put("documents", documents);
        c.put("empty_after_pruning", empty);
        c.put("training_documents", train.size());
        c.put("test_documents", test.size());
        c.put("training_tokens", tokensTrain);
        c.put("vocabulary_size", vocab.size());
        ObjectNode s = root.putObject("settings");
        s.put("k", lda.k());
        s.put("alpha", lda.alpha());
        s.put("eta", lda.eta());
        s.put("tau0", lda.tau0());
        s.put("kappa", lda.kappa());
        s.put("batch_size", lda.batchSize());
        s.put("passes", lda.passes());
        s.put("seed", lda.seed());
        s.put("local_tolerance", lda.tolerance());
        s.put("local_max_iterations", lda.maxIterations());
        s.put("min_df", minDf);
        s.put("max_df", maxDf);
        s.put("max_vocab", maxVocab);
        s.put("min_length", minLength);
        s.put(
                "stop_words",
                noStopWords ? "none" : stopWordsFile != null ? stopWordsFile.toString() : "built-in English");
        ObjectNode r = root.putObject("result");
        r.put("steps", topics.step());
        r.put("read_seconds", readSeconds);
        r.put("fit_seconds", fitSeconds);
        if (held != null) {
            ObjectNode h = r.putObject("held_out");
            h.put(
                    "estimator",
                    "document completion: half of each test document's tokens observed, the rest scored under mean theta and beta");
            h.put("per_word_log_likelihood", held.perWord());
            h.put("perplexity", held.perplexity());
            h.put("tokens", held.tokens());
            h.put("documents", held.documents());
        }
        double[][] beta = topics.topicMeans();
        ArrayNode ts = root.putArray("topics");
        for (int j = 0; j < topics.topics(); j++) {
            ObjectNode t = ts.addObject();
            t.put("topic", j + 1);
            ArrayNode ws = t.putArray("top_words");
            for (int id : topics.topWords(j, topWords)) {
                ObjectNode o = ws.addObject();
                o.put("word", vocab.word(id));
                o.put("probability", beta[j][id]);
            }
        }
        return root;
    }
}
