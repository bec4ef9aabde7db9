package org.elbo4j.optim;

/**
 * NaN-safe validation of hyper-parameters for the factories and withers of this package. Every message names
 * the optimizer, the hyper-parameter and the offending value.
 */
final class Checks {
    private Checks() {}

    /** {@code v} finite and {@literal > 0}; NaN fails. */
    static double positive(String who, String what, double v) {
        if (!(v > 0 && v < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(who + ": " + what + " must be finite and > 0, got " + v);
        }
        return v;
    }

    /** {@code v} finite and {@literal >= 0}; NaN fails. */
    static double nonNegative(String who, String what, double v) {
        if (!(v >= 0 && v < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(who + ": " + what + " must be finite and >= 0, got " + v);
        }
        return v;
    }

    /** {@code v} in [0, 1); NaN fails. */
    static double unitInterval(String who, String what, double v) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(who + ": " + what + " must be in [0, 1), got " + v);
        }
        return v;
    }

    /** {@code v} in (0, 1]; NaN fails. */
    static double openClosedUnit(String who, String what, double v) {
        if (!(v > 0 && v <= 1)) {
            throw new IllegalArgumentException(who + ": " + what + " must be in (0, 1], got " + v);
        }
        return v;
    }

    /** The learning rate: finite and {@literal > 0}. */
    static double learningRate(String who, double lr) {
        return positive(who, "learning rate", lr);
    }

    /** Non-null schedule. */
    static Schedule schedule(String who, Schedule s) {
        if (s == null) throw new IllegalArgumentException(who + ": schedule must not be null");
        return s;
    }
}
