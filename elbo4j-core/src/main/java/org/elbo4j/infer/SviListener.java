package org.elbo4j.infer;

/** Callbacks from a running {@link Svi} (progress bars, logging). Called on the fitting thread. */
public interface SviListener {
    /** After each successful step, with the step's ELBO estimate. */
    default void onStep(long step, double elbo) {}

    /** After each periodic ELBO evaluation (the one the stopping rule reads), with its standard error. */
    default void onEvaluation(long step, double elbo, double standardError) {}

    /** When a step produced a NaN/Inf and was undone; {@code newLearningRate} is the lowered step size. */
    default void onRecovery(long step, String reason, double newLearningRate) {}

    /**
     * When a candidate (a step size tried by the adaptation) was rejected because the model was undefined at a point
     * on its path; {@code what} names the candidate, {@code reason} the model's complaint.
     */
    default void onRejectedCandidate(String what, String reason) {}

    /** Polled before each step: return true to stop early (the fit so far is returned). */
    default boolean stopRequested() {
        return false;
    }
}
