package org.elbo4j.stan.parse;

import java.util.List;

/**
 * An expression of a Stan program. The type checker fills in {@link #type} (and, for variables and calls, what
 * the name refers to); the compiler reads them.
 */
public abstract class Expr {
    /** Where the expression starts. */
    public final Pos pos;
    /** The type, set by the type checker. */
    public UnsizedType type;

    Expr(Pos pos) {
        this.pos = pos;
    }

    /** An integer literal. */
    public static final class IntLit extends Expr {
        public final int value;

        public IntLit(Pos p, int value) {
            super(p);
            this.value = value;
        }
    }

    /** A real literal. */
    public static final class RealLit extends Expr {
        public final double value;

        public RealLit(Pos p, double value) {
            super(p);
            this.value = value;
        }
    }

    /** An imaginary literal (complex numbers are parsed but not supported by the checker). */
    public static final class ImagLit extends Expr {
        public final double value;

        public ImagLit(Pos p, double value) {
            super(p);
            this.value = value;
        }
    }

    /** A string literal (only in print, reject and fatal_error). */
    public static final class StrLit extends Expr {
        public final String value;

        public StrLit(Pos p, String value) {
            super(p);
            this.value = value;
        }
    }

    /** A variable reference; {@link #binding} is set by the checker. */
    public static final class Var extends Expr {
        public final String name;
        public Object binding;

        public Var(Pos p, String name) {
            super(p);
            this.name = name;
        }
    }

    /** A binary operator application; {@code op} is Stan's spelling, e.g. {@code ".*"}. */
    public static final class Binary extends Expr {
        public final String op;
        public final Expr left, right;

        public Binary(Pos p, String op, Expr left, Expr right) {
            super(p);
            this.op = op;
            this.left = left;
            this.right = right;
        }
    }

    /** A prefix operator ({@code !}, {@code -}, {@code +}) or the postfix transposition {@code '}. */
    public static final class Unary extends Expr {
        public final String op;
        public final Expr operand;

        public Unary(Pos p, String op, Expr operand) {
            super(p);
            this.op = op;
            this.operand = operand;
        }
    }

    /** {@code cond ? a : b}. */
    public static final class Cond extends Expr {
        public final Expr cond, then, otherwise;

        public Cond(Pos p, Expr cond, Expr then, Expr otherwise) {
            super(p);
            this.cond = cond;
            this.then = then;
            this.otherwise = otherwise;
        }
    }

    /** A function call; {@code conditional} when written {@code f(y | theta)}. {@link #target} set by the checker. */
    public static final class Call extends Expr {
        public final String name;
        public final List<Expr> args;
        public final boolean conditional;
        public Object target;

        public Call(Pos p, String name, List<Expr> args, boolean conditional) {
            super(p);
            this.name = name;
            this.args = args;
            this.conditional = conditional;
        }
    }

    /** {@code base[i, j:k, :]}. */
    public static final class Indexed extends Expr {
        public final Expr base;
        public final List<Index> indices;

        public Indexed(Pos p, Expr base, List<Index> indices) {
            super(p);
            this.base = base;
            this.indices = indices;
        }
    }

    /** An array literal {@code {a, b, c}}. */
    public static final class ArrayLit extends Expr {
        public final List<Expr> items;

        public ArrayLit(Pos p, List<Expr> items) {
            super(p);
            this.items = items;
        }
    }

    /** A row-vector (or matrix, when the items are row vectors) literal {@code [a, b, c]}. */
    public static final class RowVecLit extends Expr {
        public final List<Expr> items;

        public RowVecLit(Pos p, List<Expr> items) {
            super(p);
            this.items = items;
        }
    }

    /**
     * One index: a single index or multi-index ({@code lo} only, {@code hi == null}, {@code range == false}),
     * a range {@code lo:hi} with either end omitted, or {@code :} (all, both null).
     */
    public static final class Index {
        public final Pos pos;
        public final Expr lo, hi;
        public final boolean range;

        public Index(Pos pos, Expr lo, Expr hi, boolean range) {
            this.pos = pos;
            this.lo = lo;
            this.hi = hi;
            this.range = range;
        }

        /** True for a single index or multi-index expression (not a range). */
        public boolean isSingleOrMulti() {
            return !range;
        }
    }
}
