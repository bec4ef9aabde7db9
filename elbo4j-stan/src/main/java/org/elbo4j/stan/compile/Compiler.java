package org.elbo4j.stan.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.elbo4j.stan.StanException;
import org.elbo4j.stan.StanFatalException;
import org.elbo4j.stan.StanRejectException;
import org.elbo4j.stan.check.Intrinsic;
import org.elbo4j.stan.check.Signature;
import org.elbo4j.stan.check.Signatures;
import org.elbo4j.stan.check.Symbol;
import org.elbo4j.stan.check.UserFunction;
import org.elbo4j.stan.parse.DeclType;
import org.elbo4j.stan.parse.Expr;
import org.elbo4j.stan.parse.Pos;
import org.elbo4j.stan.parse.Source;
import org.elbo4j.stan.parse.Stmt;
import org.elbo4j.stan.parse.UnsizedType;
import org.elbo4j.stan.parse.UnsizedType.Base;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * Compiles the checked AST once into a closure tree ({@link Ev} and {@link Ex} nodes): variables become frame
 * slots, operators are chosen by the static types, library calls are bound to method handles, user functions
 * are compiled once each (recursion through a holder filled after compilation). Every statement node turns a
 * runtime failure into a {@link StanRejectException} naming its line.
 */
final class Compiler {
    private final Source src;
    private final Map<UserFunction, Fn> fns = new HashMap<>();

    /** A compiled user function; {@code body} is set after compiling (so recursive calls see it). */
    static final class Fn {
        Ex body;
        int objs, ints;
        Symbol[] args;
        UnsizedType[] params;
        UnsizedType ret;
    }

    /** Number of {@link ScalarFusion} nodes compiled so far: each gets its own scratch slot in a Context. */
    int fusedNodes;

    Compiler(Source src) {
        this.src = src;
    }

    // ------------------------------------------------------------------ statements

    Ex block(List<Stmt> stmts) {
        Ex[] xs = new Ex[stmts.size()];
        for (int k = 0; k < xs.length; k++) xs[k] = stmt(stmts.get(k));
        return seq(xs);
    }

    private static Ex seq(Ex[] xs) {
        if (xs.length == 1) return xs[0];
        return new Ex() {
            @Override
            int run(Frame f) {
                for (Ex x : xs) {
                    int r = x.run(f);
                    if (r != NORMAL) return r;
                }
                return NORMAL;
            }
        };
    }

    Ex stmt(Stmt s) {
        Ex x = stmtRaw(s);
        if (s instanceof Stmt.Block || s instanceof Stmt.Empty) return x;
        final int line = s.pos.line();
        final String name = src.name();
        return new Ex() {
            @Override
            int run(Frame f) {
                try {
                    return x.run(f);
                } catch (StanRejectException | StanFatalException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw reject(name, line, e);
                }
            }
        };
    }

    static StanRejectException reject(String name, int line, RuntimeException e) {
        String what = e.getMessage();
        String cls = e.getClass().getSimpleName();
        boolean known = e instanceof StanIndexException
                || e instanceof StanException
                || cls.equals("StanDomainException")
                || e instanceof IllegalArgumentException
                || e instanceof ArithmeticException;
        if (!known || what == null) what = cls + (what == null ? "" : ": " + what);
        return new StanRejectException(name + ":" + line + ": " + what, line);
    }

