package org.elbo4j.distributions;

import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * Helpers shared by the families: parameter validation with messages that name the family, the parameter and
 * the value; value validation; the shape of a draw.
 */
public final class Distributions {
    private Distributions() {}

    /** A double as a scalar tensor. */
    static Tensor t(double v) {
        return Tensor.scalar(v);
    }

    /**
     * Requires every element of a parameter to be finite and {@code > 0}.
     *
     * @throws IllegalArgumentException e.g. "Normal: scale must be > 0, got -1.0 (at index 0)"
     */
    public static Tensor requirePositive(String family, String param, Tensor v) {
        for (int i = 0; i < v.size(); i++) {
            double x = v.at(i);
            if (!(x > 0) || x == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException(
                        family + ": " + param + " must be > 0 and finite, got " + x + at(v, i));
            }
        }
        return v;
    }

    /** Requires every element to be finite. */
    public static Tensor requireFinite(String family, String param, Tensor v) {
        for (int i = 0; i < v.size(); i++) {
            if (!Double.isFinite(v.at(i))) {
                throw new IllegalArgumentException(
                        family + ": " + param + " must be finite, got " + v.at(i) + at(v, i));
            }
        }
        return v;
    }

    /** Requires every element to lie in [lo, hi]. */
    public static Tensor requireInRange(String family, String param, Tensor v, double lo, double hi) {
        for (int i = 0; i < v.size(); i++) {
            double x = v.at(i);
            if (!(x >= lo && x <= hi)) {
                throw new IllegalArgumentException(
                        family + ": " + param + " must be in [" + lo + ", " + hi + "], got " + x + at(v, i));
            }
        }
        return v;
    }

    private static String at(Tensor v, int i) {
        return v.size() == 1 ? "" : " (at flat index " + i + " of shape " + v.shape() + ")";
    }

    /** {@link #batchShape(String, Tensor...)} of two parameters, without the varargs array (every two-parameter family). */
    public static Shape batchShape(String family, Tensor a, Tensor b) {
        return Shape.broadcast(family, a.shape(), b.shape());
    }

    /** The broadcast batch shape of several parameters. */
    public static Shape batchShape(String family, Tensor... params) {
        Shape s = Shape.SCALAR;
        for (Tensor p : params) s = Shape.broadcast(family, s, p.shape());
        return s;
    }

    /** {@code sampleShape + batchShape + eventShape}. */
    public static Shape drawShape(Distribution d, Shape sampleShape) {
        return d.eventShape().prepend(d.batchShape()).prepend(sampleShape);
    }

    /**
     * Checks that a value fits a distribution: no NaN, trailing dimensions equal to the event shape, and batch
     * dimensions broadcasting against the batch shape.
     *
     * @throws IllegalArgumentException naming the family and the shapes
     */
    public static void checkValue(Distribution d, Tensor value) {
        Shape ev = d.eventShape();
        if (ev.rank() == 0 && (value.shape() == d.batchShape() || value.shape().equals(d.batchShape()))) {
            // The common case (a draw of this distribution): no shape work, only the NaN scan.
            checkNotNaN(d, value);
            return;
        }
        int r = value.rank(), er = ev.rank();
        if (r < er) {
            throw new IllegalArgumentException(d.name() + ": value of shape " + value.shape()
                    + " has fewer dimensions than the event shape " + ev);
        }
        for (int i = 0; i < er; i++) {
            if (value.dim(r - er + i) != ev.dim(i)) {
                throw new IllegalArgumentException(
                        d.name() + ": value of shape " + value.shape() + " does not end with the event shape " + ev);
            }
        }
        Shape vb = value.shape().dropLast(er);
        if (!vb.equals(d.batchShape())) {
            Shape.broadcast(d.name() + ".logProb (value vs batch shape " + d.batchShape() + ")", vb, d.batchShape());
        }
        checkNotNaN(d, value);
    }

    private static void checkNotNaN(Distribution d, Tensor value) {
        if (!org.elbo4j.tensor.TensorData.anyNaN(value)) return;
        for (int i = 0; i < value.size(); i++) {
            if (Double.isNaN(value.at(i))) {
                throw new IllegalArgumentException(
                        d.name() + ".logProb: value has NaN at flat index " + i + " of shape " + value.shape());
            }
        }
    }

    /**
     * Throws when any event of {@code value} lies outside the support (instead of the −∞ that
     * {@link Distribution#logProb} returns there).
     */
    public static void validate(Distribution d, Tensor value) {
        checkValue(d, value);
        Tensor ok = d.support().check(value);
        for (int i = 0; i < ok.size(); i++) {
            if (ok.at(i) == 0) {
                throw new IllegalArgumentException(d.name() + ": value at position " + i + " of shape " + value.shape()
                        + " is outside the support " + d.support());
            }
        }
    }

    /**
     * Where {@code value} is outside the support, replaces the log density by −∞ (elementwise supports only).
     * Gradients flow through the in-support entries only.
     */
    public static Tensor maskOutside(Distribution d, Tensor value, Tensor logProb) {
        if (d.support().eventRank() == 0 && d.support().contains(value)) return logProb; // the usual case, no mask
        Tensor ok = d.support().check(value);
        boolean all = true;
        for (int i = 0; i < ok.size(); i++) all &= ok.at(i) != 0;
        if (all) return logProb;
        return Tensor.where(ok, logProb, Tensor.scalar(Double.NEGATIVE_INFINITY));
    }
}
