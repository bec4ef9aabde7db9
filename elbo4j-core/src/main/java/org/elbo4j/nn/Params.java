package org.elbo4j.nn;

import org.elbo4j.optim.ParamStore;
import org.elbo4j.tensor.Tensor;

/**
 * Where a layer finds its parameters by name during one evaluation: the constant values of a
 * {@link ParamStore} (inference, evaluation) or their tracked copies on a gradient tape
 * ({@link ParamGradients#valueAndGrad}).
 */
@FunctionalInterface
public interface Params {
    /**
     * The tensor of parameter {@code name}.
     *
     * @throws IllegalArgumentException if there is none (naming it)
     */
    Tensor get(String name);

    /** The store's current values, as constants. */
    static Params of(ParamStore store) {
        return store::get;
    }
}