    private Ex stmtRaw(Stmt s) {
        if (s instanceof Stmt.VarDecl d) return decl(d);
        if (s instanceof Stmt.Assign a) return assign(a);
        if (s instanceof Stmt.Tilde t) return tilde(t);
        if (s instanceof Stmt.TargetPlus tp) {
            Ev v = expr(tp.value);
            return new Ex() {
                @Override
                int run(Frame f) {
                    f.ctx.terms.add(v.t(f));
                    return NORMAL;
                }
            };
        }
        if (s instanceof Stmt.For fo) {
            Ev lo = expr(fo.lo), hi = expr(fo.hi);
            int slot = ((Symbol) fo.binding).slot;
            Ex body = stmt(fo.body);
            return new Ex() {
                @Override
                int run(Frame f) {
                    int h = hi.i(f);
                    for (int k = lo.i(f); k <= h; k++) {
                        f.i[slot] = k;
                        int r = body.run(f);
                        if (r == BREAK) break;
                        if (r == RETURN) return r;
                    }
                    return NORMAL;
                }
            };
        }
        if (s instanceof Stmt.ForEach fe) return forEach(fe);
        if (s instanceof Stmt.While w) {
            Ev c = expr(w.cond);
            Ex body = stmt(w.body);
            return new Ex() {
                @Override
                int run(Frame f) {
                    while (truth(c, f)) {
                        int r = body.run(f);
                        if (r == BREAK) break;
                        if (r == RETURN) return r;
                    }
                    return NORMAL;
                }
            };
        }
        if (s instanceof Stmt.If i) {
            Ev c = expr(i.cond);
            Ex th = stmt(i.then);
            Ex el = i.otherwise == null ? null : stmt(i.otherwise);
            return new Ex() {
                @Override
                int run(Frame f) {
                    if (truth(c, f)) return th.run(f);
                    return el == null ? NORMAL : el.run(f);
                }
            };
        }
        if (s instanceof Stmt.Jump j) {
            int code = j.isBreak ? Ex.BREAK : Ex.CONTINUE;
            return new Ex() {
                @Override
                int run(Frame f) {
                    return code;
                }
            };
        }
        if (s instanceof Stmt.Block b) return b.body.isEmpty() ? nop() : block(b.body);
        if (s instanceof Stmt.Empty) return nop();
        if (s instanceof Stmt.Printish p) return printish(p);
        if (s instanceof Stmt.Return r) {
            if (r.value == null) {
                return new Ex() {
                    @Override
                    int run(Frame f) {
                        return RETURN;
                    }
                };
            }
            Ev v = expr(r.value);
            return new Ex() {
                @Override
                int run(Frame f) {
                    f.ret = v.o(f);
                    return RETURN;
                }
            };
        }
        if (s instanceof Stmt.CallStmt c) {
            Ev v = expr(c.call);
            return new Ex() {
                @Override
                int run(Frame f) {
                    v.o(f);
                    return NORMAL;
                }
            };
        }
        throw new IllegalStateException("statement " + s);
    }

    private static Ex nop() {
        return new Ex() {
            @Override
            int run(Frame f) {
                return NORMAL;
            }
        };
    }

    private static boolean truth(Ev c, Frame f) {
        if (c.getClass().getSuperclass() == Ev.I.class) return c.i(f) != 0;
        Object v = c.o(f);
        if (v instanceof Integer n) return n != 0;
        return ((Tensor) v).item() != 0;
    }

    private Ex forEach(Stmt.ForEach fe) {
        Ev c = expr(fe.container);
        Symbol s = (Symbol) fe.binding;
        Ex body = stmt(fe.body);
        UnsizedType ct = fe.container.type;
        boolean elementsOfMatrix = ct.arrayDims() == 0;
        return new Ex() {
            @Override
            int run(Frame f) {
                Object v = c.o(f);
                int n;
                if (v instanceof int[] a) n = a.length;
                else if (v instanceof Object[] a) n = a.length;
                else n = elementsOfMatrix ? ((Tensor) v).size() : ((Tensor) v).dim(0);
                for (int k = 0; k < n; k++) {
                    Object e;
                    if (v instanceof int[] a) e = a[k];
                    else if (v instanceof Object[] a) e = a[k];
                    else if (elementsOfMatrix) {
                        Tensor t = (Tensor) v;
                        int idx = k;
                        if (t.rank() == 2) idx = (k % t.dim(0)) * t.dim(1) + k / t.dim(0); // column-major, as Stan
                        e = t.flatSlice(idx, idx + 1, Shape.SCALAR);
                    } else e = ((Tensor) v).index(k);
                    store(f, s, e);
                    int r = body.run(f);
                    if (r == Ex.BREAK) break;
                    if (r == Ex.RETURN) return r;
                }
                return Ex.NORMAL;
            }
        };
    }

