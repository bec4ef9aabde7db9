package org.elbo4j.tensor;

import java.util.Arrays;

/**
 * The record of one gradient evaluation: every op whose inputs include a tensor on this tape appends its
 * backward rule here, in creation order (Stan Math's stack; micrograd's closures).
 *
 * <p><b>Two kinds of record.</b> A tensor op records a {@link Backward} closure, run in reverse with the op's
 * output adjoint. A <em>scalar record</em> ({@link Tensor#precomputed}) is a scalar whose partial derivatives
 * with respect to its operands were computed at forward time: it is stored as a few slots of primitive arrays
 * (the operands' record ids, their flat offsets for an element of a tensor operand, the partials; one start
 * index per record), with no closure, and its adjoint is one slot of a primitive {@code double[]} of the backward
 * pass rather than a one-element array. The backward pass adds {@code partial * adjoint} into each operand. This
 * is Stan Math's {@code precomputed_gradients} vari: a scalar computed by a loop of scalar code then costs its
 * Tensor, its one-element value and a few array slots, where a closure node costs a closure, its captured arrays
 * and an adjoint array besides; the backward pass over such records is a loop over primitive arrays (2.2–2.5×
 * cheaper than the closures on the Stan scalar programs measured in docs/benchmarks.md). Both kinds share one id space in creation
 * order, so a tensor op may read a scalar record and a scalar record may read an element of any tensor: a tensor
 * op's {@link Adjoints#of} on a scalar record returns a one-element view whose content the backward pass adds to
 * the primitive slot before it propagates that record.
 *
 * <p><b>Mutation and threads.</b> A tape is the one mutable thing in the tensor package. It belongs to one
 * gradient evaluation on one thread: several threads may each run their own evaluation at once, but one tape
 * must not be shared. Tensors with no tape are constants and record nothing, so code with no parameter
 * upstream costs no bookkeeping.
 *
 * <p>Users normally never see a tape: {@code org.elbo4j.autodiff.Autodiff} makes one per evaluation.
 */
public final class Tape {
    private Backward[] rules = new Backward[64];
    private String[] ops = new String[64];
    /**
     * Per record: for a scalar record, the start of its operands in {@link #opId}/{@link #opOff}/{@link #opPartial}
     * (its operands end where the next scalar record's begin); for a tensor, {@code ~size} (negative).
     */
    int[] info = new int[64];
    /** The operands of the scalar records: record id, flat offset in that record's value, partial derivative. */
    int[] opId = new int[0];

    int[] opOff = new int[0];
    double[] opPartial = new double[0];
    /** Number of operand slots used. */
    int nOps;
    /** Number of scalar records. */
    int scalars;

    private int count;
    private boolean checkFinite;

    /** A new, empty tape. */
    public Tape() {}

    /**
     * When on, every recorded op checks its output and throws {@link NonFiniteException} naming the op when the
     * output holds a NaN or infinity (PyTorch's anomaly mode). The inputs are not checked: a non-finite parameter or
     * constant is reported at the first recorded op that reads it. Off by default: it costs a scan of every
     * output.
     */
    public Tape checkFinite(boolean on) {
        this.checkFinite = on;
        return this;
    }

    /** Number of tensors recorded so far (leaves and op outputs). */
    public int size() {
        return count;
    }

    /**
     * Puts a copy-free view of {@code value} on this tape as a leaf (a parameter): gradients flow into it.
     *
     * @throws IllegalArgumentException if {@code value} is already on another tape
     */
    public Tensor leaf(Tensor value) {
        if (value.tape != null && value.tape != this) {
            throw new IllegalArgumentException("leaf: the tensor of shape " + value.shape()
                    + " is already tracked by another gradient evaluation; pass a constant (detach() it)");
        }
        return push("leaf", value.shape(), value.data, null);
    }

