package org.elbo4j.stan.functions;

import static org.elbo4j.stan.functions.Grad.check;
import static org.elbo4j.stan.functions.Grad.m;
import static org.elbo4j.stan.functions.Grad.s;
import static org.elbo4j.stan.functions.Grad.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.elbo4j.autodiff.GradCheck;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Closed-form partials of every density against central finite differences, scalar and vector arguments. */
class DensityGradientTest {
    @Test
    void continuous() {
        int n = 0;
        n += check("normal_lpdf", v(0.3, -1.2, 2.5), s(0.4), v(1.5, 0.7, 2.0));
        n += check("normal_lpdf", v(0.3, -1.2), v(0.1, 0.2), s(1.3));
        n += check("normal_lpdf", s(0.3), v(0.1, 0.2), v(1.3, 0.4)); // general (non-fused) path: y scalar
        n += check("normal_lpdf", s(0.3), s(0.1), s(1.3)); // all scalars: the loop fast path
        n += check("std_normal_lpdf", v(0.3, -1.2, 2.5));
        n += check("normal_lcdf", v(0.3, -1.2, -7.0), s(0.4), s(1.5));
        n += check("normal_lccdf", v(0.3, -1.2, 7.0), v(0.4, 0.1, -0.2), s(1.5));
        n += check("normal_cdf", v(0.3, -1.2), s(0.4), s(1.5));
        n += check("lognormal_lpdf", v(0.3, 1.2, 2.5), s(0.4), v(1.5, 0.7, 2.0));
        n += check("student_t_lpdf", v(0.3, -1.2, 2.5), v(3.0, 4.5, 10.0), s(0.4), s(1.5));
        n += check("student_t_lcdf", v(0.3, -1.2, 2.5), s(3.0), s(0.4), s(1.5));
        n += check("student_t_lccdf", v(0.3, -1.2, 2.5), v(3.0, 1.5, 7.0), s(0.4), s(1.5));
        n += check("student_t_cdf", v(0.3, -1.2), s(3.0), s(0.4), s(1.5));
        n += check("cauchy_lpdf", v(0.3, -1.2, 25.0), s(0.4), v(1.5, 0.7, 5.0));
        n += check("cauchy_lcdf", v(0.3, -1.2, -30.0), s(0.4), s(1.5));
        n += check("cauchy_lccdf", v(0.3, -1.2, 30.0), s(0.4), s(1.5));
        n += check("gamma_lpdf", v(0.3, 1.2, 2.5), v(0.5, 2.0, 7.5), s(1.7));
        n += check("inv_gamma_lpdf", v(0.3, 1.2, 2.5), s(1.1), v(0.5, 1.0, 3.0));
        n += check("exponential_lpdf", v(0.3, 1.2, 2.5), v(0.5, 2.0, 7.5));
        n += check("exponential_lcdf", v(0.3, 1.2, 2.5), s(0.8));
        n += check("exponential_lccdf", v(0.3, 1.2, 2.5), s(0.8));
        n += check("exponential_cdf", v(0.3, 1.2, 2.5), s(0.8));
        n += check("chi_square_lpdf", v(0.3, 1.2, 2.5), v(0.5, 2.0, 7.5));
        n += check("inv_chi_square_lpdf", v(0.3, 1.2, 2.5), v(0.5, 2.0, 7.5));
        n += check("scaled_inv_chi_square_lpdf", v(0.3, 1.2, 2.5), v(0.5, 2.0, 7.5), s(0.8));
        n += check("weibull_lpdf", v(0.3, 1.2, 2.5), v(0.5, 2.0, 7.5), s(1.3));
        n += check("beta_lpdf", v(0.3, 0.02, 0.9), v(0.5, 2.0, 7.5), s(1.3));
        n += check("uniform_lpdf", v(0.3, 1.2, 2.5), s(-1.0), v(1.0, 2.0, 3.0));
        n += check("logistic_lpdf", v(0.3, -1.2, 25.0), s(0.4), v(1.5, 0.7, 2.0));
        n += check("double_exponential_lpdf", v(0.3, -1.2, 25.0), s(0.4), v(1.5, 0.7, 2.0));
        assertEquals(30, n);
    }

