package org.elbo4j.stan.compile;

import java.util.ArrayList;
import java.util.List;
import org.elbo4j.stan.check.Signature;
import org.elbo4j.stan.check.Symbol;
import org.elbo4j.stan.parse.Expr;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * A real scalar expression tree ({@code mu + beta[k] * y[t - k]}, {@code gamma[t - 1, j] + log(theta[j, k]) + lp})
 * compiled into ONE tape record instead of one node per operator and per element read: the forward pass computes
 * every operator's value into a small array, then runs the operators' chain rule over that array in reverse with
 * seed 1 (a fixed-shape tape inside the node), which gives the partial derivative of the value with respect to each
 * leaf; the result is a scalar record of the tape ({@link Tensor#precomputed}, Stan Math's
 * {@code precomputed_gradients}): no closure, no adjoint array. Element reads of a real container variable
 * ({@code beta[k]}) are leaves that name the container and the element's offset, with no slice node (element reads
 * of data are constants). Operators fused: {@code + - * /} (and {@code .* ./} on scalars), unary minus,
 * {@code exp} and {@code log}; each uses the same arithmetic, in value and derivative, as the unfused node it
 * replaces, so gradients agree with the unfused path to rounding (the partials are products taken in another order).
 *
 * <p>The arrays of one evaluation (values, adjoints, leaves, the record's operands) are per node and per
 * {@link Context}, i.e. per evaluation and thread: reused by every later evaluation of the node in the same
 * Context, never shared between threads, and fresh when the node runs below itself (a recursive function).
 *
 * <p>Library calls with scalar arguments that {@link ScalarOps} knows ({@code log1p}, {@code inv_logit},
 * {@code log_sum_exp(a, b)}, the scalar {@code _lpdf}/{@code _lpmf} calls and {@code ~} statements of the common
 * families, ...) are operators of the tree too (kind CALL), and a call at the root of an expression is fused as well.
 * Anything else (other calls, conditionals, int sub-expressions, whole-container reads) is a leaf evaluated by its
 * own compiled closure.
 */
final class ScalarFusion {
    private ScalarFusion() {}

    /** Off only in tests that compare against the unfused path; read at compile time. */
    static boolean enabled = true;

    private static final int LEAF = 0,
            INT = 1,
            CONST = 2,
            ELEM = 3,
            ADD = 4,
            SUB = 5,
            MUL = 6,
            DIV = 7,
            NEG = 8,
            EXP = 9,
            LOG = 10,
            DATA_ELEM = 11,
            POW = 12,
            CALL = 13;

    /** The fused closure of {@code left op right}, or null when fusing would not remove a node. */
    static Ev compile(Compiler c, String op, Expr left, Expr right) {
        if (!enabled || !(isArith(op)) || !left.type.isScalar() || !right.type.isScalar()) return null;
        if (left.type.isInt() && right.type.isInt()) return null;
        Builder b = new Builder(c);
        int l = b.node(left), r = b.node(right);
        b.op(kind(op), l, r);
        return b.build();
    }

    /** The fused closure of a real scalar expression, or null when it is not an arithmetic node. */
    static Ev compile(Compiler c, Expr e) {
        if (e instanceof Expr.Binary bin) return compile(c, bin.op, bin.left, bin.right);
        if (enabled && e instanceof Expr.Call call && ScalarOps.fusable(call)) return new Builder(c).root(e);
        return null;
    }

    private static boolean isArith(String op) {
        return switch (op) {
            case "+", "-", "*", "/", ".*", "./", "^", ".^" -> true;
            default -> false;
        };
    }

    private static int kind(String op) {
        return switch (op) {
            case "+" -> ADD;
            case "-" -> SUB;
            case "*", ".*" -> MUL;
            case "^", ".^" -> POW;
            default -> DIV;
        };
    }

    /** Flattens the tree in postorder (the order in which the unfused closures create their nodes). */
    private static final class Builder {
        final Compiler c;
        final List<Integer> kinds = new ArrayList<>();
        final List<int[]> kids = new ArrayList<>();
        final List<Object> payload = new ArrayList<>(); // Ev for LEAF/INT, Double for CONST, Elem for ELEM

        Builder(Compiler c) {
            this.c = c;
        }

        int add(int kind, int[] ch, Object p) {
            kinds.add(kind);
            kids.add(ch);
            payload.add(p);
            return kinds.size() - 1;
        }

        int op(int kind, int... ch) {
            return add(kind, ch, null);
        }

        int node(Expr e) {
            if (e.type.isInt()) return add(INT, null, c.expr(e));
            if (e instanceof Expr.RealLit rl) return add(CONST, null, rl.value);
            if (e instanceof Expr.Binary bin
                    && isArith(bin.op)
                    && bin.left.type.isScalar()
                    && bin.right.type.isScalar()) {
                int l = node(bin.left), r = node(bin.right);
                return op(kind(bin.op), l, r);
            }
            if (e instanceof Expr.Unary u && e.type.isReal()) {
                if (u.op.equals("-")) return op(NEG, node(u.operand));
                if (u.op.equals("+")) return node(u.operand);
            }
            if (e instanceof Expr.Call call
                    && call.target instanceof Signature sig
                    && sig.className().equals("MathFunctions")
                    && call.args.size() == 1
                    && call.args.get(0).type.isScalar()
                    && (sig.method().equals("exp") || sig.method().equals("log"))) {
                int a = node(call.args.get(0));
                return op(sig.method().equals("exp") ? EXP : LOG, a);
            }
            if (e instanceof Expr.Call call && ScalarOps.fusable(call)) return call(call);
            if (e instanceof Expr.Indexed nested && e.type.isReal()) {
                Expr.Indexed flat = Compiler.flattenSingle(nested);
                if (flat != null) e = flat;
            }
            if (e instanceof Expr.Indexed ix && ix.base instanceof Expr.Var v && e.type.isReal()) {
                Symbol s = (Symbol) v.binding;
                boolean single = !s.type.isIntBased() && ix.indices.size() == s.type.tensorRank();
                for (Expr.Index i : ix.indices) single &= !i.range && i.lo.type.isInt();
                if (single) {
                    Ev[] idx = new Ev[ix.indices.size()];
                    for (int k = 0; k < idx.length; k++) idx[k] = c.expr(ix.indices.get(k).lo);
                    boolean data = s.origin == Symbol.Origin.DATA || s.origin == Symbol.Origin.TRANSFORMED_DATA;
                    return add(data ? DATA_ELEM : ELEM, null, new Elem(s.slot, s.global, idx));
                }
            }
            return add(LEAF, null, c.expr(e));
        }

        /** A library call that {@link ScalarOps} inlines: its arguments' nodes, then the call's. */
        int call(Expr.Call call) {
            int[] ch = new int[call.args.size()];
            for (int k = 0; k < ch.length; k++) ch[k] = node(call.args.get(k));
            return add(CALL, ch, ScalarOps.op(call, ch));
        }

        Ev root(Expr e) {
            node(e);
            return build();
        }

        Ev build() {
            int n = kinds.size();
            int[] kind = new int[n], left = new int[n], right = new int[n];
            Object[] pay = payload.toArray();
            int leaves = 0;
            int[] leafOf = new int[n];
            for (int k = 0; k < n; k++) {
                kind[k] = kinds.get(k);
                int[] ch = kids.get(k);
                left[k] = ch != null && ch.length > 0 ? ch[0] : -1;
                right[k] = ch != null && ch.length > 1 ? ch[1] : -1;
                leafOf[k] = kind[k] == LEAF || kind[k] == ELEM ? leaves++ : -1;
            }
            return new Fused(kind, left, right, pay, leafOf, leaves, c.fusedNodes++);
        }
    }

    /** An element read {@code x[i, j]} of a real variable with single int indices (0-based after the -1). */
    private record Elem(int slot, boolean global, Ev[] idx) {}

    /** The arrays one evaluation of a fused node works in, reused by its later evaluations in the same Context. */
    private static final class Scratch {
        final double[] v, a;
        final Tensor[] lt;
        final int[] lo;
        /** The record's operands, partials and offsets (one per leaf on the tape). */
        final Tensor[] eT;

        final int[] eO;
        final double[] eP;

        Scratch(int n, int leaves) {
            v = new double[n];
            a = new double[n];
            lt = new Tensor[leaves];
            lo = new int[leaves];
            eT = new Tensor[leaves];
            eO = new int[leaves];
            eP = new double[leaves];
        }
    }

    private static final class Fused extends Ev.T {
        final int[] kind, left, right, leafOf;
        final Object[] pay;
        final int leaves;
        /** This node's index among the program's fused nodes: its slot in {@link Context#fusionScratch}. */
        final int id;
        /** Whether a node's subtree holds a leaf that may be on the tape (not an int, constant or data element). */
        final boolean[] live;

        Fused(int[] kind, int[] left, int[] right, Object[] pay, int[] leafOf, int leaves, int id) {
            this.live = new boolean[kind.length];
            for (int k = 0; k < kind.length; k++) {
                live[k] = kind[k] == LEAF
                        || kind[k] == ELEM
                        || (left[k] >= 0 && live[left[k]])
                        || (right[k] >= 0 && live[right[k]])
                        || (kind[k] == CALL && ((ScalarOps.Op) pay[k]).live(live));
            }
            this.kind = kind;
            this.left = left;
            this.right = right;
            this.pay = pay;
            this.leafOf = leafOf;
            this.leaves = leaves;
            this.id = id;
        }

        @Override
        Tensor t(Frame f) {
            int n = kind.length;
            Scratch sc = take(f.ctx);
            double[] v = sc.v;
            Tensor[] lt = sc.lt; // leaf tensors on a tape (null: a constant)
            int[] lo = sc.lo; // their flat offsets
            boolean onTape = false;
            for (int k = 0; k < n; k++) {
                switch (kind[k]) {
                    case LEAF -> {
                        Tensor t = ((Ev) pay[k]).t(f);
                        v[k] = t.item();
                        boolean g = t.requiresGrad();
                        lt[leafOf[k]] = g ? t : null;
                        lo[leafOf[k]] = 0;
                        onTape |= g;
                    }
                    case INT -> v[k] = ((Ev) pay[k]).i(f);
                    case CONST -> v[k] = (Double) pay[k];
                    case ELEM, DATA_ELEM -> {
                        Elem el = (Elem) pay[k];
                        Object x = el.global ? f.g[el.slot] : f.o[el.slot];
                        Tensor t;
                        int off;
                        if (x instanceof Cells cells) { // the element's source, read in place (no slice node)
                            int c = offset(el.idx, cells.shape, f);
                            t = cells.source(c);
                            off = cells.sourceIndex(c);
                        } else {
                            t = (Tensor) x;
                            off = offset(el.idx, t.shape(), f);
                        }
                        v[k] = t.at(off);
                        if (kind[k] == ELEM) {
                            boolean g = t.requiresGrad();
                            lt[leafOf[k]] = g ? t : null;
                            lo[leafOf[k]] = off;
                            onTape |= g;
                        } else if (t.requiresGrad()) {
                            throw new IllegalStateException("data on the tape");
                        }
                    }
                    case ADD -> v[k] = v[left[k]] + v[right[k]];
                    case SUB -> v[k] = v[left[k]] - v[right[k]];
                    case MUL -> v[k] = v[left[k]] * v[right[k]];
                    case DIV -> v[k] = v[left[k]] / v[right[k]];
                    case POW -> v[k] = Math.pow(v[left[k]], v[right[k]]);
                    case NEG -> v[k] = v[left[k]] * -1.0;
                    case EXP -> v[k] = Math.exp(v[left[k]]);
                    case CALL -> v[k] = ((ScalarOps.Op) pay[k]).forward(v);
                    default -> v[k] = Math.log(v[left[k]]);
                }
            }
            double out = v[n - 1];
            Tensor r;
            if (!onTape) {
                r = Tensor.scalar(out);
            } else {
                int m = backward(1.0, v, lt, lo, sc);
                r = Tensor.precomputed("fused", out, sc.eT, sc.eO, sc.eP, m);
            }
            give(f.ctx, sc);
            return r;
        }

        /**
         * This node's scratch for one evaluation: the Context's (one per evaluation, so never shared between
         * threads), or a fresh one when this node is already running below itself (a recursive user function).
         */
        private Scratch take(Context ctx) {
            Object[] pool = ctx.fusionScratch;
            if (id < pool.length) {
                Object s = pool[id];
                if (s != null) {
                    pool[id] = null;
                    return (Scratch) s;
                }
            }
            return new Scratch(kind.length, leaves);
        }

        private void give(Context ctx, Scratch s) {
            Object[] pool = ctx.fusionScratch;
            if (id >= pool.length)
                ctx.fusionScratch = pool = java.util.Arrays.copyOf(pool, Math.max(id + 1, 2 * pool.length));
            pool[id] = s;
        }

        /** Row-major flat offset of the (1-based, checked) element indices in a value of shape {@code sh}. */
        private static int offset(Ev[] idx, Shape sh, Frame f) {
            if (idx.length == 1) return Values.check(idx[0].i(f) - 1, sh.dim(0));
            int off = 0, stride = 1;
            for (int d = idx.length - 1; d >= 0; d--) {
                int n = sh.dim(d);
                off += Values.check(idx[d].i(f) - 1, n) * stride;
                stride *= n;
            }
            return off;
        }

        /**
         * Reverse sweep over the operators, run at forward time with {@code seed} 1: when it reaches a leaf on the
         * tape, its adjoint is the partial derivative of the output with respect to that leaf, emitted into the
         * scratch's operand arrays (a leaf read twice is emitted twice; the tape sums them).
         *
         * @return the number of operands emitted
         */
        private int backward(double seed, double[] v, Tensor[] lt, int[] lo, Scratch sc) {
            int n = kind.length;
            double[] a = sc.a;
            for (int k = 0; k < n - 1; k++) a[k] = 0;
            a[n - 1] = seed;
            int m = 0;
            for (int k = n - 1; k >= 0; k--) {
                if (!live[k]) continue; // no parameter below: nothing to send
                double g = a[k];
                int l = left[k], r = right[k];
                switch (kind[k]) {
                    case LEAF, ELEM -> {
                        Tensor t = lt[leafOf[k]];
                        if (t != null) {
                            sc.eT[m] = t;
                            sc.eO[m] = lo[leafOf[k]];
                            sc.eP[m++] = g;
                        }
                    }
                    case ADD -> {
                        a[l] += g;
                        a[r] += g;
                    }
                    case SUB -> {
                        a[l] += g;
                        a[r] -= g;
                    }
                    case MUL -> {
                        a[l] += g * v[r];
                        a[r] += g * v[l];
                    }
                    case DIV -> {
                        a[l] += g / v[r];
                        a[r] -= g * v[k] / v[r];
                    }
                    case POW -> { // Elementwise.pow's rules, including its conventions at 0
                        double x = v[l], z = v[r];
                        if (live[l]) a[l] += z == 0 ? 0 : g * z * Math.pow(x, z - 1);
                        if (live[r]) a[r] += x == 0 && z >= 0 ? 0 : g * v[k] * Math.log(x);
                    }
                    case NEG -> a[l] += g * -1.0;
                    case EXP -> a[l] += g * v[k];
                    case LOG -> a[l] += g / v[l];
                    case CALL -> ((ScalarOps.Op) pay[k]).backward(g, v, k, a, live);
                    default -> {} // INT, CONST
                }
            }
            return m;
        }
    }
}
