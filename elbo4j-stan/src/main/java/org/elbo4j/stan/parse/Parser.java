package org.elbo4j.stan.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A recursive-descent parser of the Stan language (Stan Reference Manual 2.33 and later), written from the
 * manual's grammar. Operator precedence, loosest first: {@code ?:} (right), {@code ||}, {@code &&},
 * {@code == !=}, {@code < <= > >=}, {@code + -}, {@code * / % %/%}, {@code \}, {@code .* ./}, prefix
 * {@code ! - +}, {@code ^ .^} (right), postfix {@code '}, indexing and calls.
 */
public final class Parser {
    private static final Set<String> TYPE_WORDS = Set.of(
            "int",
            "real",
            "complex",
            "vector",
            "row_vector",
            "matrix",
            "simplex",
            "unit_vector",
            "ordered",
            "positive_ordered",
            "cholesky_factor_corr",
            "cholesky_factor_cov",
            "corr_matrix",
            "cov_matrix",
            "array");
    private static final Set<String> ASSIGN_OPS = Set.of("=", "+=", "-=", "*=", "/=", ".*=", "./=");
    private static final String[] BLOCKS = {
        "functions", "data", "transformed data", "parameters", "transformed parameters", "model", "generated quantities"
    };

    private final Source src;
    private final List<Token> toks;
    private int k;

    private Parser(Source src) {
        this.src = src;
        this.toks = Lexer.tokenize(src);
    }

    /**
     * Parses a whole program.
     *
     * @throws StanSyntaxException at the first syntax error
     */
    public static Program parse(Source src) {
        return new Parser(src).program();
    }

    // ------------------------------------------------------------------ program and blocks

    private Program program() {
        List<FunDef> fns = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Stmt>[] blocks = new List[7];
        for (int b = 1; b < 7; b++) blocks[b] = new ArrayList<>();
        int next = 0;
        while (peek().kind() != Token.Kind.EOF) {
            Token t = peek();
            int which = blockAt();
            if (which < 0) {
                throw error(t, "expected a program block (" + expectedBlocks(next) + ")");
            }
            if (which < next) {
                throw error(
                        t,
                        "block '" + BLOCKS[which] + "' is out of order or repeated: blocks must appear in the order "
                                + String.join(", ", BLOCKS));
            }
            k += BLOCKS[which].contains(" ") ? 2 : 1;
            expect("{");
            if (which == 0) {
                while (!peek().is("}")) {
                    if (peek().kind() == Token.Kind.EOF)
                        throw error(peek(), "expected '}' to close the functions block");
                    fns.add(function());
                }
                k++;
            } else {
                blocks[which] = blockBody(which == 1 || which == 3);
            }
            next = which + 1;
        }
        return new Program(src, fns, blocks[1], blocks[2], blocks[3], blocks[4], blocks[5], blocks[6]);
    }

    private String expectedBlocks(int next) {
        List<String> l = new ArrayList<>();
        for (int b = next; b < 7; b++) l.add("'" + BLOCKS[b] + "'");
        return l.isEmpty() ? "none may follow 'generated quantities'" : String.join(", ", l);
    }

    private int blockAt() {
        Token t = peek();
        if (t.kind() != Token.Kind.IDENT) return -1;
        switch (t.text()) {
            case "functions":
                return 0;
            case "data":
                return 1;
            case "parameters":
                return 3;
            case "model":
                return 5;
            case "transformed":
                if (peek(1).is("data")) return 2;
                if (peek(1).is("parameters")) return 4;
                return -1;
            case "generated":
                return peek(1).is("quantities") ? 6 : -1;
            default:
                return -1;
        }
    }

    /** Statements up to the closing brace; in data and parameters only declarations. */
    private List<Stmt> blockBody(boolean declarationsOnly) {
        List<Stmt> out = new ArrayList<>();
        while (!peek().is("}")) {
            if (peek().kind() == Token.Kind.EOF) throw error(peek(), "expected '}' to close the block");
            if (declarationsOnly) {
                if (!isDeclStart())
                    throw error(
                            peek(), "expected a variable declaration (only declarations are allowed in this block)");
                declarations(out, false);
            } else {
                statementInto(out);
            }
        }
        k++;
        return out;
    }

    // ------------------------------------------------------------------ functions

    private FunDef function() {
        Token start = peek();
        UnsizedType ret;
        if (peek().is("void")) {
            k++;
            ret = UnsizedType.VOID;
        } else {
            ret = unsizedType();
        }
        Token name = expectIdent("a function name");
        expect("(");
        List<FunDef.Param> ps = new ArrayList<>();
        if (!peek().is(")")) {
            do {
                Token pt = peek();
                boolean dataOnly = false;
                if (peek().is("data")) {
                    dataOnly = true;
                    k++;
                }
                UnsizedType ty = unsizedType();
                Token pn = expectIdent("a parameter name");
                if (peek().is("[")) {
                    throw error(
                            peek(),
                            "old array syntax in a function argument: write 'array[] " + ty.base().stan + " "
                                    + pn.text() + "'");
                }
                ps.add(new FunDef.Param(pt.pos(), ty, dataOnly, pn.text()));
            } while (accept(","));
        }
        expect(")");
        Stmt.Block body = null;
        if (!accept(";")) {
            if (!peek().is("{"))
                throw error(
                        peek(),
                        "expected '{' to start the body of function '" + name.text() + "' or ';' for a declaration");
            body = (Stmt.Block) statement();
        }
        return new FunDef(start.pos(), ret, name.text(), ps, body);
    }

    private UnsizedType unsizedType() {
        int dims = 0;
        if (peek().is("array")) {
            k++;
            expect("[");
            dims = 1;
            while (accept(",")) dims++;
            expect("]");
        }
        Token t = peek();
        UnsizedType.Base base = switch (t.text()) {
            case "int" -> UnsizedType.Base.INT;
            case "real" -> UnsizedType.Base.REAL;
            case "complex" -> UnsizedType.Base.COMPLEX;
            case "vector" -> UnsizedType.Base.VECTOR;
            case "row_vector" -> UnsizedType.Base.ROW_VECTOR;
            case "matrix" -> UnsizedType.Base.MATRIX;
            default -> null;
        };
        if (t.kind() != Token.Kind.IDENT || base == null) {
            throw error(t, "expected a type (int, real, vector, row_vector, matrix or array[] of them)");
        }
        k++;
        if (peek().is("[") && dims == 0) {
            int save = k;
            k++;
            int n = 1;
            while (accept(",")) n++;
            if (peek().is("]")) {
                throw error(
                        t,
                        "old array syntax '" + t.text() + "[" + ",".repeat(n - 1) + "]': write 'array["
                                + ",".repeat(n - 1) + "] " + t.text() + "'");
            }
            k = save;
        }
        return new UnsizedType(base, dims);
    }

    // ------------------------------------------------------------------ declarations

    private boolean isDeclStart() {
        Token t = peek();
        return t.kind() == Token.Kind.IDENT && TYPE_WORDS.contains(t.text());
    }

    /** One declaration statement, possibly declaring several variables ({@code real x, y;}). */
    private void declarations(List<Stmt> out, boolean allowInit) {
        DeclType ty = declType();
        while (true) {
            Token name = expectIdent("a variable name");
            if (TYPE_WORDS.contains(name.text()))
                throw error(name, "'" + name.text() + "' is a reserved word and cannot name a variable");
            if (peek().is("[")) {
                int from = peek().pos().offset() + 1;
                int depth = 0;
                int j = k;
                while (toks.get(j).kind() != Token.Kind.EOF) {
                    if (toks.get(j).is("[")) depth++;
                    if (toks.get(j).is("]") && --depth == 0) break;
                    j++;
                }
                String dims =
                        src.text().substring(from, toks.get(j).pos().offset()).trim();
                String typeText = src.text()
                        .substring(ty.pos.offset(), name.pos().offset())
                        .trim();
                throw error(
                        peek(),
                        "old array syntax is no longer valid: write 'array[" + dims + "] " + typeText + " "
                                + name.text() + ";'");
            }
            Expr init = null;
            if (accept("=")) init = expr();
            else if (peek().is("<-")) throw error(peek(), "'<-' is no longer valid: use '='");
            out.add(new Stmt.VarDecl(name.pos(), ty, name.text(), init));
            if (!accept(",")) break;
        }
        expect(";");
    }

    private DeclType declType() {
        Token start = peek();
        List<Expr> arrayDims = new ArrayList<>();
        if (accept("array")) {
            expect("[");
            arrayDims = exprList("]");
            expect("]");
            if (arrayDims.isEmpty()) throw error(peek(-1), "expected array sizes, e.g. array[N]");
        }
        Token kw = peek();
        DeclType.Kind kind = kw.kind() == Token.Kind.IDENT ? DeclType.Kind.of(kw.text()) : null;
        if (kind == null) throw error(kw, "expected an element type after 'array[...]' (int, real, vector, ...)");
        k++;
        Expr lower = null, upper = null, offset = null, mult = null;
        if (peek().is("<")) {
            if (kind != DeclType.Kind.INT
                    && kind != DeclType.Kind.REAL
                    && kind != DeclType.Kind.VECTOR
                    && kind != DeclType.Kind.ROW_VECTOR
                    && kind != DeclType.Kind.MATRIX) {
                throw error(peek(), "'" + kind.stan + "' cannot have bounds or offset/multiplier");
            }
            k++;
            do {
                Token c = expectIdent("'lower', 'upper', 'offset' or 'multiplier'");
                expect("=");
                Expr e = additive();
                switch (c.text()) {
                    case "lower" -> lower = e;
                    case "upper" -> upper = e;
                    case "offset" -> offset = e;
                    case "multiplier" -> mult = e;
                    default -> throw error(c, "expected 'lower', 'upper', 'offset' or 'multiplier'");
                }
            } while (accept(","));
            expect(">");
            if ((lower != null || upper != null) && (offset != null || mult != null)) {
                throw error(kw, "a declaration cannot have both bounds and offset/multiplier");
            }
        }
        List<Expr> sizes = new ArrayList<>();
        if (kind != DeclType.Kind.INT && kind != DeclType.Kind.REAL && kind != DeclType.Kind.COMPLEX) {
            int want = kind == DeclType.Kind.MATRIX ? 2 : kind == DeclType.Kind.CHOLESKY_FACTOR_COV ? -1 : 1;
            if (!peek().is("[")) {
                throw error(
                        peek(),
                        "expected '[' with the size of the " + kind.stan + (want == 2 ? " (rows, columns)" : ""));
            }
            k++;
            sizes = exprList("]");
            expect("]");
            if (want > 0 && sizes.size() != want || want < 0 && (sizes.size() < 1 || sizes.size() > 2)) {
                throw error(
                        kw,
                        kind.stan + " takes "
                                + (want == 2 ? "2 sizes [rows, columns]" : want < 0 ? "1 or 2 sizes" : "1 size")
                                + ", found " + sizes.size());
            }
        }
        return new DeclType(start.pos(), kind, sizes, arrayDims, lower, upper, offset, mult);
    }

    // ------------------------------------------------------------------ statements

    private void statementInto(List<Stmt> out) {
        if (isDeclStart()) {
            declarations(out, true);
        } else {
            out.add(statement());
        }
    }

    private Stmt statement() {
        Token t = peek();
        Pos p = t.pos();
        if (t.is("{")) {
            k++;
            List<Stmt> body = new ArrayList<>();
            while (!peek().is("}")) {
                if (peek().kind() == Token.Kind.EOF)
                    throw error(peek(), "expected '}' to close the block opened at line " + p.line());
                statementInto(body);
            }
            k++;
            return new Stmt.Block(p, body);
        }
        if (t.is(";")) {
            k++;
            return new Stmt.Empty(p);
        }
        if (t.kind() == Token.Kind.IDENT) {
            switch (t.text()) {
                case "for": {
                    k++;
                    expect("(");
                    Token v = expectIdent("a loop variable");
                    expect("in");
                    Expr lo = expr();
                    Stmt s;
                    if (accept(":")) {
                        Expr hi = expr();
                        expect(")");
                        return new Stmt.For(p, v.text(), lo, hi, statement());
                    }
                    expect(")");
                    return new Stmt.ForEach(p, v.text(), lo, statement());
                }
                case "while": {
                    k++;
                    expect("(");
                    Expr c = expr();
                    expect(")");
                    return new Stmt.While(p, c, statement());
                }
                case "if": {
                    k++;
                    expect("(");
                    Expr c = expr();
                    expect(")");
                    Stmt th = statement();
                    Stmt el = null;
                    if (accept("else")) el = statement();
                    return new Stmt.If(p, c, th, el);
                }
                case "break":
                case "continue":
                    k++;
                    expect(";");
                    return new Stmt.Jump(p, t.text().equals("break"));
                case "return": {
                    k++;
                    Expr e = null;
                    if (!peek().is(";")) e = expr();
                    expect(";");
                    return new Stmt.Return(p, e);
                }
                case "print":
                case "reject":
                case "fatal_error": {
                    if (!peek(1).is("(")) break;
                    k += 2;
                    List<Expr> items = new ArrayList<>();
                    if (!peek().is(")")) {
                        do {
                            if (peek().kind() == Token.Kind.STRING) {
                                Token st = peek();
                                k++;
                                items.add(new Expr.StrLit(st.pos(), st.text()));
                            } else {
                                items.add(expr());
                            }
                        } while (accept(","));
                    }
                    expect(")");
                    expect(";");
                    return new Stmt.Printish(p, t.text(), items);
                }
                case "target":
                    if (peek(1).is("+=")) {
                        k += 2;
                        Expr e = expr();
                        expect(";");
                        return new Stmt.TargetPlus(p, e);
                    }
                    break;
                case "profile":
                    if (peek(1).is("(")) {
                        k += 2;
                        if (peek().kind() != Token.Kind.STRING)
                            throw error(peek(), "expected a string naming the profile");
                        k++;
                        expect(")");
                        if (!peek().is("{")) throw error(peek(), "expected '{' after profile(...)");
                        return statement();
                    }
                    break;
                case "increment_log_prob":
                    throw error(t, "'increment_log_prob(...)' is no longer valid: use 'target += ...;'");
                default:
                    break;
            }
        }
        Expr e = expr();
        Token op = peek();
        if (op.is("~")) {
            k++;
            Token dist = expectIdent("a distribution name");
            expect("(");
            List<Expr> args = exprList(")");
            expect(")");
            boolean trunc = false;
            Expr lo = null, hi = null;
            if (peek().is("T") && peek(1).is("[")) {
                k += 2;
                trunc = true;
                if (!peek().is(",")) lo = expr();
                expect(",");
                if (!peek().is("]")) hi = expr();
                expect("]");
            }
            expect(";");
            return new Stmt.Tilde(p, e, dist.text(), dist.pos(), args, trunc, lo, hi);
        }
        if (op.kind() == Token.Kind.OP && ASSIGN_OPS.contains(op.text())) {
            if (!isLvalue(e))
                throw error(t, "the left side of '" + op.text() + "' must be a variable, optionally indexed");
            k++;
            Expr rhs = expr();
            expect(";");
            return new Stmt.Assign(p, e, op.text(), rhs);
        }
        if (op.is("<-")) throw error(op, "'<-' is no longer valid: use '='");
        if (e instanceof Expr.Call c) {
            expect(";");
            return new Stmt.CallStmt(p, c);
        }
        throw error(
                op,
                "expected '=', a compound assignment, '~' or ';' after an expression statement"
                        + " (an expression on its own is not a statement)");
    }

    private static boolean isLvalue(Expr e) {
        if (e instanceof Expr.Var) return true;
        return e instanceof Expr.Indexed ix && isLvalue(ix.base);
    }

    // ------------------------------------------------------------------ expressions

    /** A full expression (the conditional operator is the loosest). */
    Expr expr() {
        Expr c = binary(0);
        if (peek().is("?")) {
            Token q = peek();
            k++;
            Expr a = expr();
            expect(":");
            Expr b = expr();
            return new Expr.Cond(q.pos(), c, a, b);
        }
        return c;
    }

    private static final String[][] LEVELS = {
        {"||"}, {"&&"}, {"==", "!="}, {"<", "<=", ">", ">="}, {"+", "-"}, {"*", "/", "%", "%/%"}, {"\\"}, {".*", "./"}
    };

    private Expr additive() {
        return binary(4);
    }

    private Expr binary(int level) {
        if (level == LEVELS.length) return unary();
        Expr l = binary(level + 1);
        while (true) {
            Token t = peek();
            String op = null;
            if (t.kind() == Token.Kind.OP)
                for (String o : LEVELS[level]) if (t.text().equals(o)) op = o;
            if (op == null) return l;
            k++;
            Expr r = binary(level + 1);
            l = new Expr.Binary(t.pos(), op, l, r);
        }
    }

    private Expr unary() {
        Token t = peek();
        if (t.is("!") || t.is("-") || t.is("+")) {
            k++;
            Expr e = unary();
            if (t.is("-") && e instanceof Expr.IntLit il) return new Expr.IntLit(t.pos(), -il.value);
            if (t.is("-") && e instanceof Expr.RealLit rl) return new Expr.RealLit(t.pos(), -rl.value);
            return new Expr.Unary(t.pos(), t.text(), e);
        }
        Expr base = postfix();
        Token op = peek();
        if (op.is("^") || op.is(".^")) {
            k++;
            Expr ex = unary();
            return new Expr.Binary(op.pos(), op.text(), base, ex);
        }
        return base;
    }

    private Expr postfix() {
        Expr e = primary();
        while (true) {
            Token t = peek();
            if (t.is("[")) {
                k++;
                List<Expr.Index> idx = new ArrayList<>();
                do {
                    idx.add(index());
                } while (accept(","));
                expect("]");
                e = new Expr.Indexed(t.pos(), e, idx);
            } else if (t.is("'")) {
                k++;
                e = new Expr.Unary(t.pos(), "'", e);
            } else {
                return e;
            }
        }
    }

    private Expr.Index index() {
        Token t = peek();
        if (t.is(":")) {
            k++;
            if (peek().is(",") || peek().is("]")) return new Expr.Index(t.pos(), null, null, true);
            return new Expr.Index(t.pos(), null, expr(), true);
        }
        if (t.is(",") || t.is("]")) return new Expr.Index(t.pos(), null, null, true); // omitted index
        Expr lo = expr();
        if (accept(":")) {
            if (peek().is(",") || peek().is("]")) return new Expr.Index(t.pos(), lo, null, true);
            return new Expr.Index(t.pos(), lo, expr(), true);
        }
        return new Expr.Index(t.pos(), lo, null, false);
    }

    private Expr primary() {
        Token t = peek();
        switch (t.kind()) {
            case INT: {
                k++;
                try {
                    return new Expr.IntLit(t.pos(), Integer.parseInt(t.text()));
                } catch (NumberFormatException ex) {
                    throw error(
                            t,
                            "integer literal " + t.text() + " is too large (ints are 32-bit); write it as a real, e.g. "
                                    + t.text() + ".0");
                }
            }
            case REAL:
                k++;
                return new Expr.RealLit(t.pos(), Double.parseDouble(t.text()));
            case IMAG:
                k++;
                return new Expr.ImagLit(t.pos(), Double.parseDouble(t.text()));
            case IDENT: {
                k++;
                if (peek().is("(")) {
                    k++;
                    List<Expr> args = new ArrayList<>();
                    boolean cond = false;
                    if (!peek().is(")")) {
                        args.add(expr());
                        if (accept("|")) {
                            cond = true;
                            if (!peek().is(")")) {
                                do {
                                    args.add(expr());
                                } while (accept(","));
                            }
                        } else {
                            while (accept(",")) args.add(expr());
                        }
                    }
                    expect(")");
                    return new Expr.Call(t.pos(), t.text(), args, cond);
                }
                return new Expr.Var(t.pos(), t.text());
            }
            case OP:
                if (t.is("(")) {
                    k++;
                    Expr e = expr();
                    expect(")");
                    return e;
                }
                if (t.is("{")) {
                    k++;
                    List<Expr> items = exprList("}");
                    expect("}");
                    if (items.isEmpty()) throw error(t, "an array expression {...} needs at least one element");
                    return new Expr.ArrayLit(t.pos(), items);
                }
                if (t.is("[")) {
                    k++;
                    List<Expr> items = exprList("]");
                    expect("]");
                    return new Expr.RowVecLit(t.pos(), items);
                }
                break;
            default:
                break;
        }
        throw error(t, "expected an expression, found " + t.describe());
    }

    private List<Expr> exprList(String close) {
        List<Expr> out = new ArrayList<>();
        if (peek().is(close)) return out;
        do {
            out.add(expr());
        } while (accept(","));
        return out;
    }

    // ------------------------------------------------------------------ tokens

    private Token peek() {
        return toks.get(k);
    }

    private Token peek(int ahead) {
        return toks.get(Math.max(0, Math.min(k + ahead, toks.size() - 1)));
    }

    private boolean accept(String op) {
        if (peek().is(op)) {
            k++;
            return true;
        }
        return false;
    }

    private void expect(String op) {
        if (!accept(op)) {
            Token t = peek();
            // a missing ';' is best reported right after the previous token
            if (op.equals(";") && k > 0) {
                Token prev = toks.get(k - 1);
                Pos after = new Pos(
                        prev.pos().line(),
                        prev.pos().column() + prev.text().length(),
                        prev.pos().offset() + prev.text().length());
                if (prev.pos().line() != t.pos().line()) {
                    throw new StanSyntaxException(
                            src, after, "expected ';', found " + t.describe() + " on the next line");
                }
            }
            throw error(t, "expected '" + op + "', found " + t.describe());
        }
    }

    private Token expectIdent(String what) {
        Token t = peek();
        if (t.kind() != Token.Kind.IDENT) throw error(t, "expected " + what + ", found " + t.describe());
        k++;
        return t;
    }

    private StanSyntaxException error(Token t, String what) {
        return new StanSyntaxException(src, t.pos(), what);
    }
}
