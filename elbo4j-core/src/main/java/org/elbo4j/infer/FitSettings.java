package org.elbo4j.infer;

import java.util.Locale;

/**
 * The settings of {@link DefaultFit}, the library's default way to fit a model: an immutable value whose named
 * builders each return a changed copy.
 *
 * <pre>{@code
 * FitSettings s = FitSettings.defaults().guide(AutoGuide.Family.FULL_RANK).restarts(3).seed(42);
 * FitResult r = DefaultFit.run(model, s);
 * }</pre>
 *
 * @implSpec {@link #defaults()}: mean-field guide, escalating to full rank (D ≤ 200) or rank-10 low rank (D &gt; 200)
 * when its verdict is "not trusted" — and skipping mean-field's SVI when its Laplace start already shows correlations
 * that rule it out; up to 3 restarts, stopping once 2 agree; Laplace start; 5 draws per gradient with
 * sticking-the-landing gradients; Adam at 0.05 until the ELBO (evaluated every 50 steps) stops improving (at most
 * 20,000 steps), then 1,000 steps annealing the learning rate to 0.003 × the guide's smallest scale; the best of
 * 2,000-draw ELBO estimates kept; 10,000 draws for the summaries and the verdict; seed 1; one thread.
 * docs/accuracy.md measures each of these choices ("why these defaults").
 */
public final class FitSettings {
    /** Where each restart's optimisation starts. */
    public enum Start {
        /** Stan's initialisation: q = N(0, I) on the unconstrained scale (the first restart) or a random centre. */
        PRIOR,
        /** The Laplace approximation at the mode (L-BFGS), and the optimizer in its whitened coordinates. */
        LAPLACE,
        /** The ELBO-best normal approximation along one L-BFGS path ({@link Pathfinder}), whitened likewise. */
        PATHFINDER
    }

    // Not final so that each named builder can change one field of a fresh copy; no instance is changed after a
    // builder has returned it, so the value is immutable to its users.
    private AutoGuide.Family guide = AutoGuide.Family.MEAN_FIELD;
    private boolean escalate = true, skipHopelessMeanField = true;
    private int lowRankAbove = 200, rank = 10, restarts = 3, agreeing = 2, particles = 5, selectDraws = 2_000;
    private int draws = 10_000, evaluateEvery = 50;
    private double learningRate = 0.05, endFactor = 0.003, averaging;
    private long exploreSteps = 20_000, annealSteps = 1_000, seed = 1;
    private Start start = Start.LAPLACE;
    private boolean stickingTheLanding = true;
    private int threads = 1;

    private FitSettings() {}

    /** The defaults (see {@code @implSpec}). */
    public static FitSettings defaults() {
        return new FitSettings();
    }

    private FitSettings copy() {
        FitSettings c = new FitSettings();
        c.guide = guide;
        c.escalate = escalate;
        c.skipHopelessMeanField = skipHopelessMeanField;
        c.lowRankAbove = lowRankAbove;
        c.rank = rank;
        c.restarts = restarts;
        c.agreeing = agreeing;
        c.particles = particles;
        c.selectDraws = selectDraws;
        c.draws = draws;
        c.evaluateEvery = evaluateEvery;
        c.learningRate = learningRate;
        c.endFactor = endFactor;
        c.averaging = averaging;
        c.exploreSteps = exploreSteps;
        c.annealSteps = annealSteps;
        c.seed = seed;
        c.start = start;
        c.stickingTheLanding = stickingTheLanding;
        c.threads = threads;
        return c;
    }

    /** The first guide family tried. */
    public FitSettings guide(AutoGuide.Family g) {
        if (g == null) throw new IllegalArgumentException("FitSettings.guide: null");
        FitSettings c = copy();
        c.guide = g;
        return c;
    }

    /** Whether a mean-field fit that is "not trusted" is followed by a full-rank (or low-rank) one. */
    public FitSettings escalate(boolean e) {
        FitSettings c = copy();
        c.escalate = e;
        return c;
    }

    /** Escalation goes to a low-rank guide instead of full rank when the dimension D exceeds this. */
    public FitSettings lowRankAbove(int d) {
        positive("lowRankAbove", d);
        FitSettings c = copy();
        c.lowRankAbove = d;
        return c;
    }

    /** The rank of the low-rank guide's covariance factor. */
    public FitSettings rank(int k) {
        positive("rank", k);
        FitSettings c = copy();
        c.rank = k;
        return c;
    }

