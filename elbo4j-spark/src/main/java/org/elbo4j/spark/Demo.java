package org.elbo4j.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongToDoubleFunction;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.clustering.LDA;
import org.apache.spark.mllib.clustering.LocalLDAModel;
import org.apache.spark.mllib.clustering.OnlineLDAOptimizer;
import org.apache.spark.mllib.linalg.Matrix;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.sql.SparkSession;
import org.elbo4j.cavi.lda.Document;
import org.elbo4j.cavi.lda.HeldOut;
import org.elbo4j.cavi.lda.LdaTopics;
import org.elbo4j.cavi.lda.OnlineLda;
import org.elbo4j.cavi.lda.SyntheticLda;
import org.elbo4j.cavi.lda.Vocabulary;
import scala.Tuple2;

/**
 * The driver program of elbo4j-spark: runnable in-process in local mode ({@code ./elbo4j-spark-demo}) and with
 * {@code spark-submit} on a cluster (the master then comes from spark-submit).
 *
 * <pre>
 * logistic  Bayesian logistic regression on synthetic rows (LogisticRows) by SparkSvi; --reference adds the
 *           single-JVM full-data fit (elbo4j's Svi) and the largest differences in posterior sd units
 *   --rows N (100000) --features D (20) --partitions P (4) --batch B (10000) --steps T (1000) --lr (0.05)
 *   --seed (1) --checkpoint DIR --every K (100) --reference --reference-steps S (T) --reference-lr (--lr)
 *   --averaging d (0: off; iterate averaging, also for the reference) --control K (0: off; SVRG control variate
 *   refreshed every K steps) --parquet DIR (read the rows from Parquet, as written by the parquet command)
 *   --floor f (0: cosine annealing to 0 over T steps; f > 0: to f·lr over T/2 steps, then constant) --beta2 (0.999)
 *   --init-scale (1: the guide's initial sd) --stl (sticking-the-landing estimator)
 *   --twin (the reference with the Spark run's own draws: isolates the minibatch noise); all also for the reference
 *   --tasks k (0: one Spark task per core and step; P: one per partition, as before the grouping)
 *   --data-seed (--seed: the rows' seed); with --parquet, one partition per file unless --partitions is given;
 *   prints the load's and the fit's wall, CPU, heap, Spark jobs and CPU per thread, and a "result key=value" line
 * parquet   writes the synthetic logistic-regression rows (LogisticRows) to Parquet
 *   --rows N --features D (20) --partitions P (files; 4) --seed (1) --out DIR
 * agreement --seeds K (3) SparkSvi fits against K single-JVM full-data Svi fits with independent draws on the same
 *           rows: the differences in posterior sd and each fit's Monte Carlo spread; the logistic options
 *           (--rows, --batch, --steps, --control, --averaging, ... --data-seed (1), --partitions (2))
 * lda       LDA on a synthetic corpus: elbo4j's SparkLda against Spark MLlib's OnlineLDAOptimizer, same K, V,
 *           passes, minibatch share, tau0, kappa, alpha, eta; both scored by HeldOut.documentCompletion
 *   --docs D (20000) --k K (10) --vocab V (1000) --length L (100) --partitions P (4) --batch B (500) --passes (2)
 *   --tau0 (64) --kappa (0.7) --test (1000) --seed (1) --no-mllib --elbo4j-passes (--passes: elbo4j's own)
 *   --corpus FILE (real text, one document per line: tokenised by Vocabulary, words of >= 3 letters, --stop-words
 *   FILE, --min-df (5), --max-df (0.5), at most --vocab words; --test-fraction (0.1) held out after a seeded shuffle)
 *   --curve N (held-out per word against fitting time for both, interleaved in one run, at about N points;
 *   --csv FILE writes the table) --steps S (S steps and S iterations instead of whole passes)
 * --master M (local[*] unless spark-submit sets one)
 * </pre>
 */
public final class Demo {
    private Demo() {}

