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
 * Every run's ELBO is estimated after its explore phase from {@link FitSettings#selectDraws()} draws (with its
 * standard error), and only the best run goes on to the anneal phase (the others have served their purpose: showing
 * that the optimisation reaches the same optimum; when the best one's annealing fails, the next best is annealed). A
 * run that threw or whose ELBO is not finite is <b>failed</b>; one whose ELBO is more than max(1, 6·SE) nats below
 * the best run's, or whose explore phase hit its budget, is <b>not converged</b>. The annealed run's q is kept, and
 * judged from the first 4,000 of {@link FitSettings#draws()} draws, all of them when Monte Carlo error could change
 * that verdict ({@link Verdict#settled}); fewer than half the restarts converging withholds trust, and
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
        Starts starts = new Starts();
        List<FitResult.Attempt> attempts = new ArrayList<>();
        FitResult.Attempt first = null;
        if (settings.threads() > 1
                && settings.start() == FitSettings.Start.LAPLACE
                && settings.restarts() > 1
                && settings.agreeing() > 1) {
            // restart 2 always runs, and its start does not depend on the family: its mode search goes beside the
            // first restart's start (and, when that rules mean-field out, beside mean-field's draws and verdict)
            starts.prefetch(AutoGuide.of(model, settings.guide(), settings.rank()), restartSeed(settings, 1), 1);
        }
        if (settings.escalate()
                && settings.skipHopelessMeanField()
                && settings.guide() == AutoGuide.Family.MEAN_FIELD
                && settings.start() == FitSettings.Start.LAPLACE) {
            first = hopelessMeanField(model, settings, listener, starts);
        }
        if (first == null) first = attempt(model, settings.guide(), settings, listener, starts);
        attempts.add(first);
        listener.onAttempt(first);
        int answer = 0;
        if (settings.escalate()
                && settings.guide() == AutoGuide.Family.MEAN_FIELD
                && !first.verdict().trusted()) {
            int dim = AutoGuide.meanField(model).dim();
            AutoGuide.Family richer =
                    dim > settings.lowRankAbove() ? AutoGuide.Family.LOW_RANK : AutoGuide.Family.FULL_RANK;
            FitResult.Attempt second = attempt(model, richer, settings, listener, starts);
            attempts.add(second);
            listener.onAttempt(second);
            boolean skipped =
                    first.chosen() >= 0 && first.restarts().get(first.chosen()).status() == Restart.Status.SKIPPED;
            boolean better = second.chosen() >= 0
                    && (first.chosen() < 0
                            || skipped
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

    /**
     * The Laplace approximations of the restarts' starts, by restart index: the start of restart r depends only on
     * the seed and r, not on the guide family, so an escalated family reuses the first family's mode searches.
     */
    static final class Starts {
        private final java.util.Map<Integer, Later<Object>> pending = new java.util.concurrent.ConcurrentHashMap<>();

        /**
         * Starts computing restart {@code index}'s Laplace approximation on a thread of its own; the first
         * {@link #laplace} for that index waits for it. The result and its cost are those {@link #laplace} would
         * have computed itself.
         */
        void prefetch(AutoGuide guide, long seed, int index) {
            pending.put(index, Later.start("elbo4j-start-" + (index + 1), () -> compute(guide, seed, index)));
        }

        // Concurrent maps: restarts explored together (FitSettings.threads) each read and write their own index.
        private final java.util.Map<Integer, Object> byIndex = new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.Map<Integer, Long> uncharged = new java.util.concurrent.ConcurrentHashMap<>();

        /**
         * The Laplace approximation from restart {@code index}'s initial point, or the message of the exception
         * that prevented it. Its gradient evaluations are added to {@code grads[0]} once, by the first call that
         * passes a non-null {@code grads} (the restart that uses it first).
         */
        Object laplace(AutoGuide guide, long seed, int index, long[] grads) {
            Later<Object> early = pending.remove(index);
            if (early != null) early.get(); // computed on another thread (prefetch): wait for it, rethrow its failure
            Object r = compute(guide, seed, index);
            if (grads != null) grads[0] += uncharged.getOrDefault(index, 0L);
            if (grads != null) uncharged.put(index, 0L);
            return r;
        }

        /** The Laplace approximation of restart {@code index}, computed once (its cost left uncharged). */
        private Object compute(AutoGuide guide, long seed, int index) {
            Object r = byIndex.get(index);
            if (r == null) {
                double[] z0 = initialPoint(guide.dim(), seed, index == 0);
                long n = 0;
                try {
                    LaplaceApproximation.Result lap = LaplaceApproximation.fit(guide, Tensor.of(z0), 2000);
                    n = lap.gradientEvaluations();
                    r = lap;
                } catch (IllegalArgumentException e) {
                    r = e.getMessage() == null ? "" : e.getMessage();
                }
                uncharged.put(index, n);
                byIndex.put(index, r);
            }
            return r;
        }
    }

    /** The seed of restart {@code index}. */
    static long restartSeed(FitSettings s, int index) {
        return s.seed() * 1_000_003L + index;
    }

    /**
     * The mean-field attempt when the first restart's Laplace start already rules mean-field out (a conditional sd
     * below {@link Verdict#MIN_SD_RATIO} of its marginal sd): its SVI runs are skipped, its q is the start's
     * (N(mode, the conditional sds), the mean-field optimum were the posterior Gaussian), judged from
     * {@link FitSettings#selectDraws()} draws, and its verdict says why. Null when the start does not rule it out
     * (or cannot be computed): the recipe then runs mean-field as usual.
     */
    static FitResult.Attempt hopelessMeanField(Model model, FitSettings s, FitListener listener, Starts starts) {
        long t0 = System.nanoTime();
        AutoGuide guide = AutoGuide.meanField(model);
        long seed = restartSeed(s, 0);
        long[] grads = {0};
        if (!(starts.laplace(guide, seed, 0, null) instanceof LaplaceApproximation.Result lap)
                || !lap.positiveDefinite()) return null;
        Restart.Correlation corr = correlation(guide, lap);
        if (!(corr.ratio() < Verdict.MIN_SD_RATIO)) return null; // mean-field runs, and restart 1 pays for the start
        listener.onRestartStart(AutoGuide.Family.MEAN_FIELD, 0, s.restarts());
        starts.laplace(guide, seed, 0, grads);
        guide.precondition(lap.mode(), lap.conditionalScales());
        Fit fit = new Fit(
                model,
                guide,
                new ParamStore(),
                new java.util.LinkedHashMap<>(),
                new ArrayList<>(),
                new ArrayList<>(),
                0,
                false,
                0,
                0.0,
                Double.NaN,
                0,
                "none (the start's q)",
                seed,
                0);
        Draws sel = fit.draws(s.selectDraws(), seed ^ 0x5E1EC7L);
        double[] mse = meanAndSe(sel.logRatios());
        String why = String.format(
                Locale.ROOT,
                "SVI not run: the start shows that a mean-field q cannot get the sds right here (the conditional sd"
                        + " of %s is %.2f of its marginal sd); q is the start's",
                corr.coordinate(),
                corr.ratio());
        Restart run = new Restart(
                AutoGuide.Family.MEAN_FIELD,
                0,
                seed,
                "Laplace start ("
                        + String.format(
                                Locale.ROOT, "mode search %s after %d iterations", lap.reason(), lap.iterations())
                        + ")",
                Restart.Status.SKIPPED,
                why,
                mse[0],
                mse[1],
                0,
                grads[0],
                (System.nanoTime() - t0) / 1e9,
                fit,
                corr,
                new Restart.Cost(grads[0], 0, 0, 0, 0, 0, s.selectDraws()));
        listener.onRestartEnd(run);
        List<String> reasons = new ArrayList<>();
        reasons.add(correlationReason(corr));
        return new FitResult.Attempt(
                AutoGuide.Family.MEAN_FIELD, List.of(run), 0, sel, Verdict.of(sel, reasons, List.of()));
    }

    private static String correlationReason(Restart.Correlation c) {
        return String.format(
                Locale.ROOT,
                "mean-field cannot get the sds right here: the posterior's"
                        + " correlations make the conditional sd of %s %.2f of its marginal sd (the start's Gaussian"
                        + " approximation), and a mean-field q has the conditional sds",
                c.coordinate(),
                c.ratio());
    }

    /** Mean of {@code w} and its standard error (Welford). */
    static double[] meanAndSe(double[] w) {
        double mean = 0, m2 = 0;
        for (int i = 0; i < w.length; i++) {
            double delta = w[i] - mean;
            mean += delta / (i + 1);
            m2 += delta * (w[i] - mean);
        }
        return new double[] {mean, Math.sqrt(m2 / (w.length - 1) / w.length)};
    }

    /**
     * All restarts of one family, classified, and the verdict on the best. Every restart explores (start and
     * explore phases) and estimates its ELBO; they are classified on those ELBOs, and only the best is annealed (the
     * others only check that the optimisation finds the same optimum; annealing them would not change that check).
     * When the annealed run fails, the next best is annealed in its place.
     */
    static FitResult.Attempt attempt(
            Model model, AutoGuide.Family family, FitSettings s, FitListener listener, Starts starts) {
        List<Restart> runs = new ArrayList<>();
        List<Explored> explored = new ArrayList<>();
        // The first `agreeing` restarts always run (the rule below stops only after them): with threads, together.
        int together = Math.min(Math.min(s.threads(), s.agreeing()), s.restarts());
        if (together > 1) {
            for (Explored e : exploreTogether(model, family, s, together, listener, starts)) {
                explored.add(e);
                runs.add(e.restart());
            }
        }
        for (int r = runs.size(); r < s.restarts(); r++) {
            if (r >= s.agreeing() && converged(classify(runs)) >= s.agreeing()) break; // the rest would repeat them
            listener.onRestartStart(family, r, s.restarts());
            Explored e = explore(model, family, s, r, listener, starts);
            explored.add(e);
            runs.add(e.restart());
            listener.onRestartEnd(e.restart());
        }
        runs = new ArrayList<>(classify(runs));
        int chosen = -1;
        boolean[] tried = new boolean[runs.size()];
        while (true) {
            chosen = -1;
            for (int r = 0; r < runs.size(); r++) {
                Restart x = runs.get(r);
                if (x.status() != Restart.Status.FAILED
                        && !tried[r]
                        && (chosen < 0 || x.elbo() > runs.get(chosen).elbo())) chosen = r;
            }
            if (chosen < 0) break;
            tried[chosen] = true;
            Explored e = explored.get(chosen);
            listener.onRestartStart(family, chosen, s.restarts());
            Restart annealed = e.anneal().get();
            if (annealed.status() != Restart.Status.FAILED) { // the status and reason of the classification stand
                annealed = annealed.withStatus(
                        runs.get(chosen).status(), runs.get(chosen).reason());
            }
            runs.set(chosen, annealed);
            listener.onRestartEnd(annealed);
            if (annealed.status() != Restart.Status.FAILED) break;
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
            reasons.add(correlationReason(best.correlation()));
        }
        if (family == AutoGuide.Family.DELTA) {
            reasons.add("a point estimate (MAP on the unconstrained scale): it carries no posterior uncertainty");
        }
        int firstDraws = Math.min(s.draws(), FIRST_VERDICT_DRAWS);
        Fit kept = best.fit();
        // With threads, the further draws (their own stream) are made beside the first ones, and dropped if unused.
        Later<Draws> further = firstDraws < s.draws() && s.threads() > 1
                ? Later.start("elbo4j-verdict-draws", () -> kept.draws(s.draws() - firstDraws, s.seed() + 2))
                : null;
        Draws draws = kept.draws(firstDraws, s.seed() + 1);
        Verdict verdict = Verdict.of(draws, reasons, warnings);
        if (draws.size() < s.draws() && !verdict.settled(draws.size(), !reasons.isEmpty())) {
            draws = draws.concat(further != null ? further.get() : kept.draws(s.draws() - firstDraws, s.seed() + 2));
            verdict = Verdict.of(draws, reasons, warnings);
        } else if (further != null) {
            further.get(); // not used; waited for so that no thread of the recipe outlives it
        }
        return new FitResult.Attempt(family, List.copyOf(runs), chosen, draws, verdict);
    }

    /**
     * Restarts 0 … n−1 explored at the same time, one thread each (restart 0 on the calling thread), with the same
     * results as one after the other: each has its own seeded streams, guide and parameters, and the shared
     * {@link Starts} keep each index's start apart. The listener hears every start first, then every end in index
     * order, on the calling thread; its onStep and stopRequested come from the threads, one call at a time.
     */
    private static List<Explored> exploreTogether(
            Model model, AutoGuide.Family family, FitSettings s, int n, FitListener listener, Starts starts) {
        FitListener serial = new FitListener() {
            @Override
            public synchronized void onStep(long step, double elbo) {
                listener.onStep(step, elbo);
            }

            @Override
            public synchronized boolean stopRequested() {
                return listener.stopRequested();
            }
        };
        for (int r = 0; r < n; r++) listener.onRestartStart(family, r, s.restarts());
        List<Later<Explored>> others = new ArrayList<>();
        for (int r = 1; r < n; r++) {
            int index = r;
            others.add(
                    Later.start("elbo4j-restart-" + (r + 1), () -> explore(model, family, s, index, serial, starts)));
        }
        List<Explored> out = new ArrayList<>();
        RuntimeException firstFailure = null;
        try {
            out.add(explore(model, family, s, 0, serial, starts));
        } catch (RuntimeException e) {
            firstFailure = e;
        }
        for (Later<Explored> o : others) {
            try {
                out.add(o.get()); // waits for every thread, also when one failed
            } catch (RuntimeException e) {
                if (firstFailure == null) firstFailure = e;
            }
        }
        if (firstFailure != null) throw firstFailure;
        for (Explored e : out) listener.onRestartEnd(e.restart());
        return out;
    }

    /**
     * A value computed on a thread of its own. {@link #get} waits for it (uninterruptibly: the recipe's threads
     * never outlive it) and rethrows what the computation threw.
     */
    private static final class Later<T> {
        private final Thread thread;
        private T value;
        private Throwable thrown;

        private Later(String name, java.util.function.Supplier<T> work) {
            thread = new Thread(
                    () -> {
                        try {
                            value = work.get();
                        } catch (Throwable t) {
                            thrown = t;
                        }
                    },
                    name);
            thread.setDaemon(true);
        }

        static <T> Later<T> start(String name, java.util.function.Supplier<T> work) {
            Later<T> l = new Later<>(name, work);
            l.thread.start();
            return l;
        }

        T get() {
            boolean interrupted = false;
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
            if (thrown instanceof RuntimeException e) throw e;
            if (thrown instanceof Error e) throw e;
            if (thrown != null) throw new IllegalStateException(thrown);
            return value;
        }
    }

    private static int converged(List<Restart> runs) {
        int n = 0;
        for (Restart r : runs) if (r.status() == Restart.Status.CONVERGED) n++;
        return n;
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

    /**
     * A restart whose start and explore phases ran, its ELBO estimated from {@link FitSettings#selectDraws()} draws of
     * the explored q; {@code anneal} finishes it (anneals and estimates the ELBO again) and is null when the run
     * already failed.
     */
    record Explored(Restart restart, java.util.function.Supplier<Restart> anneal) {}

    /**
     * One run: start and explore, then the ELBO from selectDraws draws; the annealing is left to the returned
     * {@link Explored#anneal()}, which {@link #attempt} calls for the kept run only. Never throws for a failing run.
     */
    static Explored explore(
            Model model, AutoGuide.Family family, FitSettings s, int index, FitListener listener, Starts starts) {
        long t0 = System.nanoTime();
        long seed = restartSeed(s, index);
        AutoGuide guide = AutoGuide.of(model, family, s.rank());
        long[] grads = {0};
        Restart.Correlation[] corr = {null};
        long startGrads = 0;
        String start = "Stan's initialisation";
        try {
            start = switch (s.start()) {
                case PRIOR -> "plain ADVI (Stan's initialisation)";
                case LAPLACE -> laplaceStart(guide, family, seed, index, grads, corr, starts);
                case PATHFINDER -> pathfinderStart(guide, family, seed, index == 0, grads, corr);
            };
            startGrads = grads[0];
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
                    .run(Stop.noImprovement(1.0, 5, s.exploreSteps()).evaluateEvery(s.evaluateEvery(), EVAL_DRAWS));
            long exploreSteps = explore.steps();
            long exploreGrads = (explore.steps() + explore.recoveries()) * particles;
            grads[0] += exploreGrads;
            long evalDraws = (long) explore.evaluations().size() * EVAL_DRAWS;
            Restart.Status st = explore.converged() ? Restart.Status.CONVERGED : Restart.Status.NOT_CONVERGED;
            String why = explore.converged()
                    ? ""
                    : "the explore phase hit its budget of " + s.exploreSteps()
                            + " steps with the ELBO still improving";
            Restart explored = finish(
                    family,
                    index,
                    seed,
                    start,
                    st,
                    why,
                    explore,
                    s.selectDraws(),
                    grads[0],
                    t0,
                    corr[0],
                    new Restart.Cost(startGrads, exploreSteps, exploreGrads, 0, 0, evalDraws, s.selectDraws()));
            if (explored.status() == Restart.Status.FAILED) return new Explored(explored, null);
            String startWas = start;
            long startDone = startGrads, exploreDone = grads[0];
            long exploreSecondsNanos = System.nanoTime() - t0;
            java.util.function.Supplier<Restart> anneal = () -> {
                long t1 = System.nanoTime();
                long[] annealGrads = {0}, annealSteps = {0}, annealEval = {0};
                try {
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
                    long every = Math.max(s.evaluateEvery(), s.annealSteps() / 6); // the trace only: no rule
                    Fit fit = annealing.run(
                            Stop.after(s.annealSteps()).evaluateEvery((int) Math.min(every, 1 << 30), EVAL_DRAWS));
                    annealSteps[0] = fit.steps();
                    annealGrads[0] = (fit.steps() + fit.recoveries()) * particles;
                    annealEval[0] = (long) fit.evaluations().size() * EVAL_DRAWS;
                    return finish(
                            family,
                            index,
                            seed,
                            startWas,
                            st,
                            why,
                            fit,
                            s.selectDraws(),
                            exploreDone + annealGrads[0],
                            t1 - exploreSecondsNanos,
                            corr[0],
                            new Restart.Cost(
                                    startDone,
                                    exploreSteps,
                                    exploreGrads,
                                    annealSteps[0],
                                    annealGrads[0],
                                    evalDraws + annealEval[0],
                                    2L * s.selectDraws()));
                } catch (IllegalStateException | IllegalArgumentException | ArithmeticException e) {
                    return new Restart(
                            family,
                            index,
                            seed,
                            startWas,
                            Restart.Status.FAILED,
                            "annealing: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
                            Double.NaN,
                            Double.NaN,
                            exploreSteps + annealSteps[0],
                            exploreDone + annealGrads[0],
                            (System.nanoTime() - t1 + exploreSecondsNanos) / 1e9,
                            null,
                            corr[0],
                            new Restart.Cost(
                                    startDone,
                                    exploreSteps,
                                    exploreGrads,
                                    annealSteps[0],
                                    annealGrads[0],
                                    evalDraws + annealEval[0],
                                    s.selectDraws()));
                }
            };
            return new Explored(explored, anneal);
        } catch (IllegalStateException | IllegalArgumentException | ArithmeticException e) {
            return new Explored(
                    new Restart(
                            family,
                            index,
                            seed,
                            start,
                            Restart.Status.FAILED,
                            e.getClass().getSimpleName() + ": " + e.getMessage(),
                            Double.NaN,
                            Double.NaN,
                            0,
                            grads[0],
                            (System.nanoTime() - t0) / 1e9,
                            null,
                            corr[0],
                            new Restart.Cost(startGrads, 0, grads[0] - startGrads, 0, 0, 0, 0)),
                    null);
        }
    }

    /**
     * The restart of {@code fit} with its ELBO estimated from {@code selectDraws} draws: FAILED when that estimate is
     * not finite, else {@code status}. {@code t0} is System.nanoTime() at the run's start.
     */
    private static Restart finish(
            AutoGuide.Family family,
            int index,
            long seed,
            String start,
            Restart.Status status,
            String why,
            Fit fit,
            int selectDraws,
            long gradients,
            long t0,
            Restart.Correlation corr,
            Restart.Cost cost) {
        Draws d = fit.draws(selectDraws, seed ^ 0x5E1EC7L);
        double[] mse = meanAndSe(d.logRatios());
        double mean = mse[0], se = mse[1];
        double secs = (System.nanoTime() - t0) / 1e9;
        long steps = cost.exploreSteps() + cost.annealSteps();
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
                    gradients,
                    secs,
                    fit,
                    corr,
                    cost);
        }
        return new Restart(family, index, seed, start, status, why, mean, se, steps, gradients, secs, fit, corr, cost);
    }

    /**
     * The verdict's first draws: when the verdict from these is {@link Verdict#settled settled} (its k̂, mean shifts
     * and sd ratios far enough from their thresholds for their Monte Carlo error), it stands; otherwise draws are
     * added up to {@link FitSettings#draws()} and the verdict is taken again from all of them. 4,000 draws put
     * 190 in the Pareto tail (sd of k̂ about 0.1 at k̂ = 0.5) and leave q's means 0.016 sd of Monte Carlo error.
     */
    static final int FIRST_VERDICT_DRAWS = 4_000;

    /** Draws per ELBO evaluation of the stopping rules. */
    static final int EVAL_DRAWS = 100;

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
            int index,
            long[] grads,
            Restart.Correlation[] corr,
            Starts starts) {
        Object r = starts.laplace(guide, seed, index, grads);
        if (r instanceof String failure) return "plain ADVI (no Laplace start: " + failure + ")";
        LaplaceApproximation.Result lap = (LaplaceApproximation.Result) r;
        String how = String.format(Locale.ROOT, "mode search %s after %d iterations", lap.reason(), lap.iterations());
        if (!lap.positiveDefinite()) return "plain ADVI (" + how + "; the Hessian there is not positive definite)";
        corr[0] = correlation(guide, lap);
        guide.precondition(
                lap.mode(),
                family == AutoGuide.Family.FULL_RANK
                        ? lap.scaleTril()
                        : family == AutoGuide.Family.LOW_RANK ? marginalScales(lap) : lap.conditionalScales());
        return "Laplace start (" + how + ")";
    }

    /** The correlation check of a positive definite Laplace approximation. */
    static Restart.Correlation correlation(AutoGuide guide, LaplaceApproximation.Result lap) {
        Tensor cov = lap.covariance();
        double[] cond = new double[guide.dim()], marg = new double[guide.dim()];
        for (int i = 0; i < cond.length; i++) {
            cond[i] = 1 / Math.sqrt(lap.precision().get(i, i));
            marg[i] = Math.sqrt(cov.get(i, i));
        }
        return correlation(guide, cond, marg);
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
