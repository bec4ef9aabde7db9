package org.elbo4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.elbo4j.cli.io.StanJsonData;
import org.elbo4j.cli.models.BuiltinModel;
import org.elbo4j.cli.models.Models;
import org.elbo4j.cli.ui.ProgressBar;
import org.elbo4j.diag.Psis;
import org.elbo4j.diag.Summary;
import org.elbo4j.infer.AutoGuide;
import org.elbo4j.infer.Draws;
import org.elbo4j.infer.Elbo;
import org.elbo4j.infer.Fit;
import org.elbo4j.infer.Model;
import org.elbo4j.infer.Stop;
import org.elbo4j.infer.Svi;
import org.elbo4j.infer.SviListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code elbo4j fit MODEL}: fits a built-in model with an automatic Gaussian guide (ADVI) by stochastic
 * variational inference, prints the posterior summary and the Pareto k̂ diagnostic, and with {@code --out}
 * writes summary.json, draws.csv (CmdStan layout) and elbo.png.
 */
@Command(
    name = "fit",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Fit a built-in model by ADVI (stochastic VI, Gaussian guide); print the posterior.",
    description = {
      "Fit a built-in model by stochastic variational inference (ADVI with a Gaussian guide),",
      "print the posterior summary and the Pareto k-hat diagnostic of q."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  elbo4j fit eight_schools_noncentered",
      "  elbo4j fit logistic_regression --guide fullrank --out runs/logreg",
      "  elbo4j fit eight_schools_noncentered \\",
      "      --data ../shared/data/posteriordb/eight_schools-eight_schools_noncentered/data.json",
      "  elbo4j fit normal_normal --estimator score --samples 10 --stop budget --steps 20000"
    })
final class FitCommand implements Callable<Integer> {

  enum GuideKind { meanfield, fullrank }

