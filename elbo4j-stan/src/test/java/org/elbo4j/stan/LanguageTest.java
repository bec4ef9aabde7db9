package org.elbo4j.stan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.elbo4j.autodiff.Autodiff;
import org.elbo4j.autodiff.ValueAndGrad;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Statements, indexing, element-wise assignment with gradients, user functions: values and gradients by hand. */
class LanguageTest {
    static final String PROGRAM = """
            functions {
              int fib(int n) { if (n < 2) return n; return fib(n - 1) + fib(n - 2); }
              real sumsq(vector v) { real s = 0; for (x in v) s += x ^ 2; return s; }
            }
            data { int N; array[N] int k; matrix[2, 3] M; }
            transformed data {
              int f10 = fib(10);
              array[3] int idx = {3, 1, 2};
              matrix[2, 3] M2 = M;
              int c = 0;
              int odd = 0;
              M2[2, :] = [7, 8, 9];
              while (1) { c += 1; if (c >= 5) break; }
              for (i in 1:10) { if (i % 2 == 0) continue; odd += i; }
              print("f10=", f10, " c=", c, " odd=", odd, " M2=", M2, " k=", k[2:3]);
            }
            parameters { real mu; vector[3] v; }
            transformed parameters {
              vector[3] z;
              for (i in 1:3) z[i] = v[idx[i]] * mu;
            }
            model {
              matrix[2, 3] A = M2;
              A[1, 2] = mu;
              A[:, 3] = v[1:2];
              target += sum(z) + sumsq(v) / f10;
              target += sum(A * v);
              target += (c > 4 && odd == 25) ? mu : -1000;
              target += k[N] %/% 2 + (N > 2 ? 0.5 : 0.25);
            }
            """;
    static final String DATA = "{\"N\": 3, \"k\": [1, 2, 7], \"M\": [[1, 2, 3], [4, 5, 6]]}";

    /** The same log density written out in Java. */
    static double expected(double[] u) {
        double mu = u[0], v1 = u[1], v2 = u[2], v3 = u[3];
        double sumz = (v3 + v1 + v2) * mu;
        double sumsq = (v1 * v1 + v2 * v2 + v3 * v3) / 55.0;
        // A = [[1, mu, v1], [7, 8, v2]]; A * v summed
        double av = (1 * v1 + mu * v2 + v1 * v3) + (7 * v1 + 8 * v2 + v2 * v3);
        return sumz + sumsq + av + mu + 3 + 0.5;
    }

    @Test
    void valuesAndGradientsMatchJava() {
        List<String> printed = new ArrayList<>();
        StanProgram p = StanProgram.parse(PROGRAM, "lang.stan");
        StanModel m = p.instantiate(StanData.parse(DATA, "d.json"));
        double[] u = {0.7, -1.2, 0.4, 2.1};
        ValueAndGrad vg = Autodiff.valueAndGrad(Tensor.of(u), m::logDensity);
        assertEquals(expected(u), vg.valueAsDouble(), 1e-12);
        double[] g = vg.gradient(0).toArray();
        for (int k = 0; k < 4; k++) {
            double[] a = u.clone(), b = u.clone();
            a[k] += 1e-6;
            b[k] -= 1e-6;
            double fd = (expected(a) - expected(b)) / 2e-6; // central difference of a polynomial: error ~1e-9
            assertEquals(fd, g[k], 1e-6, "gradient " + k);
        }
        double[] out = m.constrain(u, 1);
        assertEquals(List.of("mu", "v[1]", "v[2]", "v[3]", "z[1]", "z[2]", "z[3]"), m.outputNames());
        assertEquals(2.1 * 0.7, out[4], 1e-12, "z[1] = v[3] * mu");
    }

    @Test
    void printGoesToTheSink() {
        List<String> printed = new ArrayList<>();
        StanModel m = StanProgram.parse(
                        PROGRAM.replace("print(", "print(\"td \", ")
                                .replace("transformed data {", "transformed data {"),
                        "lang.stan")
                .instantiate(StanData.parse(DATA, "d.json"));
        m.printTo(printed::add);
        StanModel m2 = StanProgram.parse(
                        "parameters { real mu; } model { print(\"mu=\", mu, \" v=\", [1, 2.5]); target += -mu^2; }",
                        "p.stan")
                .instantiate(StanData.empty())
                .printTo(printed::add);
        m2.logDensity(Tensor.of(0.5));
        assertTrue(printed.contains("mu=0.5 v=[1,2.5]"), printed.toString());
    }

    @Test
    void indexOutOfRangeRejectsWithTheLine() {
        StanModel m = StanProgram.parse(
                        "data { int N; } parameters { vector[2] v; }\nmodel {\n  target += v[N];\n}", "r.stan")
                .instantiate(StanData.parse("{\"N\": 3}", "d.json"));
        StanRejectException e = assertThrows(StanRejectException.class, () -> m.logDensity(Tensor.zeros(2)));
        assertEquals(3, e.line());
        assertTrue(
                e.getMessage().contains("index 3 out of range; expecting index to be between 1 and 2"), e.getMessage());
    }
}
