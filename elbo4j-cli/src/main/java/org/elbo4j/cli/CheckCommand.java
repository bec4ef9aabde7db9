package org.elbo4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.elbo4j.cli.io.AtomicFiles;
import org.elbo4j.cli.io.StanJsonData;
import org.elbo4j.infer.AutoGuide;
import org.elbo4j.infer.DefaultFit;
import org.elbo4j.infer.FitResult;
import org.elbo4j.infer.FitSettings;
import org.elbo4j.infer.Model;
import org.elbo4j.infer.Pathfinder;
import org.elbo4j.infer.Restart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code elbo4j check POSTERIOR_DIR...}: fits each posterior (a posteriordb-style directory: data.json,
 * reference.json; the model is the built-in one its name {@code DATA-MODEL} names) with the library's default
 * recipe ({@link DefaultFit}), and compares the draws of q with the reference posterior: per parameter the reference and
 * fitted mean and sd, |Δmean|/sd and the sd ratio; per posterior the worst of those, k̂, wall time and steps.
 * Prints the tables and writes check.json and check.md into {@code --out}; with {@code --peer} files (Stan ADVI's
 * results on the same posteriors) the markdown puts them side by side.
 */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Check fits against reference posteriors (posteriordb layout), beside Stan.",
        description = {
            "Check elbo4j's answers against reference posteriors: fit each posterior directory (posteriordb layout:",
            "DIR/data.json, DIR/reference.json, DIR named DATA-MODEL with MODEL a built-in model), print and write",
            "per-parameter errors of the mean and sd, and k-hat; with --peer, side by side with Stan ADVI's."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  elbo4j check ../shared/data/posteriordb/eight_schools-eight_schools_noncentered",
            "  elbo4j check ../shared/data/posteriordb/*/ --guide meanfield,fullrank --out runs/check",
            "  elbo4j check ../shared/data/posteriordb/*/ --guide meanfield,fullrank \\",
            "      --peer elbo4j-bench/peers/results/stan_advi_accuracy_meanfield.json \\",
            "      --peer elbo4j-bench/peers/results/stan_advi_accuracy_fullrank.json"
        })
