package org.elbo4j.optim;

/**
 * A learning-rate schedule: the factor by which step k (k = {@link Optimizer#steps()} before the step, so 0 for
 * the first) multiplies the base learning rate,
 * \[ \eta_k = \eta \cdot \mathrm{factor}(k). \]
 * A schedule is a pure function of k, so restoring an optimizer's step count restores its place in the schedule.
 * Factors must be finite and ≥ 0 (an optimizer checks before each step).
 *
 * <pre>{@code
 * Optimizer opt = Adam.of(0.01).schedule(Schedule.cosine(10_000, 500));   // 500 warm-up steps, then cosine
 * Schedule.stepDecay(1000, 0.5).factor(2500);                               // 0.25
 * }</pre>
 *
 * <blockquote>I. Loshchilov, F. Hutter. SGDR: stochastic gradient descent with warm restarts. ICLR 2017 (the
 * cosine schedule).<br>
 * P. Goyal et al. Accurate, large minibatch SGD: training ImageNet in 1 hour. arXiv:1706.02677, 2017 (linear
 * warm-up).</blockquote>
 */
@FunctionalInterface
public interface Schedule {

    /**
     * The factor for step {@code step} (0-based).
     *
     * @param step the number of steps taken before this one, ≥ 0
     * @return a finite factor ≥ 0
     */
    double factor(long step);

    /** factor(k) = 1. */
    public static Schedule constant() {
        return step -> 1.0;
    }

    /**
     * Step decay: factor(k) = γ<sup>⌊k / stepSize⌋</sup> (PyTorch's StepLR).
     *
     * @param stepSize steps between decays, ≥ 1
     * @param gamma    the factor per decay, finite and {@literal > 0}
     * @throws IllegalArgumentException naming the argument and its value if it is out of range
     */
    public static Schedule stepDecay(long stepSize, double gamma) {
        if (stepSize < 1) {
            throw new IllegalArgumentException("Schedule.stepDecay: stepSize must be >= 1, got " + stepSize);
        }
        Checks.positive("Schedule.stepDecay", "gamma", gamma);
        return step -> Math.pow(gamma, (double) (step / stepSize));
    }

    /**
     * Exponential decay: factor(k) = γ<sup>k</sup> (PyTorch's ExponentialLR).
     *
     * @param gamma the factor per step, finite and {@literal > 0}
     * @throws IllegalArgumentException naming gamma and its value if it is out of range
     */
    public static Schedule exponential(double gamma) {
        Checks.positive("Schedule.exponential", "gamma", gamma);
        return step -> Math.pow(gamma, (double) step);
    }

    /**
     * Cosine annealing from 1 to 0 over {@code total} steps, then 0: factor(k) = ½(1 + cos(π k / total)) for
     * k {@literal <} total (PyTorch's CosineAnnealingLR with η_min = 0, without restarts).
     *
     * @throws IllegalArgumentException unless {@code total} ≥ 1
     */
    public static Schedule cosine(long total) {
        return cosine(total, 0, 0.0);
    }

    /**
     * Linear warm-up over {@code warmup} steps, then cosine annealing to 0 at step {@code total}:
     * factor(k) = (k + 1)/W for k {@literal <} W, ½(1 + cos(π (k − W)/(T − W))) for W ≤ k {@literal <} T, 0 after.
     *
     * @throws IllegalArgumentException unless 0 ≤ {@code warmup} {@literal <} {@code total}
     */
    public static Schedule cosine(long total, long warmup) {
        return cosine(total, warmup, 0.0);
    }

    /**
     * As {@link #cosine(long, long)} but annealing to {@code floor} instead of 0:
     * \[ \mathrm{factor}(k) = \begin{cases} (k+1)/W &amp; k \lt W \\
     *    f + (1-f)\,\tfrac12\bigl(1 + \cos\bigl(\pi\,\tfrac{k-W}{T-W}\bigr)\bigr) &amp; W \le k \lt T \\
     *    f &amp; k \ge T \end{cases} \]
     * The warm-up ends at factor 1 (step W − 1), so the first annealing step also has factor 1.
     *
     * @param total  T, the step at which the floor is reached, ≥ 1
     * @param warmup W, the number of warm-up steps, 0 ≤ W {@literal <} T
     * @param floor  f, the final factor, in [0, 1]
     * @throws IllegalArgumentException naming the argument and its value if it is out of range
     */
    public static Schedule cosine(long total, long warmup, double floor) {
        if (total < 1) throw new IllegalArgumentException("Schedule.cosine: total must be >= 1, got " + total);
        if (warmup < 0 || warmup >= total) {
            throw new IllegalArgumentException(
                    "Schedule.cosine: warmup must be in [0, total = " + total + "), got " + warmup);
        }
        if (!(floor >= 0 && floor <= 1)) {
            throw new IllegalArgumentException("Schedule.cosine: floor must be in [0, 1], got " + floor);
        }
        double span = total - warmup;
        return step -> {
            if (step < warmup) return (step + 1) / (double) warmup;
            if (step >= total) return floor;
            return floor + (1 - floor) * 0.5 * (1 + Math.cos(Math.PI * ((step - warmup) / span)));
        };
    }
}
