package org.elbo4j.stan.compile;

import static org.elbo4j.stan.compile.FusionAndGatherTest.grad;
import static org.elbo4j.stan.compile.FusionAndGatherTest.model;
import static org.elbo4j.stan.compile.FusionAndGatherTest.point;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.elbo4j.autodiff.GradCheck;
import org.elbo4j.autodiff.ValueAndGrad;
import org.elbo4j.stan.StanModel;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The library calls that {@link ScalarOps} inlines into a fused scalar tree, each against the unfused path (the
 * library's own node, compiled with {@link ScalarFusion#enabled} off): value and gradient to rounding, at random
 * points and at edge values, in {@code target += f(...)}, {@code ~} and {@code _lupdf} forms (the library keeps
 * every constant in all three; so must the fused call), and the same error message for rejected arguments.
 */
class ScalarCallsTest {
    /** Data: ints for the counts, c for edge shifts. */
    static final String DATA = "{\"n\": 3, \"z\": 0, \"N\": 5, \"b\": 1, \"m\": -1, \"c\": %s}";

    /** u1..u4 are elements of a parameter vector: without fusion each read is a slice node of its own. */
    static String program(String model) {
        for (int k = 1; k <= 4; k++) model = model.replace("u" + k, "u[" + k + "]");
        return "data { int n; int z; int N; int b; int m; real c; }\n"
                + "parameters { vector[4] u; }\n"
                + "model {\n" + model + "\n}\n";
    }

    static List<String> expressions() {
        List<String> out = new ArrayList<>(List.of(
                // one real argument
                "log10(exp(u1) + 1)",
                "log2(exp(u1) + 2)",
                "sqrt(exp(u1))",
                "square(u1)",
                "inv(u1 + 3)",
                "inv_sqrt(exp(u1))",
                "inv_square(u1 + 3)",
                "inv_logit(u1)",
                "logit(inv_logit(u1))",
                "log_inv_logit(u1)",
                "log1m_inv_logit(u1)",
                "log1p_exp(u1)",
                "log1p_exp(u1 + c)",
                "log1p_exp(u1 - c)",
                "log1p(exp(u1))",
                "log1m(inv_logit(u1))",
                "log1m_exp(-exp(u1))",
                "expm1(u1)",
                "tanh(u1)",
                "tanh(u1 * c)",
                "lgamma(exp(u1))",
                "lgamma(exp(u1 - c))",
                "lgamma(u1 + 0.5 * u2)",
                "digamma(exp(u1))",
                "fabs(u1)",
                "abs(u1)",
                "inv_cloglog(u1)",
                "Phi(u1)",
                "Phi_approx(u1)",
                // two real arguments
                "pow(exp(u1), u2)",
                "pow(u1, 2)",
                "fmin(u1, u2)",
                "fmax(u1, u2)",
                "min(u1, u2)",
                "max(u1, u2)",
                "log_diff_exp(u1 + 3, u2)",
                "log_sum_exp(u1, u2)",
                "log_sum_exp(u1 * c, u2)",
                "lbeta(exp(u1), exp(u2))",
                // three reals
                "log_mix(inv_logit(u1), normal_lpdf(c | u2, 1), normal_lpdf(c | u3, exp(u4)))",
                "log_mix(inv_logit(u1), u2 * c, u3)",
                // nested, with operators around them
                "log_sum_exp(log1p_exp(u1) * 2 - u2, log(inv_logit(u3)) + square(u4))",
                // densities
                "normal_lpdf(u1 | u2, exp(u3))",
                "normal_lpdf(c | u1, exp(u2))",
                "std_normal_lpdf(u1)",
                "lognormal_lpdf(exp(u1) | u2, exp(u3))",
                "student_t_lpdf(u1 | exp(u2), u3, exp(u4))",
                "cauchy_lpdf(u1 | u2, exp(u3))",
                "gamma_lpdf(exp(u1) | exp(u2), exp(u3))",
                "gamma_lpdf(u1 - 5 | exp(u2), exp(u3))",
                "inv_gamma_lpdf(exp(u1) | exp(u2), exp(u3))",
                "exponential_lpdf(exp(u1) | exp(u2))",
                "exponential_lpdf(c * c | exp(u2))",
                "beta_lpdf(inv_logit(u1) | exp(u2), exp(u3))",
                "logistic_lpdf(u1 | u2, exp(u3))",
                "double_exponential_lpdf(u1 | u2, exp(u3))",
                "bernoulli_lpmf(b | inv_logit(u1))",
                "bernoulli_lpmf(z | inv_logit(u1))",
                "bernoulli_logit_lpmf(b | u1)",
                "bernoulli_logit_lpmf(z | u1 * c)",
                "binomial_lpmf(n | N, inv_logit(u1))",
                "binomial_lpmf(N | N, inv_logit(u1))",
                "binomial_logit_lpmf(n | N, u1)",
                "binomial_logit_lpmf(z | N, u1)",
                "poisson_lpmf(n | exp(u1))",
                "poisson_lpmf(z | exp(u1))",
                "poisson_log_lpmf(n | u1)",
                "poisson_log_lpmf(z | u1)",
                "neg_binomial_2_lpmf(n | exp(u1), exp(u2))",
                "neg_binomial_2_lpmf(z | exp(u1), exp(u2))"));
        return out;
    }

    /** Every density as {@code target += f_lpdf(...)}, as {@code ~} and as {@code f_lupdf}; the rest as target +=. */
    static List<String> statements() {
        List<String> out = new ArrayList<>();
        for (String e : expressions()) {
            out.add("target += " + e + ";");
            int bar = e.indexOf(" | ");
            String fn = e.substring(0, e.indexOf('('));
            if (bar > 0 && fn.matches(".*_lp[dm]f")) {
                String variate = e.substring(fn.length() + 1, bar);
                String rest = e.substring(bar + 3);
                out.add(variate + " ~ " + fn.replaceAll("_lp[dm]f$", "") + "(" + rest + ";");
                out.add("target += " + fn.replace("_lpdf", "_lupdf").replace("_lpmf", "_lupmf") + "(" + variate + " | "
                        + rest + ";");
            }
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("statements")
    void fusedCallEqualsTheLibraryNode(String statement) {
        for (String c : EDGES) {
            String data = String.format(DATA, c);
            StanModel fused = model(program(statement), data, true), plain = model(program(statement), data, false);
            compare(statement, c, fused, plain);
            // as long as the tape of one fused operator (target += u[1] * 2), so the call is fused; shorter than
            // unfused
            double[] u = point(4, 1);
            int one = tapeLength(model(program("target += u1 * 2;"), data, true), u);
            if (tapeLength(plain, u) == 0) continue; // a constant −∞ (gamma_lpdf of a negative variate)
            assertEquals(one, tapeLength(fused, u), statement);
            assertTrue(tapeLength(plain, u) > one, statement);
        }
    }

    /** The shifts c of the edge cases ({@code log1p_exp(u1 + c)}, {@code lgamma(exp(u1 - c))}, ...). */
    static final String[] EDGES = {"0.7", "40", "-40", "800"};

    /** log_sum_exp of a container written element-wise (one node reading the sources: {@link Cells#logSumExp}). */
    static List<String> containerReductions() {
        return List.of(
                "{ vector[3] w = u[1:3] * 2; w[2] = square(u4); target += log_sum_exp(w); }",
                "{ array[3] real w; for (i in 1:3) w[i] = u[i] * u4; target += log_sum_exp(w); }",
                "{ array[2] real w = {c, -c}; w[1] = u1 * c; target += log_sum_exp(w); }",
                "{ array[2] real w = {c, -c}; w[2] = u2; target += log_sum_exp(w) + log_sum_exp(w); }",
                "{ row_vector[2] w = [c, 1]; w[2] = negative_infinity(); target += log_sum_exp(w) * u1; }");
    }

    @ParameterizedTest
    @MethodSource("containerReductions")
    void logSumExpOfCellsEqualsTheLibrary(String statement) {
        for (String c : EDGES) {
            String data = String.format(DATA, c);
            compare(statement, c, model(program(statement), data, true), model(program(statement), data, false));
        }
    }

    private static void compare(String statement, String c, StanModel fused, StanModel plain) {
        for (long seed = 1; seed <= 4; seed++) {
            double[] u = point(4, seed);
            ValueAndGrad a = grad(fused, u), b = grad(plain, u);
            String where = statement + " at c = " + c + ", seed " + seed;
            double va = a.value().item(), vb = b.value().item();
            close(vb, va, 1e-14 * Math.abs(vb), where);
            double[] ga = a.gradient(0).toArray(), gb = b.gradient(0).toArray();
            double scale = 0;
            for (double g : gb) scale = Math.max(scale, Math.abs(g));
            // the same partials; only the order of summing contributions to one adjoint can differ
            for (int k = 0; k < ga.length; k++) {
                close(gb[k], ga[k], 1e-14 * Math.max(Math.abs(gb[k]), 1e-3 * scale), where + " [" + k + "]");
            }
        }
    }

    /** Equal within {@code tol}, or both the same non-finite value (NaN, ±∞: at the edges both give them). */
    private static void close(double expected, double actual, double tol, String where) {
        if (!Double.isFinite(expected) || !Double.isFinite(tol)) assertEquals(expected, actual, 0.0, where);
        else assertEquals(expected, actual, tol, where);
    }

    static List<String> rejected() {
        return List.of(
                "target += normal_lpdf(u1 | u2, -exp(u3));",
                "u1 ~ normal(u2, -exp(u3));",
                "target += normal_lpdf(u1 | u2 / 0, exp(u3));",
                "target += std_normal_lpdf(0 / 0.0 * u1);",
                "target += lognormal_lpdf(-exp(u1) | u2, exp(u3));",
                "target += student_t_lpdf(u1 | -exp(u2), u3, exp(u4));",
                "target += cauchy_lpdf(u1 | u2, 0 * u3);",
                "u1 ~ gamma(-exp(u2), exp(u3));",
                "target += inv_gamma_lpdf(exp(u1) | exp(u2), -exp(u3));",
                "target += exponential_lpdf(-exp(u1) | exp(u2));",
                "target += exponential_lpdf(exp(u1) | 1 / 0.0 + u2);",
                "target += beta_lpdf(1 + exp(u1) | exp(u2), exp(u3));",
                "target += logistic_lpdf(u1 / 0 | u2, exp(u3));",
                "target += double_exponential_lpdf(u1 | u2, -exp(u3));",
                "n ~ bernoulli(inv_logit(u1));",
                "b ~ bernoulli(1 + exp(u1));",
                "n ~ bernoulli_logit(u1);",
                "target += binomial_lpmf(n | m, inv_logit(u1));",
                "target += binomial_logit_lpmf(N | n, u1);",
                "target += binomial_logit_lpmf(n | N, u1 / 0);",
                "m ~ poisson(exp(u1));",
                "n ~ poisson(-exp(u1));",
                "n ~ poisson_log(0 / 0.0 + u1);",
                "n ~ neg_binomial_2(exp(u1), -exp(u2));",
                "target += log1m(1 + exp(u1));",
                "target += log_mix(1 + exp(u1), u2, u3);",
                "target += log_mix(inv_logit(u1), 0 / 0.0 * u2, u3);");
    }

    @ParameterizedTest
    @MethodSource("rejected")
    void rejectedArgumentsGiveTheLibrarysMessage(String statement) {
        String program = program(statement), data = String.format(DATA, "1");
        StanModel fused = model(program, data, true), plain = model(program, data, false);
        double[] u = point(4, 2);
        String ea = message(() -> grad(fused, u)), eb = message(() -> grad(plain, u));
        assertNotNull(eb, statement + " is not rejected by the library");
        assertEquals(eb, ea);
    }

    /** The forward algorithm of an HMM (bball_drive_event_0-hmm_drive_0's model block, with Cells and ~). */
    static final String HMM = """
            data { int K; int N; array[N] real u; array[N] real v; array[N] int c; }
            parameters { array[K] simplex[K] theta; positive_ordered[K] phi; positive_ordered[K] lambda;
                         real<lower=0> s; }
            model {
              array[K] real acc;
              array[N, K] real gamma;
              phi[1] ~ normal(0, 1);
              lambda[2] ~ student_t(3, 3, s);
              s ~ gamma(2, 2);
              for (k in 1:K) gamma[1, k] = exponential_lpdf(u[1] | phi[k]) + exponential_lpdf(v[1] | lambda[k]);
              for (t in 2:N) {
                for (k in 1:K) {
                  for (j in 1:K)
                    acc[j] = gamma[t - 1, j] + log(theta[j, k]) + exponential_lpdf(u[t] | phi[k])
                             + exponential_lpdf(v[t] | lambda[k]) + log1m_inv_logit(phi[k] - lambda[j]);
                  gamma[t, k] = log_sum_exp(acc);
                }
                c[t] ~ poisson_log(log_sum_exp(gamma[t, 1], gamma[t, 2]) * 0.1);
              }
              target += log_sum_exp(gamma[N]);
            }
            """;

    static final String HMM_DATA = "{\"K\": 2, \"N\": 6, \"u\": [0.1, 0.5, 0.2, 0.9, 0.3, 0.4],"
            + " \"v\": [1.5, 0.2, 2.5, 0.7, 1.1, 0.1], \"c\": [0, 1, 3, 0, 2, 1]}";

    @ParameterizedTest
    @MethodSource("seeds")
    void hmmForwardAlgorithmFusedEqualsUnfusedAndFiniteDifferences(long seed) {
        StanModel fused = model(HMM, HMM_DATA, true), plain = model(HMM, HMM_DATA, false);
        double[] u = point(fused.unconstrainedSize(), seed);
        ValueAndGrad a = grad(fused, u), b = grad(plain, u);
        assertEquals(
                b.value().item(), a.value().item(), 1e-14 * Math.abs(b.value().item()));
        double[] ga = a.gradient(0).toArray(), gb = b.gradient(0).toArray();
        for (int k = 0; k < ga.length; k++) assertEquals(gb[k], ga[k], 1e-13 * Math.max(1, Math.abs(gb[k])));
        GradCheck.Result r = GradCheck.compare(List.of(Tensor.of(u)), p -> fused.logDensity(p.get(0)), 1e-6);
        assertTrue(r.error() < 1e-6, r.toString()); // GradCheck's tolerance for smooth functions (its javadoc)
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void hmmFusedTapeIsShorter(long seed) {
        StanModel fused = model(HMM, HMM_DATA, true), plain = model(HMM, HMM_DATA, false);
        double[] u = point(fused.unconstrainedSize(), seed);
        int a = tapeLength(fused, u), b = tapeLength(plain, u);
        // per (t, k, j): one node for acc[j] instead of the sum's node, 2 exponential_lpdf, log1m_inv_logit and
        // its operand, and the element reads
        assertTrue(a * 2 < b, a + " vs " + b);
    }

    private static int tapeLength(StanModel m, double[] u) {
        org.elbo4j.tensor.Tape tape =
                m.logDensity(new org.elbo4j.tensor.Tape().leaf(Tensor.of(u))).tape();
        return tape == null ? 0 : tape.size();
    }

    static List<Long> seeds() {
        return List.of(1L, 2L, 3L);
    }

    private static String message(Runnable r) {
        try {
            r.run();
            return null;
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }
}
