package org.elbo4j.infer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.elbo4j.optim.Adam;
import org.elbo4j.optim.ParamStore;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;

/**
 * The library's default way to fit a model: ADVI tuned for answers that are right, with a verdict that says when
 * they are not.
 *
 * <pre>{@code
 * FitResult r = DefaultFit.run(model, FitSettings.defaults().seed(42));
 * r.summary();                 // mean, sd, 5/50/95% per scalar
 * r.verdict().describe();      // "verdict: trusted (k-hat 0.31, ...)" or "not trusted" and why
 * }</pre>
 *
 * <p>For the first guide family ({@link FitSettings#guide()}, mean-field by default), each of
 * {@link FitSettings#restarts()} independent runs (the first starts its mode search at ζ = 0, the others at Stan's
 * random inits, uniform(−2, 2) on the unconstrained scale) has three phases:
 * <ol>
 *   <li><b>start:</b> the mode of the unconstrained log density by L-BFGS and the Hessian there
 *       ({@link LaplaceApproximation}); when it is positive definite the guide is preconditioned with it
 *       ({@link AutoGuide#precondition}): q starts at the Laplace approximation (mean-field: its conditional sds)
 *       and the optimizer works in whitened coordinates where every posterior scale is near 1. Otherwise plain
 *       ADVI from ζ = 0 (or from the random init).</li>
 *   <li><b>explore:</b> Adam at {@link FitSettings#learningRate()}, {@link FitSettings#particles()} draws per
 *       gradient, until the ELBO stops improving ({@link Stop#noImprovement}), at most
 *       {@link FitSettings#exploreSteps()};</li>
 *   <li><b>anneal:</b> {@link FitSettings#annealSteps()} more steps with the learning rate decaying geometrically
 *       to {@link FitSettings#endFactor()}·s, s the guide's smallest scale. Adam moves every coordinate by about the
 *       learning rate per step, so a constant rate leaves the iterate jittering by about √(lr/(2 s √L)) posterior
 *       sds in a coordinate of scale s (L draws per step); ending at lr = 0.003·s leaves about 0.02 sd.</li>
 * </ol>
 * Each run's ELBO is estimated from {@link FitSettings#selectDraws()} draws (with its standard error). A run that
 * threw or whose ELBO is not finite is <b>failed</b>; one whose ELBO is more than max(1, 6·SE) nats below the best
 * run's, or whose explore phase hit its budget, is <b>not converged</b>. The best run's q is kept, and judged from
 * {@link FitSettings#draws()} draws ({@link Verdict}); fewer than half the restarts converging withholds trust, and
 * so does, for mean-field, a start whose Gaussian approximation says the posterior's correlations shrink some
 * coordinate's conditional sd below 0.8 of its marginal sd ({@link Restart.Correlation}): a mean-field q has the
 * conditional sds, and PSIS sees a q that is too narrow only partly when k̂ is below 0.7.
 * Every run is reported in the result.
 *
 * <p><b>Escalation.</b> When the first family is mean-field, its verdict is "not trusted" and
 * {@link FitSettings#escalate()} is on, the recipe fits a full-rank guide the same way — a low-rank one (rank
 * {@link FitSettings#rank()}, default 10) when D &gt; {@link FitSettings#lowRankAbove()} (default 200: a full-rank
 * guide has D(D+1)/2 scale parameters, 20,100 at D = 200, and each step costs O(D²)) — and reports both; the answer
 * is the trusted one, else the one with the higher ELBO.
 *
 * <p><b>Delta (MAP).</b> With {@link FitSettings#guide(AutoGuide.Family)} = {@link AutoGuide.Family#DELTA} the recipe
 * finds the MAP estimate on the unconstrained scale; its verdict is always "not trusted" as a posterior (a point
 * has no uncertainty), and it never escalates.
 *
 * <p>Core never prints: progress goes to the {@link FitListener}.
 */
public final class DefaultFit {
    private DefaultFit() {}

    /** With the defaults. */
    public static FitResult run(Model model) {
        return run(model, FitSettings.defaults(), new FitListener() {});
    }

    /** With {@code settings}, no listener. */
    public static FitResult run(Model model, FitSettings settings) {
        return run(model, settings, new FitListener() {});
    }