    /** Independent runs per guide family; the best ELBO is kept, every one is reported. */
    public FitSettings restarts(int n) {
        positive("restarts", n);
        FitSettings c = copy();
        c.restarts = n;
        return c;
    }

    /**
     * Restarts stop early once this many of them converged to the same optimum (ELBOs within max(1, 6·SE) nats of
     * the best, each one's stopping rule fired): further runs would only repeat them. Set it to {@link #restarts()}
     * (or more) to run every restart.
     */
    public FitSettings agreeing(int n) {
        positive("agreeing", n);
        FitSettings c = copy();
        c.agreeing = n;
        return c;
    }

    /**
     * With escalation on, whether the mean-field guide's SVI runs are skipped when its start (the Laplace
     * approximation of the first restart) already shows correlations that make a mean-field q's sds wrong (some
     * conditional sd below {@link Verdict#MIN_SD_RATIO} of its marginal sd): that verdict is "not trusted" whatever
     * the runs find, so the recipe goes straight to the richer family, and reports the mean-field attempt with the
     * start's q and the reason.
     */
    public FitSettings skipHopelessMeanField(boolean on) {
        FitSettings c = copy();
        c.skipHopelessMeanField = on;
        return c;
    }

    /**
     * Threads the recipe may use (default 1): with 2 or more, the restarts that always run (the first
     * {@link #agreeing()}) explore at the same time, and the verdict's further draws are made beside its first ones.
     * The result does not depend on it — every restart and every batch of draws has its own seeded random stream, and
     * they are combined in the same order — only the wall time does (and, when the first draws settle the verdict,
     * the CPU time spent on the further ones, which are then dropped). With more than one thread the listener's
     * {@link FitListener#onStep} and {@link FitListener#stopRequested} are called from those threads (one call at a
     * time); its other callbacks stay on the calling thread, in the same order as with one.
     */
    public FitSettings threads(int n) {
        positive("threads", n);
        FitSettings c = copy();
        c.threads = n;
        return c;
    }

    /** SVI steps between the ELBO evaluations of the stopping rules (each from 100 draws, no gradients). */
    public FitSettings evaluateEvery(int steps) {
        positive("evaluateEvery", steps);
        FitSettings c = copy();
        c.evaluateEvery = steps;
        return c;
    }

    /** Draws of q per gradient step. */
    public FitSettings particles(int n) {
        positive("particles", n);
        FitSettings c = copy();
        c.particles = n;
        return c;
    }

    /** Draws behind each restart's ELBO estimate (which one is kept). */
    public FitSettings selectDraws(int n) {
        if (n < 10) throw new IllegalArgumentException("FitSettings.selectDraws must be >= 10, got " + n);
        FitSettings c = copy();
        c.selectDraws = n;
        return c;
    }

    /**
     * The most draws of the kept q for the summaries and the verdict: the verdict takes the first 4,000 (or all, when
     * fewer) and adds the rest only when its decision is not settled for their Monte Carlo error
     * ({@link Verdict#settled}).
     */
    public FitSettings draws(int n) {
        if (n < 100) throw new IllegalArgumentException("FitSettings.draws must be >= 100, got " + n);
        FitSettings c = copy();
        c.draws = n;
        return c;
    }

    /** Adam's learning rate while exploring. */
    public FitSettings learningRate(double lr) {
        positiveFinite("learningRate", lr);
        FitSettings c = copy();
        c.learningRate = lr;
        return c;
    }

    /** The final learning rate as a multiple of the guide's smallest scale. */
    public FitSettings endFactor(double f) {
        positiveFinite("endFactor", f);
        FitSettings c = copy();
        c.endFactor = f;
        return c;
    }

    /** Iterate averaging in the annealing phase (decay in [0, 1); 0: off). */
    public FitSettings averaging(double decay) {
        if (!(decay >= 0 && decay < 1))
            throw new IllegalArgumentException("FitSettings.averaging must be in [0, 1), got " + decay);
        FitSettings c = copy();
        c.averaging = decay;
        return c;
    }

    /** At most this many steps before annealing. */
    public FitSettings exploreSteps(long n) {
        positive("exploreSteps", n);
        FitSettings c = copy();
        c.exploreSteps = n;
        return c;
    }

    /** Steps of geometric learning-rate decay after exploring. */
    public FitSettings annealSteps(long n) {
        positive("annealSteps", n);
        FitSettings c = copy();
        c.annealSteps = n;
        return c;
    }

