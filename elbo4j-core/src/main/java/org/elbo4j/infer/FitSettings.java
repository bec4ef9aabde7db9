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
 * when its verdict is "not trusted"; 3 restarts; Laplace start; 10 draws per gradient; Adam at 0.05 until the ELBO
 * stops improving (at most 20,000 steps), then 3,000 steps annealing the learning rate to 0.003 × the guide's
 * smallest scale; the best of 2,000-draw ELBO estimates kept; 10,000 draws for the summaries and the verdict; seed 1.
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

    private final AutoGuide.Family guide;
    private final boolean escalate;
    private final int lowRankAbove, rank, restarts, particles, selectDraws, draws;
    private final double learningRate, endFactor, averaging;
    private final long exploreSteps, annealSteps, seed;
    private final Start start;
    private final boolean stickingTheLanding;

    private FitSettings(
            AutoGuide.Family guide,
            boolean escalate,
            int lowRankAbove,
            int rank,
            int restarts,
            int particles,
            int selectDraws,
            int draws,
            double learningRate,
            double endFactor,
            double averaging,
            long exploreSteps,
            long annealSteps,
            long seed,
            Start start,
            boolean stickingTheLanding) {
        this.guide = guide;
        this.escalate = escalate;
        this.lowRankAbove = lowRankAbove;
        this.rank = rank;
        this.restarts = restarts;
        this.particles = particles;
        this.selectDraws = selectDraws;
        this.draws = draws;
        this.learningRate = learningRate;
        this.endFactor = endFactor;
        this.averaging = averaging;
        this.exploreSteps = exploreSteps;
        this.annealSteps = annealSteps;
        this.seed = seed;
        this.start = start;
        this.stickingTheLanding = stickingTheLanding;
    }

    /** The defaults (see {@code @implSpec}). */
    public static FitSettings defaults() {
        return new FitSettings(
                AutoGuide.Family.MEAN_FIELD,
                true,
                200,
                10,
                3,
                10,
                2_000,
                10_000,
                0.05,
                0.003,
                0.0,
                20_000,
                3_000,
                1,
                Start.LAPLACE,
                false);
    }

    private FitSettings with(
            AutoGuide.Family guide,
            boolean escalate,
            int lowRankAbove,
            int rank,
            int restarts,
            int particles,
            int selectDraws,
            int draws,
            double learningRate,
            double endFactor,
            double averaging,
            long exploreSteps,
            long annealSteps,
            long seed,
            Start start,
            boolean stl) {
        return new FitSettings(
                guide,
                escalate,
                lowRankAbove,
                rank,
                restarts,
                particles,
                selectDraws,
                draws,
                learningRate,
                endFactor,
                averaging,
                exploreSteps,
                annealSteps,
                seed,
                start,
                stl);
    }

    /** The first guide family tried. */
    public FitSettings guide(AutoGuide.Family g) {
        if (g == null) throw new IllegalArgumentException("FitSettings.guide: null");
        return with(
                g,
                escalate,
                lowRankAbove,
                rank,
                restarts,
                particles,
                selectDraws,
                draws,
                learningRate,
                endFactor,
                averaging,
                exploreSteps,
                annealSteps,
                seed,
                start,
                stickingTheLanding);
    }

    /** Whether a mean-field fit that is "not trusted" is followed by a full-rank (or low-rank) one. */
    public FitSettings escalate(boolean e) {
        return with(
                guide,
                e,
                lowRankAbove,
                rank,
                restarts,
                particles,
                selectDraws,
                draws,
                learningRate,
                endFactor,
                averaging,
                exploreSteps,
                annealSteps,
                seed,
                start,
                stickingTheLanding);
    }

    /** Escalation goes to a low-rank guide instead of full rank when the dimension D exceeds this. */
    public FitSettings lowRankAbove(int d) {
        positive("lowRankAbove", d);
        return with(
                guide,
                escalate,
                d,
                rank,
                restarts,
                particles,
                selectDraws,
                draws,
                learningRate,
                endFactor,
                averaging,
                exploreSteps,
                annealSteps,
                seed,
                start,
                stickingTheLanding);
    }

    /** The rank of the low-rank guide's covariance factor. */
    public FitSettings rank(int k) {
        positive("rank", k);
        return with(
                guide,
                escalate,
                lowRankAbove,
                k,
                restarts,
                particles,
                selectDraws,
                draws,
                learningRate,
                endFactor,
                averaging,
                exploreSteps,
                annealSteps,
                seed,
                start,
                stickingTheLanding);
    }

    /** Independent runs per guide family; the best ELBO is kept, every one is reported. */
    public FitSettings restarts(int n) {
        positive("restarts", n);
        return with(
                guide,
                escalate,
                lowRankAbove,
                rank,
                n,
                particles,
                selectDraws,
                draws,
                learningRate,
                endFactor,
                averaging,
                exploreSteps,
                annealSteps,
                seed,
                start,
                stickingTheLanding);
    }

    /** Draws of q per gradient step. */
    public FitSettings particles(int n) {
        positive("particles", n);
        return with(
                guide,
                escalate,
                lowRankAbove,
                rank,
                restarts,
                n,
                selectDraws,
                draws,
                learningRate,
                endFactor,
                averaging,
                exploreSteps,
                annealSteps,
                seed,
                start,
                stickingTheLanding);
    }

    /** Draws behind each restart's ELBO estimate (which one is kept). */
    public FitSettings selectDraws(int n) {
        if (n < 10) throw new IllegalArgumentException("FitSettings.selectDraws must be >= 10, got " + n);
        return with(
                guide,
                escalate,
                lowRankAbove,
                rank,
                restarts,
                particles,
                n,
                draws,
                learningRate,
                endFactor,
                averaging,
                exploreSteps,
                annealSteps,
                seed,
                start,
                stickingTheLanding);
    }

    /** Draws of the kept q for the summaries and the verdict. */
    public FitSettings draws(int n) {
        if (n < 100) throw new IllegalArgumentException("FitSettings.draws must be >= 100, got " + n);
        return with(
                guide,
                escalate,
                lowRankAbove,
                rank,
                restarts,
                particles,
                selectDraws,
                n,
                learningRate,
                endFactor,
                averaging,
                exploreSteps,
                annealSteps,
                seed,
                start,
                stickingTheLanding);
    }

    /** Adam's learning rate while exploring. */
    public FitSettings learningRate(double lr) {
        positiveFinite("learningRate", lr);
        return with(
                guide,
                escalate,
                lowRankAbove,
                rank,
                restarts,
                particles,
                selectDraws,
                draws,
                lr,
                endFactor,
                averaging,
                exploreSteps,
                annealSteps,
                seed,
                start,
                stickingTheLanding);
    }

    /** The final learning rate as a multiple of the guide's smallest scale. */
    public FitSettings endFactor(double f) {
        positiveFinite("endFactor", f);
        return with(
                guide,
                escalate,
                lowRankAbove,
                rank,
                restarts,
                particles,
                selectDraws,
                draws,
                learningRate,
                f,
                averaging,
                exploreSteps,
                annealSteps,
                seed,
                start,
                stickingTheLanding);
    }

    /** Iterate averaging in the annealing phase (decay in [0, 1); 0: off). */
    public FitSettings averaging(double decay) {
        if (!(decay >= 0 && decay < 1))
            throw new IllegalArgumentException("FitSettings.averaging must be in [0, 1), got " + decay);
        return with(
                guide,
                escalate,
                lowRankAbove,
                rank,
                restarts,
                particles,
                selectDraws,
                draws,
                learningRate,
                endFactor,
                decay,
                exploreSteps,
                annealSteps,
                seed,
                start,
                stickingTheLanding);
    }

    /** At most this many steps before annealing. */
    public FitSettings exploreSteps(long n) {
        positive("exploreSteps", n);
        return with(
                guide,
                escalate,
                lowRankAbove,
                rank,
                restarts,
                particles,
                selectDraws,
                draws,
                learningRate,
                endFactor,
                averaging,
                n,
                annealSteps,
                seed,
                start,
                stickingTheLanding);
    }

    /** Steps of geometric learning-rate decay after exploring. */
    public FitSettings annealSteps(long n) {
        positive("annealSteps", n);
        return with(
                guide,
                escalate,
                lowRankAbove,
                rank,
                restarts,
                particles,
                selectDraws,
                draws,
                learningRate,
                endFactor,
                averaging,
                exploreSteps,
                n,
                seed,
                start,
                stickingTheLanding);
    }

    /** The base seed (restart r uses seed·1,000,003 + r; the final draws seed + 1). */
    public FitSettings seed(long s) {
        return with(
                guide,
                escalate,
                lowRankAbove,
                rank,
                restarts,
                particles,
                selectDraws,
                draws,
                learningRate,
                endFactor,
                averaging,
                exploreSteps,
                annealSteps,
                s,
                start,
                stickingTheLanding);
    }

    /** Where each restart starts. */
    public FitSettings start(Start s) {
        if (s == null) throw new IllegalArgumentException("FitSettings.start: null");
        return with(
                guide,
                escalate,
                lowRankAbove,
                rank,
                restarts,
                particles,
                selectDraws,
                draws,
                learningRate,
                endFactor,
                averaging,
                exploreSteps,
                annealSteps,
                seed,
                s,
                stickingTheLanding);
    }

    /** Sticking-the-landing gradients instead of the plain reparameterized ones. */
    public FitSettings stickingTheLanding(boolean on) {
        return with(
                guide,
                escalate,
                lowRankAbove,
                rank,
                restarts,
                particles,
                selectDraws,
                draws,
                learningRate,
                endFactor,
                averaging,
                exploreSteps,
                annealSteps,
                seed,
                start,
                on);
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
                "%s guide%s; %d restarts x (%sAdam lr %g, %d draws per step, %s gradients;"
                        + " explore until no improvement (at most %d steps), then %d steps annealing the learning rate"
                        + " to %g x the guide's smallest scale%s); best ELBO of %d draws kept; %d draws for the verdict",
                guide.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                escalate ? " (full-rank, or rank-" + rank + " above D = " + lowRankAbove + ", when not trusted)" : "",
                restarts,
                startText,
                learningRate,
                particles,
                stickingTheLanding ? "sticking-the-landing" : "reparameterized",
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
