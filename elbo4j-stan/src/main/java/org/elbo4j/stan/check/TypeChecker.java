package org.elbo4j.stan.check;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elbo4j.stan.check.CheckedProgram.Block;
import org.elbo4j.stan.parse.DeclType;
import org.elbo4j.stan.parse.Expr;
import org.elbo4j.stan.parse.FunDef;
import org.elbo4j.stan.parse.Pos;
import org.elbo4j.stan.parse.Program;
import org.elbo4j.stan.parse.Stmt;
import org.elbo4j.stan.parse.UnsizedType;
import org.elbo4j.stan.parse.UnsizedType.Base;

/**
 * The type checker: scopes (declared before use, no shadowing of program variables), block rules (what may be
 * assigned where; {@code _rng} functions only in transformed data, generated quantities and {@code _rng}
 * functions; {@code _lp} functions and {@code target} only where the log density is accumulated), int-to-real
 * promotion, overload resolution against the library's signatures and user-defined functions. Annotates the AST
 * in place.
 */
public final class TypeChecker {
    private final Program prog;
    private final Signatures lib;
    private final List<Symbol> globals = new ArrayList<>();
    private final Map<String, List<UserFunction>> functions = new LinkedHashMap<>();
    private final Deque<Map<String, Symbol>> scopes = new ArrayDeque<>();
    private final int[][] frameSizes = new int[7][2];

    private Block block;
    private UserFunction fn;
    private int loops;
    private int objSlots, intSlots;

    private TypeChecker(Program prog, Signatures lib) {
        this.prog = prog;
        this.lib = lib;
    }

    /**
     * Checks a parsed program against the library signatures.
     *
     * @throws StanTypeException at the first error
     */
    public static CheckedProgram check(Program prog, Signatures lib) {
        return new TypeChecker(prog, lib).run();
    }

    private CheckedProgram run() {
        scopes.push(new HashMap<>());
        block = Block.FUNCTIONS;
        for (FunDef f : prog.functions()) declareFunction(f);
        for (FunDef f : prog.functions()) if (f.body != null) checkFunction(f);
        for (List<UserFunction> l : functions.values()) {
            for (UserFunction u : l) {
                if (u.def == null) throw error(posOfDecl(u), "function '" + u.name + "' is declared but never defined");
            }
        }
        topBlock(Block.DATA, prog.data());
        topBlock(Block.TRANSFORMED_DATA, prog.transformedData());
        topBlock(Block.PARAMETERS, prog.parameters());
        topBlock(Block.TRANSFORMED_PARAMETERS, prog.transformedParameters());
        topBlock(Block.MODEL, prog.model());
        topBlock(Block.GENERATED_QUANTITIES, prog.generatedQuantities());
        return new CheckedProgram(prog, List.copyOf(globals), functions, frameSizes);
    }

    private Pos posOfDecl(UserFunction u) {
        for (FunDef f : prog.functions()) if (f.name.equals(u.name)) return f.pos;
        return new Pos(1, 1, 0);
    }

    // ------------------------------------------------------------------ functions

    private void declareFunction(FunDef f) {
        List<UnsizedType> ps = new ArrayList<>();
        for (FunDef.Param p : f.params) ps.add(p.type());
        if (Intrinsic.of(f.name) != null || lib.has(f.name)) {
            throw error(
                    f.pos,
                    "function '" + f.name
                            + "' is already defined by Stan; user functions cannot redefine library functions");
        }
        checkSuffix(f);
        List<UserFunction> same = functions.computeIfAbsent(f.name, k -> new ArrayList<>());
        UserFunction u = null;
        for (UserFunction o : same) if (o.params.equals(ps)) u = o;
        if (u == null) {
            u = new UserFunction(f.name, ps, f.returnType);
            same.add(u);
        } else if (!u.returnType.equals(f.returnType)) {
            throw error(
                    f.pos,
                    "function '" + f.name + "' was declared returning " + u.returnType + ", here " + f.returnType);
        }
        if (f.body != null) {
            if (u.def != null)
                throw error(f.pos, "function '" + f.name + "' is defined twice with the same argument types");
            u.def = f;
        }
    }

    private void checkSuffix(FunDef f) {
        String n = f.name;
        if (n.endsWith("_lpdf") || n.endsWith("_lpmf")) {
            if (!f.returnType.isReal()) throw error(f.pos, "function '" + n + "' must return real (a log density)");
            if (f.params.isEmpty())
                throw error(f.pos, "function '" + n + "' needs at least one argument (the variate)");
            if (n.endsWith("_lpmf") && !f.params.get(0).type().isIntBased()) {
                throw error(
                        f.params.get(0).pos(),
                        "the first argument of a _lpmf function must be int-valued, found "
                                + f.params.get(0).type());
            }
            if (n.endsWith("_lpdf") && f.params.get(0).type().isIntBased()) {
                throw error(
                        f.params.get(0).pos(),
                        "the first argument of a _lpdf function must be real-valued, found "
                                + f.params.get(0).type() + " (use _lpmf for an int variate)");
            }
        }
        if (n.endsWith("_lupdf") || n.endsWith("_lupmf")) {
            throw error(
                    f.pos,
                    "define '" + n.replace("_lupdf", "_lpdf").replace("_lupmf", "_lpmf") + "' instead: '" + n
                            + "' is the unnormalised form Stan derives from it");
        }
    }