    Tensor push(String op, Shape shape, double[] data, Backward rule) {
        if (count == rules.length) grow();
        if (checkFinite && rule != null) checkOutput(op, shape, data);
        int id = count++;
        rules[id] = rule;
        ops[id] = op;
        info[id] = ~data.length;
        return new Tensor(shape, data, this, id);
    }

    /**
     * Appends a scalar record (see the class comment) to the tape of its operands, checking them in the same pass
     * (an error leaves the tape as it was); a constant when no operand is on a tape.
     */
    static Tensor record(String op, double value, Tensor[] operands, int[] offsets, double[] partials, int n) {
        Tape tape = null;
        int m = 0;
        int[] ids = null, offs = null;
        double[] ps = null;
        for (int i = 0; i < n; i++) {
            Tensor t = operands[i];
            int off = offsets[i];
            if (off < 0 || off >= t.data.length) throw badOffset(op, t, i, off);
            Tape tt = t.tape;
            if (tt == null) continue;
            if (tt != tape) {
                if (tape != null) throw twoTapes(op);
                tape = tt;
                m = tt.nOps;
                if (m + n > tt.opId.length) tt.growOperands(m + n);
                ids = tt.opId;
                offs = tt.opOff;
                ps = tt.opPartial;
            }
            ids[m] = t.id;
            offs[m] = off;
            ps[m++] = partials[i];
        }
        if (tape == null) return new Tensor(Shape.SCALAR, new double[] {value});
        return tape.commitScalar(op, value, m);
    }

    /** Ends the scalar record whose operands were written up to {@code end}. */
    private Tensor commitScalar(String op, double value, int end) {
        if (count == rules.length) grow();
        if (checkFinite && !Double.isFinite(value)) throw nonFinite(op, value);
        int id = count++;
        ops[id] = op;
        info[id] = nOps;
        nOps = end;
        scalars++;
        return new Tensor(Shape.SCALAR, new double[] {value}, this, id);
    }

    static IllegalArgumentException badOffset(String op, Tensor t, int i, int off) {
        return new IllegalArgumentException(op + ": offset " + off + " of operand " + i + " outside its "
                + t.data.length + " elements (shape " + t.shape + ")");
    }

    private static IllegalArgumentException twoTapes(String op) {
        return new IllegalArgumentException(op + ": inputs belong to two different gradient evaluations");
    }

    private static NonFiniteException nonFinite(String op, double value) {
        return new NonFiniteException(op + " produced " + value
                + " at flat index 0 of its output of shape [] (the tape was asked to check every op)");
    }

    /** A scalar record with one operand on this tape, checked by the caller. */
    Tensor pushScalar(String op, double value, Tensor operand, int offset, double partial) {
        if (count == rules.length) grow();
        if (checkFinite && !Double.isFinite(value)) throw nonFinite(op, value);
        if (nOps == opId.length) growOperands(nOps + 1);
        int id = count++;
        ops[id] = op;
        info[id] = nOps;
        scalars++;
        opId[nOps] = operand.id;
        opOff[nOps] = offset;
        opPartial[nOps++] = partial;
        return new Tensor(Shape.SCALAR, new double[] {value}, this, id);
    }

    private void growOperands(int need) {
        int n = Math.max(need, Math.max(64, opId.length * 2));
        opId = Arrays.copyOf(opId, n);
        opOff = Arrays.copyOf(opOff, n);
        opPartial = Arrays.copyOf(opPartial, n);
    }

    /** True when record {@code id} is a scalar record. */
    boolean isScalar(int id) {
        return info[id] >= 0;
    }