final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(
            paramLabel = "POSTERIOR_DIR",
            arity = "1..*",
            description = "Posterior directories (posteriordb layout).")
    List<Path> dirs;

    @Option(
            names = "--guide",
            split = ",",
            defaultValue = "meanfield",
            paramLabel = "GUIDE",
            description = "meanfield, fullrank, or both separated by a comma (default: ${DEFAULT-VALUE}).")
    List<FitCommand.GuideKind> guides;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--out",
            defaultValue = "elbo4j-check",
            paramLabel = "DIR",
            description = "Where check.json and check.md go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(
            names = "--peer",
            paramLabel = "FILE",
            description =
                    "A peer's accuracy JSON (elbo4j-bench/peers/stan_advi_accuracy.R) to put side by side; repeatable.")
    List<Path> peerFiles = new ArrayList<>();

    @Option(
            names = "--restarts",
            defaultValue = "3",
            description = "Independent runs; the best ELBO is kept (default: ${DEFAULT-VALUE}).")
    int restarts;

    @Option(
            names = "--agree",
            defaultValue = "2",
            paramLabel = "N",
            description = "Stop the restarts once N of them converged to the same ELBO (default: ${DEFAULT-VALUE};"
                    + " as many as --restarts runs them all).")
    int agree;

    @Option(
            names = "--eval-every",
            defaultValue = "50",
            paramLabel = "STEPS",
            description = "SVI steps between the stopping rule's ELBO evaluations (default: ${DEFAULT-VALUE}).")
    int evalEvery;

    @Option(
            names = "--keep-meanfield",
            description = "Run mean-field's SVI even when its start already rules it out (correlations), before"
                    + " escalating.")
    boolean keepMeanField;

    @Option(
            names = {"--samples", "-L"},
            defaultValue = "5",
            paramLabel = "L",
            description = "Draws (particles) per gradient step (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(
            names = "--lr",
            defaultValue = "0.05",
            description = "Adam's learning rate while exploring (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(
            names = "--explore-steps",
            defaultValue = "20000",
            description = "At most this many steps before annealing (default: ${DEFAULT-VALUE}).")
    long exploreSteps;

    @Option(
            names = "--anneal-steps",
            defaultValue = "1000",
            description = "Steps of geometric learning-rate decay after exploring (default: ${DEFAULT-VALUE}).")
    long annealSteps;

    @Option(
            names = "--end-factor",
            defaultValue = "0.003",
            description =
                    "Final learning rate as a multiple of the guide's smallest scale (default: ${DEFAULT-VALUE}).")
    double endFactor;

    @Option(
            names = "--stl",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Sticking-the-landing gradients (the default); --no-stl: the plain reparameterized ones.")
    boolean stl;

    @Option(
            names = "--averaging",
            defaultValue = "0",
            paramLabel = "DECAY",
            description =
                    "Average the iterates of the annealing phase (exponential moving average, decay in [0, 1); 0: off).")
    double averaging;

    @Option(
            names = "--no-laplace",
            description = "Start from Stan's initialisation instead of the Laplace approximation.")
    boolean noLaplace;

    @Option(
            names = "--start",
            paramLabel = "START",
            description =
                    "Where each restart starts: LAPLACE, PATHFINDER or PRIOR (Stan's initialisation) (default: LAPLACE;"
                            + " --no-laplace is PRIOR).")
    FitSettings.Start start;

    @Option(
            names = "--method",
            defaultValue = "advi",
            description = "advi (the default recipe) or pathfinder (4 paths, PSIS-resampled; --guide is then ignored)"
                    + " (default: ${DEFAULT-VALUE}).")
    FitCommand.Method method;

    @Option(
            names = "--no-escalate",
            description = "Do not follow a mean-field fit that is not trusted by a full-rank one.")
    boolean noEscalate;

    @Option(
            names = "--draws",
            defaultValue = "10000",
            description = "Draws from q for the summaries and k-hat (default: ${DEFAULT-VALUE}).")
    int draws;

    /**
     * Where a fit's work went: gradients of log p by phase (start, explore, anneal) and evaluations of log p without a
     * gradient (the stopping rules' ELBO evaluations, the restarts' final ELBO estimates, the verdicts' draws), summed
     * over every family and restart; and how many restarts ran.
     */
    static ObjectNode phases(FitResult r) {
        long start = 0, explore = 0, anneal = 0, eval = 0, select = 0, verdict = 0, runs = 0;
        for (FitResult.Attempt at : r.attempts()) {
            if (at.draws() != null) verdict += at.draws().size();
            for (Restart x : at.restarts()) {
                runs++;
                start += x.cost().startGradients();
                explore += x.cost().exploreGradients();
                anneal += x.cost().annealGradients();
                eval += x.cost().evaluationDraws();
                select += x.cost().selectionDraws();
            }
        }
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("restarts_run", runs);
        o.put("start_gradients", start);
        o.put("explore_gradients", explore);
        o.put("anneal_gradients", anneal);
        o.put("evaluation_draws", eval);
        o.put("selection_draws", select);
        o.put("verdict_draws", verdict);
        return o;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new UsageException("--lr must be > 0 and finite, got " + lr);
        }
        if (!(endFactor > 0) || Double.isInfinite(endFactor)) {
            throw new UsageException("--end-factor must be > 0 and finite, got " + endFactor);
        }
        Usage.atLeast("--samples", samples, 1);
        Usage.atLeast("--restarts", restarts, 1);
        Usage.atLeast("--agree", agree, 1);
        Usage.atLeast("--eval-every", evalEvery, 1);
        Usage.atLeast("--explore-steps", exploreSteps, 1);
        Usage.atLeast("--anneal-steps", annealSteps, 1);
        Usage.atLeast("--draws", draws, 100);
        Usage.check(averaging >= 0 && averaging < 1, "--averaging must be in [0, 1), got " + averaging);
        Usage.check(!guides.isEmpty(), "--guide: give meanfield, fullrank or both");
        List<Posterior> posteriors = new ArrayList<>();
        for (Path d : dirs) {
            posteriors.add(Posterior.read(d));
        }
        for (Posterior p : posteriors) { // the data of every posterior, read now: a bad file fails before any fit
            p.model().build(StanJsonData.read(p.dir().resolve("data.json")));
        }
        OutputDir.prepare("--out", out);
        List<PeerAccuracy> peers = new ArrayList<>();
        for (Path p : peerFiles) {
            peers.add(PeerAccuracy.read(p));
        }
        FitSettings settings = FitSettings.defaults()
                .particles(samples)
                .learningRate(lr)
                .exploreSteps(exploreSteps)
                .annealSteps(annealSteps)
                .endFactor(endFactor)
                .restarts(restarts)
                .agreeing(agree)
                .evaluateEvery(evalEvery)
                .skipHopelessMeanField(!keepMeanField)
                .stickingTheLanding(stl)
                .start(start != null ? start : noLaplace ? FitSettings.Start.PRIOR : FitSettings.Start.LAPLACE)
                .averaging(averaging)
                .escalate(!noEscalate)
                .draws(draws)
                .seed(seed);
        // originalArgs() holds the whole command line after "elbo4j", subcommand name included
        String command =
                "elbo4j " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        List<Accuracy> results = new ArrayList<>();
        List<ObjectNode> costs = new ArrayList<>(); // per result: CPU time, load average, work by phase
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        if (method == FitCommand.Method.pathfinder) {
            guides = List.of(FitCommand.GuideKind.meanfield); // one pass; the guide plays no part
        }
        for (FitCommand.GuideKind g : guides) {
            for (Posterior p : posteriors) {
                err.printf(Locale.ROOT, "check %s (%s) ...%n", p.name(), g);
                err.flush();
                Model model = p.model().build(StanJsonData.read(p.dir().resolve("data.json")));
                Accuracy a;
                ObjectNode cost = Json.MAPPER.createObjectNode();
                cost.put(
                        "load_average",
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                                .getSystemLoadAverage());
                long cpu0 = cpu.getCurrentThreadCpuTime();
                if (method == FitCommand.Method.pathfinder) {
                    a = Accuracy.of(
                            p,
                            Pathfinder.of()
                                    .seed(seed)
                                    .draws(Math.max(10, draws / 4))
                                    .fit(model));
                } else {
                    FitResult r = DefaultFit.run(model, settings.guide(FitCommand.family(g)));
                    err.printf(
                            Locale.ROOT,
                            "check %s (%s): done, %d steps, %d gradient evaluations in %.1f s%n",
                            p.name(),
                            g,
                            r.steps(),
                            r.gradientEvaluations(),
                            r.seconds());
                    err.flush();
                    a = Accuracy.of(p, g.toString(), r);
                    cost.set("phases", phases(r));
                }
                cost.put("cpu_seconds", (cpu.getCurrentThreadCpuTime() - cpu0) / 1e9);
                costs.add(cost);
                results.add(a);
                CheckReport.print(w, a);
                w.flush();
            }
        }
        String recipe = method == FitCommand.Method.pathfinder
                ? "Pathfinder: 4 paths, history 6, 10 ELBO draws per" + " iterate, " + Math.max(10, draws / 4)
                        + " draws per path, PSIS-resampled to as many"
                : settings.guide(AutoGuide.Family.MEAN_FIELD).toString();
        ObjectNode json = CheckReport.json(command, recipe, results, peers);
        for (int i = 0; i < costs.size(); i++)
            ((ObjectNode) json.get("posteriors").get(i)).setAll(costs.get(i));
        AtomicFiles.writeString(out.resolve("check.json"), Json.MAPPER.writeValueAsString(json) + "\n");
        AtomicFiles.writeString(out.resolve("check.md"), CheckReport.markdown(command, recipe, results, peers));
        long silent = results.stream()
                .filter(a -> a.silentFailure(CheckReport.WRONG_Z))
                .count();
        long trusted = results.stream().filter(Accuracy::trusted).count();
        w.printf(
                Locale.ROOT,
                "%d fit(s), %d trusted; %d wrong (off by more than %.1f sd or an sd outside [0.5, 2]) but"
                        + " trusted; wrote %s and check.md%n",
                results.size(),
                trusted,
                silent,
                CheckReport.WRONG_Z,
                out.resolve("check.json"));
        w.flush();
        return 0;
    }
}