    private static void store(Frame f, Symbol s, Object v) {
        if (s.global) f.g[s.slot] = v;
        else if (s.intSlot()) f.i[s.slot] = (Integer) v;
        else f.o[s.slot] = v;
    }

    private Ex printish(Stmt.Printish p) {
        Ev[] items = new Ev[p.items.size()];
        String[] lits = new String[items.length];
        for (int k = 0; k < items.length; k++) {
            Expr e = p.items.get(k);
            if (e instanceof Expr.StrLit sl) lits[k] = sl.value;
            else items[k] = expr(e);
        }
        String kind = p.kind;
        return new Ex() {
            @Override
            int run(Frame f) {
                StringBuilder b = new StringBuilder();
                for (int k = 0; k < items.length; k++) b.append(lits[k] != null ? lits[k] : format(items[k].o(f)));
                switch (kind) {
                    case "print" -> {
                        if (f.ctx.out != null) f.ctx.out.accept(b.toString());
                    }
                    case "reject" ->
                        throw new StanRejectException(
                                src.name() + ":" + p.pos.line() + ": rejected: " + b, p.pos.line());
                    default -> throw new StanFatalException(src.name() + ":" + p.pos.line() + ": fatal error: " + b);
                }
                return NORMAL;
            }
        };
    }

    /** Stan's print format: scalars plainly, containers as [a,b,c] nested. */
    static String format(Object v) {
        if (v instanceof Integer n) return n.toString();
        if (v instanceof int[] a) {
            StringBuilder b = new StringBuilder("[");
            for (int k = 0; k < a.length; k++) b.append(k > 0 ? "," : "").append(a[k]);
            return b.append(']').toString();
        }
        if (v instanceof Object[] a) {
            StringBuilder b = new StringBuilder("[");
            for (int k = 0; k < a.length; k++) b.append(k > 0 ? "," : "").append(format(a[k]));
            return b.append(']').toString();
        }
        Tensor t = Values.toTensor(v);
        if (t.rank() == 0) return num(t.item());
        StringBuilder b = new StringBuilder("[");
        for (int k = 0; k < t.dim(0); k++)
            b.append(k > 0 ? "," : "").append(format(t.index(k).detach()));
        return b.append(']').toString();
    }

    private static String num(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        return Double.toString(d);
    }

    // ------------------------------------------------------------------ declarations and assignment

    private Ex decl(Stmt.VarDecl d) {
        Symbol s = (Symbol) d.binding;
        Ev[] dims = sizesOf(d.type);
        UnsizedType t = s.type;
        Ev init = d.init == null ? null : expr(d.init);
        boolean intBased = t.isIntBased();
        return new Ex() {
            @Override
            int run(Frame f) {
                Object v;
                if (init != null) {
                    v = intBased ? Values.copyInts(init.o(f)) : init.t(f);
                } else {
                    int[] ds = new int[dims.length];
                    for (int k = 0; k < ds.length; k++) {
                        ds[k] = dims[k].i(f);
                        if (ds[k] < 0)
                            throw new StanIndexException("size of '" + s.name + "' is " + ds[k] + ", must be >= 0");
                    }
                    v = defaultValue(t, ds);
                }
                store(f, s, v);
                return NORMAL;
            }
        };
    }

    /** The size expressions of a declaration: array sizes then element sizes (square kinds repeat theirs). */
    Ev[] sizesOf(DeclType t) {
        List<Ev> out = new ArrayList<>();
        for (Expr e : t.arrayDims) out.add(expr(e));
        switch (t.kind) {
            case INT, REAL, COMPLEX -> {}
            case MATRIX -> {
                out.add(expr(t.sizes.get(0)));
                out.add(expr(t.sizes.get(1)));
            }
            case CHOLESKY_FACTOR_COV -> {
                out.add(expr(t.sizes.get(0)));
                out.add(expr(t.sizes.get(t.sizes.size() - 1)));
            }
            case CHOLESKY_FACTOR_CORR, CORR_MATRIX, COV_MATRIX -> {
                Ev k = expr(t.sizes.get(0));
                out.add(k);
                out.add(k);
            }
            default -> out.add(expr(t.sizes.get(0)));
        }
        return out.toArray(new Ev[0]);
    }

