package org.elbo4j.vae;

/**
 * What one training epoch measured.
 *
 * @param epoch        1 for the first epoch
 * @param trainElbo    mean per-datapoint ELBO estimate over the epoch's minibatches, in nats (the running value,
 *                     with the parameters changing during the epoch, as PyTorch scripts report it)
 * @param testElbo     per-datapoint ELBO of the test set after the epoch (estimator B, L = 1, the same draws every
 *                     epoch), in nats; NaN without a test set or when the epoch was not evaluated
 * @param seconds      wall time of the epoch's training steps (not the test evaluation)
 * @param evalSeconds  wall time of the test evaluation (0 when there was none)
 * @param skippedSteps steps undone because the gradient or the update was not finite (each halves the learning rate)
 * @param learningRate the optimizer's base learning rate at the end of the epoch
 */
public record EpochMetrics(
        int epoch,
        double trainElbo,
        double testElbo,
        double seconds,
        double evalSeconds,
        int skippedSteps,
        double learningRate) {
    /** The same metrics with both timings zeroed: what must agree bit for bit between two runs of one seed. */
    public EpochMetrics withoutTimings() {
        return new EpochMetrics(epoch, trainElbo, testElbo, 0, 0, skippedSteps, learningRate);
    }
}
