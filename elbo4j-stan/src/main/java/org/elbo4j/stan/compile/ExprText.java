package org.elbo4j.stan.compile;

import org.elbo4j.stan.parse.Expr;

/** Stan source text of an expression, for messages ({@code N}, {@code K - 1}, {@code dims[2]}). */
final class ExprText {
    private ExprText() {}

    static String of(Expr e) {
        if (e instanceof Expr.IntLit i) return Integer.toString(i.value);
        if (e instanceof Expr.RealLit r) return DataCheck.num(r.value);
        if (e instanceof Expr.Var v) return v.name;
        if (e instanceof Expr.Binary b) return of(b.left) + " " + b.op + " " + of(b.right);
        if (e instanceof Expr.Unary u) return u.op.equals("'") ? of(u.operand) + "'" : u.op + of(u.operand);
        if (e instanceof Expr.Call c) {
            StringBuilder s = new StringBuilder(c.name).append('(');
            for (int k = 0; k < c.args.size(); k++) s.append(k > 0 ? ", " : "").append(of(c.args.get(k)));
            return s.append(')').toString();
        }
        if (e instanceof Expr.Indexed ix) {
            StringBuilder s = new StringBuilder(of(ix.base)).append('[');
            for (int k = 0; k < ix.indices.size(); k++) {
                Expr.Index i = ix.indices.get(k);
                s.append(k > 0 ? ", " : "");
                if (i.lo != null) s.append(of(i.lo));
                if (i.range) s.append(':');
                if (i.hi != null) s.append(of(i.hi));
            }
            return s.append(']').toString();
        }
        return "(...)";
    }
}