  enum StopRule { noimprovement, stan, budget }

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "MODEL", description = "A built-in model ('elbo4j models' lists them) or a Stan program (.stan).")
  String modelName;

  @Option(names = "--data", paramLabel = "FILE", description = "Stan JSON data (default: the model's own data).")
  Path data;

  @Option(names = "--guide", defaultValue = "meanfield",
      description = "Gaussian guide over the unconstrained latents: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  GuideKind guide;

  @Option(names = "--estimator", defaultValue = "reparam", paramLabel = "NAME",
      description = "ELBO gradient estimator: reparam, entropy, kl, stl, iwae, score, score-mean, score-loo"
          + " (default: ${DEFAULT-VALUE}).")
  String estimator;

  @Option(names = {"--samples", "-L"}, defaultValue = "1", paramLabel = "L",
      description = "Draws (particles) per gradient step (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(names = "--optimizer", defaultValue = "adam", paramLabel = "NAME",
      description = "adam, adagrad, rmsprop, momentum, sgd, stan (default: ${DEFAULT-VALUE}).")
  String optimizer;

  @Option(names = "--lr", defaultValue = "0.02", description = "Learning rate (default: ${DEFAULT-VALUE}).")
  double lr;

  @Option(names = "--averaging", defaultValue = "0.99", paramLabel = "DECAY",
      description = "Iterate averaging: report the moving average of the parameters (decay in [0, 1); 0 = the last"
          + " iterate). Removes the optimizer's last-step noise (default: ${DEFAULT-VALUE}).")
  double averaging;

  @Option(names = "--adapt", description = "Choose the learning rate by Stan ADVI's search over 100, 10, 1, 0.1, 0.01.")
  boolean adapt;

  @Option(names = "--steps", defaultValue = "20000", description = "Maximum number of steps (default: ${DEFAULT-VALUE}).")
  long steps;

  @Option(names = "--stop", defaultValue = "noimprovement",
      description = "Stopping rule: noimprovement (no significant upward trend in the last 10 ELBO evaluations), stan"
          + " (relative change < --tol, as Stan ADVI), budget (exactly --steps) (default: ${DEFAULT-VALUE}).")
  StopRule stop;

  @Option(names = "--tol", defaultValue = "0.01", description = "Tolerance of the stan rule (default: ${DEFAULT-VALUE}).")
  double tol;

  @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--draws", defaultValue = "1000", description = "Draws from q for the summary and k-hat (default: ${DEFAULT-VALUE}).")
  int draws;

  @Option(names = "--out", paramLabel = "DIR", description = "Write summary.json, draws.csv and elbo.png here.")
  Path out;

  @Option(names = {"--quiet", "-q"}, description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
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
    Usage.path("--data", data);
    OutputDir.prepare("--out", out);
    // Stan programs (issue 11): a MODEL ending in .stan is parsed, checked and bound to --data
    boolean stan = StanModels.isStan(modelName);
    BuiltinModel bm = stan ? StanModels.builtin(java.nio.file.Path.of(modelName), data)
        : Usage.parse("MODEL", modelName, Models::get);
    StanJsonData d = stan ? null : data == null ? Models.defaultData(bm) : StanJsonData.read(data);
    Model model = bm.build(d);
    AutoGuide g = guide == GuideKind.fullrank ? AutoGuide.fullRank(model) : AutoGuide.meanField(model);
    // draws.csv's columns: the latents, their constrained forms, lp__ and friends; held twice (draws, summary)
    Memory.require("--draws " + draws + " (" + (2 * g.dim() + 3) + " values each)", 16.0 * draws * (2 * g.dim() + 3));
    Stop rule = switch (stop) {
      case budget -> Stop.after(steps);
      case stan -> Stop.relativeTolerance(tol, steps);
      case noimprovement -> Stop.noImprovement(2.0, 10, steps);
    };
    Svi svi = Svi.of(model, g).estimator(Elbo.byName(estimator, samples))
        .optimizer(Optimizers.byName(optimizer, lr)).averaging(averaging).seed(seed);
    if (adapt) {
      svi.adaptStepSize();
    }
    Fit fit;
    Draws dr;
    try (ProgressBar bar = quiet ? null : ProgressBar.on(spec.commandLine().getErr(), "fit " + bm.name(), steps).reportInterrupts()) {
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
          spec.commandLine().getErr().printf(Locale.ROOT, "%nstep %d undone (%s); learning rate lowered to %.3g%n",
              step, reason, newLr);
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
        throw new IllegalStateException("the fit diverged: q after " + fit.steps() + " steps (" + fit.recoveries()
            + " undone after a NaN/Inf, learning rate now " + String.format(Locale.ROOT, "%.3g", fit.learningRate())
            + ") gives draws where the model is undefined (" + e.getMessage() + "); try a smaller --lr or --adapt", e);
      }
      if (bar != null) {
        bar.end(fit.converged() ? "converged after " + fit.steps() + " steps"
            : "stopped at the step limit of " + fit.steps() + " steps");
      }
    }
    dr = StanModels.withoutFreeSites(dr); // issue 11: Stan names only
    List<Summary.Row> rows = Summary.of(dr.names(), dr.values());
    Psis.Result k = Psis.smooth(dr.logRatios());
    w.printf(Locale.ROOT, "%s: %s guide, %s estimator, %d steps (%s) in %.2f s; ELBO %.4g%n", bm.name(), guide,
        fit.estimator(), fit.steps(), fit.converged() ? "converged: " + rule : "step budget reached", fit.seconds(),
        fit.finalElbo());
    if (!Double.isNaN(fit.adaptedEta())) {
      w.printf(Locale.ROOT, "adapted learning rate: %.3g%n", fit.adaptedEta());
    }
    if (fit.recoveries() > 0) {
      w.printf(Locale.ROOT, "%d step(s) were undone after a NaN/Inf; final learning rate %.3g%n", fit.recoveries(),
          fit.learningRate());
    }
    if (fit.rejectedCandidates() > 0) {
      w.printf(Locale.ROOT, "%d candidate(s) rejected where the model was undefined (step sizes of the adaptation,"
          + " ELBO evaluations)%n", fit.rejectedCandidates());
    }
    w.println();
    FitReport.printTable(w, rows);
    w.println();
    w.println(FitReport.khatLine(k, guide == GuideKind.fullrank));
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
      FitReport.write(out, bm.name(), settings, fit, dr, rows, k, guide.toString());
      w.println("wrote " + out.resolve("summary.json") + ", draws.csv, elbo.png");
    }
    w.flush();
    return 0;
  }
}
