package org.elbo4j.vae;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elbo4j.checkpoint.Checkpoint;
import org.elbo4j.checkpoint.CheckpointFormat;
import org.elbo4j.optim.OptimizerState;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * Everything a {@link VaeTrainer} needs to continue bit-identically after {@code epoch} epochs, as a value: the
 * settings it was built with (checked on resume), the parameters, the optimizer's state, the training stream's
 * state and the metrics so far. Plain numbers and strings, so a checkpoint writer can store it in any documented
 * format; {@link #toCheckpoint()} gives it as a {@link Checkpoint} of kind {@code "vae"} for elbo4j's own
 * ({@link CheckpointFormat}, {@code docs/checkpoint-format.md}); never Java serialization.
 *
 * @param settings  the model's and trainer's settings as text ({@link VaeTrainer#settings()}), in a fixed order
 * @param epoch     epochs completed
 * @param params    the parameters by name, in the store's order
 * @param optimizer the optimizer's {@link org.elbo4j.optim.Optimizer#saveState()}
 * @param rng       the state of the training stream after epoch {@code epoch}
 * @param history   one entry per completed epoch
 */
public record TrainingState(
        Map<String, String> settings,
        int epoch,
        Map<String, Tensor> params,
        OptimizerState optimizer,
        RandomStream.State rng,
        List<EpochMetrics> history) {
    /** Copies the collections (keeping their order) and makes them unmodifiable. */
    public TrainingState {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        history = List.copyOf(history);
        if (epoch < 0) throw new IllegalArgumentException("TrainingState: epoch must be >= 0, got " + epoch);
        if (history.size() != epoch) {
            throw new IllegalArgumentException(
                    "TrainingState: " + history.size() + " metric rows for " + epoch + " epochs");
        }
    }

    /** The {@link Checkpoint#kind()} of a VAE training state. */
    public static final String KIND = "vae";

    /** The name of the random stream in the checkpoint. */
    private static final String TRAIN_RNG = "train";

    /**
     * This state as a {@link Checkpoint} of kind {@code "vae"}: step = epochs, the training stream as {@code "train"},
     * and the metrics as the run tensor {@code "history"} of shape [epochs, 7], one row per epoch with the columns
     * {@link CheckpointFormat#LEGACY_HISTORY_COLUMNS} (epoch, trainElbo, testElbo, seconds, evalSeconds,
     * skippedSteps, learningRate).
     */
    public Checkpoint toCheckpoint() {
        int cols = CheckpointFormat.LEGACY_HISTORY_COLUMNS.size();
        double[] h = new double[history.size() * cols];
        for (int r = 0; r < history.size(); r++) {
            EpochMetrics m = history.get(r);
            double[] row = {
                m.epoch(), m.trainElbo(), m.testElbo(), m.seconds(), m.evalSeconds(), m.skippedSteps(), m.learningRate()
            };
            System.arraycopy(row, 0, h, r * cols, cols);
        }
        return new Checkpoint(
                KIND,
                epoch,
                settings,
                params,
                optimizer,
                Map.of(TRAIN_RNG, rng),
                Map.of(),
                Map.of("history", Tensor.wrap(h, Shape.of(history.size(), cols))),
                Map.of());
    }

    /**
     * The state a {@link Checkpoint} of kind {@code "vae"} holds (see {@link #toCheckpoint()}).
     *
     * @throws IllegalArgumentException if the checkpoint is of another kind, or its history is malformed
     */
    public static TrainingState fromCheckpoint(Checkpoint c) {
        if (!KIND.equals(c.kind())) {
            throw new IllegalArgumentException("not a VAE checkpoint: its kind is '" + c.kind() + "'");
        }
        if (c.step() > Integer.MAX_VALUE) throw new IllegalArgumentException("epoch " + c.step() + " is too large");
        Tensor h = c.tensor("history");
        int cols = CheckpointFormat.LEGACY_HISTORY_COLUMNS.size();
        if (h.shape().rank() != 2 || h.shape().dims()[1] != cols) {
            throw new IllegalArgumentException(
                    "run tensor 'history' has shape " + h.shape() + ", expected [epochs, " + cols + "]");
        }
        List<EpochMetrics> history = new java.util.ArrayList<>();
        for (int r = 0; r < h.shape().dims()[0]; r++) {
            int o = r * cols;
            history.add(new EpochMetrics(
                    whole(h.at(o), "epoch"),
                    h.at(o + 1),
                    h.at(o + 2),
                    h.at(o + 3),
                    h.at(o + 4),
                    whole(h.at(o + 5), "skippedSteps"),
                    h.at(o + 6)));
        }
        return new TrainingState(
                c.settings(), (int) c.step(), c.params(), c.optimizer(), c.rngState(TRAIN_RNG), history);
    }

    private static int whole(double v, String what) {
        if (!(v >= 0 && v <= Integer.MAX_VALUE && v == Math.rint(v))) {
            throw new IllegalArgumentException("history: " + what + " must be a whole number >= 0, got " + v);
        }
        return (int) v;
    }
}
