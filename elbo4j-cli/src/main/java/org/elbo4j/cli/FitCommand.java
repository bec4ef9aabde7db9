package org.elbo4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.elbo4j.checkpoint.Checkpoint;
import org.elbo4j.cli.io.CheckpointFiles;
import org.elbo4j.cli.io.StanJsonData;
import org.elbo4j.cli.models.BuiltinModel;
import org.elbo4j.cli.models.Models;
import org.elbo4j.cli.ui.ProgressBar;
import org.elbo4j.diag.Psis;
import org.elbo4j.diag.Summary;
import org.elbo4j.infer.AutoGuide;
import org.elbo4j.infer.DefaultFit;
import org.elbo4j.infer.Draws;
import org.elbo4j.infer.Elbo;
import org.elbo4j.infer.Fit;
import org.elbo4j.infer.FitListener;
import org.elbo4j.infer.FitResult;
import org.elbo4j.infer.FitSettings;
import org.elbo4j.infer.Model;
import org.elbo4j.infer.Pathfinder;
import org.elbo4j.infer.Restart;
import org.elbo4j.infer.Stop;
import org.elbo4j.infer.Svi;
import org.elbo4j.infer.SviListener;
import org.elbo4j.infer.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code elbo4j fit MODEL}: fits a built-in model with the library's default recipe ({@link DefaultFit}: Laplace
 * start, restarts, annealing, escalation to full rank when mean-field is not trusted) or, with {@code --fast}, one
 * quick ADVI run with the options below; prints every restart, the posterior summary and the verdict, and with
 * {@code --out} writes summary.json (verdict and every restart included), draws.csv (CmdStan layout) and elbo.png.
 */
@Command(
        name = "fit",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Fit a built-in model by ADVI (stochastic VI, Gaussian guide); print the posterior.",
        description = {
            "Fit a built-in model by variational inference with the default recipe (accurate: Laplace start,",
            "restarts until 2 agree, annealing, full rank when mean-field is not trusted) or, with --fast, one quick",
            "ADVI run; print the posterior summary and a verdict (trusted / not trusted, and why)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  elbo4j fit eight_schools_noncentered",
            "  elbo4j fit logistic_regression --guide fullrank --out runs/logreg",
            "  elbo4j fit eight_schools_noncentered \\",
            "      --data ../shared/data/posteriordb/eight_schools-eight_schools_noncentered/data.json",
            "  elbo4j fit examples/eight_schools/model.stan --data examples/eight_schools/data.json",
            "  elbo4j fit normal_normal --fast --estimator score --samples 10 --stop budget --steps 20000"
        })
final class FitCommand implements Callable<Integer> {
    /**
     * A default fit longer than this under the launcher's C1-only JIT gets a note naming the faster setting: C1 saves
     * the start-up compile of short fits, but long ones run about 1.3x slower without C2 (hmm_example: 18.6 against
     * 14.6 s of CPU, docs/benchmarks.md).
     */
    static final double LONG_FIT_SECONDS = 10;

    enum GuideKind {
        meanfield,
        fullrank,
        lowrank,
        delta
    }

    /** The guide family of a --guide value. */
    static AutoGuide.Family family(GuideKind g) {
        return switch (g) {
            case meanfield -> AutoGuide.Family.MEAN_FIELD;
            case fullrank -> AutoGuide.Family.FULL_RANK;
            case lowrank -> AutoGuide.Family.LOW_RANK;
            case delta -> AutoGuide.Family.DELTA;
        };
    }

    /** The options that configure only the quick single run of --fast. */
    static final List<String> FAST_ONLY = List.of(
            "--estimator",
            "--samples",
            "--optimizer",
            "--lr",
            "--averaging",
            "--adapt",
            "--steps",
            "--stop",
            "--tol",
            "--checkpoint-every",
            "--resume");

    /** The options a resumed run takes from its checkpoint when they are not given (and must match when they are). */
    static final List<String> RESUMED = List.of(
            "--guide",
            "--estimator",
            "--samples",
            "--optimizer",
            "--lr",
            "--averaging",
            "--adapt",
            "--stop",
            "--tol",
            "--seed");

