package org.elbo4j.stan.parse;

import java.util.List;

/** A statement of a Stan program. */
public abstract class Stmt {
    /** Where the statement starts. */
    public final Pos pos;

    Stmt(Pos pos) {
        this.pos = pos;
    }

    /** A variable declaration, optionally with an initial value. {@code slot} is set by the checker. */
    public static final class VarDecl extends Stmt {
        public final DeclType type;
        public final String name;
        public final Expr init;
        public Object binding;

        public VarDecl(Pos p, DeclType type, String name, Expr init) {
            super(p);
            this.type = type;
            this.name = name;
            this.init = init;
        }
    }

    /** {@code lhs op rhs} with op one of {@code = += -= *= /= .*= ./=}; lhs is a Var or an Indexed chain on a Var. */
    public static final class Assign extends Stmt {
        public final Expr lhs;
        public final String op;
        public final Expr rhs;

        public Assign(Pos p, Expr lhs, String op, Expr rhs) {
            super(p);
            this.lhs = lhs;
            this.op = op;
            this.rhs = rhs;
        }
    }

    /** {@code lhs ~ dist(args) T[lo, hi]}; {@link #call} is the equivalent {@code dist_lpdf(lhs | args)} (set by the checker). */
    public static final class Tilde extends Stmt {
        public final Expr lhs;
        public final String dist;
        public final List<Expr> args;
        public final boolean truncated;
        public final Expr truncLo, truncHi;
        public final Pos distPos;
        /** The checked density call, and the checked CDF calls for the truncation bounds (null when absent). */
        public Object call, truncLoCall, truncHiCall;

        public Tilde(
                Pos p,
                Expr lhs,
                String dist,
                Pos distPos,
                List<Expr> args,
                boolean truncated,
                Expr truncLo,
                Expr truncHi) {
            super(p);
            this.lhs = lhs;
            this.dist = dist;
            this.distPos = distPos;
            this.args = args;
            this.truncated = truncated;
            this.truncLo = truncLo;
            this.truncHi = truncHi;
        }
    }

    /** {@code target += e}. */
    public static final class TargetPlus extends Stmt {
        public final Expr value;

        public TargetPlus(Pos p, Expr value) {
            super(p);
            this.value = value;
        }
    }

    /** {@code for (v in lo:hi) body}. */
    public static final class For extends Stmt {
        public final String var;
        public final Expr lo, hi;
        public final Stmt body;
        public Object binding;

        public For(Pos p, String var, Expr lo, Expr hi, Stmt body) {
            super(p);
            this.var = var;
            this.lo = lo;
            this.hi = hi;
            this.body = body;
        }
    }

    /** {@code for (v in container) body}. */
    public static final class ForEach extends Stmt {
        public final String var;
        public final Expr container;
        public final Stmt body;
        public Object binding;

        public ForEach(Pos p, String var, Expr container, Stmt body) {
            super(p);
            this.var = var;
            this.container = container;
            this.body = body;
        }
    }

    /** {@code while (cond) body}. */
    public static final class While extends Stmt {
        public final Expr cond;
        public final Stmt body;

        public While(Pos p, Expr cond, Stmt body) {
            super(p);
            this.cond = cond;
            this.body = body;
        }
    }

    /** {@code if (cond) then else otherwise}; otherwise may be null. */
    public static final class If extends Stmt {
        public final Expr cond;
        public final Stmt then, otherwise;

        public If(Pos p, Expr cond, Stmt then, Stmt otherwise) {
            super(p);
            this.cond = cond;
            this.then = then;
            this.otherwise = otherwise;
        }
    }

    /** {@code break;} or {@code continue;}. */
    public static final class Jump extends Stmt {
        public final boolean isBreak;

        public Jump(Pos p, boolean isBreak) {
            super(p);
            this.isBreak = isBreak;
        }
    }

    /** {@code { ... }} (also {@code profile("name") { ... }}). */
    public static final class Block extends Stmt {
        public final List<Stmt> body;

        public Block(Pos p, List<Stmt> body) {
            super(p);
            this.body = body;
        }
    }

    /** {@code print(...)}, {@code reject(...)} or {@code fatal_error(...)}: {@code kind} is the keyword. */
    public static final class Printish extends Stmt {
        public final String kind;
        public final List<Expr> items;

        public Printish(Pos p, String kind, List<Expr> items) {
            super(p);
            this.kind = kind;
            this.items = items;
        }
    }

    /** {@code return e;} or {@code return;} (value null). */
    public static final class Return extends Stmt {
        public final Expr value;

        public Return(Pos p, Expr value) {
            super(p);
            this.value = value;
        }
    }

    /** A function call used as a statement (a void function). */
    public static final class CallStmt extends Stmt {
        public final Expr.Call call;

        public CallStmt(Pos p, Expr.Call call) {
            super(p);
            this.call = call;
        }
    }

    /** {@code ;}. */
    public static final class Empty extends Stmt {
        public Empty(Pos p) {
            super(p);
        }
    }
}