    private void checkFunction(FunDef f) {
        UserFunction u = null;
        for (UserFunction o : functions.get(f.name)) if (o.def == f) u = o;
        fn = u;
        objSlots = 0;
        intSlots = 0;
        scopes.push(new HashMap<>());
        List<Symbol> args = new ArrayList<>();
        for (FunDef.Param p : f.params) {
            if (scopes.peek().containsKey(p.name())) throw error(p.pos(), "argument '" + p.name() + "' appears twice");
            args.add(declareLocal(p.name(), p.type(), Symbol.Origin.ARGUMENT, null, p.pos()));
        }
        u.args = args;
        stmt(f.body);
        if (!f.returnType.equals(UnsizedType.VOID) && !alwaysReturns(f.body)) {
            throw error(
                    f.pos,
                    "function '" + f.name + "' must return a value of type " + f.returnType
                            + " on every path (missing 'return')");
        }
        scopes.pop();
        u.objectSlots = objSlots;
        u.intSlots = intSlots;
        fn = null;
    }

    private static boolean alwaysReturns(Stmt s) {
        if (s instanceof Stmt.Return) return true;
        if (s instanceof Stmt.Printish p) return !p.kind.equals("print");
        if (s instanceof Stmt.Block b) {
            for (Stmt x : b.body) if (alwaysReturns(x)) return true;
            return false;
        }
        if (s instanceof Stmt.If i) return i.otherwise != null && alwaysReturns(i.then) && alwaysReturns(i.otherwise);
        if (s instanceof Stmt.While w) return w.cond instanceof Expr.IntLit il && il.value != 0; // while (1) {...}
        return false;
    }

    // ------------------------------------------------------------------ blocks

    private void topBlock(Block b, List<Stmt> stmts) {
        block = b;
        objSlots = 0;
        intSlots = 0;
        for (Stmt s : stmts) {
            if (s instanceof Stmt.VarDecl d) topDecl(d);
            else stmt(s);
        }
        frameSizes[b.ordinal()][0] = objSlots;
        frameSizes[b.ordinal()][1] = intSlots;
    }

    private void topDecl(Stmt.VarDecl d) {
        if (block == Block.MODEL) {
            localDecl(d);
            return;
        }
        Symbol.Origin o = switch (block) {
            case DATA -> Symbol.Origin.DATA;
            case TRANSFORMED_DATA -> Symbol.Origin.TRANSFORMED_DATA;
            case PARAMETERS -> Symbol.Origin.PARAMETER;
            case TRANSFORMED_PARAMETERS -> Symbol.Origin.TRANSFORMED_PARAMETER;
            default -> Symbol.Origin.GENERATED;
        };
        DeclType t = d.type;
        if (block == Block.PARAMETERS || block == Block.TRANSFORMED_PARAMETERS) {
            if (t.kind == DeclType.Kind.INT) {
                throw error(
                        t.pos,
                        "'" + block.stan + "' cannot declare integers ('" + d.name + "'): parameters are real-valued");
            }
        }
        if (t.kind == DeclType.Kind.COMPLEX) throw error(t.pos, "complex numbers are not supported");
        checkDeclType(t, true);
        if (d.init != null && (block == Block.DATA || block == Block.PARAMETERS)) {
            throw error(d.init.pos, "variables in the '" + block.stan + "' block cannot be given a value");
        }
        checkNotDeclared(d.name, d.pos);
        Symbol s = new Symbol(d.name, t.unsized(), o, t, d.pos, true, globals.size());
        globals.add(s);
        if (d.init != null) checkAssignable(t.unsized(), expr(d.init), d.init.pos, "the value of '" + d.name + "'");
        scopes.getLast().put(d.name, s);
        d.binding = s;
    }

    private void localDecl(Stmt.VarDecl d) {
        DeclType t = d.type;
        if (t.constrained()) {
            throw error(
                    t.pos, "local variable '" + d.name + "' cannot have a constraint (only block-level variables can)");
        }
        if (t.kind == DeclType.Kind.COMPLEX) throw error(t.pos, "complex numbers are not supported");
        checkDeclType(t, false);
        checkNotDeclared(d.name, d.pos);
        if (d.init != null) checkAssignable(t.unsized(), expr(d.init), d.init.pos, "the value of '" + d.name + "'");
        d.binding = declareLocal(d.name, t.unsized(), Symbol.Origin.LOCAL, t, d.pos);
    }

    private Symbol declareLocal(String name, UnsizedType t, Symbol.Origin o, DeclType decl, Pos p) {
        int slot = t.isInt() ? intSlots++ : objSlots++;
        Symbol s = new Symbol(name, t, o, decl, p, false, slot);
        scopes.peek().put(name, s);
        return s;
    }

