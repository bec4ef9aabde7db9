package org.elbo4j.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.elbo4j.tensor.Tensor;

/**
 * An optimizer's state as a value: its kind, scalar settings (learning rate, step count, ...) and named
 * buffers (e.g. {@code "m/w"}, {@code "v/w"} for Adam's moments of parameter {@code w}). Immutable; a
 * checkpoint writer can serialise it as plain numbers.
 */
public record OptimizerState(String kind, Map<String, Double> scalars, Map<String, Tensor> buffers) {
    /** Copies the maps (in their iteration order) and makes them unmodifiable. */
    public OptimizerState {
        scalars = Collections.unmodifiableMap(new LinkedHashMap<>(scalars));
        buffers = Collections.unmodifiableMap(new LinkedHashMap<>(buffers));
    }
}