    /**
     * Runs the recipe.
     *
     * @throws IllegalArgumentException if the model cannot take an automatic guide (e.g. a discrete latent)
     * @throws IllegalStateException    if every restart of every family failed (the message lists each and why)
     */
    public static FitResult run(Model model, FitSettings settings, FitListener listener) {
        long t0 = System.nanoTime();
        List<FitResult.Attempt> attempts = new ArrayList<>();
        FitResult.Attempt first = attempt(model, settings.guide(), settings, listener);
        attempts.add(first);
        listener.onAttempt(first);
        int answer = 0;
        if (settings.escalate()
                && settings.guide() == AutoGuide.Family.MEAN_FIELD
                && !first.verdict().trusted()) {
            int dim = AutoGuide.meanField(model).dim();
            AutoGuide.Family richer =
                    dim > settings.lowRankAbove() ? AutoGuide.Family.LOW_RANK : AutoGuide.Family.FULL_RANK;
            FitResult.Attempt second = attempt(model, richer, settings, listener);
            attempts.add(second);
            listener.onAttempt(second);
            boolean better = second.chosen() >= 0
                    && (first.chosen() < 0
                            || second.verdict().trusted()
                            || second.restarts().get(second.chosen()).elbo()
                                    >= first.restarts().get(first.chosen()).elbo());
            if (better) answer = 1;
        }
        if (attempts.get(answer).chosen() < 0) {
            StringBuilder sb = new StringBuilder("every restart failed:");
            for (FitResult.Attempt a : attempts)
                for (Restart r : a.restarts())
                    sb.append("\n  ").append(r.family()).append(' ').append(r.describe());
            throw new IllegalStateException(sb.toString());
        }
        return new FitResult(settings, List.copyOf(attempts), answer, (System.nanoTime() - t0) / 1e9);
    }

    /** All restarts of one family, classified, and the verdict on the best. */
    static FitResult.Attempt attempt(Model model, AutoGuide.Family family, FitSettings s, FitListener listener) {
        List<Restart> runs = new ArrayList<>();
        for (int r = 0; r < s.restarts(); r++) {
            listener.onRestartStart(family, r, s.restarts());
            Restart run = restart(model, family, s, r, listener);
            runs.add(run);
            listener.onRestartEnd(run);
        }
        runs = classify(runs);
        int chosen = -1;
        for (int r = 0; r < runs.size(); r++) {
            Restart x = runs.get(r);
            if (x.status() != Restart.Status.FAILED
                    && (chosen < 0 || x.elbo() > runs.get(chosen).elbo())) chosen = r;
        }
        List<String> reasons = new ArrayList<>(), warnings = new ArrayList<>();
        int converged = 0;
        for (Restart x : runs) {
            if (x.status() == Restart.Status.CONVERGED) converged++;
            else warnings.add(x.describe());
        }
        if (chosen < 0) {
            reasons.add("every one of the " + runs.size() + " restarts failed");
            return new FitResult.Attempt(family, List.copyOf(runs), -1, null, Verdict.failed(reasons, warnings));
        }
        Restart best = runs.get(chosen);
        if (best.status() != Restart.Status.CONVERGED)
            reasons.add("the kept restart did not converge: " + best.reason());
        if (2 * converged < runs.size()) {
            reasons.add(converged + " of " + runs.size() + " restarts converged to the best ELBO: the optimisation is"
                    + " unreliable or the posterior has several modes");
        }
        if (family == AutoGuide.Family.MEAN_FIELD
                && best.correlation() != null
                && best.correlation().ratio() < Verdict.MIN_SD_RATIO) {
            reasons.add(String.format(
                    Locale.ROOT,
                    "mean-field cannot get the sds right here: the posterior's"
                            + " correlations make the conditional sd of %s %.2f of its marginal sd (the start's Gaussian"
                            + " approximation), and a mean-field q has the conditional sds",
                    best.correlation().coordinate(),
                    best.correlation().ratio()));
        }
        if (family == AutoGuide.Family.DELTA) {
            reasons.add("a point estimate (MAP on the unconstrained scale): it carries no posterior uncertainty");
        }
        Draws draws = best.fit().draws(s.draws(), s.seed() + 1);
        return new FitResult.Attempt(family, List.copyOf(runs), chosen, draws, Verdict.of(draws, reasons, warnings));
    }