    enum StopRule {
        noimprovement,
        stan,
        budget
    }

    enum Method {
        advi,
        pathfinder
    }

    @Spec
    CommandSpec spec;

    @Parameters(
            paramLabel = "MODEL",
            description = "A built-in model ('elbo4j models' lists them) or a Stan program (.stan).")
    String modelName;

    @Option(names = "--data", paramLabel = "FILE", description = "Stan JSON data (default: the model's own data).")
    Path data;

    @Option(
            names = "--guide",
            defaultValue = "meanfield",
            description =
                    "Guide over the unconstrained latents: ${COMPLETION-CANDIDATES} (Gaussian: diagonal, full, rank-10"
                            + " plus diagonal covariance; delta: a point, the MAP estimate) (default: ${DEFAULT-VALUE}).")
    GuideKind guide;

    @Option(
            names = "--estimator",
            defaultValue = "reparam",
            paramLabel = "NAME",
            description = "ELBO gradient estimator: reparam, entropy, kl, stl, iwae, score, score-mean, score-loo"
                    + " (default: ${DEFAULT-VALUE}).")
    String estimator;

    @Option(
            names = {"--samples", "-L"},
            defaultValue = "1",
            paramLabel = "L",
            description = "Draws (particles) per gradient step (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(
            names = "--optimizer",
            defaultValue = "adam",
            paramLabel = "NAME",
            description = "adam, adagrad, rmsprop, momentum, sgd, stan (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", defaultValue = "0.02", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(
            names = "--averaging",
            defaultValue = "0.99",
            paramLabel = "DECAY",
            description =
                    "Iterate averaging: report the moving average of the parameters (decay in [0, 1); 0 = the last"
                            + " iterate). Removes the optimizer's last-step noise (default: ${DEFAULT-VALUE}).")
    double averaging;

    @Option(
            names = "--adapt",
            description = "Choose the learning rate by Stan ADVI's search over 100, 10, 1, 0.1, 0.01.")
    boolean adapt;

    @Option(
            names = "--steps",
            defaultValue = "20000",
            description = "Maximum number of steps (default: ${DEFAULT-VALUE}).")
    long steps;

    @Option(
            names = "--stop",
            defaultValue = "noimprovement",
            description =
                    "Stopping rule: noimprovement (no significant upward trend in the last 10 ELBO evaluations), stan"
                            + " (relative change < --tol, as Stan ADVI), budget (exactly --steps) (default: ${DEFAULT-VALUE}).")
    StopRule stop;

    @Option(
            names = "--tol",
            defaultValue = "0.01",
            description = "Tolerance of the stan rule (default: ${DEFAULT-VALUE}).")
    double tol;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--draws",
            defaultValue = "10000",
            description = "Draws from q for the summary and the verdict (default: ${DEFAULT-VALUE}).")
    int draws;

    @Option(names = "--out", paramLabel = "DIR", description = "Write summary.json, draws.csv and elbo.png here.")
    Path out;

    @Option(
            names = "--predictive",
            paramLabel = "N",
            description =
                    "With --out: also write N posterior predictive draws of the observed data (replicated at the"
                            + " posterior draws) to predictive.csv, and predictive.png (data against the predictive 90%% band).")
    Integer predictive;

    @Option(
            names = {"--quiet", "-q"},
            description = "No progress bar.")
    boolean quiet;

    @Option(
            names = "--fast",
            description = "One quick ADVI run configured by --estimator, --samples, --optimizer, --lr,"
                    + " --averaging, --adapt, --steps, --stop, --tol, instead of the default recipe.")
    boolean fast;

    @Option(
            names = "--checkpoint-every",
            paramLabel = "K",
            description = "Save the quick run's state every K steps and at its end to --out (checkpoint-NNNN.zip,"
                    + " the newest two kept; docs/checkpoint-format.md), for --resume. Implies --fast.")
    Long checkpointEvery;