    @Test
    void discrete() {
        int n = 0;
        n += check("bernoulli_lpmf", new int[] {1, 0, 1}, v(0.2, 0.5, 0.9));
        n += check("bernoulli_lpmf", 1, s(0.3));
        n += check("bernoulli_logit_lpmf", new int[] {1, 0, 1, 0}, v(0.2, -1.5, 3.0, 4.0));
        n += check("bernoulli_logit_lpmf", new int[] {1, 0, 1}, s(0.7)); // broadcast: general path
        n += check("binomial_lpmf", new int[] {3, 0, 10}, new int[] {10, 4, 10}, v(0.2, 0.5, 0.9));
        n += check("binomial_logit_lpmf", new int[] {3, 0, 10}, 10, v(0.2, -0.5, 2.9));
        n += check("poisson_lpmf", new int[] {3, 0, 10}, v(2.5, 0.5, 11.0));
        n += check("poisson_log_lpmf", new int[] {3, 0, 10}, v(0.7, -0.5, 2.3));
        n += check("neg_binomial_2_lpmf", new int[] {3, 0, 10}, v(2.5, 0.5, 11.0), v(0.7, 3.0, 50.0));
        n += check("neg_binomial_2_log_lpmf", new int[] {3, 0, 10}, v(0.9, -0.7, 2.4), s(4.0));
        n += check("categorical_logit_lpmf", new int[] {1, 3, 2}, v(0.3, -1.0, 2.0));
        n += check(
                "bernoulli_logit_glm_lpmf",
                new int[] {1, 0, 1},
                m(new double[][] {{0.5, -1.0}, {1.5, 0.2}, {-0.3, 0.8}}),
                s(0.3),
                v(0.7, -0.4));
        n += check(
                "bernoulli_logit_glm_lpmf",
                new int[] {1, 0, 1},
                m(new double[][] {{0.5, -1.0}, {1.5, 0.2}, {-0.3, 0.8}}),
                v(0.3, 0.1, -0.2),
                v(0.7, -0.4));
        n += check(
                "normal_id_glm_lpdf",
                v(1.0, -0.5, 2.0),
                m(new double[][] {{0.5, -1.0}, {1.5, 0.2}, {-0.3, 0.8}}),
                s(0.3),
                v(0.7, -0.4),
                s(1.2));
        assertEquals(14, n);
    }

    @Test
    void multivariate() {
        int n = 0;
        // a simplex argument must stay a simplex under the finite difference (Stan's check allows 1e-8), so it is
        // differentiated through a softmax of free values; a Cholesky factor through its lower triangle
        n += direct(
                p -> Multivariates.dirichletLpdf(Containers.softmax(p.get(0)), p.get(1)),
                v(0.2, 0.5, 0.3),
                v(0.5, 2.0, 3.5));
        n += direct(
                p -> Multivariates.dirichletLpdf(
                        Tensor.stack(
                                Containers.softmax(p.get(0).slice(0, 3)),
                                Containers.softmax(p.get(0).slice(3, 6))),
                        p.get(1)),
                v(0.2, 0.5, 0.3, -0.1, 0.4, 1.0),
                v(0.5, 2.0, 3.5));
        n += direct(
                p -> Categoricals.categoricalLpmf(new int[] {1, 3, 3}, Containers.softmax(p.get(0))), v(0.2, 0.5, 0.3));
        n += direct(
                p -> Multivariates.lkjCorrCholeskyLpdf(LinearAlgebraFunctions.lowerTriangle(p.get(0)), p.get(1)),
                m(new double[][] {{1, 0, 0}, {0.6, 0.8, 0}, {0.2, -0.3, Math.sqrt(1 - 0.04 - 0.09)}}),
                s(2.0));
        n += check("multi_normal_cholesky_lpdf", v(0.3, -1.2), v(0.1, 0.4), m(new double[][] {{1.5, 0}, {0.3, 0.8}}));
        n += check(
                "multi_normal_cholesky_lpdf",
                m(new double[][] {{0.3, -1.2}, {1.0, 0.5}, {-0.2, 0.1}}),
                v(0.1, 0.4),
                m(new double[][] {{1.5, 0}, {0.3, 0.8}}));
        n += direct(
                p -> Multivariates.multiNormalLpdf(
                        p.get(0), p.get(1), p.get(2).add(p.get(2).transpose()).mul(0.5)),
                v(0.3, -1.2),
                v(0.1, 0.4),
                m(new double[][] {{1.5, 0.3}, {0.3, 0.8}}));
        n += direct(p -> Multivariates.lkjCorrLpdf(corr(p.get(0)), p.get(1)), v(0.6, 0.2, -0.1), s(1.5));
        assertEquals(8, n);
    }

    static int direct(Function<List<Tensor>, Tensor> f, Tensor... params) {
        GradCheck.Result r = GradCheck.compare(List.of(params), f, Grad.STEP);
        assertTrue(r.error() < Grad.TOL, r.toString());
        return 1;
    }

    /** A 3×3 correlation matrix with unit diagonal and off-diagonal entries (r12, r13, r23). */
    static Tensor corr(Tensor r) {
        Tensor out = Tensor.eye(3);
        int[][] pos = {{0, 1}, {0, 2}, {1, 2}};
        for (int k = 0; k < 3; k++) {
            double[] mask = new double[9];
            mask[pos[k][0] * 3 + pos[k][1]] = 1;
            mask[pos[k][1] * 3 + pos[k][0]] = 1;
            out = out.add(Tensor.of(mask, 3, 3).mul(r.index(k)));
        }
        return out;
    }
}