    static Object defaultValue(UnsizedType t, int[] ds) {
        if (t.isIntBased()) {
            if (ds.length == 0) return Integer.MIN_VALUE;
            int n = 1;
            for (int d : ds) n *= d;
            int[] flat = new int[n];
            java.util.Arrays.fill(flat, Integer.MIN_VALUE);
            return ds.length == 1 ? flat : Values.nest(flat, ds, 0, 0);
        }
        return Tensor.full(Double.NaN, ds);
    }

    private Ex assign(Stmt.Assign a) {
        // flatten x[i][j] into x[i, j] (valid while every index but the last group is single)
        List<Expr.Index> idx = new ArrayList<>();
        Expr e = a.lhs;
        List<List<Expr.Index>> groups = new ArrayList<>();
        while (e instanceof Expr.Indexed ix) {
            groups.add(0, ix.indices);
            e = ix.base;
        }
        for (int g = 0; g < groups.size(); g++) {
            for (Expr.Index i : groups.get(g)) {
                if (g < groups.size() - 1 && (i.range || !i.lo.type.isInt())) {
                    throw new StanException(src.format(
                            a.pos, "unsupported", "assignment to a multi-indexed value that is indexed again"));
                }
                idx.add(i);
            }
        }
        Symbol s = (Symbol) ((Expr.Var) e).binding;
        UnsizedType lt = a.lhs.type;
        Ev rhs;
        if (a.op.equals("=")) {
            rhs = expr(a.rhs);
        } else {
            String op = a.op.substring(0, a.op.length() - 1);
            Ev fused = lt.isReal() ? ScalarFusion.compile(this, op, a.lhs, a.rhs) : null;
            rhs = fused != null ? fused : Ops.binary(this, op, a.lhs.type, expr(a.lhs), a.rhs.type, expr(a.rhs), a.pos);
        }
        boolean toReal = !lt.isIntBased();
        if (idx.isEmpty()) {
            return new Ex() {
                @Override
                int run(Frame f) {
                    store(f, s, toReal ? rhs.t(f) : Values.copyInts(rhs.o(f)));
                    return NORMAL;
                }
            };
        }
        Idx[] ix = new Idx[idx.size()];
        for (int k = 0; k < ix.length; k++) ix[k] = index(idx.get(k));
        return new Ex() {
            @Override
            int run(Frame f) {
                Object cur = load(f, s);
                Object[] iv = new Object[ix.length];
                if (toReal) {
                    Tensor value = rhs.t(f);
                    Cells c;
                    if (cur instanceof Cells cc) {
                        c = cc;
                    } else {
                        c = new Cells((Tensor) cur);
                        store(f, s, c);
                    }
                    int[] dims = c.shape.dims();
                    for (int k = 0; k < ix.length; k++) iv[k] = ix[k].eval(f, dims[k]);
                    Values.assignCells(c, iv, value);
                } else {
                    Object value = rhs.o(f);
                    int[] dims = Values.intDims(cur);
                    for (int k = 0; k < ix.length; k++) iv[k] = ix[k].eval(f, k < dims.length ? dims[k] : 0);
                    Values.assignInts(cur, iv, 0, value);
                }
                return NORMAL;
            }
        };
    }

    private static Object load(Frame f, Symbol s) {
        if (s.global) return f.g[s.slot];
        if (s.intSlot()) return f.i[s.slot];
        return f.o[s.slot];
    }

    // ------------------------------------------------------------------ ~ statements