    @Option(
            names = "--resume",
            paramLabel = "DIR|FILE",
            description =
                    "Continue the quick run checkpointed in DIR (its newest checkpoint) or FILE to --steps, bit for"
                            + " bit as if it had never stopped; options not given are the checkpoint's, and one that differs is"
                            + " refused. Writes to DIR unless --out is given; checkpoints go on at the saved interval. Implies"
                            + " --fast.")
    Path resume;

    @Option(
            names = "--method",
            defaultValue = "advi",
            description =
                    "advi (the default recipe, or one quick run with --fast) or pathfinder (Zhang et al. 2022: 4"
                            + " L-BFGS paths, a normal approximation per iterate, PSIS-resampled draws) (default: ${DEFAULT-VALUE}).")
    Method method;

    @Option(
            names = "--no-escalate",
            description = "Default recipe: do not follow a mean-field fit that is not trusted" + " by a full-rank one.")
    boolean noEscalate;

    @Override
    public Integer call() throws Exception {
        Timeline.mark("fit command parsed");
        PrintWriter w = spec.commandLine().getOut();
        // Usage errors first (exit 2), before any file is read or any work done.
        Usage.positive("--lr", lr);
        Usage.atLeast("--samples", samples, 1);
        Usage.atLeast("--steps", steps, 1);
        Usage.check(averaging >= 0 && averaging < 1, "--averaging must be in [0, 1), got " + averaging);
        Usage.atLeast("--draws", draws, 10);
        Usage.positive("--tol", tol);
        Usage.parse("--estimator", estimator, n -> Elbo.byName(n, samples));
        Usage.parse("--optimizer", optimizer, n -> Optimizers.byName(n, lr));
        Usage.check(
                !(method == Method.pathfinder
                        && (fast
                                || noEscalate
                                || spec.commandLine().getParseResult().hasMatchedOption("--guide"))),
                "--method pathfinder takes none of --fast, --no-escalate, --guide");
        // The quick-run options imply --fast (with one note on stderr, printed once the input is known to be good).
        List<String> quick = FAST_ONLY.stream()
                .filter(o -> spec.commandLine().getParseResult().hasMatchedOption(o))
                .toList();
        Usage.check(
                method != Method.pathfinder || quick.isEmpty(),
                (quick.isEmpty() ? "" : quick.get(0))
                        + " configures the quick ADVI run; --method pathfinder takes none of its options");
        String impliedBy = null;
        if (!fast && !quick.isEmpty()) {
            fast = true;
            impliedBy = quick.get(0);
        }
        if (predictive != null) {
            Usage.atLeast("--predictive", predictive, 1);
            Usage.check(out != null, "--predictive writes predictive.csv: add --out DIR");
            Usage.check(
                    !StanModels.isStan(modelName),
                    "--predictive replicates a built-in model's observed sites; a Stan program writes its replicated data"
                            + " in its generated quantities block (e.g. y_rep), which go to draws.csv and the summary");
        }
        if (fast) {
            Usage.check(
                    !noEscalate,
                    "--no-escalate belongs to the default recipe, not to --fast"
                            + (impliedBy == null ? "" : " (which " + impliedBy + " implies)"));
        }
        if (checkpointEvery != null) {
            Usage.atLeast("--checkpoint-every", checkpointEvery, 1);
            Usage.check(
                    out != null || resume != null,
                    "--checkpoint-every " + checkpointEvery + " needs --out DIR: the directory the checkpoints go to");
        }
        Usage.path("--resume", resume);
        Usage.check(
                !estimator.equals("score-mean") || (checkpointEvery == null && resume == null),
                "--estimator score-mean keeps its running baseline inside the estimator, where checkpoints cannot see"
                        + " it: with --checkpoint-every or --resume use score or score-loo");
        Usage.path("--data", data);
        Checkpoint resumed = resume == null ? null : readResume();
        if (resumed != null && out == null) {
            out = Files.isDirectory(resume) ? resume : resume.toAbsolutePath().getParent();
        }
        OutputDir.prepare(
                out != null && spec.commandLine().getParseResult().hasMatchedOption("--out") ? "--out" : "--resume",
                out);
        // Stan programs (issue 11): a MODEL ending in .stan is parsed, checked and bound to --data
        boolean stan = StanModels.isStan(modelName);
        BuiltinModel bm = stan
                ? StanModels.builtin(java.nio.file.Path.of(modelName), data)
                : Usage.parse("MODEL", modelName, Models::get);
        StanJsonData d = stan ? null : data == null ? Models.defaultData(bm) : StanJsonData.read(data);
        Model model = bm.build(d);
        Timeline.mark("data read, model built");
        // draws.csv's columns: the latents, their constrained forms, lp__ and friends; held twice (draws, summary)
        int dim = AutoGuide.meanField(model).dim();
        Memory.require("--draws " + draws + " (" + (2 * dim + 3) + " values each)", 16.0 * draws * (2 * dim + 3));
        if (predictive != null) {
            int observed = observedValues(model);
            Memory.require(
                    "--predictive " + predictive + " (" + observed + " values each)", 8.0 * predictive * observed);
        }
        if (method == Method.pathfinder) {
            return pathfinder(w, bm, model);
        }
        if (!fast) {
            return recipe(w, bm, model);
        }
        AutoGuide g = AutoGuide.of(model, family(guide), FitSettings.defaults().rank());
        Stop rule = switch (stop) {
            case budget -> Stop.after(steps);
            case stan -> Stop.relativeTolerance(tol, steps);
            case noimprovement -> Stop.noImprovement(2.0, 10, steps);
        };
        Svi svi = Svi.of(model, g)
                .estimator(Elbo.byName(estimator, samples))
                .optimizer(Optimizers.byName(optimizer, lr))
                .averaging(averaging)
                .seed(seed);
        if (adapt) {
            svi.adaptStepSize();
        }
        svi.settings(runSettings(bm, stan));
        if (resumed != null) {
            java.util.Optional<String> differs = resumed.settingsDifference(svi.settings());
            if (differs.isPresent()) {
                throw new UsageException("--resume " + resume + ": " + differs.get()
                        + " (leave the option out to take the checkpoint's value)");
            }
            svi.resume(resumed);
        }
        long every = checkpointEvery != null ? checkpointEvery : resumed != null ? savedInterval(resumed) : 0;
        if (every > 0) {
            Path dir = out;
            Map<String, String> info = new LinkedHashMap<>();
            info.put("checkpoint_every", Long.toString(every));
            info.put("data", data == null ? "default" : data.toAbsolutePath().toString());
            info.put("model_path", stan ? Path.of(modelName).toAbsolutePath().toString() : bm.name());
            info.put("elbo4j", VersionProvider.version());
            svi.checkpoints(every, c -> {
                try {
                    CheckpointFiles.write(dir, c.withInfo(info));
                } catch (IOException e) {
                    throw new UncheckedIOException(new IOException(
                            "cannot write the checkpoint of step " + c.step() + " to " + dir + " (" + Errors.oneLine(e)
                                    + "); the previous checkpoint there is intact",
                            e));
                }
            });
        }
        if (impliedBy != null) {
            spec.commandLine()
                    .getErr()
                    .println("elbo4j: note: " + impliedBy + " implies --fast: one quick ADVI run with the options given"
                            + " instead of the default recipe");
            spec.commandLine().getErr().flush();
        }
        Fit fit;
        Draws dr;
        try (ProgressBar bar = quiet
                ? null
                : ProgressBar.on(spec.commandLine().getErr(), "fit " + bm.name(), steps)
                        .reportInterrupts()) {
            svi.listener(new SviListener() {
                double last = Double.NaN;

                @Override
                public void onStep(long step, double elbo) {
                    if (bar != null) {
                        bar.update(step, () -> String.format(Locale.ROOT, "ELBO %.4g", last));
                    }
                }

                @Override
                public void onEvaluation(long step, double elbo, double se) {
                    last = elbo;
                }

                @Override
                public void onRecovery(long step, String reason, double newLr) {
                    spec.commandLine()
                            .getErr()
                            .printf(
                                    Locale.ROOT,
                                    "%nstep %d undone (%s); learning rate lowered to %.3g%n",
                                    step,
                                    reason,
                                    newLr);
                }
            });
            try {
                fit = svi.run(rule);
            } catch (IllegalStateException e) {
                if (bar != null) {
                    bar.end("diverged");
                }
                throw e;
            }
            if (bar != null) {
                bar.update(fit.steps(), () -> String.format(Locale.ROOT, "ELBO %.4g", fit.finalElbo()));
            }
            try {
                dr = fit.draws(draws, seed + 1);
            } catch (IllegalArgumentException | ArithmeticException e) {
                if (bar != null) {
                    bar.end("diverged after " + fit.steps() + " steps");
                }
                throw new IllegalStateException(
                        "the fit diverged: q after " + fit.steps() + " steps (" + fit.recoveries()
                                + " undone after a NaN/Inf, learning rate now "
                                + String.format(Locale.ROOT, "%.3g", fit.learningRate())
                                + ") gives draws where the model is undefined (" + e.getMessage()
                                + "); try a smaller --lr or --adapt",
                        e);
            }
            if (bar != null) {
                bar.end(
                        fit.converged()
                                ? "converged after " + fit.steps() + " steps"
                                : "stopped at the step limit of " + fit.steps() + " steps");
            }
        }
        List<Summary.Row> rows = Summary.of(dr.names(), dr.values());
        Psis.Result k = Psis.smooth(dr.logRatios());
        w.printf(
                Locale.ROOT,
                "%s: %s guide, %s estimator, %d steps (%s) in %.2f s; ELBO %.4g%n",
                bm.name(),
                guide,
                fit.estimator(),
                fit.steps(),
                fit.converged() ? "converged: " + rule : "step budget reached",
                fit.seconds(),
                fit.finalElbo());
        if (resumed != null) {
            w.printf(Locale.ROOT, "resumed from %s at step %d%n", resume, resumed.step());
        }
        if (every > 0) {
            w.printf(Locale.ROOT, "checkpoints every %d steps in %s%n", every, out);
        }
        if (!Double.isNaN(fit.adaptedEta())) {
            w.printf(Locale.ROOT, "adapted learning rate: %.3g%n", fit.adaptedEta());
        }
        if (fit.recoveries() > 0) {
            w.printf(
                    Locale.ROOT,
                    "%d step(s) were undone after a NaN/Inf; final learning rate %.3g%n",
                    fit.recoveries(),
                    fit.learningRate());
        }
        if (fit.rejectedCandidates() > 0) {
            w.printf(
                    Locale.ROOT,
                    "%d candidate(s) rejected where the model was undefined (step sizes of the adaptation,"
                            + " ELBO evaluations)%n",
                    fit.rejectedCandidates());
        }
        w.println();
        FitReport.printTable(w, rows);
        w.println();
        w.println(FitReport.khatLine(k, guide == GuideKind.fullrank));
        List<String> notConverged = fit.converged()
                ? List.of()
                : List.of(
                        "the run did not converge: " + rule
                                + " never held (step budget reached, or the ELBO was not finite or had fallen from a better value)");
        Verdict verdict = Verdict.of(dr, notConverged, List.of());
        w.println(verdict.describe());
        if (out != null) {
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("guide", guide);
            settings.put("estimator", fit.estimator());
            settings.put("samples", samples);
            settings.put("optimizer", optimizer);
            settings.put("lr", lr);
            settings.put("adapt", adapt);
            settings.put("averaging", averaging);
            settings.put("stop", rule.toString());
            settings.put("seed", seed);
            settings.put("draws", draws);
            settings.put("data", data == null ? "default" : data.toString());
            ObjectNode extra = Json.MAPPER.createObjectNode();
            extra.set("verdict", FitReport.verdictJson(verdict));
            FitReport.write(out, bm.name(), settings, fit, dr, rows, k, guide.toString(), extra);
            w.println("wrote " + out.resolve("summary.json") + ", draws.csv, elbo.png" + predictive(bm, model, dr));
        }
        w.flush();
        Timeline.mark("output printed");
        return 0;
    }