    /** The base seed (restart r uses seed·1,000,003 + r; the final draws seed + 1). */
    public FitSettings seed(long s) {
        FitSettings c = copy();
        c.seed = s;
        return c;
    }

    /** Where each restart starts. */
    public FitSettings start(Start s) {
        if (s == null) throw new IllegalArgumentException("FitSettings.start: null");
        FitSettings c = copy();
        c.start = s;
        return c;
    }

    /** Sticking-the-landing gradients instead of the plain reparameterized ones. */
    public FitSettings stickingTheLanding(boolean on) {
        FitSettings c = copy();
        c.stickingTheLanding = on;
        return c;
    }

    /** The first guide family. */
    public AutoGuide.Family guide() {
        return guide;
    }

    /** Whether escalation is on. */
    public boolean escalate() {
        return escalate;
    }

    /** The dimension above which escalation picks a low-rank guide. */
    public int lowRankAbove() {
        return lowRankAbove;
    }

    /** The low-rank guide's rank. */
    public int rank() {
        return rank;
    }

    /** Restarts per family. */
    public int restarts() {
        return restarts;
    }

    /** How many agreeing restarts end the restarts early. */
    public int agreeing() {
        return agreeing;
    }

    /** Whether a mean-field fit its start already rules out is skipped (with escalation on). */
    public boolean skipHopelessMeanField() {
        return skipHopelessMeanField;
    }

    /** Threads the recipe may use (see {@link #threads(int)}). */
    public int threads() {
        return threads;
    }

    /** Steps between the stopping rules' ELBO evaluations. */
    public int evaluateEvery() {
        return evaluateEvery;
    }

    /** Draws per gradient step. */
    public int particles() {
        return particles;
    }

    /** Draws per restart's ELBO estimate. */
    public int selectDraws() {
        return selectDraws;
    }

    /** Draws for the summaries and the verdict. */
    public int draws() {
        return draws;
    }

    /** The exploring learning rate. */
    public double learningRate() {
        return learningRate;
    }

    /** The annealing end factor. */
    public double endFactor() {
        return endFactor;
    }

    /** The averaging decay (0: off). */
    public double averaging() {
        return averaging;
    }

    /** The explore-phase step limit. */
    public long exploreSteps() {
        return exploreSteps;
    }

    /** The annealing steps. */
    public long annealSteps() {
        return annealSteps;
    }

    /** The base seed. */
    public long seed() {
        return seed;
    }

    /** The start. */
    public Start start() {
        return start;
    }

    /** Whether sticking-the-landing gradients are used. */
    public boolean stickingTheLanding() {
        return stickingTheLanding;
    }

    /** One sentence for reports. */
    @Override
    public String toString() {
        String startText = switch (start) {
            case PRIOR -> "";
            case LAPLACE -> "Laplace start and preconditioning, then ";
            case PATHFINDER -> "Pathfinder start and preconditioning, then ";
        };
        return String.format(
                Locale.ROOT,
                "%s guide%s; %s x (%sAdam lr %g, %d draws per step, %s gradients;"
                        + " explore until no improvement (ELBO every %d steps, at most %d steps), then %d steps"
                        + " annealing the learning rate to %g x the guide's smallest scale%s); best ELBO of %d draws"
                        + " kept; %d draws for the verdict",
                guide.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                escalate
                        ? " (full-rank, or rank-" + rank + " above D = " + lowRankAbove + ", when not trusted"
                                + (skipHopelessMeanField ? " or when the start rules mean-field out" : "") + ")"
                        : "",
                agreeing < restarts
                        ? "up to " + restarts + " restarts (until " + agreeing + " agree)"
                        : restarts + " restarts",
                startText,
                learningRate,
                particles,
                stickingTheLanding ? "sticking-the-landing" : "reparameterized",
                evaluateEvery,
                exploreSteps,
                annealSteps,
                endFactor,
                averaging > 0 ? ", iterates averaged with decay " + averaging : "",
                selectDraws,
                draws);
    }

    private static void positive(String what, long v) {
        if (v < 1) throw new IllegalArgumentException("FitSettings." + what + " must be >= 1, got " + v);
    }

    private static void positiveFinite(String what, double v) {
        if (!(v > 0) || Double.isInfinite(v))
            throw new IllegalArgumentException("FitSettings." + what + " must be > 0 and finite, got " + v);
    }
}
