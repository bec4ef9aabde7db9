package org.elbo4j.stan.functions;

import static org.elbo4j.stan.functions.Grad.check;
import static org.elbo4j.stan.functions.Grad.m;
import static org.elbo4j.stan.functions.Grad.s;
import static org.elbo4j.stan.functions.Grad.v;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.elbo4j.math.Special;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Values (closed forms written independently here) and gradients (central differences) of the math functions. */
class MathAndContainerTest {
    private static final double EPS = 1e-13;

    @Test
    void unaryValues() {
        double x = 0.37;
        assertEquals(Math.log(x / (1 - x)), MathFunctions.logit(s(x)).item(), EPS);
        assertEquals(1 / (1 + Math.exp(-x)), MathFunctions.invLogit(s(x)).item(), EPS);
        assertEquals(
                Math.log(1 / (1 + Math.exp(-x))),
                MathFunctions.logInvLogit(s(x)).item(),
                EPS);
        assertEquals(
                Math.log(1 - 1 / (1 + Math.exp(-x))),
                MathFunctions.log1mInvLogit(s(x)).item(),
                EPS);
        assertEquals(Math.log(1 + Math.exp(x)), MathFunctions.log1pExp(s(x)).item(), EPS);
        assertEquals(Math.log(1 - Math.exp(-x)), MathFunctions.log1mExp(s(-x)).item(), EPS);
        assertEquals(1 - Math.exp(-Math.exp(x)), MathFunctions.invCloglog(s(x)).item(), EPS);
        assertEquals(
                0.5 * (1 + Special.erf(x / Math.sqrt(2))),
                MathFunctions.phi(s(x)).item(),
                EPS);
        assertEquals(Math.log10(x), MathFunctions.log10(s(x)).item(), EPS);
        assertEquals(-1, MathFunctions.round(s(-0.5)).item());
        assertEquals(1, MathFunctions.step(s(0)).item());
        assertEquals(1000, Math.pow(10, 3), 0);
        assertEquals(1000, MathFunctions.pow(s(10), s(3)).item(), 1e-12);
        assertEquals(
                Math.log(10 * 9 * 8 / 6.0), MathFunctions.lchoose(s(10), s(3)).item(), 1e-12);
        assertEquals(
                Math.log(Math.exp(2) - Math.exp(1)),
                MathFunctions.logDiffExp(s(2), s(1)).item(),
                1e-13);
    }

    @Test
    void unaryGradients() {
        int n = 0;
        Tensor x = v(0.3, -1.2, 2.5), p = v(0.2, 0.55, 0.9);
        for (String f : new String[] {
            "exp",
            "log1p_exp",
            "inv_logit",
            "log_inv_logit",
            "log1m_inv_logit",
            "tanh",
            "inv_cloglog",
            "Phi",
            "Phi_approx",
            "square",
            "fabs",
            "minus"
        }) {
            n += check(f, x);
        }
        for (String f :
                new String[] {"log", "log10", "sqrt", "logit", "log1m", "lgamma", "inv", "inv_sqrt", "digamma"}) {
            n += check(f, p);
        }
        n += check("log1m_exp", v(-0.3, -1.2, -2.5));
        n += check("pow", p, s(1.7));
        n += check("pow", s(1.3), p);
        n += check("fmax", x, v(0.1, 0.1, 3.0));
        n += check("fmin", x, v(0.1, 0.1, 3.0));
        n += check("lbeta", p, s(1.7));
        n += check("lchoose", s(5.5), p);
        n += check("log_diff_exp", v(0.5, 0.1, 3.0), x);
        assertEquals(29, n);
    }

    @Test
    void reductionsAndTheirGradients() {
        Tensor x = v(0.3, -1.2, 2.5, 0.7);
        assertEquals(
                Math.log(Math.exp(0.3) + Math.exp(-1.2) + Math.exp(2.5) + Math.exp(0.7)),
                Containers.logSumExp(x).item(),
                EPS);
        assertEquals(0.3 * -1.2 * 2.5 * 0.7, Containers.prod(x).item(), EPS);
        double mean = (0.3 - 1.2 + 2.5 + 0.7) / 4, ss = 0;
        for (double a : x.toArray()) ss += (a - mean) * (a - mean);
        assertEquals(ss / 3, Containers.variance(x).item(), EPS);
        assertEquals(Math.sqrt(ss / 3), Containers.sd(x).item(), EPS);
        assertArrayEquals(
                new double[] {0.3, -0.9, 1.6, 2.3}, Containers.cumulativeSum(x).toArray(), EPS);
        double t = 0.3, l1 = -1.0, l2 = -2.5;
        assertEquals(
                Math.log(t * Math.exp(l1) + (1 - t) * Math.exp(l2)),
                Containers.logMix(s(t), s(l1), s(l2)).item(),
                EPS);
        int n = 0;
        for (String f : new String[] {
            "sum",
            "prod",
            "mean",
            "variance",
            "sd",
            "max",
            "min",
            "log_sum_exp",
            "dot_self",
            "cumulative_sum",
            "softmax",
            "log_softmax"
        }) {
            n += check(f, x);
        }
        n += check("log_sum_exp", s(0.3), s(-1.2));
        n += check("log_mix", s(0.3), s(-1.0), s(-2.5));
        n += check("log_mix", v(0.2, 0.5, 0.3), v(-1.0, -2.5, 0.3));
        n += check("log_mix", v(0.2, 0.8), m(new double[][] {{-1.0, -2.5}, {0.3, 0.1}, {-0.4, 1.0}}));
        n += check("dot_product", x, v(1, 2, 3, 4));
        n += check("columns_dot_product", m(new double[][] {{1, 2}, {3, 4}}), m(new double[][] {{0.5, -1}, {2, 0.1}}));
        n += check("rows_dot_product", m(new double[][] {{1, 2}, {3, 4}}), m(new double[][] {{0.5, -1}, {2, 0.1}}));
        assertEquals(19, n);
    }

