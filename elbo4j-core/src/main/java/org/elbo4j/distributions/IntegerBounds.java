package org.elbo4j.distributions;

import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;
import org.elbo4j.transform.Constraints;

/**
 * The integers 0, 1, …, n with a batched upper bound n (Binomial's support, torch's
 * {@code integer_interval(0, total_count)}): a discrete, elementwise constraint whose bound broadcasts against
 * the value. A scalar bound that fits an int gives the plain {@link Constraints#integerInterval}.
 */
final class IntegerBounds implements Constraint {
    private final Tensor upper;

    private IntegerBounds(Tensor upper) {
        this.upper = upper.detach();
    }

    /** {0, 1, …, upper}, elementwise. */
    static Constraint upTo(Tensor upper) {
        if (upper.rank() == 0 && upper.item() <= Integer.MAX_VALUE)
            return Constraints.integerInterval(0, (int) upper.item());
        return new IntegerBounds(upper);
    }

    @Override
    public String name() {
        return "integerInterval(0, " + upper + ")";
    }

    @Override
    public boolean isDiscrete() {
        return true;
    }

    /** 1 where x is an integer in [0, n]; shape: the broadcast of the value and the bound. */
    @Override
    public Tensor check(Tensor value) {
        Shape s = Shape.broadcast(name(), value.shape(), upper.shape());
        Tensor x = value.detach().broadcastTo(s), n = upper.broadcastTo(s);
        double[] m = new double[s.size()];
        for (int i = 0; i < m.length; i++) {
            double v = x.at(i);
            m[i] = v >= 0 && v <= n.at(i) && v == Math.rint(v) ? 1 : 0;
        }
        return Tensor.wrap(m, s);
    }

    @Override
    public String toString() {
        return name();
    }
}