    private Ex tilde(Stmt.Tilde t) {
        Ev lp = expr((Expr) t.call);
        if (!t.truncated) {
            return new Ex() {
                @Override
                int run(Frame f) {
                    f.ctx.terms.add(lp.t(f));
                    return NORMAL;
                }
            };
        }
        boolean discrete = t.lhs.type.isIntBased();
        Ev y = expr(t.lhs);
        Ev lo = t.truncLo == null ? null : expr(t.truncLo);
        Ev hi = t.truncHi == null ? null : expr(t.truncHi);
        Ev loCdf = t.truncLoCall == null ? null : call((Expr.Call) t.truncLoCall, discrete ? 1 : 0);
        Ev hiCdf = t.truncHiCall == null ? null : expr((Expr) t.truncHiCall);
        return new Ex() {
            @Override
            int run(Frame f) {
                double yv = y.t(f).item();
                if (lo != null && yv < lo.t(f).item()
                        || hi != null && yv > hi.t(f).item()) {
                    throw new StanIndexException("the value " + yv + " is outside the truncation bounds");
                }
                Tensor term = lp.t(f);
                Tensor norm;
                if (lo != null && hi != null) {
                    Tensor a = hiCdf.t(f), b = loCdf.t(f);
                    norm = a.add(b.sub(a).expm1().neg().log()); // log(exp(a) - exp(b))
                } else if (lo != null) {
                    norm = loCdf.t(f);
                } else {
                    norm = hiCdf.t(f);
                }
                f.ctx.terms.add(term.sub(norm));
                return NORMAL;
            }
        };
    }

    // ------------------------------------------------------------------ expressions

    Ev expr(Expr e) {
        if (e instanceof Expr.IntLit il) {
            int v = il.value;
            return new Ev.I() {
                @Override
                int i(Frame f) {
                    return v;
                }
            };
        }
        if (e instanceof Expr.RealLit rl) return constant(Tensor.scalar(rl.value));
        if (e instanceof Expr.Var v) return var((Symbol) v.binding);
        if (e instanceof Expr.Binary b) {
            Ev fused = e.type.isReal() ? ScalarFusion.compile(this, e) : null;
            if (fused != null) return fused;
            return Ops.binary(this, b.op, b.left.type, expr(b.left), b.right.type, expr(b.right), b.pos);
        }
        if (e instanceof Expr.Unary u) return Ops.unary(u.op, u.operand.type, expr(u.operand));
        if (e instanceof Expr.Cond c) {
            Ev cond = expr(c.cond), a = expr(c.then), b = expr(c.otherwise);
            if (e.type.isInt()) {
                return new Ev.I() {
                    @Override
                    int i(Frame f) {
                        return truth(cond, f) ? a.i(f) : b.i(f);
                    }
                };
            }
            boolean real = !e.type.isIntBased();
            return new Ev() {
                @Override
                Object o(Frame f) {
                    Ev x = truth(cond, f) ? a : b;
                    return real ? x.t(f) : x.o(f);
                }
            };
        }
        if (e instanceof Expr.Indexed ix) return indexed(ix);
        if (e instanceof Expr.ArrayLit al) return arrayLit(al);
        if (e instanceof Expr.RowVecLit rv) {
            Ev[] items = new Ev[rv.items.size()];
            for (int k = 0; k < items.length; k++) items[k] = expr(rv.items.get(k));
            return new Ev.T() {
                @Override
                Tensor t(Frame f) {
                    Tensor[] ts = new Tensor[items.length];
                    for (int k = 0; k < ts.length; k++) ts[k] = items[k].t(f);
                    return Tensor.stack(ts);
                }
            };
        }
        if (e instanceof Expr.Call c) {
            Ev fused = e.type.isReal() ? ScalarFusion.compile(this, e) : null;
            return fused != null ? fused : call(c, 0);
        }
        throw new IllegalStateException("expression " + e);
    }

    static Ev constant(Tensor t) {
        return new Ev.T() {
            @Override
            Tensor t(Frame f) {
                return t;
            }
        };
    }