    private void checkNotDeclared(String name, Pos p) {
        Symbol prev = lookup(name);
        if (prev != null) {
            throw error(p, "'" + name + "' is already declared (at line " + prev.pos.line() + ")");
        }
        if (functions.containsKey(name)) throw error(p, "'" + name + "' is the name of a function");
    }

    private void checkDeclType(DeclType t, boolean topLevel) {
        for (Expr e : t.arrayDims) requireInt(e, "an array size");
        for (Expr e : t.sizes) requireInt(e, "a size");
        UnsizedType elem = new UnsizedType(t.kind.base(), 0);
        for (Expr b : new Expr[] {t.lower, t.upper, t.offset, t.multiplier}) {
            if (b == null) continue;
            UnsizedType bt = expr(b);
            if (t.kind == DeclType.Kind.INT) {
                if (!bt.isInt()) throw error(b.pos, "a bound of an int must be an int, found " + bt);
            } else if (!bt.isScalar()
                    && ArgType.promotionCost(bt, t.unsized()) < 0
                    && ArgType.promotionCost(bt, elem) < 0) {
                throw error(
                        b.pos, "a bound must be a scalar or have the variable's type " + t.unsized() + ", found " + bt);
            }
        }
    }

    private void requireInt(Expr e, String what) {
        UnsizedType t = expr(e);
        if (!t.isInt()) throw error(e.pos, what + " must be an int, found " + t);
    }

    // ------------------------------------------------------------------ statements

    private void stmt(Stmt s) {
        if (s instanceof Stmt.VarDecl d) {
            localDecl(d);
        } else if (s instanceof Stmt.Assign a) {
            assign(a);
        } else if (s instanceof Stmt.Tilde t) {
            tilde(t);
        } else if (s instanceof Stmt.TargetPlus tp) {
            requireTarget(tp.pos, "'target +='");
            UnsizedType t = expr(tp.value);
            if (t.base() == Base.VOID || t.base() == Base.COMPLEX)
                throw error(tp.value.pos, "'target +=' needs a real-valued expression, found " + t);
        } else if (s instanceof Stmt.For f) {
            requireInt(f.lo, "the lower end of a for loop");
            requireInt(f.hi, "the upper end of a for loop");
            scopes.push(new HashMap<>());
            checkNotDeclared(f.var, f.pos);
            f.binding = declareLocal(f.var, UnsizedType.INT, Symbol.Origin.LOOP, null, f.pos);
            loops++;
            stmt(f.body);
            loops--;
            scopes.pop();
        } else if (s instanceof Stmt.ForEach f) {
            UnsizedType ct = expr(f.container);
            UnsizedType et;
            if (ct.arrayDims() > 0) et = ct.element(1);
            else if (ct.base() == Base.VECTOR || ct.base() == Base.ROW_VECTOR || ct.base() == Base.MATRIX)
                et = UnsizedType.REAL;
            else
                throw error(
                        f.container.pos, "a foreach loop needs an array, vector, row_vector or matrix, found " + ct);
            scopes.push(new HashMap<>());
            checkNotDeclared(f.var, f.pos);
            f.binding = declareLocal(f.var, et, Symbol.Origin.LOOP, null, f.pos);
            loops++;
            stmt(f.body);
            loops--;
            scopes.pop();
        } else if (s instanceof Stmt.While w) {
            requireCondition(w.cond);
            loops++;
            stmt(w.body);
            loops--;
        } else if (s instanceof Stmt.If i) {
            requireCondition(i.cond);
            scoped(i.then);
            if (i.otherwise != null) scoped(i.otherwise);
        } else if (s instanceof Stmt.Jump j) {
            if (loops == 0) throw error(j.pos, "'" + (j.isBreak ? "break" : "continue") + "' outside a loop");
        } else if (s instanceof Stmt.Block b) {
            scopes.push(new HashMap<>());
            for (Stmt x : b.body) stmt(x);
            scopes.pop();
        } else if (s instanceof Stmt.Printish p) {
            for (Expr e : p.items) {
                if (e instanceof Expr.StrLit) continue;
                UnsizedType t = expr(e);
                if (t.base() == Base.VOID) throw error(e.pos, "cannot print a void function call");
            }
        } else if (s instanceof Stmt.Return r) {
            if (fn == null) throw error(r.pos, "'return' outside a function");
            if (r.value == null) {
                if (!fn.returnType.equals(UnsizedType.VOID))
                    throw error(r.pos, "function '" + fn.name + "' must return a " + fn.returnType);
            } else {
                if (fn.returnType.equals(UnsizedType.VOID))
                    throw error(r.pos, "void function '" + fn.name + "' cannot return a value");
                checkAssignable(fn.returnType, expr(r.value), r.value.pos, "the returned value");
            }
        } else if (s instanceof Stmt.CallStmt c) {
            UnsizedType t = expr(c.call);
            if (t.base() != Base.VOID) {
                throw error(
                        c.pos,
                        "the value of '" + c.call.name
                                + "(...)' is ignored: only void functions can be called as statements");
            }
        } else if (!(s instanceof Stmt.Empty)) {
            throw new IllegalStateException("unknown statement " + s);
        }
    }

