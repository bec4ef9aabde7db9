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

    Adjoints(Tape tape, int n) {
        this.tape = tape;
        this.buf = new double[n][];
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
        }
        return a;
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
