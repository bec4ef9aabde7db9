package org.elbo4j.tensor;

/**
 * What has been established or computed about a tensor's (immutable) values, remembered on the tensor: observed data
 * and a model's constants are the same tensors on every step, and are checked or transformed on every step.
 *
 * <p>Immutable, and replaced whole: a tensor holds one reference to it (which costs nothing, the object padding of
 * a tensor having room for it; three separate fields made every tensor, the most allocated object of an SVI step,
 * half as large again). Its fields are final, so a thread that sees a Facts sees all of it, the column-major array's
 * contents included; two threads that add facts at once may lose one, which only means computing it again.
 */
final class Facts {
    static final byte FINITE = 1, ZERO_OR_ONE = 2;
    static final Facts NONE = new Facts((byte) 0, null, null);

    final byte flags;
    /** The column-major copy of a constant narrow matrix (see {@code LinearAlgebra.gemv}), or null. */
    final double[] columnMajor;
    /** Σ log of the values of a constant, or null. */
    final Double sumOfLogs;

    private Facts(byte flags, double[] columnMajor, Double sumOfLogs) {
        this.flags = flags;
        this.columnMajor = columnMajor;
        this.sumOfLogs = sumOfLogs;
    }

    static Facts of(Tensor t) {
        Facts f = t.facts;
        return f == null ? NONE : f;
    }

    boolean has(byte flag) {
        return (flags & flag) != 0;
    }

    Facts withFlags(byte more) {
        return new Facts((byte) (flags | more), columnMajor, sumOfLogs);
    }

    Facts withColumnMajor(double[] a) {
        return new Facts(flags, a, sumOfLogs);
    }

    Facts withSumOfLogs(double s) {
        return new Facts(flags, columnMajor, s);
    }
}
