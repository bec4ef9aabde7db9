package org.elbo4j.stan.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.elbo4j.stan.parse.Expr;
import org.elbo4j.stan.parse.Parser;
import org.elbo4j.stan.parse.Program;
import org.elbo4j.stan.parse.Source;
import org.elbo4j.stan.parse.Stmt;
import org.junit.jupiter.api.Test;

/** Types of expressions, promotion and overload resolution against a small signatures file. */
class TypeCheckerTest {
    static Signatures sigs() throws IOException {
        String text = """
                real f(real) = X.f
                vector f(vector) = X.f
                real g(reals) = X.g
                int h(ints) = X.h
                real normal_lpdf(reals, reals, reals) = X.n
                real normal_rng(real, real) = X.r
                """;
        return Signatures.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test");
    }

    private static String typeOf(String decls, String e) throws IOException {
        Program p = Parser.parse(new Source("t", "transformed data { " + decls + " print(" + e + "); }"));
        TypeChecker.check(p, sigs());
        Stmt last = p.transformedData().get(p.transformedData().size() - 1);
        return ((Stmt.Printish) last).items.get(0).type.toString();
    }

    @Test
    void expressionTypes() throws IOException {
        String d =
                "int n = 1; real x = 1; vector[3] v; row_vector[3] r; matrix[3, 3] m; array[2] vector[3] av; array[2, 3] int ai; array[3] int idx;";
        assertEquals("int", typeOf(d, "n + n"));
        assertEquals("real", typeOf(d, "n + x"));
        assertEquals("real", typeOf(d, "n ^ n"));
        assertEquals("real", typeOf(d, "r * v"));
        assertEquals("matrix", typeOf(d, "v * r"));
        assertEquals("vector", typeOf(d, "m * v"));
        assertEquals("row_vector", typeOf(d, "r * m"));
        assertEquals("row_vector", typeOf(d, "v'"));
        assertEquals("real", typeOf(d, "m[1, 2]"));
        assertEquals("row_vector", typeOf(d, "m[1]"));
        assertEquals("vector", typeOf(d, "m[:, 2]"));
        assertEquals("matrix", typeOf(d, "m[idx, 2:3]"));
        assertEquals("vector", typeOf(d, "av[1]"));
        assertEquals("real", typeOf(d, "av[1, 2]"));
        assertEquals("array[] vector", typeOf(d, "av[idx]"));
        assertEquals("array[] real", typeOf(d, "av[:, 2]"));
        assertEquals("int", typeOf(d, "ai[1, 2]"));
        assertEquals("array[] int", typeOf(d, "ai[1]"));
        assertEquals("array[] real", typeOf(d, "{1, x}"));
        assertEquals("matrix", typeOf(d, "[r, r]"));
        assertEquals("real", typeOf(d, "n > 0 ? x : n"));
        assertEquals("int", typeOf(d, "size(av)"));
        assertEquals("array[,] real", typeOf(d, "rep_array(x, 2, 3)"));
    }

    @Test
    void overloadsPreferExactMatches() throws IOException {
        String d = "int n = 1; real x = 1; vector[3] v; array[3] int idx;";
        assertEquals("real", typeOf(d, "f(n)"));
        assertEquals("vector", typeOf(d, "f(v)"));
        assertEquals("real", typeOf(d, "g(idx)"), "ints promote to reals");
        assertEquals("int", typeOf(d, "h(idx)"));
        assertEquals("real", typeOf(d, "normal_rng(0, 1)"));
    }

    @Test
    void userFunctionsRecursionAndForwardDeclarations() throws IOException {
        Program p = Parser.parse(new Source("t", """
                functions {
                  int fib(int n);
                  int fib(int n) { if (n < 2) return n; return fib(n - 1) + fib(n - 2); }
                  real twice(real x) { return 2 * x; }
                  real my_lpdf(real y, real mu) { return -(y - mu)^2; }
                  real my_rng(real mu) { return normal_rng(mu, 1); }
                  void add_lp(real x) { target += x; }
                }
                parameters { real mu; }
                model { mu ~ my(0); target += my_lupdf(mu | 1) + twice(fib(5)); add_lp(mu); }
                generated quantities { real z = my_rng(mu); }
                """));
        CheckedProgram c = TypeChecker.check(p, sigs());
        assertEquals(1, c.functions().get("fib").size());
        Stmt.Tilde t = (Stmt.Tilde) p.model().get(0);
        assertEquals("my_lpdf", ((Expr.Call) t.call).name);
    }

    @Test
    void lpFunctionsOnlyWhereTargetIs() throws IOException {
        Program p = Parser.parse(new Source("t", """
                functions { void add_lp(real x) { target += x; } }
                parameters { real mu; }
                generated quantities { add_lp(mu); }
                """));
        StanTypeException e = assertThrows(StanTypeException.class, () -> TypeChecker.check(p, sigs()));
        assertTrue(e.getMessage().contains("'add_lp' changes the log density"), e.getMessage());
        assertEquals(3, e.pos().line());
    }
}