    @Test
    void buildersFollowStanLayout() {
        Tensor a = m(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertArrayEquals(
                new double[] {1, 4, 2, 5, 3, 6}, Builders.toVectorMatrix(a).toArray()); // column-major
        assertArrayEquals(
                new double[] {1, 3, 5, 2, 4, 6},
                Builders.toMatrix(v(1, 2, 3, 4, 5, 6), 2, 3).toArray());
        assertArrayEquals(
                new double[] {1, 2, 1, 2, 1, 2},
                Builders.repMatrixRowVector(v(1, 2), 3).toArray());
        assertArrayEquals(
                new double[] {1, 1, 2, 2}, Builders.repMatrixVector(v(1, 2), 2).toArray());
        assertArrayEquals(
                new double[] {1, 2, 3}, Builders.appendRow(v(1, 2), s(3)).toArray());
        assertArrayEquals(
                new double[] {2, 3}, Builders.segment(v(1, 2, 3, 4), 2, 2).toArray());
        assertArrayEquals(new double[] {3, 4}, Builders.tail(v(1, 2, 3, 4), 2).toArray());
        assertArrayEquals(new double[] {2, 5}, Builders.col(a, 2).toArray());
        assertArrayEquals(new double[] {5}, Builders.subCol(a, 2, 2, 1).toArray());
        assertArrayEquals(new double[] {5, 6}, Builders.block(a, 2, 2, 1, 2).toArray());
        assertArrayEquals(
                new double[] {1, 2, 3, 9, 4, 5, 6, 9},
                Builders.appendColMatrix(a, v(9, 9)).toArray());
        assertArrayEquals(new int[] {0, 0, 0}, Builders.repArray(0, 3));
        assertEquals("[2, 3]", Builders.repArray(v(1, 2, 3), 2).shape().toString());
        int n = 0;
        n += check("to_vector", a);
        n += check("to_matrix", v(1, 2, 3, 4, 5, 6), 3, 2);
        n += check("append_row", v(1, 2), v(3, 4, 5));
        n += check("append_col", a, a);
        n += check("rep_matrix", v(1, 2), 3);
        n += check("segment", v(1, 2, 3, 4), 2, 2);
        n += check("sub_col", a, 1, 3, 2);
        n += check("col", a, 2);
        assertEquals(8, n);
    }

    @Test
    void linearAlgebra() {
        Tensor sigma = m(new double[][] {{1.5, 0.3}, {0.3, 0.8}});
        Tensor l = LinearAlgebraFunctions.choleskyDecompose(sigma);
        assertArrayEquals(
                sigma.toArray(),
                LinearAlgebraFunctions.multiplyLowerTriSelfTranspose(l).toArray(),
                1e-14);
        assertArrayEquals(
                new double[] {2 * 1.5 * 2, 2 * 0.3 * 3, 3 * 0.3 * 2, 3 * 0.8 * 3},
                LinearAlgebraFunctions.quadFormDiag(sigma, v(2, 3)).toArray(),
                1e-14);
        Tensor k = GaussianProcesses.gpExpQuadCov(v(0, 1), s(2), s(0.5));
        assertEquals(4 * Math.exp(-0.5 / 0.25), k.get(0, 1), 1e-14);
        int n = 0;
        n += check("diag_pre_multiply", v(2, 3), sigma);
        n += check("quad_form_diag", sigma, v(2, 3));
        n += check("multiply_lower_tri_self_transpose", m(new double[][] {{1.2, 0}, {0.3, 0.7}}));
        n += check("gp_exp_quad_cov", v(0.1, 1.0, 2.2), s(1.3), s(0.8));
        n += check("gp_exp_quad_cov", m(new double[][] {{0.1, 1.0}, {2.2, 0.3}, {0.5, 0.5}}), s(1.3), s(0.8));
        n += check("gp_exp_quad_cov", v(0.1, 1.0), v(2.2, 0.3, 0.5), s(1.3), s(0.8));
        n += check("mdivide_left_tri_low", m(new double[][] {{1.2, 0}, {0.3, 0.7}}), v(1, 2));
        n += check("mdivide_right_tri_low", v(1, 2), m(new double[][] {{1.2, 0}, {0.3, 0.7}}));
        n += check("tcrossprod", m(new double[][] {{1.2, 0.4}, {0.3, 0.7}}));
        n += check("multiply", m(new double[][] {{1.2, 0.4}, {0.3, 0.7}}), v(1, 2));
        n += check("diag_matrix", v(1, 2));
        assertEquals(11, n);
    }
}
