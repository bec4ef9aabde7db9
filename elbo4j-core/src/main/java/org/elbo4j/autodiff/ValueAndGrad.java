package org.elbo4j.autodiff;

import java.util.List;
import org.elbo4j.tensor.Tensor;

/**
 * The value of a scalar function and its gradient with respect to each parameter, in the parameters' order
 * and shapes. Both are constants (no tape).
 */
public record ValueAndGrad(Tensor value, List<Tensor> gradients) {
    /** Copies {@code gradients} into an unmodifiable list. */
    public ValueAndGrad {
        gradients = List.copyOf(gradients);
    }

    /** The value as a double. */
    public double valueAsDouble() {
        return value.item();
    }

    /** The gradient with respect to parameter {@code i}. */
    public Tensor gradient(int i) {
        return gradients.get(i);
    }
}
