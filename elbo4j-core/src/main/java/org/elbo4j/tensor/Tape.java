package org.elbo4j.tensor;

import java.util.Arrays;

/**
 * The record of one gradient evaluation: every op whose inputs include a tensor on this tape appends its
 * backward rule here, in creation order (Stan Math's stack; micrograd's closures).
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
        return new Tensor(shape, data, this, id);
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
    }

    private void grow() {
        resize(rules.length * 2);
    }

    private void resize(int n) {
        rules = Arrays.copyOf(rules, n);
        ops = Arrays.copyOf(ops, n);
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
        Adjoints adj = new Adjoints(this, count);
        adj.buf[root.id] = seed.clone();
        for (int id = root.id; id >= 0; id--) {
            double[] g = adj.buf[id];
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