    /**
     * Reads the checkpoint of --resume (a damaged or missing one is a runtime error naming the file), takes the run
     * options not given on the command line from it, and refuses a run that is already over (usage errors).
     */
    private Checkpoint readResume() throws IOException {
        Checkpoint c = CheckpointFiles.readLatest(resume, "step");
        if (!Svi.CHECKPOINT_KIND.equals(c.kind())) {
            throw new IllegalArgumentException("--resume " + resume + ": a checkpoint of a '" + c.kind()
                    + "' run, not of 'elbo4j fit' (an SVI run)");
        }
        Map<String, String> saved = c.settings();
        var parsed = spec.commandLine().getParseResult();
        for (String o : RESUMED) {
            String v = saved.get(o);
            if (v == null || parsed.hasMatchedOption(o)) {
                continue;
            }
            switch (o) {
                case "--guide" -> guide = GuideKind.valueOf(v);
                case "--estimator" -> estimator = v;
                case "--samples" -> samples = Integer.parseInt(v);
                case "--optimizer" -> optimizer = v;
                case "--lr" -> lr = Double.parseDouble(v);
                case "--averaging" -> averaging = Double.parseDouble(v);
                case "--adapt" -> adapt = Boolean.parseBoolean(v);
                case "--stop" -> stop = StopRule.valueOf(v);
                case "--tol" -> tol = Double.parseDouble(v);
                case "--seed" -> seed = Long.parseLong(v);
                default -> throw new IllegalStateException(o);
            }
        }
        if (data == null
                && c.info().containsKey("data")
                && !c.info().get("data").equals("default")) {
            data = Path.of(c.info().get("data"));
        }
        if (c.step() >= steps) {
            throw new UsageException("--steps " + steps + ": the run in " + resume + " has already done " + c.step()
                    + " steps, and a resumed run cannot go back; give --steps " + (c.step() + 1)
                    + " or more to continue it");
        }
        if (c.scalars().getOrDefault("converged", 0.0) != 0) {
            throw new UsageException("--resume " + resume + ": that run converged at step " + c.step() + " ("
                    + saved.get("--stop") + " rule); there is nothing to continue");
        }
        return c;
    }