    /**
     * Marks restarts whose ELBO is far below the best one's as not converged: more than max(1, 6·SE_best) nats
     * below, SE_best the Monte Carlo standard error of the best restart's ELBO (restarts at the same optimum differ
     * by about √2·SE; a restart that diverged, or stopped at another local optimum, by more).
     */
    static List<Restart> classify(List<Restart> runs) {
        Restart best = null;
        for (Restart r : runs)
            if (r.status() != Restart.Status.FAILED && (best == null || r.elbo() > best.elbo())) best = r;
        if (best == null) return runs;
        double tol = Math.max(1.0, 6 * best.elboStandardError());
        List<Restart> out = new ArrayList<>();
        for (Restart r : runs) {
            if (r.status() != Restart.Status.FAILED && best.elbo() - r.elbo() > tol) {
                String why = String.format(
                        Locale.ROOT,
                        "ELBO %.6g is %.3g nats below restart %d's %.6g",
                        r.elbo(),
                        best.elbo() - r.elbo(),
                        best.index() + 1,
                        best.elbo());
                r = r.withStatus(Restart.Status.NOT_CONVERGED, r.reason().isEmpty() ? why : r.reason() + "; " + why);
            }
            out.add(r);
        }
        return out;
    }

    /** One run: start, explore, anneal, then the ELBO from selectDraws draws. Never throws for a failing run. */
    static Restart restart(Model model, AutoGuide.Family family, FitSettings s, int index, FitListener listener) {
        long t0 = System.nanoTime();
        long seed = s.seed() * 1_000_003L + index;
        AutoGuide guide = AutoGuide.of(model, family, s.rank());
        long[] grads = {0};
        Restart.Correlation[] corr = {null};
        long steps = 0;
        String start = "Stan's initialisation";
        try {
            start = switch (s.start()) {
                case PRIOR -> "plain ADVI (Stan's initialisation)";
                case LAPLACE -> laplaceStart(guide, family, seed, index == 0, grads, corr);
                case PATHFINDER -> pathfinderStart(guide, family, seed, index == 0, grads, corr);
            };
            ParamStore store = new ParamStore();
            AtomicLong annealFrom = new AtomicLong(Long.MAX_VALUE);
            double[] decay = {0.0, 1.0}; // per-step log decay, floor factor
            Adam adam = Adam.of(s.learningRate()).schedule(k -> {
                long a = annealFrom.get();
                return k < a ? 1.0 : Math.max(decay[1], Math.exp(-decay[0] * (k - a)));
            });
            int particles = family == AutoGuide.Family.DELTA ? 1 : s.particles(); // a point mass: every draw the same
            ElboEstimator est =
                    s.stickingTheLanding() ? Elbo.stickingTheLanding(particles) : Elbo.reparameterized(particles);
            SviListener progress = new SviListener() {
                @Override
                public void onStep(long step, double elbo) {
                    listener.onStep(step, elbo);
                }

                @Override
                public boolean stopRequested() {
                    return listener.stopRequested();
                }
            };
            Fit explore = Svi.of(model, guide)
                    .params(store)
                    .optimizer(adam)
                    .estimator(est)
                    .seed(seed)
                    .listener(progress)
                    .run(Stop.noImprovement(1.0, 5, s.exploreSteps()));
            steps += explore.steps();
            grads[0] += (explore.steps() + explore.recoveries()) * particles;
            double end = Math.min(1.0, s.endFactor() * smallestScale(explore, guide) / adam.learningRate());
            decay[0] = -Math.log(end) / s.annealSteps();
            decay[1] = end;
            annealFrom.set(adam.steps());
            Svi annealing = Svi.of(model, guide)
                    .params(store)
                    .optimizer(adam)
                    .estimator(est)
                    .seed(seed + 1)
                    .listener(progress);
            if (s.averaging() > 0) annealing.averaging(s.averaging());
            Fit fit = annealing.run(Stop.after(s.annealSteps()).evaluateEvery(500, 100));
            steps += fit.steps();
            grads[0] += (fit.steps() + fit.recoveries()) * particles;
            Draws d = fit.draws(s.selectDraws(), seed ^ 0x5E1EC7L);
            double[] w = d.logRatios();
            double mean = 0, m2 = 0;
            for (int i = 0; i < w.length; i++) {
                double delta = w[i] - mean;
                mean += delta / (i + 1);
                m2 += delta * (w[i] - mean);
            }
            double se = Math.sqrt(m2 / (w.length - 1) / w.length);
            double secs = (System.nanoTime() - t0) / 1e9;
            if (!Double.isFinite(mean) || !Double.isFinite(se)) {
                return new Restart(
                        family,
                        index,
                        seed,
                        start,
                        Restart.Status.FAILED,
                        "its ELBO estimate is not finite (" + mean
                                + "): q puts mass where the model's log density is -inf or undefined",
                        mean,
                        se,
                        steps,
                        grads[0],
                        secs,
                        fit,
                        corr[0]);
            }
            Restart.Status st = explore.converged() ? Restart.Status.CONVERGED : Restart.Status.NOT_CONVERGED;
            String why = explore.converged()
                    ? ""
                    : "the explore phase hit its budget of " + s.exploreSteps()
                            + " steps with the ELBO still improving";
            return new Restart(family, index, seed, start, st, why, mean, se, steps, grads[0], secs, fit, corr[0]);
        } catch (IllegalStateException | IllegalArgumentException | ArithmeticException e) {
            return new Restart(
                    family,
                    index,
                    seed,
                    start,
                    Restart.Status.FAILED,
                    e.getClass().getSimpleName() + ": " + e.getMessage(),
                    Double.NaN,
                    Double.NaN,
                    steps,
                    grads[0],
                    (System.nanoTime() - t0) / 1e9,
                    null,
                    corr[0]);
        }
    }

