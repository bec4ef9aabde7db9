package org.elbo4j.infer;

/**
 * Progress callbacks from {@link DefaultFit}, called on the fitting thread. Every method has an empty default, so a
 * listener implements only what it shows.
 *
 * <pre>{@code
 * List<String> log = new ArrayList<>();
 * DefaultFit.run(model, FitSettings.defaults(), new FitListener() {
 *     public void onRestartEnd(Restart r) { log.add(r.describe()); }
 * });
 * }</pre>
 */
public interface FitListener {
    /**
     * A restart of {@code family} begins ({@code index} counts from 0 up to {@code of} − 1). The kept restart
     * begins a second time for its annealing, after every restart of the family explored.
     */
    default void onRestartStart(AutoGuide.Family family, int index, int of) {}

    /** After each successful SVI step of the running restart, with the step's ELBO estimate. */
    default void onStep(long step, double elbo) {}

    /**
     * A restart ended (successfully or not): after its explore phase, and for the kept restart once more after its
     * annealing; its status is final only after all restarts of the family ran.
     */
    default void onRestartEnd(Restart restart) {}

    /** All restarts of a family ran and its kept q was judged. */
    default void onAttempt(FitResult.Attempt attempt) {}

    /** Polled before each SVI step: true stops the running phase early (the fit so far is used). */
    default boolean stopRequested() {
        return false;
    }
}
