package org.elbo4j.vae;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elbo4j.optim.OptimizerState;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;

/**
 * Everything a {@link VaeTrainer} needs to continue bit-identically after {@code epoch} epochs, as a value: the
 * settings it was built with (checked on resume), the parameters, the optimizer's state, the training stream's
 * state and the metrics so far. Plain numbers and strings, so a checkpoint writer can store it in any documented
 * format (the CLI's is {@code docs/checkpoint-format.md}); never Java serialization.
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
}