    private void checkOutput(String op, Shape shape, double[] data) {
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                throw new NonFiniteException(op + " produced " + data[i] + " at flat index " + i
                        + " of its output of shape " + shape + " (the tape was asked to check every op)");
            }
        }
    }

    /**
     * Makes room for at least {@code n} records in all, so that a caller that knows roughly how long its
     * evaluation's tape gets (the previous evaluation's length) avoids the repeated doubling of the record arrays.
     * Changes no record.
     */
    public void reserve(int n) {
        if (n > rules.length) resize(n);
        if (2 * n > opId.length) growOperands(2 * n); // room for two operands a record, a typical scalar expression
    }

    private void grow() {
        resize(rules.length * 2);
    }

    private void resize(int n) {
        rules = Arrays.copyOf(rules, n);
        ops = Arrays.copyOf(ops, n);
        info = Arrays.copyOf(info, n);
    }

    /**
     * Runs the backward pass from {@code root} with the given output adjoint (the seed of a vector–Jacobian
     * product; {@code {1.0}} for the gradient of a scalar).
     *
     * @return the adjoints of every tensor on the tape, read with {@link Adjoints#of}
     * @throws IllegalArgumentException if {@code root} is not on this tape or the seed has the wrong size
     */
    public Adjoints backward(Tensor root, double[] seed) {
        if (root.tape != this) {
            throw new IllegalArgumentException("backward: the output does not depend on any tensor of this tape");
        }
        if (seed.length != root.size()) {
            throw new IllegalArgumentException("backward: seed has " + seed.length + " entries, output of shape "
                    + root.shape() + " has " + root.size());
        }
        Adjoints adj = new Adjoints(this, count, scalars > 0);
        double[][] buf = adj.buf;
        double[] sadj = adj.sadj;
        int[] info = this.info, ids = opId, offs = opOff;
        double[] ps = opPartial;
        buf[root.id] = seed.clone();
        int end = operandsEnd(root.id);
        for (int id = root.id; id >= 0; id--) {
            int start = info[id];
            if (start >= 0) { // a scalar record: its adjoint is the primitive slot plus any view a tensor op added to
                double g = sadj[id];
                double[] view = buf[id];
                if (view != null) g += view[0];
                if (g != 0) {
                    sadj[id] = g;
                    if (view != null) view[0] = g;
                    for (int j = start; j < end; j++) {
                        int o = ids[j];
                        double c = ps[j] * g;
                        int oi = info[o];
                        if (oi >= 0) {
                            sadj[o] += c;
                        } else {
                            double[] ob = buf[o];
                            if (ob == null) buf[o] = ob = new double[~oi];
                            ob[offs[j]] += c;
                        }
                    }
                }
                end = start;
                continue;
            }
            double[] g = buf[id];
            Backward rule = rules[id];
            if (g != null && rule != null) {
                try {
                    rule.apply(g, adj);
                } catch (RuntimeException e) {
                    throw new IllegalStateException("backward of op '" + ops[id] + "' failed: " + e.getMessage(), e);
                }
            }
        }
        return adj;
    }

    /** Where the operands of the scalar records up to {@code id} end: the start of the next scalar record's. */
    private int operandsEnd(int id) {
        for (int k = id + 1; k < count; k++) if (info[k] >= 0) return info[k];
        return nOps;
    }

    String opName(int id) {
        return ops[id];
    }

    /** The tape shared by the given inputs, {@code null} when all are constants. */
    static Tape common(String op, Tensor a, Tensor b) {
        Tape ta = a.tape, tb = b.tape;
        if (ta == tb || tb == null) return ta;
        if (ta == null) return tb;
        throw new IllegalArgumentException(op + ": inputs belong to two different gradient evaluations");
    }

    /** Three inputs, without the varargs array (the fused log densities call this on every evaluation). */
    static Tape common(String op, Tensor a, Tensor b, Tensor c) {
        Tape t = common(op, a, b), tc = c.tape;
        if (tc == null || tc == t) return t;
        if (t == null) return tc;
        throw new IllegalArgumentException(op + ": inputs belong to two different gradient evaluations");
    }

    static Tape common(String op, Tensor... xs) {
        Tape t = null;
        for (Tensor x : xs) {
            if (x.tape == null) continue;
            if (t == null) t = x.tape;
            else if (t != x.tape) {
                throw new IllegalArgumentException(op + ": inputs belong to two different gradient evaluations");
            }
        }
        return t;
    }
}
