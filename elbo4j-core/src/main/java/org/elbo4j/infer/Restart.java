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
 * @param cost                where the run's work went, phase by phase
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
        Correlation correlation,
        Cost cost) {
    /** A restart whose cost was not broken down by phase (all of it counted in {@code gradientEvaluations}). */
    public Restart(
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
        this(
                family,
                index,
                seed,
                start,
                status,
                reason,
                elbo,
                elboStandardError,
                steps,
                gradientEvaluations,
                seconds,
                fit,
                correlation,
                Cost.NONE);
    }

    /**
     * Where a run's work went. Gradients of log p: the start (mode search and Hessian; 0 when an earlier family's
     * run with the same index already computed that start), the explore phase and the annealing phase (steps ×
     * draws per step, undone steps included). Evaluations of log p without a gradient: the stopping rules' ELBO
     * evaluations and the final ELBO estimate that ranks the restarts.
     *
     * @param startGradients     mode search and Hessian by finite differences of gradients
     * @param exploreSteps       SVI steps before annealing
     * @param exploreGradients   their gradients
     * @param annealSteps        annealing steps
     * @param annealGradients    their gradients
     * @param evaluationDraws    draws of the stopping rules' ELBO evaluations (log p, no gradient)
     * @param selectionDraws     draws of the final ELBO estimate (log p, no gradient)
     */
    public record Cost(
            long startGradients,
            long exploreSteps,
            long exploreGradients,
            long annealSteps,
            long annealGradients,
            long evaluationDraws,
            long selectionDraws) {
        /** No breakdown. */
        public static final Cost NONE = new Cost(0, 0, 0, 0, 0, 0, 0);
    }

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
        FAILED,
        /**
         * Its SVI steps were not run: the start already showed that this guide family cannot be trusted here (see
         * {@link FitSettings#skipHopelessMeanField}); its q is the start's.
         */
        SKIPPED
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
                correlation,
                cost);
    }

    /** One line, e.g. "restart 2: converged, ELBO -123.4 ± 0.05, 4100 steps, 41200 gradients, 1.2 s". */
    public String describe() {
        String st = status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return String.format(
                Locale.ROOT,
                "restart %d: %s%s, ELBO %.6g ± %.2g, %d steps, %d gradients%s, %.2f s; %s",
                index + 1,
                st,
                reason.isEmpty() ? "" : " (" + reason + ")",
                elbo,
                elboStandardError,
                steps,
                gradientEvaluations,
                cost.equals(Cost.NONE)
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                " (start %d, explore %d, anneal %d)",
                                cost.startGradients(),
                                cost.exploreGradients(),
                                cost.annealGradients()),
                seconds,
                start);
    }
}
