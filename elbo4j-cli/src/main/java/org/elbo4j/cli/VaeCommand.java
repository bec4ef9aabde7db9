package org.elbo4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.elbo4j.cli.io.VaeCheckpoints;
import org.elbo4j.cli.ui.ProgressBar;
import org.elbo4j.nn.Activation;
import org.elbo4j.nn.Init;
import org.elbo4j.optim.Optimizer;
import org.elbo4j.tensor.blas.Blas;
import org.elbo4j.vae.Binarization;
import org.elbo4j.vae.EpochMetrics;
import org.elbo4j.vae.Estimator;
import org.elbo4j.vae.TrainingState;
import org.elbo4j.vae.Vae;
import org.elbo4j.vae.VaeTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code elbo4j vae}: trains a variational auto-encoder by AEVB (Kingma &amp; Welling 2013) on MNIST (the 10,000
 * embedded digits by default, or IDX files), prints one line per epoch (train ELBO, test ELBO, seconds) under a
 * progress bar, then the importance-sampled test log-likelihood; with {@code --out} writes metrics.csv, elbo.png,
 * samples.png, reconstructions.png, manifold.png (2-D latent) and a checkpoint after every epoch
 * (docs/checkpoint-format.md), from which {@code --resume} continues to the same result as an uninterrupted run.
 */
@Command(
        name = "vae",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Train a variational auto-encoder (AEVB) on MNIST; report ELBO and log p(x).",
        description = {
            "Train a variational auto-encoder (AEVB, Kingma & Welling 2013) on MNIST;",
            "report the train/test ELBO per epoch and the importance-sampled log-likelihood."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  elbo4j vae                              784-400-20 tanh, 20 epochs, 10k digits",
            "  elbo4j vae --latent 2 --out runs/vae2   + manifold.png (the paper's figure 4)",
            "  elbo4j vae --data train-images-idx3-ubyte.gz",
            "                                          MNIST's 60k, t10k-images-* for testing",
            "  elbo4j vae --out runs/v --epochs 5",
            "  elbo4j vae --resume runs/v --epochs 20  continue that run, bit for bit"
        })
