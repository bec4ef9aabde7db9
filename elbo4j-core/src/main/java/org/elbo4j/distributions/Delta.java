package org.elbo4j.distributions;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;
import org.elbo4j.transform.Constraints;

/**
 * A point mass at {@code value} carrying an optional log density (Pyro's Delta): logProb(value) returns
 * {@code logDensity}, any other value −∞. Auto-guides use it for the constrained sites they compute from a
 * joint latent draw, with logDensity = −log|det J| of the constraining transform.
 *
 * <p><b>Reparameterization:</b> the draw is {@code value} itself, so gradients flow into it.
 */
public final class Delta implements Distribution {
    private final Tensor value;
    private final Tensor logDensity;
    private final int eventRank;

    private Delta(Tensor value, Tensor logDensity, int eventRank) {
        this.value = value;
        this.logDensity = logDensity;
        this.eventRank = eventRank;
    }

    /**
     * @param value      the atom
     * @param logDensity shape = value's shape without its last {@code eventRank} dimensions (or broadcasting to it)
     * @param eventRank  how many trailing dimensions of value form one event
     */
    public static Delta of(Tensor value, Tensor logDensity, int eventRank) {
        if (eventRank < 0 || eventRank > value.rank()) {
            throw new IllegalArgumentException(
                    "Delta: event rank " + eventRank + " does not fit value of shape " + value.shape());
        }
        return new Delta(value, logDensity, eventRank);
    }

    /** A point mass with log density 0 and the whole value as one event. */
    public static Delta of(Tensor value) {
        return of(value, Tensor.scalar(0.0), value.rank());
    }

    @Override
    public Shape batchShape() {
        return value.shape().dropLast(eventRank);
    }

    @Override
    public Shape eventShape() {
        return Shape.of(value.shape().dims()).dropFirst(value.rank() - eventRank);
    }

    @Override
    public Constraint support() {
        return Constraints.REAL;
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    @Override
    public Tensor sample(RandomStream rng, Shape sampleShape) {
        return rsample(rng, sampleShape).detach();
    }

    @Override
    public Tensor rsample(RandomStream rng, Shape sampleShape) {
        if (sampleShape.size() == 1 && sampleShape.rank() == 0) return value;
        return value.broadcastTo(value.shape().prepend(sampleShape));
    }

    @Override
    public Tensor logProb(Tensor v) {
        if (v == value)
            return logDensity.shape().equals(batchShape()) ? logDensity : logDensity.broadcastTo(batchShape());
        Distributions.checkValue(this, v);
        Shape out = v.shape().dropLast(eventRank);
        if (v.valueEquals(value) || v.shape().equals(value.shape()) && sameValues(v))
            return logDensity.broadcastTo(out);
        double[] m = new double[out.size()];
        int ev = Math.max(1, eventShape().size());
        for (int j = 0; j < m.length; j++) {
            boolean eq = true;
            for (int i = 0; i < ev; i++) eq &= v.at(j * ev + i) == value.at((j * ev + i) % value.size());
            m[j] = eq ? 1 : 0;
        }
        return Tensor.where(Tensor.wrap(m, out), logDensity.broadcastTo(out), Tensor.scalar(Double.NEGATIVE_INFINITY));
    }

    private boolean sameValues(Tensor v) {
        for (int i = 0; i < v.size(); i++) if (v.at(i) != value.at(i)) return false;
        return true;
    }

    @Override
    public Tensor mean() {
        return value;
    }

    @Override
    public Tensor variance() {
        return value.mul(0.0);
    }
}
