package org.elbo4j.nn;

import java.util.Map;
import org.elbo4j.optim.ParamStore;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * A differentiable map x ↦ f<sub>θ</sub>(x) whose parameters θ live in a {@link ParamStore} under fixed names,
 * so that any optimizer of {@code org.elbo4j.optim} updates them and a checkpoint saves them by name.
 */
public interface Module {
    /** The parameters' names and shapes, in a fixed order. */
    Map<String, Shape> parameterShapes();

    /**
     * Draws initial values for every parameter and puts them in {@code store} (replacing values of the same name).
     *
     * @param rng advanced by the draws, in the order of {@link #parameterShapes()}
     */
    void initialize(ParamStore store, RandomStream rng);

    /**
     * The output for a batch.
     *
     * @param x [..., n<sub>in</sub>]. Not modified.
     * @return [..., n<sub>out</sub>]
     * @throws IllegalArgumentException if the last dimension of {@code x} is not this module's input size
     */
    Tensor forward(Params p, Tensor x);
}
