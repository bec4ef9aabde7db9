package org.elbo4j.stan.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Precedence, associativity, declarations and statements of the hand-written parser. */
class ParserTest {
    private static Expr expr(String e) {
        Program p = Parser.parse(new Source("t", "transformed data { real x = " + e + "; }"));
        return ((Stmt.VarDecl) p.transformedData().get(0)).init;
    }

    /** Fully parenthesised form of an expression tree. */
    private static String show(Expr e) {
        if (e instanceof Expr.IntLit i) return Integer.toString(i.value);
        if (e instanceof Expr.RealLit r) return Double.toString(r.value);
        if (e instanceof Expr.Var v) return v.name;
        if (e instanceof Expr.Binary b) return "(" + show(b.left) + " " + b.op + " " + show(b.right) + ")";
        if (e instanceof Expr.Unary u)
            return u.op.equals("'") ? "(" + show(u.operand) + ")'" : "(" + u.op + show(u.operand) + ")";
        if (e instanceof Expr.Cond c)
            return "(" + show(c.cond) + " ? " + show(c.then) + " : " + show(c.otherwise) + ")";
        if (e instanceof Expr.Call c) {
            StringBuilder s = new StringBuilder(c.name + "(");
            for (int k = 0; k < c.args.size(); k++)
                s.append(k == 0 ? "" : k == 1 && c.conditional ? " | " : ", ").append(show(c.args.get(k)));
            return s.append(")").toString();
        }
        if (e instanceof Expr.Indexed ix) return show(ix.base) + "[" + ix.indices.size() + "]";
        return e.getClass().getSimpleName();
    }

    @Test
    void precedenceFollowsTheReferenceManual() {
        assertEquals(
                "(a || (b && (c == (d < (e + (f * (g \\ (h .* i))))))))",
                show(expr("a || b && c == d < e + f * g \\ h .* i")));
        assertEquals("((a - b) - c)", show(expr("a - b - c")));
        assertEquals("(a ^ (b ^ c))", show(expr("a ^ b ^ c")), "^ is right-associative");
        assertEquals("(-(a ^ b))", show(expr("-a ^ b")), "unary minus binds looser than ^");
        assertEquals("(a ^ (-b))", show(expr("a ^ -b")));
        assertEquals("((a)' * b)", show(expr("a' * b")));
        assertEquals("((!a) && b)", show(expr("!a && b")));
        assertEquals("(a ? b : (c ? d : e))", show(expr("a ? b : c ? d : e")));
        assertEquals("((a %/% b) * c)", show(expr("a %/% b * c")));
        assertEquals("((a .* b) ./ c)", show(expr("a .* b ./ c")));
        assertEquals("normal_lpdf(y | mu, s)", show(expr("normal_lpdf(y | mu, s)")));
        assertEquals("-2", show(expr("-(2)")), "negated literals fold");
        assertEquals("1.5E-4", show(expr("1.5e-4")));
        assertEquals("0.5", show(expr(".5")));
    }

    @Test
    void indexingForms() {
        Expr.Indexed ix = (Expr.Indexed) expr("m[2:, :3, :, idx]");
        assertEquals(4, ix.indices.size());
        assertTrue(ix.indices.get(0).range && ix.indices.get(0).lo != null && ix.indices.get(0).hi == null);
        assertTrue(ix.indices.get(1).range && ix.indices.get(1).lo == null && ix.indices.get(1).hi != null);
        assertTrue(ix.indices.get(2).range && ix.indices.get(2).lo == null && ix.indices.get(2).hi == null);
        assertTrue(!ix.indices.get(3).range);
        assertInstanceOf(Expr.Indexed.class, ((Expr.Indexed) expr("a[1][2]")).base);
    }

    @Test
    void declarationsWithEveryConstraint() {
        Program p = Parser.parse(new Source("t", """
                parameters {
                  array[N, 2] vector<lower=-1, upper=hi[1] + 1>[K] v;
                  matrix<offset=0, multiplier=s>[R, C] m;
                  simplex[K] th; unit_vector[K] u; ordered[K] o; positive_ordered[K] po;
                  cholesky_factor_corr[K] lc; cholesky_factor_cov[M, N] lv; corr_matrix[K] cr; cov_matrix[K] cv;
                  real a, b;
                }
                """));
        assertEquals(12, p.parameters().size());
        DeclType t = ((Stmt.VarDecl) p.parameters().get(0)).type;
        assertEquals(2, t.arrayDims.size());
        assertEquals(DeclType.Kind.VECTOR, t.kind);
        assertTrue(t.lower != null && t.upper != null);
        assertEquals(2, ((Stmt.VarDecl) p.parameters().get(7)).type.sizes.size());
    }

    @Test
    void statements() {
        Program p = Parser.parse(new Source("t", """
                model {
                  for (i in 1:N) { x[i] += 1; continue; }
                  for (v in vs) break;
                  while (k < 3) k = k + 1;
                  if (a) b = 1; else if (c) b = 2; else { b = 3; }
                  y ~ normal(0, 1) T[0, ];
                  y ~ normal(0, 1) T[, 1];
                  target += 1;
                  x[1:2, 3] .*= v;
                  print("x = ", x); reject("no"); fatal_error("stop");
                  profile("p") { z = 1; }
                  f(x);
                  ;
                }
                """));
        assertEquals(14, p.model().size());
        Stmt.Tilde t = (Stmt.Tilde) p.model().get(4);
        assertTrue(t.truncated && t.truncLo != null && t.truncHi == null);
        assertEquals(".*=", ((Stmt.Assign) p.model().get(7)).op);
    }

    @Test
    void commentsOfAllThreeKinds() {
        Program p = Parser.parse(new Source("t", "// line\n# hash\n/* block\n */ data { int N; /* in */ }"));
        assertEquals(1, p.data().size());
    }

    @Test
    void errorsPointAtTheToken() {
        StanSyntaxException e = assertThrows(
                StanSyntaxException.class,
                () -> Parser.parse(new Source("m.stan", "model {\n  y ~ normal(0, 1)\n}\n")));
        assertEquals(2, e.pos().line());
        assertTrue(e.getMessage().startsWith("m.stan:2:19: syntax error: expected ';'"), e.getMessage());
    }
}