final class VaeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--data",
            paramLabel = "IMAGES",
            description =
                    "IDX images (.gz or plain); default: the 10,000 embedded MNIST digits (first 8000 train, last 2000 test).")
    Path data;

    @Option(
            names = "--test-data",
            paramLabel = "IMAGES",
            description =
                    "IDX test images (default: t10k-images-* beside a train-images-* --data file, else a split of --data).")
    Path testData;

    @Option(
            names = "--train",
            paramLabel = "N",
            description =
                    "Use the first N images of --data for training and the rest as the test set (default: 8000 of the embedded digits, 80%% of a --data file).")
    Integer train;

    @Option(names = "--labels", paramLabel = "LABELS", description = "IDX labels of --data (only for latent.png).")
    Path labels;

    @Option(names = "--test-labels", paramLabel = "LABELS", description = "IDX labels of --test-data.")
    Path testLabels;

    @Option(names = "--latent", defaultValue = "20", description = "Latent dimensions J (default: ${DEFAULT-VALUE}).")
    int latent;

    @Option(
            names = "--hidden",
            defaultValue = "400",
            paramLabel = "H[,H...]",
            description = "Hidden layer sizes of the encoder; the decoder mirrors them (default: ${DEFAULT-VALUE}).")
    String hidden;

    @Option(
            names = "--activation",
            defaultValue = "tanh",
            description = "tanh, relu, softplus or sigmoid (default: ${DEFAULT-VALUE}).")
    String activation;

    // Default: measured after 10 epochs (J = 20) test ELBO -113.8 (torch), -114.6 (xavier), -157.2 (normal); after 20
    // epochs with J = 2: -161.5 (torch) vs -173.3 (xavier).
    @Option(
            names = "--init",
            defaultValue = "torch",
            description =
                    "torch (U(+-1/sqrt(fan-in)), PyTorch's nn.Linear default), xavier (Glorot uniform), normal (N(0, 0.01^2), the paper's) or normal:<sd> (default: ${DEFAULT-VALUE}).")
    String init;

    @Option(
            names = "--likelihood",
            defaultValue = "bernoulli",
            description =
                    "bernoulli (binarised data) or gaussian (sigmoid mean, data as intensities) (default: ${DEFAULT-VALUE}).")
    String likelihood;

    @Option(
            names = "--epochs",
            defaultValue = "20",
            description = "Train until this many epochs are done (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(
            names = "--batch",
            defaultValue = "100",
            paramLabel = "M",
            description = "Minibatch size M (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(
            names = "--optimizer",
            defaultValue = "adam",
            description = "adam or adagrad (also rmsprop, momentum, sgd) (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", description = "Learning rate (default: 0.001 for adam, 0.01 for adagrad).")
    Double lr;

    @Option(
            names = "--estimator",
            defaultValue = "analytic",
            description = "analytic (SGVB B, KL in closed form) or sampled (SGVB A) (default: ${DEFAULT-VALUE}).")
    String estimator;

    @Option(
            names = {"--samples", "-L"},
            defaultValue = "1",
            paramLabel = "L",
            description = "Draws of z per datapoint and step (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(
            names = "--binarize",
            description =
                    "static (pixel > 0.5, once), dynamic (Bernoulli(pixel) per epoch) or none (default: static; none with --likelihood gaussian).")
    String binarize;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", description = "Threads of the matrix products (default: the number of processors).")
    Integer threads;

    @Option(
            names = "--is-samples",
            defaultValue = "500",
            paramLabel = "K",
            description =
                    "Importance samples per test digit for log p(x) at the end; 0 skips it (default: ${DEFAULT-VALUE}).")
    int isSamples;

    @Option(
            names = "--eval-every",
            defaultValue = "1",
            paramLabel = "N",
            description =
                    "Test ELBO after every N-th epoch and after the last; 0: only in the final line, as PyTorch's example scripts do (the training is the same bits either way) (default: ${DEFAULT-VALUE}).")
    int evalEvery;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description =
                    "Write metrics.csv, elbo.png, samples.png, reconstructions.png, manifold.png and checkpoints here.")
    Path out;

    @Option(
            names = "--resume",
            paramLabel = "DIR|FILE",
            description =
                    "Continue the run checkpointed in DIR (its newest checkpoint) or FILE; writes to DIR unless --out is given.")
    Path resume;

    @Option(
            names = {"--quiet", "-q"},
            description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        // Usage errors first (exit 2), before any file is read or any work done.
        positive("--epochs", epochs, 1);
        positive("--batch", batch, 1);
        positive("--samples", samples, 1);
        positive("--latent", latent, 1);
        positive("--is-samples", isSamples, 0);
        positive("--eval-every", evalEvery, 0);
        if (threads != null) {
            positive("--threads", threads, 1);
        }
        if (train != null) {
            positive("--train", train, 1);
        }
        if (lr != null) {
            Usage.positive("--lr", lr);
        }
        parseHidden();
        Usage.parse("--activation", activation, Activation::byName);
        Usage.parse("--init", init, Init::byName);
        Usage.check(
                likelihood.equals("bernoulli") || likelihood.equals("gaussian"),
                "--likelihood '" + likelihood + "': choose bernoulli or gaussian");
        Usage.parse("--estimator", estimator, Estimator::byName);
        if (binarize != null) {
            Usage.parse("--binarize", binarize, Binarization::byName);
        }
        Usage.parse("--optimizer", optimizer, n -> Optimizers.byName(n, 1e-3));
        for (String[] p : new String[][] {
            {"--data", str(data)},
            {"--test-data", str(testData)},
            {"--labels", str(labels)},
            {"--test-labels", str(testLabels)},
            {"--out", str(out)},
            {"--resume", str(resume)}
        }) {
            Usage.path(p[0], p[1]);
        }
        Blas.setThreads(threads != null ? threads : Runtime.getRuntime().availableProcessors());

        TrainingState resumed = null;
        Map<String, String> saved = null;
        if (resume != null) {
            resumed = VaeCheckpoints.readLatest(resume);
            saved = resumed.settings();
            checkAgainstSaved(saved);
            // A resumed run trains on from its epoch; it never goes back nor rewrites the outputs of epochs it has
            // done.
            if (resumed.epoch() > epochs) {
                throw new UsageException("--epochs " + epochs + ": the run in " + resume + " has already done "
                        + resumed.epoch() + " epochs, and a resumed run cannot go back; give --epochs "
                        + (resumed.epoch() + 1)
                        + " or more to continue it (its outputs are left as they are)");
            }
            if (resumed.epoch() == epochs) {
                throw new UsageException("--epochs " + epochs + ": the run in " + resume + " is already at epoch "
                        + resumed.epoch() + ", so there is nothing to train and nothing was written; give --epochs "
                        + (resumed.epoch() + 1) + " or more to continue it");
            }
        }
        Path dir = out != null
                ? out
                : resume == null
                        ? null
                        : Files.isDirectory(resume)
                                ? resume
                                : resume.toAbsolutePath().getParent();
        OutputDir.prepare(out != null ? "--out" : "--resume", dir);
        // Evaluation settings of the run are kept on resume too (the trainer's settings carry them).
        int kIs = isSamples;
        if (saved != null && saved.containsKey("is_samples")) {
            kIs = Integer.parseInt(saved.get("is_samples"));
        }
        Path labelsFile = labels != null ? labels : saved != null ? VaeDataset.pathOrNull(saved.get("labels")) : null;
        Path testLabelsFile = testLabels != null
                ? testLabels
                : saved != null ? VaeDataset.pathOrNull(saved.get("test_labels")) : null;
        // The configuration: the command line, or the checkpoint's settings.
        Vae vae;
        String optName;
        double rate;
        Estimator est;
        int l;
        int m;
        Binarization bin;
        long sd;
        VaeDataset ds;
        if (saved == null) {
            ds = VaeDataset.load(data, testData, train, labelsFile, testLabelsFile);
            vae = buildVae(ds.data.dim());
            optName = optimizer;
            rate = lr != null ? lr : optimizer.equals("adagrad") ? 0.01 : 1e-3;
            est = Estimator.byName(estimator);
            l = samples;
            m = batch;
            bin = binarize != null
                    ? Binarization.byName(binarize)
                    : likelihood.equals("gaussian") ? Binarization.NONE : Binarization.STATIC;
            sd = seed;
        } else {
            vae = Vae.fromDescription(saved);
            optName = saved.get("optimizer").toLowerCase(Locale.ROOT);
            rate = Double.parseDouble(require(saved, "lr"));
            est = Estimator.byName(require(saved, "estimator"));
            l = Integer.parseInt(require(saved, "samples"));
            m = Integer.parseInt(require(saved, "batch"));
            bin = Binarization.byName(require(saved, "binarization"));
            sd = Long.parseLong(require(saved, "seed"));
            Path d = data != null ? data : VaeDataset.pathOrNull(saved.get("dataset"));
            String savedTest = saved.get("test_dataset");
            Path td = testData != null
                    ? testData
                    : savedTest == null || savedTest.equals("split") ? null : Path.of(savedTest);
            Integer tr = td == null ? Integer.valueOf(require(saved, "train")) : null;
            ds = VaeDataset.load(d, td, tr, labelsFile, testLabelsFile);
            if (!ds.sha256.equals(saved.get("data_sha256"))) {
                throw new IllegalArgumentException("--resume: the data (" + ds.source + ", SHA-256 " + ds.sha256
                        + ") are not the data of the checkpoint (" + saved.get("dataset") + ", SHA-256 "
                        + saved.get("data_sha256") + ")");
            }
        }
        Optimizer opt = Optimizers.byName(optName, rate);
        VaeTrainer.Builder b = VaeTrainer.builder(vae, ds.data)
                .optimizer(opt)
                .estimator(est)
                .samples(l)
                .batchSize(m)
                .binarization(bin)
                .seed(sd)
                .setting("lr", Double.toString(rate))
                .setting("dataset", ds.source)
                .setting("test_dataset", ds.testSource)
                .setting("data_sha256", ds.sha256);
        // settings added after version 0.1 checkpoints: recorded in new runs, kept when a checkpoint has them
        if (saved == null || saved.containsKey("is_samples")) {
            b.setting("is_samples", Integer.toString(kIs));
        }
        if (saved == null ? labelsFile != null : saved.containsKey("labels")) {
            b.setting("labels", String.valueOf(labelsFile));
        }
        if (saved == null ? testLabelsFile != null : saved.containsKey("test_labels")) {
            b.setting("test_labels", String.valueOf(testLabelsFile));
        }
        VaeTrainer t = resumed == null ? b.build() : b.resume(resumed);
        printHeader(w, t, ds, vae, est, l, m, bin, opt, rate, sd, resumed);

        int nTrain = ds.data.nTrain();
        while (t.epoch() < epochs) {
            int e = t.epoch() + 1;
            long start = System.nanoTime();
            EpochMetrics em;
            try (ProgressBar bar = quiet
                    ? null
                    : ProgressBar.on(
                                    spec.commandLine().getErr(),
                                    String.format(Locale.ROOT, "epoch %d/%d", e, epochs),
                                    (nTrain + m - 1) / m)
                            .reportInterrupts()) {
                boolean evaluate = evalEvery > 0 && (e % evalEvery == 0 || e == epochs);
                em = t.runEpoch(
                        (step, steps, images, elbo) -> {
                            if (bar != null) {
                                bar.update(
                                        step,
                                        () -> String.format(
                                                Locale.ROOT,
                                                "ELBO %.2f, %.0f images/s",
                                                elbo,
                                                images / ((System.nanoTime() - start) * 1e-9)));
                            }
                        },
                        evaluate);
            }
            w.printf(
                    Locale.ROOT,
                    "epoch %3d/%d  train ELBO %9.3f  test ELBO %9s  %6.2f s  %6.0f images/s%s%n",
                    em.epoch(),
                    epochs,
                    em.trainElbo(),
                    Double.isNaN(em.testElbo()) && evalEvery != 1
                            ? "-"
                            : String.format(Locale.ROOT, "%.3f", em.testElbo()),
                    em.seconds(),
                    nTrain / em.seconds(),
                    em.skippedSteps() == 0
                            ? ""
                            : String.format(
                                    Locale.ROOT,
                                    "  (%d steps undone after NaN/Inf; lr now %.3g)",
                                    em.skippedSteps(),
                                    em.learningRate()));
            w.flush();
            if (dir != null) {
                VaeCheckpoints.write(
                        dir, t.state(), Map.of("blas", Blas.backend(), "elbo4j", VersionProvider.version()));
                VaeReport.writeProgress(dir, t.history(), nTrain);
            }
        }

        if (!quiet) {
            PrintWriter err = spec.commandLine().getErr();
            err.printf(Locale.ROOT, "vae: stopped at the epoch limit, epoch %d of --epochs %d%n", t.epoch(), epochs);
            err.flush();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("epochs", t.epoch());
        List<EpochMetrics> h = t.history();
        double sum = 0;
        for (EpochMetrics em : h) {
            sum += em.seconds();
        }
        result.put("mean_epoch_seconds", h.isEmpty() ? Double.NaN : sum / h.size());
        double trainElbo = t.trainElbo();
        double testElbo = ds.data.nTest() == 0 ? Double.NaN : t.testElbo();
        result.put("train_elbo", trainElbo);
        result.put("test_elbo", testElbo);
        w.printf(
                Locale.ROOT,
                "after %d epochs: train ELBO %.3f (all %d training images, final parameters), test ELBO %.3f"
                        + " (%d test images; estimator B, one draw each)%n",
                t.epoch(),
                trainElbo,
                nTrain,
                testElbo,
                ds.data.nTest());
        int isSamples = kIs;
        if (isSamples > 0 && ds.data.nTest() > 0) {
            long t0 = System.nanoTime();
            double[] ll;
            try (ProgressBar bar = quiet
                    ? null
                    : ProgressBar.on(spec.commandLine().getErr(), "log p(x), K=" + isSamples, ds.data.nTest())) {
                ll = t.testLogLikelihoods(isSamples, done -> {
                    if (bar != null) {
                        bar.update(done);
                    }
                });
            }
            double mean = 0;
            for (double v : ll) {
                mean += v;
            }
            mean /= ll.length;
            double secs = (System.nanoTime() - t0) * 1e-9;
            result.put("is_log_likelihood", mean);
            result.put("is_samples", isSamples);
            result.put("is_seconds", secs);
            w.printf(
                    Locale.ROOT,
                    "test log-likelihood (importance sampled, K = %d per image): %.3f nats  (%.1f s)%n",
                    isSamples,
                    mean,
                    secs);
        }
        result.put("threads", Blas.threads());
        result.put("blas", Blas.backend());
        if (dir != null) {
            VaeReport.writeProgress(dir, t.history(), nTrain);
            String images = VaeReport.writeImages(dir, t, ds, sd);
            VaeReport.writeSummary(dir, t.settings(), ds.description, result);
            w.println("wrote " + dir.resolve("metrics.csv") + ", elbo.png, " + images + ", summary.json, "
                    + VaeCheckpoints.fileName(t.epoch()));
        }
        w.flush();
        return 0;
    }

    private void printHeader(
            PrintWriter w,
            VaeTrainer t,
            VaeDataset ds,
            Vae vae,
            Estimator est,
            int l,
            int m,
            Binarization bin,
            Optimizer opt,
            double rate,
            long sd,
            TrainingState resumed) {
        w.println("data: " + ds.description);
        w.println("binarisation: "
                + switch (bin) {
                    case STATIC -> "static, x = [pixel/255 > 0.5], once";
                    case DYNAMIC ->
                        "dynamic, x ~ Bernoulli(pixel/255) drawn afresh each epoch (the test set once, seeded)";
                    case NONE -> "none (intensities pixel/255)";
                });
        Map<String, String> d = vae.describe();
        w.printf(
                Locale.ROOT,
                "model: %d-%s-%d %s, Gaussian encoder, %s decoder, %s init; %d parameters%n",
                vae.dataDim(),
                d.get("hidden").replace(',', '-'),
                vae.latent(),
                d.get("activation"),
                d.get("likelihood"),
                d.get("init"),
                t.params().numel());
        w.printf(
                Locale.ROOT,
                "training: SGVB estimator %s (%s KL), L = %d, M = %d, %s lr %.3g, seed %d; BLAS %s%n",
                est.paperName(),
                est == Estimator.ANALYTIC_KL ? "analytic" : "sampled",
                l,
                m,
                opt.saveState().kind(),
                rate,
                sd,
                Blas.backend());
        if (resumed != null) {
            w.printf(Locale.ROOT, "resumed from %s at epoch %d%n", resume, resumed.epoch());
        }
        w.flush();
    }

    private static String str(Path p) {
        return p == null ? null : p.toString();
    }

    private int[] parseHidden() {
        String[] parts = hidden.split(",", -1);
        int[] hs = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                hs[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new UsageException("--hidden '" + hidden + "': '" + parts[i] + "' is not an integer");
            }
            positive("--hidden", hs[i], 1);
        }
        return hs;
    }

    private Vae buildVae(int dim) {
        int[] hs = parseHidden();
        Vae.Builder vb = Vae.builder(dim, latent)
                .hidden(hs)
                .activation(Activation.byName(activation))
                .init(Init.byName(init));
        switch (likelihood) {
            case "bernoulli" -> vb.bernoulli();
            case "gaussian" -> vb.gaussian(Activation.SIGMOID);
            default -> throw new UsageException("--likelihood '" + likelihood + "': choose bernoulli or gaussian");
        }
        return vb.build();
    }

    /** With --resume, an option given on the command line must agree with the checkpoint. */
    private void checkAgainstSaved(Map<String, String> saved) {
        ParseResult pr = spec.commandLine().getParseResult();
        Map<String, String[]> given = new LinkedHashMap<>();
        if (pr.hasMatchedOption("--latent")) {
            given.put("--latent", new String[] {"latent", Integer.toString(latent)});
        }
        if (pr.hasMatchedOption("--hidden")) {
            given.put("--hidden", new String[] {"hidden", hidden.replace(" ", "")});
        }
        if (pr.hasMatchedOption("--activation")) {
            given.put(
                    "--activation",
                    new String[] {"activation", Activation.byName(activation).id()});
        }
        if (pr.hasMatchedOption("--init")) {
            given.put("--init", new String[] {"init", Init.byName(init).id()});
        }
        if (pr.hasMatchedOption("--likelihood")) {
            given.put(
                    "--likelihood",
                    new String[] {"likelihood", likelihood.equals("gaussian") ? "gaussian:sigmoid" : likelihood});
        }
        if (pr.hasMatchedOption("--estimator")) {
            given.put(
                    "--estimator",
                    new String[] {"estimator", Estimator.byName(estimator).id()});
        }
        if (pr.hasMatchedOption("--samples")) {
            given.put("--samples", new String[] {"samples", Integer.toString(samples)});
        }
        if (pr.hasMatchedOption("--batch")) {
            given.put("--batch", new String[] {"batch", Integer.toString(batch)});
        }
        if (pr.hasMatchedOption("--binarize")) {
            given.put(
                    "--binarize",
                    new String[] {"binarization", Binarization.byName(binarize).id()});
        }
        if (pr.hasMatchedOption("--seed")) {
            given.put("--seed", new String[] {"seed", Long.toString(seed)});
        }
        if (pr.hasMatchedOption("--optimizer")) {
            given.put("--optimizer", new String[] {
                "optimizer", Optimizers.byName(optimizer, 1).saveState().kind()
            });
        }
        if (pr.hasMatchedOption("--lr")) {
            given.put("--lr", new String[] {"lr", Double.toString(lr)});
        }
        if (pr.hasMatchedOption("--is-samples") && saved.containsKey("is_samples")) {
            given.put("--is-samples", new String[] {"is_samples", Integer.toString(isSamples)});
        }
        if (pr.hasMatchedOption("--train")) {
            given.put("--train", new String[] {"train", Integer.toString(train)});
        }
        for (Map.Entry<String, String[]> e : given.entrySet()) {
            String key = e.getValue()[0], now = e.getValue()[1], then = saved.get(key);
            if (!now.equals(then)) {
                throw new UsageException(e.getKey() + " " + now + " differs from the checkpoint's " + key + " = " + then
                        + "; a resumed run keeps its settings (drop the option, or start a new run with --out)");
            }
        }
    }

    private static String require(Map<String, String> saved, String key) {
        String v = saved.get(key);
        if (v == null) {
            throw new IllegalArgumentException("--resume: the checkpoint has no setting '" + key + "'");
        }
        return v;
    }

    private static void positive(String option, int v, int min) {
        if (v < min) {
            throw new UsageException(option + " must be >= " + min + ", got " + v);
        }
    }
}
