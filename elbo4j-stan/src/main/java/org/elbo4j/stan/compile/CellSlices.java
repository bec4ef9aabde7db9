package org.elbo4j.stan.compile;

import java.util.List;
import java.util.Set;
import org.elbo4j.stan.check.Symbol;
import org.elbo4j.stan.parse.Expr;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * The slicing functions ({@code sub_col, sub_row, col, row, block, head, tail, segment}) applied straight to a
 * variable that is being written element-wise (a {@link Cells}): they read only the selected elements
 * ({@link Cells#gather}) instead of materialising the whole container first. The covid models' loop
 * {@code prediction[i, m] = ...; ... sub_col(prediction, 1, m, i - 1) ...} costs O(i) per iteration this way,
 * O(size) otherwise. Any other value, or an index out of range, goes to the library function (same value,
 * same error).
 */
final class CellSlices {
    private CellSlices() {}

    private static final Set<String> NAMES =
            Set.of("sub_col", "sub_row", "col", "row", "block", "head", "tail", "segment");

    /** The compiled call, or null when this call is not a slice of a real variable. */
    static Ev compile(String name, List<Expr> argExprs, Ev[] args, LibraryCall lc) {
        if (name.equals("log_sum_exp") && args.length == 1) return logSumExp(argExprs.get(0), lc);
        if (!NAMES.contains(name) || !(argExprs.get(0) instanceof Expr.Var v)) return null;
        Symbol s = (Symbol) v.binding;
        if (s.type.isIntBased() || s.type.isScalar()) return null;
        for (int k = 1; k < args.length; k++) if (!argExprs.get(k).type.isInt()) return null;
        int slot = s.slot;
        boolean global = s.global;
        return new Ev.T() {
            @Override
            Tensor t(Frame f) {
                Object x = global ? f.g[slot] : f.o[slot];
                int[] a = new int[args.length - 1];
                for (int k = 0; k < a.length; k++) a[k] = args[k + 1].i(f);
                if (x instanceof Cells c) {
                    Tensor r = slice(name, c, a);
                    if (r != null) return r;
                }
                Object[] all = new Object[args.length];
                all[0] = x instanceof Cells c ? c.tensor() : x;
                for (int k = 0; k < a.length; k++) all[k + 1] = a[k];
                return (Tensor) lc.invoke(all, f.ctx.rng);
            }
        };
    }

    /**
     * {@code log_sum_exp(acc)} of a real variable being written element-wise (the forward algorithm's
     * {@code acc[j] = ...; gamma[t, k] = log_sum_exp(acc);}): one node reading the written elements where they came
     * from ({@link Cells#logSumExp}) instead of a node that assembles the container and a second that reduces it.
     */
    private static Ev logSumExp(Expr arg, LibraryCall lc) {
        if (!ScalarFusion.enabled || !(arg instanceof Expr.Var v)) return null; // off: the unfused path, for tests
        Symbol s = (Symbol) v.binding;
        if (s.type.isIntBased() || s.type.isScalar()) return null;
        int slot = s.slot;
        boolean global = s.global;
        return new Ev.T() {
            @Override
            Tensor t(Frame f) {
                Object x = global ? f.g[slot] : f.o[slot];
                if (x instanceof Cells c) {
                    Tensor r = c.logSumExp();
                    if (r != null) return r;
                    x = c.tensor();
                }
                return (Tensor) lc.invoke(new Object[] {x}, f.ctx.rng);
            }
        };
    }

    /** The slice of c as the library function computes it, or null when it is out of range (the library reports it). */
    static Tensor slice(String name, Cells c, int[] a) {
        int[] dims = c.shape.dims();
        int inner = 1;
        for (int k = 1; k < dims.length; k++) inner *= dims[k];
        switch (name) {
            case "head", "tail", "segment" -> {
                int n0 = dims[0];
                int from, len;
                if (name.equals("head")) {
                    from = 0;
                    len = a[0];
                } else if (name.equals("tail")) {
                    len = a[0];
                    from = n0 - len;
                } else {
                    from = a[0] - 1;
                    len = a[1];
                }
                if (from < 0 || len < 0 || from + len > n0) return null;
                int[] pos = new int[len * inner];
                for (int k = 0; k < pos.length; k++) pos[k] = from * inner + k;
                int[] out = dims.clone();
                out[0] = len;
                return c.gather(pos, Shape.of(out));
            }
            default -> {
                if (dims.length != 2) return null;
                int rows = dims[0], cols = dims[1];
                int i0, j0, nr, nc;
                switch (name) {
                    case "col" -> {
                        i0 = 0;
                        nr = rows;
                        j0 = a[0] - 1;
                        nc = 1;
                    }
                    case "row" -> {
                        i0 = a[0] - 1;
                        nr = 1;
                        j0 = 0;
                        nc = cols;
                    }
                    case "sub_col" -> {
                        i0 = a[0] - 1;
                        j0 = a[1] - 1;
                        nr = a[2];
                        nc = 1;
                    }
                    case "sub_row" -> {
                        i0 = a[0] - 1;
                        j0 = a[1] - 1;
                        nr = 1;
                        nc = a[2];
                    }
                    default -> { // block
                        i0 = a[0] - 1;
                        j0 = a[1] - 1;
                        nr = a[2];
                        nc = a[3];
                    }
                }
                if (i0 < 0 || j0 < 0 || nr < 0 || nc < 0 || i0 + nr > rows || j0 + nc > cols) return null;
                int[] pos = new int[nr * nc];
                for (int i = 0; i < nr; i++) for (int j = 0; j < nc; j++) pos[i * nc + j] = (i0 + i) * cols + j0 + j;
                Shape out = name.equals("block") ? Shape.of(nr, nc) : Shape.of(nr * nc);
                return c.gather(pos, out);
            }
        }
    }
}
