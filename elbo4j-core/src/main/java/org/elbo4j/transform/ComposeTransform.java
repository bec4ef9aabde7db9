package org.elbo4j.transform;

import java.util.ArrayList;
import java.util.List;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * A chain of transforms applied left to right: f = f_n ∘ … ∘ f_1; log|det J| adds the parts, each summed down
 * to the chain's event rank (the largest of the parts').
 */
public final class ComposeTransform implements Transform {
    private final List<Transform> parts;
    private final int eventRank;

    private ComposeTransform(List<Transform> parts) {
        this.parts = List.copyOf(parts);
        int r = 0;
        for (Transform t : parts) r = Math.max(r, t.eventRank());
        this.eventRank = r;
    }

    /** The chain {@code first} then {@code second} (flattening nested chains). */
    public static Transform of(Transform... ts) {
        List<Transform> all = new ArrayList<>();
        for (Transform t : ts) {
            if (t instanceof ComposeTransform c) all.addAll(c.parts);
            else all.add(t);
        }
        if (all.size() == 1) return all.get(0);
        return new ComposeTransform(all);
    }

    /** The parts, in application order. */
    public List<Transform> parts() { return parts; }

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

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        Tensor total = null;
        Tensor cur = x;
        for (Transform t : parts) {
            Tensor next = t.forward(cur);
            Tensor part = t.logAbsDetJacobian(cur, next);
            // Sum the part's remaining event dimensions down to the chain's event rank.
            for (int k = t.eventRank(); k < eventRank; k++) part = part.sum(-1);
            total = total == null ? part : total.add(part);
            cur = next;
        }
        return total;
    }

    @Override public Constraint domain() { return parts.get(0).domain(); }
    @Override public Constraint codomain() { return parts.get(parts.size() - 1).codomain(); }
    @Override public int eventRank() { return eventRank; }

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
        for (int i = 0; i < parts.size(); i++) sb.append(i == 0 ? "" : ", ").append(parts.get(i).name());
        return sb.append(')').toString();
    }
}
