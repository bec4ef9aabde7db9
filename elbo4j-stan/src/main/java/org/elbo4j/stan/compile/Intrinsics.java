package org.elbo4j.stan.compile;

import java.util.List;
import org.elbo4j.stan.check.Intrinsic;
import org.elbo4j.stan.parse.Expr;
import org.elbo4j.stan.parse.UnsizedType;
import org.elbo4j.stan.parse.UnsizedType.Base;
import org.elbo4j.tensor.Tensor;

/** The compiled intrinsics: sizes, {@code rep_array}, {@code target()}. */
final class Intrinsics {
    private Intrinsics() {}

    static Ev compile(Intrinsic in, Ev[] args, List<Expr> argExprs, UnsizedType resultType) {
        UnsizedType t = argExprs.isEmpty() ? null : argExprs.get(0).type;
        switch (in) {
            case TARGET:
                return new Ev.T() {
                    @Override
                    Tensor t(Frame f) {
                        return f.ctx.target();
                    }
                };
            case SIZE, NUM_ELEMENTS, ROWS, COLS: {
                Ev a = args[0];
                return new Ev.I() {
                    @Override
                    int i(Frame f) {
                        Object v = a.o(f);
                        if (v instanceof Integer) return 1;
                        int[] dims = v instanceof Tensor x ? x.shape().dims() : Values.intDims(v);
                        if (in == Intrinsic.NUM_ELEMENTS || in == Intrinsic.SIZE && t.arrayDims() == 0) {
                            int n = 1;
                            for (int d : dims) n *= d;
                            return n;
                        }
                        if (in == Intrinsic.SIZE) return dims.length == 0 ? 1 : dims[0];
                        if (in == Intrinsic.ROWS) return t.base() == Base.ROW_VECTOR ? 1 : dims[0];
                        return t.base() == Base.VECTOR ? 1 : t.base() == Base.ROW_VECTOR ? dims[0] : dims[1];
                    }
                };
            }
            case DIMS: {
                Ev a = args[0];
                return new Ev() {
                    @Override
                    Object o(Frame f) {
                        Object v = a.o(f);
                        if (v instanceof Integer) return new int[0];
                        return v instanceof Tensor x ? x.shape().dims() : Values.intDims(v);
                    }
                };
            }
            case REP_ARRAY: {
                Ev x = args[0];
                boolean ints = t.isIntBased();
                return new Ev() {
                    @Override
                    Object o(Frame f) {
                        int[] ns = new int[args.length - 1];
                        int n = 1;
                        for (int k = 0; k < ns.length; k++) {
                            ns[k] = args[k + 1].i(f);
                            if (ns[k] < 0) throw new StanIndexException("rep_array: size " + ns[k] + " must be >= 0");
                            n *= ns[k];
                        }
                        if (ints) {
                            Object v = x.o(f);
                            if (v instanceof Integer iv) {
                                int[] flat = new int[n];
                                java.util.Arrays.fill(flat, iv);
                                return ns.length == 1 ? flat : Values.nest(flat, ns, 0, 0);
                            }
                            Object[] out = new Object[ns[0]];
                            for (int k = 0; k < out.length; k++) out[k] = Values.copyInts(v);
                            return out; // (rep_array of int arrays: one level)
                        }
                        Tensor v = x.t(f);
                        int[] shape = new int[ns.length + v.rank()];
                        System.arraycopy(ns, 0, shape, 0, ns.length);
                        System.arraycopy(v.shape().dims(), 0, shape, ns.length, v.rank());
                        int[] pre = new int[v.rank() + ns.length];
                        for (int k = 0; k < ns.length; k++) pre[k] = 1;
                        System.arraycopy(v.shape().dims(), 0, pre, ns.length, v.rank());
                        return v.reshape(pre).broadcastTo(org.elbo4j.tensor.Shape.of(shape));
                    }
                };
            }
            default:
                throw new IllegalStateException(in.toString());
        }
    }
}
