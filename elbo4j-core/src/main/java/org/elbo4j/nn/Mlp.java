package org.elbo4j.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elbo4j.optim.ParamStore;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * A multilayer perceptron of any depth: sizes n<sub>0</sub> → n<sub>1</sub> → … → n<sub>d</sub>, layer i
 * (named {@code "<name>.<i>"}) computing h<sub>i</sub> = f<sub>i</sub>(h<sub>i−1</sub>·W<sub>i</sub> + b<sub>i</sub>)
 * with f<sub>i</sub> the hidden activation for i &lt; d and the output activation for the last layer. Each layer is
 * one fused tape node ({@link Linear}).
 *
 * <pre>{@code
 * Mlp net = Mlp.of("net", new int[] {784, 400, 400, 10}, Activation.RELU, Activation.IDENTITY, Init.xavierUniform());
 * }</pre>
 */
public final class Mlp implements Module {
    private final List<Linear> layers;

    private Mlp(List<Linear> layers) {
        this.layers = Collections.unmodifiableList(layers);
    }

    /**
     * An MLP with the given layer sizes.
     *
     * @param sizes  n<sub>0</sub>, …, n<sub>d</sub> with d ≥ 1, each ≥ 1. Not modified.
     * @param hidden f<sub>1</sub> … f<sub>d−1</sub>
     * @param output f<sub>d</sub>
     * @throws IllegalArgumentException if there are fewer than two sizes or a size is &lt; 1 (naming it)
     */
    public static Mlp of(String name, int[] sizes, Activation hidden, Activation output, Init init) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("Mlp '" + name + "': needs at least an input and an output size, got "
                    + java.util.Arrays.toString(sizes));
        }
        List<Linear> ls = new ArrayList<>();
        for (int i = 1; i < sizes.length; i++) {
            Activation f = i == sizes.length - 1 ? output : hidden;
            ls.add(Linear.of(name + "." + (i - 1), sizes[i - 1], sizes[i])
                    .activation(f)
                    .init(init));
        }
        return new Mlp(ls);
    }

    /** The layers, first to last. */
    public List<Linear> layers() {
        return layers;
    }

    /** n<sub>0</sub>. */
    public int in() {
        return layers.get(0).in();
    }

    /** n<sub>d</sub>. */
    public int out() {
        return layers.get(layers.size() - 1).out();
    }

    @Override
    public Map<String, Shape> parameterShapes() {
        Map<String, Shape> m = new LinkedHashMap<>();
        for (Linear l : layers) m.putAll(l.parameterShapes());
        return m;
    }

    @Override
    public void initialize(ParamStore store, RandomStream rng) {
        for (Linear l : layers) l.initialize(store, rng);
    }

    @Override
    public Tensor forward(Params p, Tensor x) {
        Tensor h = x;
        for (Linear l : layers) h = l.forward(p, h);
        return h;
    }

    @Override
    public String toString() {
        return "Mlp" + layers;
    }
}
