package org.elbo4j.transform;

import java.util.ArrayList;
import java.util.List;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * A chain of transforms applied left to right: f = f_n ∘ … ∘ f_1; log|det J| adds the parts (chain rule:
 * det(J_n ⋯ J_1) = Π det J_k), each summed down to the chain's batch shape.
 *
 * <p>Event ranks: part k acts on d_k trailing dimensions of its input and produces c_k
 * ({@link Transform#eventRank()}, {@link Transform#codomainEventRank()}). Before part k the input has gained
 * s_k = Σ_{l&lt;k} (c_l − d_l) dimensions, so the chain needs D = max_k (d_k − s_k) (and at least 0) trailing
 * dimensions of x; part k's log|J| is summed over its D + s_k − d_k extra trailing dimensions. The chain's
 * codomain rank is D + s_n.
 */
public final class ComposeTransform implements Transform {
    private final List<Transform> parts;
    private final int eventRank, codomainEventRank;

    private ComposeTransform(List<Transform> parts) {
        this.parts = List.copyOf(parts);
        int d = 0, shift = 0;
        for (Transform t : parts) {
            d = Math.max(d, t.eventRank() - shift);
            shift += t.codomainEventRank() - t.eventRank();
        }
        this.eventRank = d;
        this.codomainEventRank = d + shift;
    }

    /**
     * The chain {@code ts[0]}, then {@code ts[1]}, … (nested chains are flattened).
     *
     * @throws IllegalArgumentException if no transform is given
     */
    public static Transform of(Transform... ts) {
        List<Transform> all = new ArrayList<>();
        for (Transform t : ts) {
            if (t instanceof ComposeTransform c) all.addAll(c.parts);
            else all.add(t);
        }
        if (all.isEmpty()) throw new IllegalArgumentException("ComposeTransform.of: no transforms given");
        if (all.size() == 1) return all.get(0);
        return new ComposeTransform(all);
    }

    /** The parts, in application order. */
    public List<Transform> parts() {
        return parts;
    }

    @Override
    public Tensor forward(Tensor x) {
        for (Transform t : parts) x = t.forward(x);
        return x;
    }

    @Override
    public Tensor inverse(Tensor y) {
        for (int i = parts.size() - 1; i >= 0; i--) y = parts.get(i).inverse(y);
        return y;
    }

    /** Recomputes the intermediate values from x (y is not used). */
    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        Tensor total = null;
        Tensor cur = x;
        int shift = 0;
        for (Transform t : parts) {
            Tensor next = t.forward(cur);
            Tensor part = t.logAbsDetJacobian(cur, next);
            for (int k = t.eventRank(); k < eventRank + shift; k++) part = part.sum(-1);
            total = total == null ? part : total.add(part);
            shift += t.codomainEventRank() - t.eventRank();
            cur = next;
        }
        return total;
    }

    @Override
    public Constraint domain() {
        return parts.get(0).domain();
    }

    @Override
    public Constraint codomain() {
        return parts.get(parts.size() - 1).codomain();
    }

    @Override
    public int eventRank() {
        return eventRank;
    }

    @Override
    public int codomainEventRank() {
        return codomainEventRank;
    }

    @Override
    public Shape forwardShape(Shape x) {
        for (Transform t : parts) x = t.forwardShape(x);
        return x;
    }

    @Override
    public Shape inverseShape(Shape y) {
        for (int i = parts.size() - 1; i >= 0; i--) y = parts.get(i).inverseShape(y);
        return y;
    }

    @Override
    public String name() {
        StringBuilder sb = new StringBuilder("compose(");
        for (int i = 0; i < parts.size(); i++)
            sb.append(i == 0 ? "" : ", ").append(parts.get(i).name());
        return sb.append(')').toString();
    }
}
