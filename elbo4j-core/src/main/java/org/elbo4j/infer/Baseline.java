package org.elbo4j.infer;

/**
 * A control variate for the score-function estimator: b is subtracted from the learning signal
 * (log p − log q) before it multiplies ∇ log q. Any b independent of the current draw keeps the estimator
 * unbiased (E[∇ log q] = 0) and a good b lowers its variance.
 *
 * <blockquote>R. Ranganath, S. Gerrish and D. M. Blei, "Black Box Variational Inference", AISTATS 2014.
 * W. Kool, H. van Hoof and M. Welling, "Buy 4 REINFORCE samples, get a baseline for free!", ICLR workshop 2019
 * (leave-one-out).</blockquote>
 */
public final class Baseline {
    enum Kind {
        NONE,
        RUNNING_MEAN,
        LEAVE_ONE_OUT
    }

    final Kind kind;
    final double decay;

    private Baseline(Kind kind, double decay) {
        this.kind = kind;
        this.decay = decay;
    }

    /** No baseline: b = 0. */
    public static Baseline none() {
        return new Baseline(Kind.NONE, 0);
    }

    /** b = exponential moving average of past ELBO estimates, b ← decay·b + (1 − decay)·elbo. */
    public static Baseline runningMean(double decay) {
        if (!(decay >= 0 && decay < 1))
            throw new IllegalArgumentException("runningMean: decay must be in [0, 1), got " + decay);
        return new Baseline(Kind.RUNNING_MEAN, decay);
    }

    /** Running mean with decay 0.9. */
    public static Baseline runningMean() {
        return runningMean(0.9);
    }

    /** b_l = mean of the other L − 1 particles' learning signals (needs L ≥ 2). */
    public static Baseline leaveOneOut() {
        return new Baseline(Kind.LEAVE_ONE_OUT, 0);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "none";
            case RUNNING_MEAN -> "runningMean(" + decay + ")";
            case LEAVE_ONE_OUT -> "leaveOneOut";
        };
    }
}