    private void scoped(Stmt s) {
        scopes.push(new HashMap<>());
        stmt(s);
        scopes.pop();
    }

    private void requireCondition(Expr e) {
        UnsizedType t = expr(e);
        if (!t.isScalar()) throw error(e.pos, "a condition must be an int or real, found " + t);
    }

    private void requireTarget(Pos p, String what) {
        boolean ok = fn != null ? fn.name.endsWith("_lp") : block == Block.MODEL;
        if (!ok) {
            throw error(
                    p,
                    what + " is only allowed in the model block and in functions ending in _lp"
                            + (fn != null
                                    ? " (this is function '" + fn.name + "')"
                                    : " (this is '" + block.stan + "')"));
        }
    }

    private void assign(Stmt.Assign a) {
        Expr.Var root = rootVar(a.lhs);
        Symbol s = lookup(root.name);
        if (s == null) throw error(root.pos, "'" + root.name + "' is not declared");
        if (s.origin == Symbol.Origin.LOOP) throw error(root.pos, "cannot assign to loop variable '" + root.name + "'");
        if (s.origin == Symbol.Origin.ARGUMENT)
            throw error(root.pos, "cannot assign to function argument '" + root.name + "'");
        if (s.global) {
            Block owner = switch (s.origin) {
                case DATA -> Block.DATA;
                case TRANSFORMED_DATA -> Block.TRANSFORMED_DATA;
                case PARAMETER -> Block.PARAMETERS;
                case TRANSFORMED_PARAMETER -> Block.TRANSFORMED_PARAMETERS;
                default -> Block.GENERATED_QUANTITIES;
            };
            if (owner != block || fn != null) {
                throw error(
                        root.pos,
                        "cannot assign to '" + root.name + "', declared in '" + owner.stan + "', from '"
                                + (fn != null ? "function " + fn.name : block.stan) + "'");
            }
        }
        UnsizedType lt = expr(a.lhs);
        UnsizedType rt = expr(a.rhs);
        if (a.op.equals("=")) {
            checkAssignable(lt, rt, a.rhs.pos, "the value assigned to '" + root.name + "'");
            return;
        }
        String op = a.op.substring(0, a.op.length() - 1);
        UnsizedType res = binaryType(op, lt, rt, a.pos);
        checkAssignable(lt, res, a.pos, "'" + root.name + " " + op + " ...'");
    }

    private static Expr.Var rootVar(Expr e) {
        while (e instanceof Expr.Indexed ix) e = ix.base;
        return (Expr.Var) e;
    }

    private void checkAssignable(UnsizedType to, UnsizedType from, Pos p, String what) {
        if (ArgType.promotionCost(from, to) < 0) {
            throw error(p, what + " has type " + from + ", expected " + to);
        }
    }

    private void tilde(Stmt.Tilde t) {
        if (fn == null && block != Block.MODEL) {
            throw error(
                    t.pos,
                    "'~' statements are only allowed in the model block and in functions ending in _lp (this is '"
                            + block.stan + "')");
        }
        if (fn != null && !fn.name.endsWith("_lp")) {
            throw error(
                    t.pos,
                    "'~' statements are only allowed in the model block and in functions ending in _lp (this is function '"
                            + fn.name + "')");
        }
        if (t.dist.endsWith("_lpdf")
                || t.dist.endsWith("_lpmf")
                || t.dist.endsWith("_lupdf")
                || t.dist.endsWith("_lupmf")) {
            throw error(
                    t.distPos,
                    "write '~ " + t.dist.replaceAll("_lu?p[dm]f$", "") + "(...)': the suffix is implied after '~'");
        }
        UnsizedType lt = expr(t.lhs);
        List<Expr> args = new ArrayList<>();
        args.add(t.lhs);
        args.addAll(t.args);
        String suffix = null;
        for (String suf : new String[] {"_lpdf", "_lpmf"}) {
            if (functions.containsKey(t.dist + suf) || lib.has(t.dist + suf)) {
                if (suffix == null || (suf.equals("_lpmf") == lt.isIntBased())) suffix = suf;
            }
        }
        if (suffix == null)
            throw error(
                    t.distPos, "unknown distribution '" + t.dist + "' (no " + t.dist + "_lpdf or " + t.dist + "_lpmf)");
        Expr.Call call = new Expr.Call(t.distPos, t.dist + suffix, args, true);
        expr(call);
        t.call = call;
        if (t.truncated) {
            if (!lt.isScalar())
                throw error(t.lhs.pos, "truncation T[...] needs a scalar on the left of '~', found " + lt);
            if (t.truncLo != null) t.truncLoCall = cdfCall(t, t.truncLo, t.truncHi != null ? "_lcdf" : "_lccdf");
            if (t.truncHi != null) t.truncHiCall = cdfCall(t, t.truncHi, "_lcdf");
        }
    }