    /**
     * The smallest scale of the guide, unconstrained (whitened) units: min σ (mean-field), min diag L (full-rank),
     * min √(Σ_j W_ij² + d_i) (low-rank), 1 (delta: no scale; the learning rate anneals to endFactor).
     */
    static double smallestScale(Fit f, AutoGuide g) {
        double m = Double.POSITIVE_INFINITY;
        if (g.family() == AutoGuide.Family.DELTA) return 1.0;
        if (g.family() == AutoGuide.Family.FULL_RANK) {
            Tensor l = f.param("auto_scale_tril");
            for (int i = 0; i < g.dim(); i++) m = Math.min(m, l.get(i, i));
        } else if (g.family() == AutoGuide.Family.LOW_RANK) {
            Tensor w = f.param("auto_cov_factor"), d = f.param("auto_cov_diag");
            for (int i = 0; i < g.dim(); i++) {
                double v = d.at(i);
                for (int j = 0; j < g.rank(); j++) v += w.get(i, j) * w.get(i, j);
                m = Math.min(m, Math.sqrt(v));
            }
        } else {
            for (AutoGuide.Latent lat : g.latents()) {
                Tensor sc = f.param(lat.scaleName());
                for (int i = 0; i < sc.size(); i++) m = Math.min(m, sc.at(i));
            }
        }
        return m;
    }

    /** Preconditions {@code guide} with the Laplace approximation when it is usable; says what it did. */
    private static String laplaceStart(
            AutoGuide guide,
            AutoGuide.Family family,
            long seed,
            boolean fromZero,
            long[] grads,
            Restart.Correlation[] corr) {
        double[] z0 = initialPoint(guide.dim(), seed, fromZero);
        LaplaceApproximation.Result lap;
        try {
            lap = LaplaceApproximation.fit(guide, Tensor.of(z0), 2000);
        } catch (IllegalArgumentException e) {
            return "plain ADVI (no Laplace start: " + e.getMessage() + ")";
        }
        grads[0] += lap.gradientEvaluations();
        String how = String.format(Locale.ROOT, "mode search %s after %d iterations", lap.reason(), lap.iterations());
        if (!lap.positiveDefinite()) return "plain ADVI (" + how + "; the Hessian there is not positive definite)";
        Tensor cov = lap.covariance();
        double[] cond = new double[guide.dim()], marg = new double[guide.dim()];
        for (int i = 0; i < cond.length; i++) {
            cond[i] = 1 / Math.sqrt(lap.precision().get(i, i));
            marg[i] = Math.sqrt(cov.get(i, i));
        }
        corr[0] = correlation(guide, cond, marg);
        guide.precondition(
                lap.mode(),
                family == AutoGuide.Family.FULL_RANK
                        ? lap.scaleTril()
                        : family == AutoGuide.Family.LOW_RANK ? marginalScales(lap) : lap.conditionalScales());
        return "Laplace start (" + how + ")";
    }