    /** Entry point; exits with 2 on a usage error. */
    public static void main(String[] args) {
        if (args.length == 0
                || !List.of("logistic", "lda", "parquet", "agreement").contains(args[0])) {
            System.err.println(
                    "usage: Demo logistic|lda|parquet|agreement [--option value ...]  (see the class javadoc or docs/spark.md)");
            System.exit(2);
        }
        Map<String, String> o = options(args);
        SparkConf conf = new SparkConf();
        SparkSession.Builder b =
                SparkSession.builder().appName("elbo4j-spark " + args[0]).config("spark.ui.enabled", "false");
        if (!conf.contains("spark.master")) b.master(o.getOrDefault("master", "local[*]"));
        SparkSession spark = b.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            if (args[0].equals("logistic")) LogisticDemo.logistic(spark, o);
            else if (args[0].equals("parquet")) LogisticDemo.parquet(spark, o);
            else if (args[0].equals("agreement")) LogisticDemo.agreement(spark, o);
            else lda(spark, o);
        } finally {
            spark.stop();
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--"))
                throw new IllegalArgumentException("expected an option, got '" + args[i] + "'");
            String k = args[i].substring(2);
            if (List.of("reference", "no-mllib", "stl", "twin").contains(k)) o.put(k, "true");
            else if (i + 1 < args.length) o.put(k, args[++i]);
            else throw new IllegalArgumentException("option --" + k + " needs a value");
        }
        return o;
    }

    static long num(Map<String, String> o, String k, long def) {
        return o.containsKey(k) ? Long.parseLong(o.get(k)) : def;
    }

    static double real(Map<String, String> o, String k, double def) {
        return o.containsKey(k) ? Double.parseDouble(o.get(k)) : def;
    }

    static List<Integer> range(int n) {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < n; i++) l.add(i);
        return l;
    }

    static void lda(SparkSession spark, Map<String, String> o) {
        int docs = (int) num(o, "docs", 20_000), k = (int) num(o, "k", 10), v = (int) num(o, "vocab", 1000);
        int parts = (int) num(o, "partitions", 4),
                batch = (int) num(o, "batch", 500),
                passes = (int) num(o, "passes", 2);
        int nTest = (int) num(o, "test", 1000);
        long seed = num(o, "seed", 1);
        double length = real(o, "length", 100), tau0 = real(o, "tau0", 64), kappa = real(o, "kappa", 0.7);
        double alpha = 1.0 / k, eta = 1.0 / k;
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        double[][] truth = null;
        JavaRDD<Document> train;
        List<Document> test = new ArrayList<>();
        String source;
        if (o.containsKey("corpus")) {
            // a real corpus, one document per line (elbo4j-bench/spark/get-corpora.sh writes these)
            List<String> lines;
            try {
                lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of(o.get("corpus")));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("lda: cannot read --corpus " + o.get("corpus") + ": " + e, e);
            }
            java.util.Set<String> stop = new java.util.HashSet<>();
            if (o.containsKey("stop-words")) {
                try {
                    for (String w : java.nio.file.Files.readAllLines(java.nio.file.Path.of(o.get("stop-words"))))
                        if (!w.isBlank() && !w.startsWith("#"))
                            stop.add(w.trim().toLowerCase(Locale.ROOT));
                } catch (java.io.IOException e) {
                    throw new IllegalArgumentException("lda: cannot read --stop-words: " + e, e);
                }
            }
            List<List<String>> tokens = new ArrayList<>();
            for (String line : lines) tokens.add(Vocabulary.tokenize(line));
            Vocabulary vocab = Vocabulary.build(tokens, stop, 3, (int) num(o, "min-df", 5), real(o, "max-df", 0.5), v);
            v = vocab.size();
            // a seeded shuffle, then the last --test-fraction of the documents (with ≥ 2 tokens) held out
            List<Document> all = new ArrayList<>();
            for (Document doc : vocab.documents(tokens)) if (doc.length() >= 2) all.add(doc);
            java.util.Collections.shuffle(all, new java.util.Random(seed));
            int nt = (int) Math.round(real(o, "test-fraction", 0.1) * all.size());
            test.addAll(all.subList(all.size() - nt, all.size()));
            List<Document> tr = new ArrayList<>(all.subList(0, all.size() - nt));
            docs = tr.size();
            nTest = nt;
            train = sc.parallelize(tr, parts).cache();
            source = o.get("corpus");
        } else {
            double[][] topics = SyntheticLda.dirichletTopics(k, v, 0.05, seed);
            truth = topics;
            final int nDocs = docs;
            train = sc.parallelize(range(parts), parts)
                    .flatMap(p -> {
                        List<Document> l = new ArrayList<>();
                        for (long i = (long) nDocs * p / parts; i < (long) nDocs * (p + 1) / parts; i++)
                            l.add(SyntheticLda.document(topics, (int) i, 0.5, length, seed));
                        return l.iterator();
                    })
                    .cache();
            for (int i = 0; i < nTest; i++) test.add(SyntheticLda.document(topics, docs + i, 0.5, length, seed));
            source = "synthetic";
        }
        long tGen = System.nanoTime();
        long tokens = train.map(Document::length).reduce(Long::sum);
        double genSeconds = (System.nanoTime() - tGen) / 1e9;
        // MLlib samples a fraction B/D of the documents per iteration: ⌈passes·D/B⌉ iterations see passes·D documents
        // in expectation; elbo4j's passes are ⌈D/B⌉ steps each, the last one smaller (the same passes·D documents)
        long steps = ((long) passes * docs + batch - 1) / batch;
        long elbo4jSteps = SparkLda.stepsFor((int) num(o, "elbo4j-passes", passes), docs, batch);
        if (o.containsKey("steps")) { // part of a pass, for both (e.g. to measure throughput on a large corpus)
            steps = num(o, "steps", steps);
            elbo4jSteps = steps;
        }
        System.out.printf(
                Locale.ROOT,
                "lda (%s): %d training documents (%d tokens), %d test documents, V = %d, K = %d, %d passes = %d steps of %d documents, tau0 %g, kappa %g, master %s%n",
                source,
                docs,
                tokens,
                nTest,
                v,
                k,
                passes,
                steps,
                batch,
                tau0,
                kappa,
                spark.sparkContext().master());
        OnlineLda cfg = OnlineLda.topics(k)
                .alpha(alpha)
                .eta(eta)
                .tau0(tau0)
                .kappa(kappa)
                .batchSize(batch)
                .seed(seed);
        if (truth != null) {
            LdaTopics trueTopics = LdaTopics.of(scaled(truth, 1e7), alpha, eta, tau0, kappa, 0);
            System.out.printf(
                    Locale.ROOT,
                    "  true topics:  held-out per-word log-likelihood %.4f%n",
                    heldOut(trueTopics, test, cfg));
        }
        System.out.printf(
                Locale.ROOT,
                "  corpus materialised (generated or parallelised, cached, counted) in %.1f s, load %s%n",
                genSeconds,
                load());
        if (o.containsKey("curve")) {
            curve(
                    train,
                    test,
                    v,
                    k,
                    alpha,
                    eta,
                    tau0,
                    kappa,
                    batch,
                    docs,
                    elbo4jSteps,
                    o.containsKey("no-mllib") ? 0 : steps,
                    (int) num(o, "curve", 10),
                    o.get("csv"),
                    cfg,
                    seed);
            train.unpersist();
            return;
        }
        long t0 = System.nanoTime();
        double c0 = cpuSeconds();
        SparkLda.Result r = SparkLda.of(cfg).fit(train, v, elbo4jSteps);
        double tE = (System.nanoTime() - t0) / 1e9, cE = cpuSeconds() - c0;
        long seen = (long) ((double) elbo4jSteps / SparkLda.stepsFor(1, docs, batch) * docs);
        System.out.printf(
                Locale.ROOT,
                "  elbo4j SparkLda (%d steps, %d documents): %.1f s wall, %.1f s CPU, %.0f documents/s, load %s, heap used %.0f MB; held-out per-word log-likelihood %.4f%n",
                elbo4jSteps,
                seen,
                tE,
                cE,
                seen / tE,
                load(),
                heapMb(),
                heldOut(r.topics(), test, cfg));
        if (!o.containsKey("no-mllib")) {
            JavaPairRDD<Long, Vector> corpus = mllibCorpus(train, v);
            long t1 = System.nanoTime();
            double c1 = cpuSeconds();
            OnlineLDAOptimizer opt = new OnlineLDAOptimizer()
                    .setTau0(tau0)
                    .setKappa(kappa)
                    .setMiniBatchFraction((double) batch / docs)
                    .setOptimizeDocConcentration(false);
            LocalLDAModel m = (LocalLDAModel) new LDA()
                    .setK(k)
                    .setMaxIterations((int) steps)
                    .setDocConcentration(alpha)
                    .setTopicConcentration(eta)
                    .setSeed(seed)
                    .setOptimizer(opt)
                    .run(corpus);
            double tM = (System.nanoTime() - t1) / 1e9, cM = cpuSeconds() - c1;
            Matrix tm = m.topicsMatrix(); // V × K: λ transposed (OnlineLDAOptimizer's variational parameters)
            double[][] lambda = new double[k][v];
            for (int j = 0; j < k; j++) for (int w = 0; w < v; w++) lambda[j][w] = tm.apply(w, j);
            LdaTopics mt = LdaTopics.of(lambda, alpha, eta, tau0, kappa, steps);
            System.out.printf(
                    Locale.ROOT,
                    "  MLlib OnlineLDAOptimizer (%d iterations, about %d documents): %.1f s wall, %.1f s CPU, %.0f documents/s, load %s, heap used %.0f MB; held-out per-word log-likelihood %.4f%n",
                    steps,
                    (long) passes * docs,
                    tM,
                    cM,
                    (double) passes * docs / tM,
                    load(),
                    heapMb(),
                    heldOut(mt, test, cfg));
            corpus.unpersist();
        }
        train.unpersist();
    }

    /** The training documents as MLlib's corpus: (id, term-count vector), cached and counted. */
    private static JavaPairRDD<Long, Vector> mllibCorpus(JavaRDD<Document> train, int vocabSize) {
        JavaPairRDD<Long, Vector> corpus = train.zipWithIndex()
                .mapToPair(t -> {
                    Document doc = t._1();
                    double[] c = new double[doc.distinct()];
                    for (int i = 0; i < c.length; i++) c[i] = doc.count(i);
                    return new Tuple2<>(t._2(), Vectors.sparse(vocabSize, doc.ids(), c));
                })
                .cache();
        corpus.count();
        return corpus;
    }

    /** λ (K × V) of an MLlib model: its topics matrix is V × K, λ transposed. */
    private static double[][] lambdaOf(LocalLDAModel m, int k, int v) {
        Matrix tm = m.topicsMatrix();
        double[][] lambda = new double[k][v];
        for (int j = 0; j < k; j++) for (int w = 0; w < v; w++) lambda[j][w] = tm.apply(w, j);
        return lambda;
    }

    /** CPU time of this process (all threads: in local mode the executors are threads of the driver's JVM), s. */
    private static double cpuSeconds() {
        java.lang.management.OperatingSystemMXBean os =
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean s ? s.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    private static double heapMb() {
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) / 1e6;
    }

    private static String load() {
        return String.format(
                Locale.ROOT,
                "%.1f",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
    }

    /**
     * Held-out per word against fitting time for both, interleaved in one run: elbo4j runs its steps; at each of
     * {@code points} evaluation steps it stops, MLlib's OnlineLDAOptimizer is advanced to the same number of
     * iterations (its own {@code initialize}/{@code next} loop, as {@code LDA.run} does), and both are scored by the same
     * estimator. Wall and CPU time count the fitting only (not the scoring), each algorithm its own.
     */
    private static void curve(
            JavaRDD<Document> train,
            List<Document> test,
            int v,
            int k,
            double alpha,
            double eta,
            double tau0,
            double kappa,
            int batch,
            long docs,
            long elbo4jSteps,
            long mllibSteps,
            int points,
            String csv,
            OnlineLda cfg,
            long seed) {
        JavaPairRDD<Long, Vector> corpus = mllibSteps > 0 ? mllibCorpus(train, v) : null;
        OnlineLDAOptimizer opt = new OnlineLDAOptimizer()
                .setTau0(tau0)
                .setKappa(kappa)
                .setMiniBatchFraction((double) batch / docs)
                .setOptimizeDocConcentration(false);
        LDA lda = new LDA()
                .setK(k)
                .setMaxIterations((int) Math.max(1, mllibSteps))
                .setDocConcentration(alpha)
                .setTopicConcentration(eta)
                .setSeed(seed)
                .setOptimizer(opt);
        double[] mWall = {0}, mCpu = {0};
        long[] mIter = {0};
        if (corpus != null) {
            @SuppressWarnings({"unchecked", "rawtypes"})
            org.apache.spark.rdd.RDD<Tuple2<Object, Vector>> rdd = (org.apache.spark.rdd.RDD) corpus.rdd();
            long w0 = System.nanoTime();
            double c0 = cpuSeconds();
            opt.initialize(rdd, lda); // LDA.run's first call: counts the corpus, draws λ
            mWall[0] += (System.nanoTime() - w0) / 1e9;
            mCpu[0] += cpuSeconds() - c0;
        }
        long every = Math.max(1, (Math.max(elbo4jSteps, mllibSteps) + points - 1) / points);
        StringBuilder out = new StringBuilder(
                "step,elbo4j_wall_s,elbo4j_cpu_s,elbo4j_heldout,mllib_iterations,mllib_wall_s,mllib_cpu_s,mllib_heldout,load\n");
        System.out.printf(
                Locale.ROOT,
                "  %6s | %9s %8s %9s | %6s %9s %8s %9s | %s%n",
                "step",
                "elbo4j s",
                "cpu s",
                "held-out",
                "iter",
                "MLlib s",
                "cpu s",
                "held-out",
                "load");
        // MLlib's iterations up to a target, timed (wall and CPU added to mWall, mCpu), then its held-out per word
        LongToDoubleFunction advance = target -> {
            long w1 = System.nanoTime();
            double c1 = cpuSeconds();
            while (mIter[0] < target) {
                opt.next();
                mIter[0]++;
            }
            mWall[0] += (System.nanoTime() - w1) / 1e9;
            mCpu[0] += cpuSeconds() - c1;
            LocalLDAModel m = (LocalLDAModel) opt.getLDAModel(new double[0]);
            return heldOut(LdaTopics.of(lambdaOf(m, k, v), alpha, eta, tau0, kappa, mIter[0]), test, cfg);
        };
        double[] eWall = {0}, eCpu = {0};
        long[] mark = {System.nanoTime()};
        double[] cmark = {cpuSeconds()};
        SparkLda.Listener listener = t -> {
            long s = t.step();
            if (s % every != 0 && s != elbo4jSteps) return;
            eWall[0] += (System.nanoTime() - mark[0]) / 1e9;
            eCpu[0] += cpuSeconds() - cmark[0];
            double he = heldOut(t, test, cfg);
            long target = Math.min(s, mllibSteps);
            String mCols = "";
            if (mIter[0] < target) {
                double hm = advance.applyAsDouble(target);
                mCols = String.format(Locale.ROOT, "%d,%.2f,%.2f,%.5f", mIter[0], mWall[0], mCpu[0], hm);
                System.out.printf(
                        Locale.ROOT,
                        "  %6d | %9.1f %8.1f %9.4f | %6d %9.1f %8.1f %9.4f | %s%n",
                        s,
                        eWall[0],
                        eCpu[0],
                        he,
                        mIter[0],
                        mWall[0],
                        mCpu[0],
                        hm,
                        load());
            } else {
                mCols = ",,,";
                System.out.printf(
                        Locale.ROOT,
                        "  %6d | %9.1f %8.1f %9.4f | %6s %9s %8s %9s | %s%n",
                        s,
                        eWall[0],
                        eCpu[0],
                        he,
                        "",
                        "",
                        "",
                        "",
                        load());
            }
            out.append(
                    String.format(Locale.ROOT, "%d,%.2f,%.2f,%.5f,%s,%s%n", s, eWall[0], eCpu[0], he, mCols, load()));
            mark[0] = System.nanoTime();
            cmark[0] = cpuSeconds();
        };
        SparkLda.of(cfg).fit(train, v, elbo4jSteps, listener);
        // MLlib's remaining iterations when it runs more steps than elbo4j
        while (mIter[0] < mllibSteps) {
            double hm = advance.applyAsDouble(Math.min(mllibSteps, mIter[0] + every));
            System.out.printf(
                    Locale.ROOT,
                    "  %6s | %9s %8s %9s | %6d %9.1f %8.1f %9.4f | %s%n",
                    "",
                    "",
                    "",
                    "",
                    mIter[0],
                    mWall[0],
                    mCpu[0],
                    hm,
                    load());
            out.append(
                    String.format(Locale.ROOT, ",,,,%d,%.2f,%.2f,%.5f,%s%n", mIter[0], mWall[0], mCpu[0], hm, load()));
        }
        long perPass = SparkLda.stepsFor(1, docs, batch);
        double eDocs = (double) elbo4jSteps / perPass * docs, mDocs = (double) mllibSteps * batch;
        System.out.printf(
                Locale.ROOT,
                "  fitting only: elbo4j %.0f documents in %.1f s wall (%.1f s CPU), %.0f documents/s; MLlib about %.0f documents in %.1f s wall (%.1f s CPU), %.0f documents/s; heap used %.0f MB, load %s%n",
                eDocs,
                eWall[0],
                eCpu[0],
                eDocs / eWall[0],
                mDocs,
                mWall[0],
                mCpu[0],
                mDocs / mWall[0],
                heapMb(),
                load());
        if (corpus != null) corpus.unpersist();
        if (csv != null) {
            try {
                java.nio.file.Files.writeString(java.nio.file.Path.of(csv), out);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("lda: cannot write --csv " + csv + ": " + e, e);
            }
        }
    }

    private static double heldOut(LdaTopics t, List<Document> test, OnlineLda cfg) {
        return HeldOut.documentCompletion(t, test, 0.5, 17, cfg.tolerance(), cfg.maxIterations())
                .perWord();
    }

    private static double[][] scaled(double[][] p, double c) {
        double[][] out = new double[p.length][];
        for (int i = 0; i < p.length; i++) {
            out[i] = new double[p[i].length];
            for (int j = 0; j < p[i].length; j++) out[i][j] = Math.max(c * p[i][j], 1e-300);
        }
        return out;
    }
}