    private Expr.Call cdfCall(Stmt.Tilde t, Expr bound, String suffix) {
        UnsizedType bt = expr(bound);
        if (!bt.isScalar()) throw error(bound.pos, "a truncation bound must be a scalar, found " + bt);
        List<Expr> args = new ArrayList<>();
        args.add(bound);
        args.addAll(t.args);
        String name = t.dist + suffix;
        if (!functions.containsKey(name) && !lib.has(name))
            throw error(bound.pos, "truncation needs '" + name + "', which is not defined");
        Expr.Call c = new Expr.Call(bound.pos, name, args, true);
        expr(c);
        return c;
    }

    // ------------------------------------------------------------------ expressions

    /** Types {@code e}, records the type in {@code e.type} and returns it. */
    private UnsizedType expr(Expr e) {
        UnsizedType t = exprType(e);
        e.type = t;
        return t;
    }

    private UnsizedType exprType(Expr e) {
        if (e instanceof Expr.IntLit) return UnsizedType.INT;
        if (e instanceof Expr.RealLit) return UnsizedType.REAL;
        if (e instanceof Expr.ImagLit) throw error(e.pos, "complex numbers are not supported");
        if (e instanceof Expr.StrLit) throw error(e.pos, "a string is only allowed in print, reject and fatal_error");
        if (e instanceof Expr.Var v) {
            Symbol s = lookup(v.name);
            if (s == null) {
                if (functions.containsKey(v.name) || lib.has(v.name))
                    throw error(v.pos, "'" + v.name + "' is a function: call it with (...)");
                throw error(
                        v.pos,
                        "'" + v.name + "' is not declared"
                                + (fn == null && block != null ? " (variables must be declared before use)" : ""));
            }
            v.binding = s;
            return s.type;
        }
        if (e instanceof Expr.Binary b) {
            UnsizedType l = expr(b.left), r = expr(b.right);
            return binaryType(b.op, l, r, b.pos);
        }
        if (e instanceof Expr.Unary u) {
            UnsizedType t = expr(u.operand);
            switch (u.op) {
                case "!":
                    if (!t.isScalar()) throw error(u.pos, "'!' needs an int or real, found " + t);
                    return UnsizedType.INT;
                case "-", "+":
                    if (t.arrayDims() > 0)
                        throw error(u.pos, "unary '" + u.op + "' is not defined for arrays (" + t + ")");
                    return t;
                default: // transpose
                    if (t.arrayDims() > 0 || t.isScalar())
                        throw error(u.pos, "transposition ' needs a vector, row_vector or matrix, found " + t);
                    return t.base() == Base.VECTOR
                            ? UnsizedType.ROW_VECTOR
                            : t.base() == Base.ROW_VECTOR ? UnsizedType.VECTOR : t;
            }
        }
        if (e instanceof Expr.Cond c) {
            requireCondition(c.cond);
            UnsizedType a = expr(c.then), b = expr(c.otherwise);
            if (a.equals(b)) return a;
            if (ArgType.promotionCost(a, b) > 0) return b;
            if (ArgType.promotionCost(b, a) > 0) return a;
            throw error(c.pos, "the branches of ?: have different types: " + a + " and " + b);
        }
        if (e instanceof Expr.Indexed ix) return indexedType(ix);
        if (e instanceof Expr.ArrayLit a) {
            UnsizedType t = null;
            for (Expr x : a.items) {
                UnsizedType xt = expr(x);
                if (t == null || ArgType.promotionCost(t, xt) > 0) t = xt;
                else if (ArgType.promotionCost(xt, t) < 0)
                    throw error(x.pos, "array elements must have one type: found " + t + " and " + xt);
            }
            return t.arrayOf(1);
        }
        if (e instanceof Expr.RowVecLit rv) {
            boolean rows = false;
            for (Expr x : rv.items) {
                UnsizedType xt = expr(x);
                if (xt.equals(UnsizedType.ROW_VECTOR)) rows = true;
                else if (!xt.isScalar())
                    throw error(
                            x.pos,
                            "elements of [...] must be scalars (a row_vector) or row vectors (a matrix), found " + xt);
            }
            if (rows) {
                for (Expr x : rv.items)
                    if (!x.type.equals(UnsizedType.ROW_VECTOR))
                        throw error(x.pos, "a matrix [...] needs row vectors in every row, found " + x.type);
                return UnsizedType.MATRIX;
            }
            return UnsizedType.ROW_VECTOR;
        }
        if (e instanceof Expr.Call c) return call(c);
        throw new IllegalStateException("unknown expression " + e);
    }