    /**
     * Preconditions {@code guide} with the ELBO-best normal approximation N(m, Σ) of one Pathfinder path from the
     * restart's start: full rank with chol(Σ), mean-field with the conditional sds 1/√(Σ⁻¹)_ii, low rank with the
     * marginal sds √Σ_ii.
     */
    private static String pathfinderStart(
            AutoGuide guide,
            AutoGuide.Family family,
            long seed,
            boolean fromZero,
            long[] grads,
            Restart.Correlation[] corr) {
        double[] z0 = initialPoint(guide.dim(), seed, fromZero);
        Pathfinder.Path p =
                Pathfinder.of().path(guide, z0, 0, RandomStream.of(seed).fork(0x9A7F1DL));
        grads[0] += p.gradientEvaluations();
        if (p.failure() != null) return "plain ADVI (Pathfinder: " + p.failure() + ")";
        int d = guide.dim();
        double[][] l = Pathfinder.cholesky(p.covariance());
        if (l == null) return "plain ADVI (Pathfinder's covariance is not positive definite)";
        // (Σ⁻¹)_ii = Σ_k (L⁻¹)_ki²: L⁻¹ by forward substitution, one column at a time
        double[] cond = new double[d], marg = new double[d];
        for (int col = 0; col < d; col++) {
            double[] x = new double[d];
            double prec = 0;
            for (int i = col; i < d; i++) {
                double v = i == col ? 1 : 0;
                for (int k = col; k < i; k++) v -= l[i][k] * x[k];
                x[i] = v / l[i][i];
                prec += x[i] * x[i];
            }
            cond[col] = 1 / Math.sqrt(prec);
            marg[col] = Math.sqrt(p.covariance()[col][col]);
        }
        corr[0] = correlation(guide, cond, marg);
        if (family == AutoGuide.Family.FULL_RANK) {
            double[] flat = new double[d * d];
            for (int i = 0; i < d; i++) System.arraycopy(l[i], 0, flat, i * d, d);
            guide.precondition(Tensor.of(p.mean()), Tensor.of(flat, d, d));
        } else {
            guide.precondition(Tensor.of(p.mean()), Tensor.of(family == AutoGuide.Family.LOW_RANK ? marg : cond));
        }
        return String.format(
                Locale.ROOT, "Pathfinder start (iterate %d of %d, ELBO %.6g)", p.iterate(), p.iterations(), p.elbo());
    }

    /** The smallest conditional/marginal sd ratio and where (see {@link Restart.Correlation}). */
    static Restart.Correlation correlation(AutoGuide guide, double[] conditional, double[] marginal) {
        int worst = 0;
        for (int i = 1; i < conditional.length; i++) {
            if (conditional[i] / marginal[i] < conditional[worst] / marginal[worst]) worst = i;
        }
        String where = "";
        for (AutoGuide.Latent lat : guide.latents()) {
            if (worst >= lat.offset() && worst < lat.offset() + lat.size()) {
                where = lat.size() == 1 && lat.shape().rank() == 0
                        ? lat.name()
                        : lat.name() + "[" + (worst - lat.offset() + 1) + "]";
            }
        }
        return new Restart.Correlation(conditional[worst] / marginal[worst], where + " (unconstrained)");
    }

    /**
     * √(H⁻¹)_ii, the Laplace marginal sds: the low-rank guide's whitening (its W then only has to learn the
     * correlations, starting near 0, and its diagonal starts at 1).
     */
    private static Tensor marginalScales(LaplaceApproximation.Result lap) {
        Tensor c = lap.covariance();
        double[] s = new double[c.dim(0)];
        for (int i = 0; i < s.length; i++) s[i] = Math.sqrt(c.get(i, i));
        return Tensor.of(s);
    }

    /** ζ = 0 for the first restart, else Stan's random init uniform(−2, 2). */
    static double[] initialPoint(int dim, long seed, boolean fromZero) {
        double[] z0 = new double[dim];
        if (!fromZero) {
            RandomStream rng = RandomStream.of(seed).fork(0x1A91ACEL);
            for (int i = 0; i < z0.length; i++) z0[i] = 4 * rng.nextDouble() - 2;
        }
        return z0;
    }
}
