package org.elbo4j.infer;

import java.util.Locale;

/**
 * One independent run of {@link DefaultFit}: how it started, how it ended, and what it cost. Failed and unconverged
 * restarts are kept and reported, not hidden behind the best one.
 *
 * @param family              the guide family
 * @param index               0-based
 * @param seed                the run's seed
 * @param start               how the run started (e.g. "Laplace start (mode search converged after 12 iterations)")
 * @param status              see {@link Status}
 * @param reason              why the status is not {@link Status#CONVERGED} (empty when it is)
 * @param elbo                the ELBO estimated from {@link FitSettings#selectDraws()} draws (NaN when the run failed)
 * @param elboStandardError   its Monte Carlo standard error
 * @param steps               SVI steps (explore and anneal)
 * @param gradientEvaluations gradients of log p computed (SVI draws, the start's mode search and Hessian)
 * @param seconds             wall time
 * @param fit                 the fitted guide, or null when the run failed
 * @param correlation         what the start's Gaussian approximation (Laplace or Pathfinder) says about the
 *                            posterior's correlations (null when the run had no such start)
 */
public record Restart(
        AutoGuide.Family family,
        int index,
        long seed,
        String start,
        Status status,
        String reason,
        double elbo,
        double elboStandardError,
        long steps,
        long gradientEvaluations,
        double seconds,
        Fit fit,
        Correlation correlation) {
    /**
     * The smallest ratio, over the unconstrained coordinates, of a coordinate's conditional sd (given the others)
     * to its marginal sd in a Gaussian approximation N(m, Σ): √(1/(Σ⁻¹)_ii) / √Σ_ii. It is 1 when the coordinate
     * is uncorrelated with the others; a mean-field q of a Gaussian posterior has exactly the conditional sds, so
     * its sd of that coordinate is this fraction of the posterior's.
     *
     * @param ratio      the smallest ratio
     * @param coordinate the latent site (and 1-based element) where it occurs
     */
    public record Correlation(double ratio, String coordinate) {}

    /** How a restart ended. */
    public enum Status {
        /** Its stopping rule fired and its ELBO is finite and level with the best restart's. */
        CONVERGED,
        /** It ran, but its ELBO is far below another restart's or its stopping rule never fired. */
        NOT_CONVERGED,
        /** It threw (e.g. SVI gave up after repeated non-finite steps) or its ELBO is not finite. */
        FAILED
    }

    /** The same restart with another status. */
    Restart withStatus(Status s, String why) {
        return new Restart(
                family,
                index,
                seed,
                start,
                s,
                why,
                elbo,
                elboStandardError,
                steps,
                gradientEvaluations,
                seconds,
                fit,
                correlation);
    }

    /** One line, e.g. "restart 2: converged, ELBO -123.4 ± 0.05, 4100 steps, 41200 gradients, 1.2 s". */
    public String describe() {
        String st = status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return String.format(
                Locale.ROOT,
                "restart %d: %s%s, ELBO %.6g ± %.2g, %d steps, %d gradients, %.2f s; %s",
                index + 1,
                st,
                reason.isEmpty() ? "" : " (" + reason + ")",
                elbo,
                elboStandardError,
                steps,
                gradientEvaluations,
                seconds,
                start);
    }
}