    private UnsizedType indexedType(Expr.Indexed ix) {
        UnsizedType bt = expr(ix.base);
        int arr = bt.arrayDims();
        // remaining element dimensions: for matrices rows and columns separately
        boolean rowsKept = bt.base() == Base.MATRIX || bt.base() == Base.VECTOR;
        boolean colsKept = bt.base() == Base.MATRIX || bt.base() == Base.ROW_VECTOR;
        int elemDims = bt.base().rank;
        int keptArr = 0;
        int pos = 0;
        if (ix.indices.size() > arr + elemDims) {
            throw error(
                    ix.pos,
                    "too many indices: " + bt + " takes at most " + (arr + elemDims) + ", found " + ix.indices.size());
        }
        for (Expr.Index i : ix.indices) {
            boolean keep;
            if (i.range) {
                if (i.lo != null) requireInt(i.lo, "an index");
                if (i.hi != null) requireInt(i.hi, "an index");
                keep = true;
            } else {
                UnsizedType t = expr(i.lo);
                if (t.isInt()) keep = false;
                else if (t.equals(UnsizedType.INT.arrayOf(1))) keep = true;
                else throw error(i.lo.pos, "an index must be an int or array[] int, found " + t);
            }
            if (pos < arr) {
                if (keep) keptArr++;
            } else if (bt.base() == Base.MATRIX) {
                if (pos == arr) rowsKept = keep;
                else colsKept = keep;
            } else {
                rowsKept = rowsKept && keep;
                colsKept = colsKept && keep;
            }
            pos++;
        }
        int dims = keptArr + Math.max(0, arr - pos);
        Base b;
        if (bt.base() == Base.MATRIX)
            b = rowsKept && colsKept ? Base.MATRIX : rowsKept ? Base.VECTOR : colsKept ? Base.ROW_VECTOR : Base.REAL;
        else if (bt.base() == Base.VECTOR) b = rowsKept ? Base.VECTOR : Base.REAL;
        else if (bt.base() == Base.ROW_VECTOR) b = colsKept ? Base.ROW_VECTOR : Base.REAL;
        else b = bt.base();
        return new UnsizedType(b, dims);
    }

    private UnsizedType binaryType(String op, UnsizedType l, UnsizedType r, Pos p) {
        String bad = "operator '" + op + "' is not defined for " + l + " and " + r;
        switch (op) {
            case "||", "&&", "==", "!=", "<", "<=", ">", ">=":
                if (l.isScalar() && r.isScalar()) return UnsizedType.INT;
                throw error(p, bad + " (it needs scalars)");
            case "%", "%/%":
                if (l.isInt() && r.isInt()) return UnsizedType.INT;
                throw error(p, bad + " (it needs ints)");
            default:
                break;
        }
        if (l.arrayDims() > 0 || r.arrayDims() > 0) throw error(p, bad + " (arithmetic is not defined on arrays)");
        if (l.base() == Base.VOID || r.base() == Base.VOID) throw error(p, bad);
        Base a = l.base(), b = r.base();
        boolean ls = l.isScalar(), rs = r.isScalar();
        switch (op) {
            case "+", "-":
                if (ls && rs) return a == Base.INT && b == Base.INT ? UnsizedType.INT : UnsizedType.REAL;
                if (ls) return r;
                if (rs || a == b) return l;
                throw error(p, bad);
            case "*":
                if (ls && rs) return a == Base.INT && b == Base.INT ? UnsizedType.INT : UnsizedType.REAL;
                if (ls) return r;
                if (rs) return l;
                if (a == Base.VECTOR && b == Base.ROW_VECTOR) return UnsizedType.MATRIX;
                if (a == Base.ROW_VECTOR && b == Base.VECTOR) return UnsizedType.REAL;
                if (a == Base.MATRIX && b == Base.VECTOR) return UnsizedType.VECTOR;
                if (a == Base.ROW_VECTOR && b == Base.MATRIX) return UnsizedType.ROW_VECTOR;
                if (a == Base.MATRIX && b == Base.MATRIX) return UnsizedType.MATRIX;
                throw error(p, bad + (a == b ? " (use .* for the elementwise product, or ' to transpose)" : ""));
            case "/":
                if (ls && rs) return a == Base.INT && b == Base.INT ? UnsizedType.INT : UnsizedType.REAL;
                if (rs) return l;
                if (a == Base.ROW_VECTOR && b == Base.MATRIX) return UnsizedType.ROW_VECTOR;
                if (a == Base.MATRIX && b == Base.MATRIX) return UnsizedType.MATRIX;
                throw error(p, bad + " (use ./ for elementwise division)");
            case "\\":
                if (a == Base.MATRIX && (b == Base.VECTOR || b == Base.MATRIX) && !rs) return r;
                throw error(p, bad);
            case ".*", "./":
                if (ls && rs)
                    return op.equals("./") || a == Base.REAL || b == Base.REAL ? UnsizedType.REAL : UnsizedType.INT;
                if (ls) return r;
                if (rs || a == b) return l;
                throw error(p, bad);
            case "^", ".^":
                if (ls && rs) return UnsizedType.REAL;
                if (op.equals("^")) throw error(p, bad + " (use .^ for elementwise powers)");
                if (ls) return r;
                if (rs || a == b) return l;
                throw error(p, bad);
            default:
                throw error(p, "unknown operator '" + op + "'");
        }
    }

    // ------------------------------------------------------------------ calls