    private Ev var(Symbol s) {
        int slot = s.slot;
        if (s.intSlot()) {
            return new Ev.I() {
                @Override
                int i(Frame f) {
                    return f.i[slot];
                }
            };
        }
        if (s.type.isInt()) {
            return new Ev.I() {
                @Override
                int i(Frame f) {
                    return (Integer) f.g[slot];
                }
            };
        }
        boolean g = s.global;
        if (s.type.isIntBased()) {
            return new Ev() {
                @Override
                Object o(Frame f) {
                    return g ? f.g[slot] : f.o[slot];
                }
            };
        }
        return new Ev.T() {
            @Override
            Tensor t(Frame f) {
                Object v = g ? f.g[slot] : f.o[slot];
                return v instanceof Tensor t ? t : Values.toTensor(v);
            }
        };
    }

    /** A compiled index: given the size of its dimension, an Integer (single, 0-based) or int[] (0-based). */
    abstract static class Idx {
        abstract Object eval(Frame f, int dimSize);
    }

    Idx index(Expr.Index i) {
        if (!i.range) {
            Ev v = expr(i.lo);
            if (i.lo.type.isInt()) {
                return new Idx() {
                    @Override
                    Object eval(Frame f, int n) {
                        return v.i(f) - 1;
                    }
                };
            }
            return new Idx() {
                @Override
                Object eval(Frame f, int n) {
                    int[] a = (int[]) v.o(f);
                    int[] out = new int[a.length];
                    for (int k = 0; k < a.length; k++) out[k] = a[k] - 1;
                    return out;
                }
            };
        }
        Ev lo = i.lo == null ? null : expr(i.lo), hi = i.hi == null ? null : expr(i.hi);
        return new Idx() {
            @Override
            Object eval(Frame f, int n) {
                int a = lo == null ? 1 : lo.i(f), b = hi == null ? n : hi.i(f);
                int len = Math.max(0, b - a + 1);
                int[] out = new int[len];
                for (int k = 0; k < len; k++) out[k] = a - 1 + k;
                return out;
            }
        };
    }

    /**
     * {@code x[i][j]} as {@code x[i, j]} when every index of the chain is a single int (the same element; one read
     * instead of a slice of a slice), or null.
     */
    static Expr.Indexed flattenSingle(Expr.Indexed ix) {
        List<Expr.Index> all = new ArrayList<>();
        Expr e = ix;
        while (e instanceof Expr.Indexed in) {
            for (Expr.Index i : in.indices) if (i.range || !i.lo.type.isInt()) return null;
            all.addAll(0, in.indices);
            e = in.base;
        }
        if (!(e instanceof Expr.Var) || e == ix.base) return null;
        Expr.Indexed flat = new Expr.Indexed(ix.pos, e, all);
        flat.type = ix.type;
        return flat;
    }

