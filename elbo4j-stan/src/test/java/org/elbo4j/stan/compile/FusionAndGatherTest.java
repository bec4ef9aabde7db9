package org.elbo4j.stan.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import org.elbo4j.autodiff.Autodiff;
import org.elbo4j.autodiff.GradCheck;
import org.elbo4j.autodiff.ValueAndGrad;
import org.elbo4j.stan.StanData;
import org.elbo4j.stan.StanModel;
import org.elbo4j.stan.StanProgram;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The two shortcuts of the Stan compiler for scalar code: {@link ScalarFusion} (a scalar expression tree as one tape
 * node) against the unfused path (one node per operator, compiled with fusion off), and {@link Cells#gather} (a
 * slice of a container written element-wise) against slicing the whole container (the same slice of the value
 * passed through an identity user function, which reads it whole). Both against central finite differences too.
 */
class FusionAndGatherTest {
    /** An AR(K) likelihood written as scalar loops (arK), with every fused operator, data and parameter elements,
     * nested single indices ({@code gam[2][k]}). */
    static final String SCALAR = """
            data { int K; int T; array[T] real y; }
            parameters { real alpha; vector[K] beta; real<lower=0> sigma; array[2] vector[K] gam; }
            model {
              for (t in (K + 1):T) {
                real mu = alpha;
                for (k in 1:K) mu = mu + beta[k] * y[t - k] + gam[2][k] ^ 2 * 0.01 + sigma ^ y[t];
                mu += -exp(beta[1]) / (2 + log(sigma)) - 0.5 * beta[K] * 3 + sigma ^ gam[2, 1] ^ 2;
                y[t] ~ normal(mu, sigma);
              }
              alpha ~ normal(0, 2);
              beta ~ normal(0, 1);
              for (i in 1:2) gam[i] ~ normal(1, 0.2);
            }
            """;

    static final String DATA =
            "{\"K\": 3, \"T\": 12, \"y\": [0.3, -0.2, 0.5, 1.1, 0.7, -0.4, 0.2, 0.9, 1.3, 0.1, -0.6, 0.4]}";

    /** A covid-style recursion: element writes to a matrix read back by slices in the same loop. */
    static final String SLICES = """
            functions { matrix id(matrix x) { return x; } vector idv(vector x) { return x; } }
            data { int N; int M; vector[N] w; }
            parameters { vector<lower=0>[M] r; real<lower=0> s; }
            transformed parameters {
              matrix[N, M] p = rep_matrix(0, N, M);
              vector[N] q = rep_vector(0, N);
              for (m in 1:M) {
                p[1:2, m] = rep_vector(s, 2);
                for (i in 3:N) {
                  real c = dot_product(sub_col(ID(p), 1, m, i - 1), head(w, i - 1));
                  p[i, m] = r[m] * c / i + sum(segment(col(ID(p), m), 1, 2));
                  q[i] = q[i - 1] + sum(head(IDV(q), i - 1)) * 0.01 + p[i, m];
                }
              }
            }
            model {
              r ~ normal(1, 0.3);
              s ~ normal(1, 1);
              target += -0.5 * dot_self(to_vector(p[2:N, ])) + sum(block(ID(p), 2, 1, N - 1, M))
                        + sum(row(ID(p), N)) + sum(tail(IDV(q), 3)) + sum(sub_row(ID(p), N, 1, M));
            }
            """;

    static final String SLICE_DATA = "{\"N\": 7, \"M\": 2, \"w\": [0.5, 0.4, 0.3, 0.2, 0.15, 0.1, 0.05]}";

    static StanModel model(String program, String data, boolean fuse) {
        boolean was = ScalarFusion.enabled;
        ScalarFusion.enabled = fuse;
        try {
            return StanProgram.parse(program, "test.stan").instantiate(StanData.parse(data, "test.json"));
        } finally {
            ScalarFusion.enabled = was;
        }
    }

    static ValueAndGrad grad(StanModel m, double[] u) {
        return Autodiff.valueAndGrad(Tensor.of(u), m::logDensity);
    }

    static double[] point(int n, long seed) {
        java.util.Random r = new java.util.Random(seed);
        double[] u = new double[n];
        for (int k = 0; k < n; k++) u[k] = r.nextDouble() * 2 - 1;
        return u;
    }

    @Test
    void fusedScalarExpressionsEqualTheUnfusedPath() {
        StanModel fused = model(SCALAR, DATA, true), plain = model(SCALAR, DATA, false);
        for (long seed = 1; seed <= 5; seed++) {
            double[] u = point(fused.unconstrainedSize(), seed);
            ValueAndGrad a = grad(fused, u), b = grad(plain, u);
            // the values are computed by the same operations in the same order: bit for bit
            assertEquals(b.value().item(), a.value().item(), 0.0);
            // a fused record's partials are the chain rule's products taken at forward time (seed 1) and multiplied
            // by the adjoint afterwards, the unfused path multiplies the adjoint in first: equal to rounding
            double[] ga = a.gradient(0).toArray(), gb = b.gradient(0).toArray();
            for (int k = 0; k < ga.length; k++) assertEquals(gb[k], ga[k], 1e-13 * Math.max(1, Math.abs(gb[k])));
        }
    }