    private UnsizedType call(Expr.Call c) {
        if (OdeCall.isSolver(c.name)) return odeCall(c);
        List<UnsizedType> ats = new ArrayList<>();
        for (Expr a : c.args) ats.add(expr(a));
        String name = c.name;
        checkCallContext(c, name);
        boolean density = name.endsWith("_lpdf")
                || name.endsWith("_lpmf")
                || name.endsWith("_lupdf")
                || name.endsWith("_lupmf")
                || name.endsWith("_lcdf")
                || name.endsWith("_lccdf")
                || name.endsWith("_cdf");
        if (c.conditional && !density) {
            throw error(
                    c.pos,
                    "'|' separates the variate only in calls of densities and CDFs (_lpdf, _lpmf, _lcdf, ...), not in '"
                            + name + "'");
        }
        String resolved = name.replaceAll("_lupdf$", "_lpdf").replaceAll("_lupmf$", "_lpmf");
        // user functions
        List<UserFunction> us = functions.get(resolved);
        if (us != null) {
            UserFunction best = null;
            int bestCost = Integer.MAX_VALUE;
            for (UserFunction u : us) {
                if (u.params.size() != ats.size()) continue;
                int cost = 0;
                for (int i = 0; i < ats.size() && cost >= 0; i++) {
                    int ci = ArgType.promotionCost(ats.get(i), u.params.get(i));
                    cost = ci < 0 ? -1 : cost + ci;
                }
                if (cost >= 0 && cost < bestCost) {
                    best = u;
                    bestCost = cost;
                }
            }
            if (best == null) {
                throw error(c.pos, "no overload of '" + name + "' takes (" + join(ats) + "); defined: " + us);
            }
            c.target = best;
            return best.returnType;
        }
        Intrinsic in = Intrinsic.of(name);
        if (in != null) {
            c.target = in;
            return intrinsicType(in, c, ats);
        }
        List<Signature> sigs = lib.overloads(resolved);
        if (sigs.isEmpty()) {
            throw error(
                    c.pos,
                    "unknown function '" + name + "'"
                            + (functions.isEmpty() && lib.size() == 0
                                    ? " (no function library on the classpath)"
                                    : ""));
        }
        Signature best = null;
        int bestCost = Integer.MAX_VALUE;
        for (Signature s : sigs) {
            if (s.args().size() != ats.size()) continue;
            int cost = 0;
            for (int i = 0; i < ats.size() && cost >= 0; i++) {
                int ci = s.args().get(i).cost(ats.get(i));
                cost = ci < 0 ? -1 : cost + ci;
            }
            if (cost >= 0 && cost < bestCost) {
                best = s;
                bestCost = cost;
            }
        }
        if (best == null) {
            StringBuilder sb = new StringBuilder("no overload of '" + name + "' takes (" + join(ats) + "); available:");
            int shown = 0;
            for (Signature s : sigs) {
                if (shown++ == 8) {
                    sb.append("\n      ... ").append(sigs.size() - 8).append(" more");
                    break;
                }
                sb.append("\n      ").append(s);
            }
            throw error(c.pos, sb.toString());
        }
        c.target = best;
        return best.returnType();
    }

    private UnsizedType odeCall(Expr.Call c) {
        boolean legacy = c.name.startsWith("integrate_ode_");
        boolean tol = legacy ? c.args.size() == 10 : c.name.endsWith("_tol");
        if (c.args.isEmpty() || !(c.args.get(0) instanceof Expr.Var fv) || !functions.containsKey(fv.name)) {
            throw error(c.pos, c.name + " needs a user-defined function (the right-hand side) as its first argument");
        }
        List<UnsizedType> ats = new ArrayList<>();
        for (int k = 1; k < c.args.size(); k++) ats.add(expr(c.args.get(k)));
        UnsizedType realArr = UnsizedType.REAL.arrayOf(1);
        List<UnsizedType> want = new ArrayList<>();
        List<UnsizedType> fnArgs = new ArrayList<>();
        fnArgs.add(UnsizedType.REAL);
        UnsizedType state = legacy ? realArr : UnsizedType.VECTOR;
        fnArgs.add(state);
        want.add(state);
        want.add(UnsizedType.REAL);
        want.add(realArr);
        int fixed;
        if (legacy) {
            if (c.args.size() != 7 && c.args.size() != 10) {
                throw error(
                        c.pos,
                        c.name
                                + "(f, y0, t0, ts, theta, x_r, x_i [, rtol, atol, max_steps]) takes 7 or 10 arguments, found "
                                + c.args.size());
            }
            want.add(realArr);
            want.add(realArr);
            want.add(UnsizedType.INT.arrayOf(1));
            fnArgs.add(realArr);
            fnArgs.add(realArr);
            fnArgs.add(UnsizedType.INT.arrayOf(1));
            if (tol) {
                want.add(UnsizedType.REAL);
                want.add(UnsizedType.REAL);
                want.add(UnsizedType.INT);
            }
            fixed = want.size();
        } else {
            if (tol) {
                want.add(UnsizedType.REAL);
                want.add(UnsizedType.REAL);
                want.add(UnsizedType.INT);
            }
            fixed = want.size();
            for (int k = fixed; k < ats.size(); k++) fnArgs.add(ats.get(k));
        }
        if (ats.size() < fixed)
            throw error(c.pos, c.name + " needs at least " + (fixed + 1) + " arguments, found " + c.args.size());
        for (int k = 0; k < fixed; k++) {
            if (ArgType.promotionCost(ats.get(k), want.get(k)) < 0) {
                throw error(
                        c.args.get(k + 1).pos,
                        c.name + ": argument " + (k + 2) + " must be " + want.get(k) + ", found " + ats.get(k));
            }
        }
        if (legacy && ats.size() > fixed)
            throw error(c.pos, c.name + " takes 7 or 10 arguments, found " + c.args.size());
        UserFunction best = null;
        for (UserFunction u : functions.get(fv.name)) {
            if (u.params.size() != fnArgs.size()) continue;
            boolean ok = true;
            for (int k = 0; k < fnArgs.size() && ok; k++)
                ok = ArgType.promotionCost(fnArgs.get(k), u.params.get(k)) >= 0;
            if (ok && u.returnType.equals(state)) best = u;
        }
        if (best == null) {
            throw error(
                    c.args.get(0).pos,
                    "the ODE right-hand side '" + fv.name + "' must be " + state + " " + fv.name + fnArgs);
        }
        c.args.get(0).type = UnsizedType.VOID;
        c.target = new OdeCall(c.name, legacy, tol, best);
        return legacy ? UnsizedType.REAL.arrayOf(2) : UnsizedType.VECTOR.arrayOf(1);
    }

