package org.elbo4j.autodiff;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.elbo4j.tensor.Adjoints;
import org.elbo4j.tensor.Tape;
import org.elbo4j.tensor.Tensor;

/**
 * Reverse-mode automatic differentiation of functions of tensors.
 *
 * <p>Each call makes a fresh {@link Tape}, puts the parameters on it as leaves, runs the function (every op on
 * a tracked input records a backward rule), then runs the rules in reverse creation order. Calls share no
 * mutable state, so threads may differentiate at the same time, each with its own call.
 *
 * <pre>{@code
 * Tensor w = Tensor.of(0.5, -0.25);
 * ValueAndGrad vg = Autodiff.valueAndGrad(List.of(w), p -> p.get(0).square().sum());
 * vg.valueAsDouble();   // 0.3125
 * vg.gradient(0);       // [1.0, -0.5]
 * }</pre>
 */
public final class Autodiff {
    private Autodiff() {}

    /**
     * The value of {@code f} at {@code params} and its gradient.
     *
     * @param params the point; the function receives tracked copies, in the same order
     * @param f      must return a one-element tensor
     * @throws IllegalArgumentException if {@code f} returns more than one element, or a tensor tracked by another
     *                                  gradient evaluation
     */
    public static ValueAndGrad valueAndGrad(List<Tensor> params, Function<List<Tensor>, Tensor> f) {
        return run(new Tape(), params, f);
    }

    /**
     * As {@link #valueAndGrad}, with every op checked for a NaN or infinity in its output; the
     * {@link org.elbo4j.tensor.NonFiniteException} names the first op that produced one.
     */
    public static ValueAndGrad valueAndGradChecked(List<Tensor> params, Function<List<Tensor>, Tensor> f) {
        return run(new Tape().checkFinite(true), params, f);
    }

    /** Single-parameter form of {@link #valueAndGrad}. */
    public static ValueAndGrad valueAndGrad(Tensor param, Function<Tensor, Tensor> f) {
        return valueAndGrad(List.of(param), p -> f.apply(p.get(0)));
    }

    /** The gradient only. */
    public static List<Tensor> grad(List<Tensor> params, Function<List<Tensor>, Tensor> f) {
        return valueAndGrad(params, f).gradients();
    }

    /**
     * Vector–Jacobian product: {@code seedᵀ·∂f/∂params} for a function with a non-scalar output.
     *
     * @param seed same shape as the output of {@code f}
     * @throws IllegalArgumentException if the seed's shape differs from the output's, or {@code f} returns a tensor
     *                                  tracked by another gradient evaluation
     */
    public static List<Tensor> vjp(List<Tensor> params, Function<List<Tensor>, Tensor> f, Tensor seed) {
        Tape tape = new Tape();
        List<Tensor> leaves = leaves(tape, params);
        Tensor out = f.apply(leaves);
        if (!out.shape().equals(seed.shape())) {
            throw new IllegalArgumentException(
                    "vjp: seed of shape " + seed.shape() + " for an output of shape " + out.shape());
        }
        return collect(tape, out, seed.toArray(), params, leaves);
    }

    private static ValueAndGrad run(Tape tape, List<Tensor> params, Function<List<Tensor>, Tensor> f) {
        List<Tensor> leaves = leaves(tape, params);
        Tensor out = f.apply(leaves);
        if (out.size() != 1) {
            throw new IllegalArgumentException("valueAndGrad: the function returned shape " + out.shape()
                    + "; a gradient needs a single number (sum it, or use vjp)");
        }
        return new ValueAndGrad(out.detach(), collect(tape, out, new double[] {1.0}, params, leaves));
    }

    private static List<Tensor> leaves(Tape tape, List<Tensor> params) {
        List<Tensor> leaves = new ArrayList<>(params.size());
        for (Tensor p : params) leaves.add(tape.leaf(p.detach()));
        return leaves;
    }

    private static List<Tensor> collect(
            Tape tape, Tensor out, double[] seed, List<Tensor> params, List<Tensor> leaves) {
        List<Tensor> grads = new ArrayList<>(params.size());
        if (out.tape() != null && out.tape() != tape) {
            throw new IllegalArgumentException("the function returned a tensor of shape " + out.shape()
                    + " tracked by another gradient evaluation (a tensor leaked from an earlier call?); detach() it");
        }
        if (out.tape() != tape) { // the output does not depend on any parameter
            for (Tensor p : params) grads.add(Tensor.zeros(p.shape().dims()));
            return grads;
        }
        Adjoints adj = tape.backward(out, seed);
        for (int i = 0; i < leaves.size(); i++) {
            double[] g = adj.of(leaves.get(i));
            grads.add(Tensor.wrap(g.clone(), params.get(i).shape()));
        }
        return grads;
    }
}
