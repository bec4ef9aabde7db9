package org.elbo4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.elbo4j.infer.AutoGuide;
import org.elbo4j.infer.Draws;
import org.elbo4j.infer.Elbo;
import org.elbo4j.infer.ElboEstimator;
import org.elbo4j.infer.Fit;
import org.elbo4j.infer.LaplaceApproximation;
import org.elbo4j.infer.Model;
import org.elbo4j.infer.Stop;
import org.elbo4j.infer.Svi;
import org.elbo4j.optim.Adam;
import org.elbo4j.optim.ParamStore;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;

/**
 * The fitting recipe of {@code elbo4j check}: ADVI tuned for accurate answers rather than speed.
 *
 * <p>Each of {@code restarts} independent runs (seeds derived from the base seed; the first starts the mode search
 * at ζ = 0, the others at Stan's random inits, uniform(−2, 2) on the unconstrained scale) has three phases:
 * <ol>
 *   <li><b>Laplace start:</b> the mode of the unconstrained log density by L-BFGS and the Hessian there
 *       ({@link LaplaceApproximation}); when it is positive definite the guide is preconditioned with it
 *       ({@link AutoGuide#precondition}): q starts at the Laplace approximation (mean-field: its conditional sds,
 *       the optimal mean-field scales of a Gaussian), and the optimizer works in whitened coordinates where every
 *       posterior scale is near 1. Otherwise plain ADVI from the mode found (or from 0).</li>
 *   <li><b>explore:</b> Adam at learning rate {@code lr}, {@code particles} draws per gradient, until the ELBO
 *       stops improving ({@link Stop#noImprovement}: the mean of 5 evaluations no more than 1 standard error above
 *       the previous 5), at most {@code exploreSteps};</li>
 *   <li><b>anneal:</b> {@code annealSteps} more steps with the learning rate decaying geometrically from
 *       {@code lr} to {@code endFactor}·s, where s is the smallest scale of the guide at the end of phase 1
 *       (mean-field: min σ; full-rank: min diag L), in unconstrained units.</li>
 * </ol>
 * Why anneal to a rate proportional to the posterior's smallest scale: Adam moves every coordinate by about the
 * learning rate per step whatever its gradient, so with a constant rate the iterate jitters around the optimum by
 * about √(lr·s/(2√L)) in a coordinate of posterior sd s (L particles), i.e. by √(lr/(2 s √L)) posterior sds — at
 * lr = 0.1 and s = 0.001 (sblrc's coefficients) that is several sds. Ending at lr = c·s leaves √(c/(2√L)) sds:
 * 0.02 at c = 0.005, L = 10. The run with the highest ELBO (estimated from the same {@code selectDraws} draws
 * of each) is kept.
 */
final class RobustFit {
  private RobustFit() {}

  /** The recipe's knobs. */
  record Settings(int particles, double lr, long exploreSteps, long annealSteps, double endFactor, int restarts,
      boolean stl, int selectDraws, boolean laplace, double averaging) {
    /** The defaults of {@code elbo4j check}. */
    static Settings defaults() {
      return new Settings(10, 0.05, 20_000, 3_000, 0.003, 3, false, 2_000, true, 0.0);
    }

    String describe() {
      return String.format(Locale.ROOT, "%d restarts x (%sAdam lr %g, %d particles, %s estimator; explore until no"
              + " improvement (at most %d steps), then %d steps annealing the learning rate to %g x the guide's"
              + " smallest scale%s); best ELBO of %d draws kept",
          restarts, laplace ? "Laplace start and preconditioning, then " : "", lr, particles, stl ? "sticking-the-landing" : "reparameterized", exploreSteps, annealSteps,
          endFactor, averaging > 0 ? ", iterates averaged with decay " + averaging : "", selectDraws);
    }
  }

  /** The kept fit, and what the runs did ({@code start}: how the kept run started). */
  record Result(Fit fit, long steps, double seconds, double[] elbos, int chosen, String start) {}