    private void checkCallContext(Expr.Call c, String name) {
        if (name.endsWith("_rng")) {
            boolean ok = fn != null
                    ? fn.name.endsWith("_rng")
                    : block == Block.TRANSFORMED_DATA || block == Block.GENERATED_QUANTITIES;
            if (!ok) {
                throw error(
                        c.pos,
                        "random number generator '" + name
                                + "' is only allowed in transformed data, generated quantities"
                                + " and functions ending in _rng"
                                + (fn != null
                                        ? " (this is function '" + fn.name + "')"
                                        : " (this is '" + block.stan + "')"));
            }
        }
        if (name.endsWith("_lp") && !name.equals("get_lp")) {
            boolean ok = fn != null
                    ? fn.name.endsWith("_lp")
                    : block == Block.TRANSFORMED_PARAMETERS || block == Block.MODEL;
            if (!ok) {
                throw error(
                        c.pos,
                        "'" + name + "' changes the log density: it is only allowed in transformed parameters, model"
                                + " and functions ending in _lp"
                                + (fn != null
                                        ? " (this is function '" + fn.name + "')"
                                        : " (this is '" + block.stan + "')"));
            }
        }
        if ((name.endsWith("_lupdf") || name.endsWith("_lupmf")) && fn == null && block != Block.MODEL) {
            throw error(
                    c.pos,
                    "'" + name
                            + "' (unnormalised) is only allowed in the model block and in _lpdf/_lpmf/_lp functions; use "
                            + name.replace("_lupdf", "_lpdf").replace("_lupmf", "_lpmf"));
        }
    }

    private UnsizedType intrinsicType(Intrinsic in, Expr.Call c, List<UnsizedType> ats) {
        switch (in) {
            case TARGET:
                if (!ats.isEmpty()) throw error(c.pos, "target() takes no arguments");
                requireTarget(c.pos, "target()");
                return UnsizedType.REAL;
            case SIZE, NUM_ELEMENTS, ROWS, COLS, DIMS: {
                if (ats.size() != 1) throw error(c.pos, c.name + "() takes one argument");
                UnsizedType t = ats.get(0);
                if ((in == Intrinsic.ROWS || in == Intrinsic.COLS) && (t.arrayDims() > 0 || t.isScalar())) {
                    throw error(c.pos, c.name + "() needs a vector, row_vector or matrix, found " + t);
                }
                if (in == Intrinsic.SIZE && t.isScalar()) return UnsizedType.INT;
                return in == Intrinsic.DIMS ? UnsizedType.INT.arrayOf(1) : UnsizedType.INT;
            }
            case REP_ARRAY: {
                if (ats.size() < 2 || ats.size() > 4) throw error(c.pos, "rep_array(x, n, ...) takes 2 to 4 arguments");
                for (int i = 1; i < ats.size(); i++)
                    if (!ats.get(i).isInt())
                        throw error(c.args.get(i).pos, "rep_array sizes must be ints, found " + ats.get(i));
                return ats.get(0).arrayOf(ats.size() - 1);
            }
            default:
                throw new IllegalStateException(in.toString());
        }
    }

    private static String join(List<UnsizedType> ts) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < ts.size(); i++) b.append(i > 0 ? ", " : "").append(ts.get(i));
        return b.toString();
    }

    // ------------------------------------------------------------------ scopes

    private Symbol lookup(String name) {
        for (Map<String, Symbol> s : scopes) {
            Symbol x = s.get(name);
            if (x != null) return x;
        }
        return null;
    }

    private StanTypeException error(Pos p, String what) {
        return new StanTypeException(prog.source(), p, what);
    }
}