    /** The interval a resumed run goes on checkpointing at: the saved run's, or 0 (none). */
    private static long savedInterval(Checkpoint c) {
        try {
            return Long.parseLong(c.info().getOrDefault("checkpoint_every", "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * What a checkpoint records and a resume must match, besides Svi's own settings: the model (and a Stan
     * program's SHA-256), the data's SHA-256, and the run options by their names.
     */
    private Map<String, String> runSettings(BuiltinModel bm, boolean stan) throws IOException {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("command", "fit");
        s.put("model", bm.name());
        if (stan) {
            s.put("model_sha256", sha256(Files.readAllBytes(Path.of(modelName))));
        }
        s.put("data_sha256", data == null ? "default" : sha256(Files.readAllBytes(data)));
        s.put("--guide", guide.name());
        s.put("--estimator", estimator);
        s.put("--samples", Integer.toString(samples));
        s.put("--optimizer", optimizer);
        s.put("--lr", Double.toString(lr));
        s.put("--averaging", Double.toString(averaging));
        s.put("--adapt", Boolean.toString(adapt));
        s.put("--stop", stop.name());
        s.put("--tol", Double.toString(tol));
        s.put("--seed", Long.toString(seed));
        return s;
    }

    private static String sha256(byte[] b) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** Pathfinder: every path, the summary of the resampled draws and the verdict on the pooled ones. */
    private int pathfinder(PrintWriter w, BuiltinModel bm, Model model) throws Exception {
        Pathfinder pf = Pathfinder.of().seed(seed).draws(Math.max(10, draws / 4));
        Pathfinder.Result r = pf.fit(model);
        Draws dr = r.draws();
        List<Summary.Row> rows = Summary.of(dr.names(), dr.values());
        Psis.Result k = Psis.smooth(r.pooled().logRatios());
        w.printf(
                Locale.ROOT,
                "%s: Pathfinder, %d paths, %d gradient evaluations in %.2f s; %d draws resampled from %d%n",
                bm.name(),
                r.paths().size(),
                r.gradientEvaluations(),
                r.seconds(),
                dr.size(),
                r.pooled().size());
        for (Pathfinder.Path p : r.paths()) {
            w.println("  " + p.describe());
        }
        w.println();
        FitReport.printTable(w, rows);
        w.println();
        w.println(FitReport.khatLine(k, true));
        w.println(r.verdict().describe());
        if (out != null) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("method", "pathfinder");
            s.put("paths", r.paths().size());
            s.put("seed", seed);
            s.put("draws", dr.size());
            s.put("data", data == null ? "default" : data.toString());
            ObjectNode extra = Json.MAPPER.createObjectNode();
            extra.put("gradient_evaluations", r.gradientEvaluations());
            extra.put("seconds", r.seconds());
            extra.set("verdict", FitReport.verdictJson(r.verdict()));
            var paths = extra.putArray("paths");
            for (Pathfinder.Path p : r.paths()) {
                ObjectNode o = paths.addObject();
                o.put("path", p.index() + 1);
                o.put("failure", p.failure());
                o.put("elbo", p.elbo());
                o.put("iterate", p.iterate());
                o.put("iterations", p.iterations());
                o.put("gradient_evaluations", p.gradientEvaluations());
            }
            Pathfinder.Path best = r.best();
            FitReport.write(out, bm.name(), s, Pathfinder.fitOf(model, best), dr, rows, k, "pathfinder", extra);
            w.println("wrote " + out.resolve("summary.json") + ", draws.csv" + predictive(bm, model, dr));
        }
        w.flush();
        return 0;
    }

    /**
     * Threads for the default recipe ({@link FitSettings#threads}): the machine's processors, or the hidden system
     * property {@code elbo4j.fit.threads} (benchmarks compare 1 and 2 with it). The printed results are the same
     * for any number.
     */
    static int recipeThreads() {
        int n = Integer.getInteger("elbo4j.fit.threads", Runtime.getRuntime().availableProcessors());
        return Math.max(1, n);
    }

    /** The default recipe: every restart and the verdict printed, all of it in summary.json. */
    private int recipe(PrintWriter w, BuiltinModel bm, Model model) throws Exception {
        FitSettings settings = FitSettings.defaults()
                .guide(family(guide))
                .escalate(!noEscalate)
                .draws(Math.max(draws, 100))
                .seed(seed)
                .threads(recipeThreads());
        PrintWriter err = spec.commandLine().getErr();
        FitResult r = DefaultFit.run(model, settings, new FitListener() {
            @Override
            public void onRestartStart(AutoGuide.Family family, int index, int of) {
                Timeline.mark(FitReport.familyName(family) + " restart " + (index + 1) + " starts");
            }

            @Override
            public void onAttempt(FitResult.Attempt a) {
                Timeline.mark(FitReport.familyName(a.family()) + " verdict taken ("
                        + a.draws().size() + " draws)");
            }

            @Override
            public void onRestartEnd(Restart x) {
                Timeline.mark(FitReport.familyName(x.family()) + " restart " + (x.index() + 1) + " ends: " + x.cost());
                if (!quiet) {
                    err.println(bm.name() + ": " + FitReport.familyName(x.family()) + " " + x.describe());
                    err.flush();
                }
            }
        });
        if (!quiet) { // the last progress line says how the run ended
            err.printf(
                    Locale.ROOT,
                    "fit %s: done, the answer from the %s guide after %d steps (%d gradient evaluations)"
                            + " in %.1f s; %s%n",
                    bm.name(),
                    FitReport.familyName(r.chosen().family()),
                    r.steps(),
                    r.gradientEvaluations(),
                    r.seconds(),
                    r.verdict().label());
            err.flush();
        }
        Timeline.mark("recipe done");
        if (!quiet && r.seconds() > LONG_FIT_SECONDS && "c1".equals(System.getProperty("elbo4j.jit"))) {
            err.printf(
                    Locale.ROOT,
                    "fit %s: note: this fit took %.0f s with the start-up JIT (C1 only, the launcher's choice for"
                            + " short fits); ELBO4J_JIT=directives ./elbo4j fit ... runs long fits about 1.3x faster"
                            + " (docs/benchmarks.md, \"Fourth pass\")%n",
                    bm.name(),
                    r.seconds());
            err.flush();
        }
        Draws dr = r.draws();
        List<Summary.Row> rows = Summary.of(dr.names(), dr.values());
        Psis.Result k = Psis.smooth(dr.logRatios());
        Timeline.mark("summary and k-hat computed");
        w.printf(Locale.ROOT, "%s: default recipe (%s)%n", bm.name(), settings);
        FitReport.printRecipe(w, r);
        w.println();
        FitReport.printTable(w, rows);
        w.println();
        if (r.chosen().family()
                != AutoGuide.Family.DELTA) { // a point mass: its ratios are constant, k-hat says nothing
            w.println(FitReport.khatLine(k, r.chosen().family() != AutoGuide.Family.MEAN_FIELD));
        }
        w.println(r.verdict().describe());
        if (out != null) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("recipe", settings.toString());
            s.put("guide", guide);
            s.put("escalate", !noEscalate);
            s.put("seed", seed);
            s.put("draws", settings.draws());
            s.put("data", data == null ? "default" : data.toString());
            ObjectNode extra = Json.MAPPER.createObjectNode();
            extra.put("answer_guide", FitReport.familyName(r.chosen().family()));
            extra.put("steps", r.steps());
            extra.put("gradient_evaluations", r.gradientEvaluations());
            extra.put("seconds", r.seconds());
            extra.put(
                    "converged", r.chosen().restarts().get(r.chosen().chosen()).status() == Restart.Status.CONVERGED);
            extra.set("verdict", FitReport.verdictJson(r.verdict()));
            extra.set("attempts", FitReport.attemptsJson(r));
            FitReport.write(
                    out,
                    bm.name(),
                    s,
                    r.fit(),
                    dr,
                    rows,
                    k,
                    FitReport.familyName(r.chosen().family()),
                    extra);
            w.println("wrote " + out.resolve("summary.json") + ", draws.csv, elbo.png" + predictive(bm, model, dr));
        }
        w.flush();
        return 0;
    }

    /** With --predictive: writes predictive.csv and .png; returns ", predictive.csv ..." for the "wrote" line. */
    private String predictive(BuiltinModel bm, Model model, Draws posterior) throws java.io.IOException {
        if (predictive == null) {
            return "";
        }
        return ", " + PredictiveOutput.write(out, bm.name(), model, posterior, predictive, seed + 2);
    }

    /** The number of observed values of the model (one prior run): the size of a predictive draw. */
    private static int observedValues(Model model) {
        org.elbo4j.infer.TraceHandler t = org.elbo4j.infer.Handlers.trace();
        try {
            org.elbo4j.infer.Handlers.run(model, org.elbo4j.random.RandomStream.of(0), t);
        } catch (RuntimeException e) {
            return 1; // the prior is improper or undefined somewhere: the predictive run reports it, if it fails
        }
        int n = 0;
        for (org.elbo4j.infer.Site s : t.trace().sites()) {
            if (s.kind() == org.elbo4j.infer.Site.Kind.OBSERVE) {
                n += s.value().size();
            }
        }
        return n;
    }
}
