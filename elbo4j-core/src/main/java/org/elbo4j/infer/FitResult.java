package org.elbo4j.infer;

import java.util.List;
import org.elbo4j.diag.Summary;

/**
 * What {@link DefaultFit} did and found: one {@link Attempt} per guide family tried (mean-field, and the richer
 * family when mean-field was not trusted), each with every restart — failed and unconverged ones included — and
 * the verdict on its kept q; and which attempt is the answer.
 *
 * @param settings the settings used
 * @param attempts in the order tried
 * @param answer   index into {@code attempts} of the answer
 * @param seconds  wall time of everything
 */
public record FitResult(FitSettings settings, List<Attempt> attempts, int answer, double seconds) {
    /**
     * One guide family's restarts and the judged result of the best.
     *
     * @param family   the guide family
     * @param restarts every restart, in order
     * @param chosen   index of the kept restart (highest ELBO among those that did not fail), −1 if all failed
     * @param draws    {@link FitSettings#draws()} draws of the kept q (null if all failed)
     * @param verdict  the verdict on the kept q
     */
    public record Attempt(AutoGuide.Family family, List<Restart> restarts, int chosen, Draws draws, Verdict verdict) {
        /** The kept fit (null if every restart failed). */
        public Fit fit() {
            return chosen < 0 ? null : restarts.get(chosen).fit();
        }

        /** Gradient evaluations of all restarts. */
        public long gradientEvaluations() {
            long n = 0;
            for (Restart r : restarts) n += r.gradientEvaluations();
            return n;
        }
    }

    /** The answer's attempt. */
    public Attempt chosen() {
        return attempts.get(answer);
    }

    /** The verdict on the answer. */
    public Verdict verdict() {
        return chosen().verdict();
    }

    /** The answer's draws. */
    public Draws draws() {
        return chosen().draws();
    }

    /** The answer's fit. */
    public Fit fit() {
        return chosen().fit();
    }

    /** Mean, sd and quantiles of the answer's draws, per scalar. */
    public List<Summary.Row> summary() {
        return Summary.of(draws().names(), draws().values());
    }

    /** Gradient evaluations over every attempt and restart. */
    public long gradientEvaluations() {
        long n = 0;
        for (Attempt a : attempts) n += a.gradientEvaluations();
        return n;
    }

    /** SVI steps over every attempt and restart. */
    public long steps() {
        long n = 0;
        for (Attempt a : attempts) for (Restart r : a.restarts()) n += r.steps();
        return n;
    }
}