    private Ev indexed(Expr.Indexed ix) {
        if (ix.base instanceof Expr.Indexed) {
            Expr.Indexed flat = flattenSingle(ix);
            if (flat != null) ix = flat;
        }
        Ev base = expr(ix.base);
        Idx[] idx = new Idx[ix.indices.size()];
        for (int k = 0; k < idx.length; k++) idx[k] = index(ix.indices.get(k));
        UnsizedType bt = ix.base.type;
        if (bt.isIntBased()) {
            if (ix.type.isInt()) {
                return new Ev.I() {
                    @Override
                    int i(Frame f) {
                        Object v = base.o(f);
                        if (v instanceof int[] a && idx.length == 1)
                            return a[Values.check((Integer) idx[0].eval(f, a.length), a.length)];
                        return (Integer) Values.indexInts(v, evalIdx(f, idx, Values.intDims(v)), 0);
                    }
                };
            }
            return new Ev() {
                @Override
                Object o(Frame f) {
                    Object v = base.o(f);
                    return Values.indexInts(v, evalIdx(f, idx, Values.intDims(v)), 0);
                }
            };
        }
        // a real container read straight from its slot: a single element of a Cells needs no node
        Symbol direct = ix.base instanceof Expr.Var v ? (Symbol) v.binding : null;
        boolean scalarOut = ix.type.isReal() && idx.length == bt.tensorRank();
        if (direct != null && scalarOut) {
            int slot = direct.slot;
            boolean g = direct.global;
            return new Ev.T() {
                @Override
                Tensor t(Frame f) {
                    Object v = g ? f.g[slot] : f.o[slot];
                    Cells c = v instanceof Cells cells ? cells : null;
                    Tensor t = c == null ? (Tensor) v : null;
                    int[] dims = c != null ? c.shape.dims() : t.shape().dims();
                    if (c == null && dims.length != idx.length) return Values.index(t, evalIdx(f, idx, dims));
                    // one element (y[t - k], beta[k] in a loop): no index arrays, no node for a written element
                    int off = 0, stride = 1;
                    for (int k = dims.length - 1; k >= 0; k--) {
                        off += Values.check((Integer) idx[k].eval(f, dims[k]), dims[k]) * stride;
                        stride *= dims[k];
                    }
                    if (c != null) return c.element(off);
                    return Tensor.precomputed("index", t.at(off), t, off, 1.0); // a scalar record (a constant for data)
                }
            };
        }
        if (direct != null) {
            // a range or multi-index read of a container being written element-wise: gather only the selection
            int slot = direct.slot;
            boolean g = direct.global;
            return new Ev.T() {
                @Override
                Tensor t(Frame f) {
                    Object v = g ? f.g[slot] : f.o[slot];
                    if (v instanceof Cells c) return Values.index(c, evalIdx(f, idx, c.shape.dims()));
                    Tensor t = Values.toTensor(v);
                    return Values.index(t, evalIdx(f, idx, t.shape().dims()));
                }
            };
        }
        return new Ev.T() {
            @Override
            Tensor t(Frame f) {
                Tensor t = base.t(f);
                return Values.index(t, evalIdx(f, idx, t.shape().dims()));
            }
        };
    }

    private static Object[] evalIdx(Frame f, Idx[] idx, int[] dims) {
        Object[] out = new Object[idx.length];
        for (int k = 0; k < idx.length; k++) out[k] = idx[k].eval(f, k < dims.length ? dims[k] : 0);
        return out;
    }

    private Ev arrayLit(Expr.ArrayLit al) {
        Ev[] items = new Ev[al.items.size()];
        for (int k = 0; k < items.length; k++) items[k] = expr(al.items.get(k));
        UnsizedType t = al.type;
        if (t.isIntBased()) {
            boolean flat = t.arrayDims() == 1;
            return new Ev() {
                @Override
                Object o(Frame f) {
                    if (flat) {
                        int[] out = new int[items.length];
                        for (int k = 0; k < out.length; k++) out[k] = items[k].i(f);
                        return out;
                    }
                    Object[] out = new Object[items.length];
                    for (int k = 0; k < out.length; k++) out[k] = Values.copyInts(items[k].o(f));
                    return out;
                }
            };
        }
        return new Ev.T() {
            @Override
            Tensor t(Frame f) {
                Tensor[] ts = new Tensor[items.length];
                for (int k = 0; k < ts.length; k++) ts[k] = items[k].t(f);
                return Tensor.stack(ts);
            }
        };
    }

    // ------------------------------------------------------------------ calls

