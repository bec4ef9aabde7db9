package org.elbo4j.infer;

/**
 * When an SVI run stops: a step budget, optionally with a convergence rule checked every
 * {@code evalEvery} steps on an ELBO estimate from {@code evalSamples} draws.
 *
 * <ul>
 *   <li>{@link #relativeTolerance} is Stan ADVI's rule: the relative ELBO changes
 *       |(L_t − L_{t−1}) / L_t| between evaluations are kept in a circular buffer; stop when their mean or
 *       median falls below the tolerance (Stan's {@code tol_rel_obj}, default 0.01).</li>
 *   <li>{@link #noImprovement} is the better rule elbo4j recommends: the ELBO evaluations carry Monte Carlo
 *       error, so fit a straight line to the last {@code window} evaluations and stop when its slope is not
 *       significantly positive (t = slope / SE(slope) below {@code z}): the climb is no longer distinguishable
 *       from noise. Stan's rule can stop on noise (a relative change below 1% in a model whose ELBO is −10⁴ is
 *       100 nats) or never stop when the ELBO is near zero; this one is scale-free in the right sense, and unlike
 *       a comparison of window means it keeps going through a slow but steady climb.</li>
 * </ul>
 */
public final class Stop {
    enum Rule {
        BUDGET,
        RELATIVE,
        NO_IMPROVEMENT
    }

    final Rule rule;
    final long maxSteps;
    final double tol;
    final int evalEvery;
    final int evalSamples;
    final int window;

    private Stop(Rule rule, long maxSteps, double tol, int evalEvery, int evalSamples, int window) {
        if (maxSteps < 1) throw new IllegalArgumentException("Stop: the step budget must be >= 1, got " + maxSteps);
        if (evalEvery < 1) throw new IllegalArgumentException("Stop: evalEvery must be >= 1, got " + evalEvery);
        if (evalSamples < 1) throw new IllegalArgumentException("Stop: evalSamples must be >= 1, got " + evalSamples);
        this.rule = rule;
        this.maxSteps = maxSteps;
        this.tol = tol;
        this.evalEvery = evalEvery;
        this.evalSamples = evalSamples;
        this.window = window;
    }

    /** Exactly {@code steps} steps (ELBO still evaluated every 100 steps with 100 draws, for the trace). */
    public static Stop after(long steps) {
        return new Stop(Rule.BUDGET, steps, 0, 100, 100, 0);
    }

    /**
     * Stan ADVI's relative-tolerance rule, checked every 100 steps with 100 draws, at most {@code maxSteps}.
     *
     * @param tol Stan's tol_rel_obj (0.01 by default there)
     */
    public static Stop relativeTolerance(double tol, long maxSteps) {
        if (!(tol > 0)) throw new IllegalArgumentException("Stop: tolerance must be > 0, got " + tol);
        return new Stop(Rule.RELATIVE, maxSteps, tol, 100, 100, 0);
    }

    /**
     * Stop when the least-squares slope of the last {@code window} ELBO evaluations is below {@code z} standard
     * errors (no significant improvement), at most {@code maxSteps} steps.
     */
    public static Stop noImprovement(double z, int window, long maxSteps) {
        if (!(z >= 0)) throw new IllegalArgumentException("Stop: z must be >= 0, got " + z);
        if (window < 3) throw new IllegalArgumentException("Stop: window must be >= 3, got " + window);
        return new Stop(Rule.NO_IMPROVEMENT, maxSteps, z, 100, 100, window);
    }

    /** The same rule with another evaluation cadence. */
    public Stop evaluateEvery(int steps, int samples) {
        return new Stop(rule, maxSteps, tol, steps, samples, window);
    }

    @Override
    public String toString() {
        return switch (rule) {
            case BUDGET -> "after " + maxSteps + " steps";
            case RELATIVE -> "relative ELBO change < " + tol + " (Stan), at most " + maxSteps + " steps";
            case NO_IMPROVEMENT ->
                "no significant ELBO trend (t < " + tol + ") over the last " + window + " evaluations, at most "
                        + maxSteps + " steps";
        };
    }
}
