package org.elbo4j.nn;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.elbo4j.optim.ParamStore;
import org.elbo4j.tensor.Adjoints;
import org.elbo4j.tensor.Tape;
import org.elbo4j.tensor.Tensor;

/**
 * The value of a scalar loss and its gradient with respect to every parameter of a {@link ParamStore}, by name:
 * what an {@link org.elbo4j.optim.Optimizer} step takes.
 *
 * <pre>{@code
 * ParamGradients r = ParamGradients.valueAndGrad(store, p -> net.forward(p, x).square().mean());
 * optimizer.step(store, r.gradients());
 * }</pre>
 *
 * @param value     the loss
 * @param gradients ∂loss/∂θ for every parameter θ of the store, in the store's order, same shapes (zeros for a
 *                  parameter the loss does not depend on); constants
 */
public record ParamGradients(double value, Map<String, Tensor> gradients) {
    /** Makes the map unmodifiable (keeps its order). */
    public ParamGradients {
        gradients = Collections.unmodifiableMap(gradients);
    }

    /**
     * Evaluates {@code loss} on a fresh tape whose leaves are the store's values, then runs the backward pass.
     *
     * @param loss must return a one-element tensor
     * @throws IllegalArgumentException if the loss has more than one element, or the function asks for a
     *         parameter the store does not have (naming it)
     */
    public static ParamGradients valueAndGrad(ParamStore store, Function<Params, Tensor> loss) {
        Tape tape = new Tape();
        Map<String, Tensor> leaves = new HashMap<>();
        for (Map.Entry<String, Tensor> e : store.asMap().entrySet()) leaves.put(e.getKey(), tape.leaf(e.getValue()));
        Tensor out = loss.apply(name -> {
            Tensor t = leaves.get(name);
            if (t == null)
                throw new IllegalArgumentException("no parameter named '" + name + "'; known: " + store.names());
            return t;
        });
        if (out.size() != 1) {
            throw new IllegalArgumentException(
                    "ParamGradients: the loss has shape " + out.shape() + "; it must be a single number");
        }
        Map<String, Tensor> grads = new LinkedHashMap<>();
        if (out.tape() != tape) { // no parameter reached the output
            for (Map.Entry<String, Tensor> e : store.asMap().entrySet()) {
                grads.put(e.getKey(), Tensor.zeros(e.getValue().shape().dims()));
            }
            return new ParamGradients(out.item(), grads);
        }
        Adjoints adj = tape.backward(out, new double[] {1.0});
        for (Map.Entry<String, Tensor> e : store.asMap().entrySet()) {
            // The adjoint buffer belongs to this call only: wrap it without copying.
            grads.put(
                    e.getKey(),
                    Tensor.wrap(adj.of(leaves.get(e.getKey())), e.getValue().shape()));
        }
        return new ParamGradients(out.item(), grads);
    }
}
