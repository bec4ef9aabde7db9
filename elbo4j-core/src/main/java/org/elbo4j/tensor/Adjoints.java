package org.elbo4j.tensor;

/**
 * The adjoint buffers of one backward pass, indexed by the tensors of its tape.
 *
 * <p>Buffers are allocated on first use (a tensor that no gradient reaches never gets one). Constants (tensors
 * off the tape) are ignored, so a backward rule may call {@link #of} or {@link #accumulate} on every input.
 */
public final class Adjoints {
    private final Tape tape;
    final double[][] buf;
    /** The adjoints of the tape's scalar records, by record id (null when the tape has none). */
    final double[] sadj;

    Adjoints(Tape tape, int n, boolean scalars) {
        this.tape = tape;
        this.buf = new double[n][];
        this.sadj = scalars ? new double[n] : null;
    }

    /** True when {@code t} is on this tape, i.e. gradients flow into it. */
    public boolean wants(Tensor t) {
        return t.tape == tape;
    }

    /**
     * The adjoint buffer of {@code t} (same size as {@code t}), allocated if needed, or {@code null} when
     * {@code t} is a constant. Modified by the caller: add into it, never assign.
     */
    public double[] of(Tensor t) {
        if (t.tape != tape) return null;
        double[] a = buf[t.id];
        if (a == null) {
            a = new double[t.size()];
            buf[t.id] = a;
            if (sadj != null && tape.isScalar(t.id)) { // a view of a scalar record's slot: move the slot into it
                a[0] = sadj[t.id];
                sadj[t.id] = 0;
            }
        }
        return a;
    }

    /**
     * Adds {@code v} to element {@code i} (flat, row-major) of the adjoint of {@code t}; nothing when {@code t} is a
     * constant. Equal to {@code of(t)[i] += v}, without allocating a buffer for a scalar record.
     */
    public void add(Tensor t, int i, double v) {
        if (t.tape != tape) return;
        if (sadj != null && tape.isScalar(t.id)) {
            if (i != 0) throw new IndexOutOfBoundsException("add: index " + i + " of a scalar");
            double[] a = buf[t.id];
            if (a != null) a[0] += v;
            else sadj[t.id] += v;
        } else {
            of(t)[i] += v;
        }
    }

    /**
     * Adds {@code contribution}, laid out in shape {@code from}, into the adjoint of {@code t}, summing over
     * the dimensions along which {@code t} was broadcast to {@code from}.
     *
     * @param contribution one entry per element of {@code from}. Not modified.
     */
    public void accumulate(Tensor t, double[] contribution, Shape from) {
        if (t.tape != tape) return;
        if (buf[t.id] == null && (from == t.shape || from.equals(t.shape))) {
            buf[t.id] = contribution.clone(); // the first contribution: one copy instead of zeroing and adding
            return;
        }
        Broadcasting.sumInto(contribution, from, of(t), t.shape());
    }
}
