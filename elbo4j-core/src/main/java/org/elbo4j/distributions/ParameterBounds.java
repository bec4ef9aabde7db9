package org.elbo4j.distributions;

import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;
import org.elbo4j.transform.Constraints;

/**
 * A support whose bounds are batched parameters (torch's dependent constraints): lower ≤ x ≤ upper
 * elementwise, with the bounds broadcasting against the value. Families return the plain
 * {@link Constraints#interval} or {@link Constraints#greaterThanEq} when their bounds are scalars, so that
 * the constraint registry applies; this class covers batched bounds.
 */
final class ParameterBounds implements Constraint {
    private final String name;
    private final Tensor lower, upper; // null = unbounded on that side

    private ParameterBounds(String name, Tensor lower, Tensor upper) {
        this.name = name;
        this.lower = lower == null ? null : lower.detach();
        this.upper = upper == null ? null : upper.detach();
    }

    /** [lower, upper], as {@link Constraints#interval} when both are scalars. */
    static Constraint interval(Tensor lower, Tensor upper) {
        if (lower.rank() == 0 && upper.rank() == 0) return Constraints.interval(lower.item(), upper.item());
        return new ParameterBounds("interval(" + lower + ", " + upper + ")", lower, upper);
    }

    /** [lower, ∞), as {@link Constraints#greaterThanEq} when {@code lower} is a scalar. */
    static Constraint greaterThanEq(Tensor lower) {
        if (lower.rank() == 0) return Constraints.greaterThanEq(lower.item());
        return new ParameterBounds("greaterThanEq(" + lower + ")", lower, null);
    }

    @Override
    public String name() {
        return name;
    }

    /** 1 where lower ≤ x ≤ upper; shape: the broadcast of the value and the bounds. */
    @Override
    public Tensor check(Tensor value) {
        Shape s = value.shape();
        if (lower != null) s = Shape.broadcast(name, s, lower.shape());
        if (upper != null) s = Shape.broadcast(name, s, upper.shape());
        Tensor x = value.detach().broadcastTo(s);
        Tensor lo = lower == null ? null : lower.broadcastTo(s), hi = upper == null ? null : upper.broadcastTo(s);
        double[] m = new double[s.size()];
        for (int i = 0; i < m.length; i++) {
            double v = x.at(i);
            m[i] = (lo == null || v >= lo.at(i)) && (hi == null || v <= hi.at(i)) && !Double.isNaN(v) ? 1 : 0;
        }
        return Tensor.wrap(m, s);
    }

    @Override
    public String toString() {
        return name;
    }
}