    @Test
    void fusedTapeIsShorter() {
        StanModel fused = model(SCALAR, DATA, true), plain = model(SCALAR, DATA, false);
        double[] u = point(fused.unconstrainedSize(), 3);
        assertTrue(tapeLength(() -> fused.logDensity(leaf(u))) * 2 < tapeLength(() -> plain.logDensity(leaf(u))));
    }

    @Test
    void fusedGradientMatchesFiniteDifferences() {
        StanModel m = model(SCALAR, DATA, true);
        for (long seed = 1; seed <= 3; seed++) {
            GradCheck.Result r = GradCheck.compare(
                    List.of(Tensor.of(point(m.unconstrainedSize(), seed))), p -> m.logDensity(p.get(0)), 1e-6);
            assertTrue(r.error() < 1e-6, r.toString()); // GradCheck's tolerance for smooth functions (its javadoc)
        }
    }

    @Test
    void slicesOfAContainerWrittenElementwiseEqualSlicesOfTheWholeContainer() {
        StanModel gather = model(SLICES.replace("ID(p)", "p").replace("IDV(q)", "q"), SLICE_DATA, true);
        StanModel whole = model(SLICES.replace("ID(p)", "id(p)").replace("IDV(q)", "idv(q)"), SLICE_DATA, true);
        for (long seed = 1; seed <= 5; seed++) {
            double[] u = point(gather.unconstrainedSize(), seed);
            ValueAndGrad a = grad(gather, u), b = grad(whole, u);
            assertEquals(b.value().item(), a.value().item(), 0.0);
            // the same products, summed into each adjoint entry in an order that may differ: to rounding
            double[] ga = a.gradient(0).toArray(), gb = b.gradient(0).toArray();
            for (int k = 0; k < ga.length; k++) assertEquals(gb[k], ga[k], 1e-13 * Math.max(1, Math.abs(gb[k])));
            GradCheck.Result r = GradCheck.compare(List.of(Tensor.of(u)), p -> gather.logDensity(p.get(0)), 1e-6);
            assertTrue(r.error() < 1e-6, r.toString());
        }
    }

    @Test
    void gatherOutOfRangeReportsAsTheLibraryDoes() {
        String bad = SLICES.replace("sub_col(ID(p), 1, m, i - 1)", "sub_col(ID(p), 1, m, i + 7)");
        StanModel gather = model(bad.replace("ID(p)", "p").replace("IDV(q)", "q"), SLICE_DATA, true);
        StanModel whole = model(bad.replace("ID(p)", "id(p)").replace("IDV(q)", "idv(q)"), SLICE_DATA, true);
        double[] u = point(gather.unconstrainedSize(), 1);
        String ea = message(() -> grad(gather, u)), eb = message(() -> grad(whole, u));
        assertTrue(ea != null && ea.contains("sub_col"), ea);
        assertEquals(eb, ea);
    }

    /**
     * A fused expression that calls its own function (so the same fused node runs below itself and needs its own
     * scratch arrays), a repeated element read ({@code b[1] * b[1]}: partials summed) and element reads of a
     * container written element-wise: against the unfused path and finite differences.
     */
    static final String RECURSIVE = """
            functions {
              real f(real x, vector b, int n) {
                if (n == 0) return x;
                return b[1] * b[1] + x * f(x * 0.5 + b[2], b, n - 1) / (1 + exp(-b[1] * x));
              }
            }
            parameters { vector[2] b; real a; }
            model {
              vector[3] c;
              for (i in 1:3) c[i] = a * i + b[1] * b[1];
              target += -0.5 * f(a, b, 3) ^ 2 - 0.5 * (c[1] * c[2] - log(1 + c[3] ^ 2));
              b ~ normal(0, 1);
              a ~ normal(0, 1);
            }
            """;

    @Test
    void recursiveFusedNodesAndRepeatedLeavesAgreeWithTheUnfusedPath() {
        StanModel fused = model(RECURSIVE, "{}", true), plain = model(RECURSIVE, "{}", false);
        for (long seed = 1; seed <= 4; seed++) {
            double[] u = point(fused.unconstrainedSize(), seed);
            ValueAndGrad a = grad(fused, u), b = grad(plain, u);
            assertEquals(b.value().item(), a.value().item(), 0.0);
            double[] ga = a.gradient(0).toArray(), gb = b.gradient(0).toArray();
            for (int k = 0; k < ga.length; k++) assertEquals(gb[k], ga[k], 1e-13 * Math.max(1, Math.abs(gb[k])));
            GradCheck.Result r = GradCheck.compare(List.of(Tensor.of(u)), p -> fused.logDensity(p.get(0)), 1e-6);
            assertTrue(r.error() < 1e-6, r.toString());
        }
    }

    private static String message(Runnable r) {
        try {
            r.run();
            return null;
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    private static Tensor leaf(double[] u) {
        return new org.elbo4j.tensor.Tape().leaf(Tensor.of(u));
    }

    private static int tapeLength(Supplier<Tensor> f) {
        return f.get().tape().size();
    }
}