    /** @param minusOneFirst subtract 1 from the first argument (discrete lower truncation) */
    Ev call(Expr.Call c, int minusOneFirst) {
        Ev[] args = new Ev[c.args.size()];
        List<UnsizedType> types = new ArrayList<>();
        boolean ode = c.target instanceof org.elbo4j.stan.check.OdeCall;
        for (int k = 0; k < args.length; k++) {
            args[k] = ode && k == 0 ? null : expr(c.args.get(k)); // an ODE solver's first argument is a function
            types.add(c.args.get(k).type);
        }
        if (minusOneFirst != 0) {
            Ev a0 = args[0];
            args[0] = new Ev.I() {
                @Override
                int i(Frame f) {
                    return a0.i(f) - 1;
                }
            };
        }
        if (c.target instanceof Intrinsic in) return Intrinsics.compile(in, args, c.args, c.type);
        if (c.target instanceof org.elbo4j.stan.check.OdeCall oc) return Ode.compile(this, oc, args);
        if (c.target instanceof UserFunction u) return userCall(u, args);
        Signature sig = (Signature) c.target;
        LibraryCall lc = LibraryCall.bind(sig, types);
        UnsizedType rt = c.type;
        Ev slice = CellSlices.compile(sig.name(), c.args, args, lc);
        if (slice != null) return slice;
        boolean intRet = rt.isInt();
        if (intRet) {
            return new Ev.I() {
                @Override
                int i(Frame f) {
                    return (Integer) lc.invoke(evalAll(args, f), f.ctx.rng);
                }
            };
        }
        if (rt.isIntBased()) {
            return new Ev() {
                @Override
                Object o(Frame f) {
                    return lc.invoke(evalAll(args, f), f.ctx.rng);
                }
            };
        }
        return new Ev.T() {
            @Override
            Tensor t(Frame f) {
                return (Tensor) lc.invoke(evalAll(args, f), f.ctx.rng);
            }
        };
    }

    static Object[] evalAll(Ev[] args, Frame f) {
        Object[] out = new Object[args.length];
        for (int k = 0; k < args.length; k++) out[k] = args[k].o(f);
        return out;
    }

    /** The compiled function (compiled on first use; the holder exists before its body, for recursion). */
    Fn fnFor(UserFunction u) {
        Fn fn = fns.get(u);
        if (fn == null) {
            fn = new Fn();
            fns.put(u, fn);
            fn.objs = u.objectSlots;
            fn.ints = u.intSlots;
            fn.args = u.args.toArray(new Symbol[0]);
            fn.ret = u.returnType;
            fn.params = u.params.toArray(new UnsizedType[0]);
            fn.body = block(u.def.body.body);
        }
        return fn;
    }

    /** Calls a compiled user function from Java with evaluated arguments (promoted to its parameter types). */
    Object invoke(Fn code, Object[] args, Context ctx) {
        Frame fr = new Frame(null, code.objs, code.ints, ctx);
        for (int k = 0; k < args.length; k++) {
            Symbol s = code.args[k];
            if (s.intSlot()) fr.i[s.slot] = (Integer) args[k];
            else fr.o[s.slot] = code.params[k].isIntBased() ? args[k] : Values.toTensor(args[k]);
        }
        code.body.run(fr);
        return fr.ret;
    }

    private Ev userCall(UserFunction u, Ev[] args) {
        final Fn code = fnFor(u);
        boolean[] promote = new boolean[args.length];
        for (int k = 0; k < args.length; k++) promote[k] = !u.params.get(k).isIntBased();
        boolean realRet = u.returnType.base() != Base.VOID && !u.returnType.isIntBased();
        Ev call = new Ev() {
            @Override
            Object o(Frame f) {
                Frame fr = new Frame(null, code.objs, code.ints, f.ctx);
                for (int k = 0; k < args.length; k++) {
                    Symbol s = code.args[k];
                    if (s.intSlot()) fr.i[s.slot] = args[k].i(f);
                    else fr.o[s.slot] = promote[k] ? args[k].t(f) : args[k].o(f);
                }
                code.body.run(fr);
                Object r = fr.ret;
                return realRet && r != null ? Values.toTensor(r) : r;
            }
        };
        if (u.returnType.isInt()) {
            return new Ev.I() {
                @Override
                int i(Frame f) {
                    return (Integer) call.o(f);
                }
            };
        }
        return call;
    }

    Source source() {
        return src;
    }

    static Pos nowhere() {
        return new Pos(0, 0, 0);
    }

    static Signatures lib() {
        return Signatures.standard();
    }
}