  /**
   * Runs the recipe.
   *
   * @param fullRank full-rank guide (else mean-field)
   * @throws IllegalStateException if every run fails (see {@link Svi#run})
   */
  static Result run(Model model, boolean fullRank, Settings s, long seed) {
    long t0 = System.nanoTime();
    Fit best = null;
    String bestStart = null;
    double bestElbo = Double.NEGATIVE_INFINITY;
    int chosen = -1;
    long steps = 0;
    double[] elbos = new double[s.restarts()];
    RuntimeException last = null;
    for (int r = 0; r < s.restarts(); r++) {
      long runSeed = seed * 1_000_003L + r;
      try {
        Run run = once(model, fullRank, s, runSeed, r == 0);
        Fit f = run.fit();
        steps += run.steps();
        double elbo = f.finalElbo(); // one run: nothing to choose between, so no extra draws
        if (s.restarts() > 1) {
          Draws d = f.draws(s.selectDraws(), runSeed ^ 0x5E1EC7L);
          elbo = 0;
          for (double w : d.logRatios()) {
            elbo += w / d.size();
          }
        }
        elbos[r] = elbo;
        if (elbo > bestElbo || best == null) {
          bestElbo = elbo;
          best = f;
          bestStart = run.start();
          chosen = r;
        }
      } catch (RuntimeException e) { // this start led the model where it is undefined: a rejected restart
        elbos[r] = Double.NaN;
        last = e;
      }
    }
    if (best == null) {
      throw new IllegalStateException("every one of the " + s.restarts() + " runs failed; last: " + last.getMessage(), last);
    }
    return new Result(best, steps, (System.nanoTime() - t0) / 1e9, elbos, chosen, bestStart);
  }

  /** One run: explore, then anneal. Steps in the returned fit count both phases. */
  private static Run once(Model model, boolean fullRank, Settings s, long seed, boolean fromZero) {
    AutoGuide guide = fullRank ? AutoGuide.fullRank(model) : AutoGuide.meanField(model);
    String start = s.laplace() ? laplaceStart(guide, fullRank, seed, fromZero) : "plain ADVI";
    ParamStore store = new ParamStore();
    AtomicLong annealFrom = new AtomicLong(Long.MAX_VALUE);
    double[] decay = {0.0, 1.0}; // per-step log decay, floor factor
    Adam adam = Adam.of(s.lr()).schedule(k -> {
      long a = annealFrom.get();
      return k < a ? 1.0 : Math.max(decay[1], Math.exp(-decay[0] * (k - a)));
    });
    ElboEstimator est = s.stl() ? Elbo.stickingTheLanding(s.particles()) : Elbo.reparameterized(s.particles());
    Fit explore = Svi.of(model, guide).params(store).optimizer(adam).estimator(est).seed(seed)
        .run(Stop.noImprovement(1.0, 5, s.exploreSteps()));
    double end = Math.min(1.0, s.endFactor() * smallestScale(explore, guide) / adam.learningRate());
    decay[0] = -Math.log(end) / s.annealSteps();
    decay[1] = end;
    annealFrom.set(adam.steps());
    Svi annealing = Svi.of(model, guide).params(store).optimizer(adam).estimator(est).seed(seed + 1);
    if (s.averaging() > 0) {
      annealing.averaging(s.averaging());
    }
    Fit anneal = annealing.run(Stop.after(s.annealSteps()).evaluateEvery(500, 100));
    return new Run(anneal, explore.steps() + anneal.steps(), start);
  }

  /** The smallest scale of the guide, unconstrained units: min σ (mean-field) or min diag L (full-rank). */
  static double smallestScale(Fit f, AutoGuide g) {
    double m = Double.POSITIVE_INFINITY;
    if (g.family() == AutoGuide.Family.FULL_RANK) {
      Tensor l = f.param("auto_scale_tril");
      for (int i = 0; i < g.dim(); i++) {
        m = Math.min(m, l.get(i, i));
      }
    } else {
      for (AutoGuide.Latent lat : g.latents()) {
        Tensor sc = f.param(lat.scaleName());
        for (int i = 0; i < sc.size(); i++) {
          m = Math.min(m, sc.at(i));
        }
      }
    }
    return m;
  }

  /** A run's final fit with the step count of both phases (the Fit's own count is its phase's). */
  private record Run(Fit fit, long steps, String start) {}

  /** Preconditions {@code guide} with the Laplace approximation when it is usable; says what it did. */
  private static String laplaceStart(AutoGuide guide, boolean fullRank, long seed, boolean fromZero) {
    double[] z0 = new double[guide.dim()];
    if (!fromZero) {
      RandomStream rng = RandomStream.of(seed).fork(0x1A91ACEL);
      for (int i = 0; i < z0.length; i++) {
        z0[i] = 4 * rng.nextDouble() - 2;
      }
    }
    LaplaceApproximation.Result lap;
    try {
      lap = LaplaceApproximation.fit(guide, Tensor.of(z0), 2000);
    } catch (IllegalArgumentException e) {
      return "plain ADVI (no Laplace start: " + e.getMessage() + ")";
    }
    String how = String.format(Locale.ROOT, "mode search %s after %d iterations", lap.reason(), lap.iterations());
    if (!lap.positiveDefinite()) {
      return "plain ADVI (" + how + "; the Hessian there is not positive definite)";
    }
    guide.precondition(lap.mode(), fullRank ? lap.scaleTril() : lap.conditionalScales());
    return "Laplace start (" + how + ")";
  }
}
