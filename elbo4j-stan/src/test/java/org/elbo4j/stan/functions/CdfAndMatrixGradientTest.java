package org.elbo4j.stan.functions;

import static org.elbo4j.stan.functions.Grad.check;
import static org.elbo4j.stan.functions.Grad.m;
import static org.elbo4j.stan.functions.Grad.s;
import static org.elbo4j.stan.functions.Grad.v;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Gradients of the CDF families, the general matrix functions and sorting; values of the matrix functions. */
class CdfAndMatrixGradientTest {
    @Test
    void cdfGradients() {
        int n = 0;
        String[][] fams = {
            {"lognormal", "0.3,1.2,2.5", "0.4", "1.5"},
            {"gamma", "0.3,1.2,2.5", "2.5", "1.7"},
            {"inv_gamma", "0.3,1.2,2.5", "2.5", "1.7"},
            {"weibull", "0.3,1.2,2.5", "1.5", "1.3"},
            {"beta", "0.3,0.1,0.9", "2.5", "1.7"},
            {"uniform", "0.3,1.2,2.5", "-1", "3"},
            {"logistic", "0.3,-1.2,5.0", "0.4", "1.5"},
            {"double_exponential", "0.3,-1.2,2.5", "0.4", "1.5"}
        };
        for (String[] f : fams) {
            String[] ys = f[1].split(",");
            double[] y = new double[ys.length];
            for (int i = 0; i < y.length; i++) y[i] = Double.parseDouble(ys[i]);
            for (String suf : new String[] {"_lcdf", "_lccdf", "_cdf"}) {
                n += check(f[0] + suf, v(y), s(Double.parseDouble(f[2])), s(Double.parseDouble(f[3])));
            }
        }
        n += check("neg_binomial_lpmf", new int[] {3, 0, 10}, v(2.5, 0.5, 11.0), s(0.7));
        assertEquals(25, n);
    }

    @Test
    void generalMatrices() {
        Tensor a = m(new double[][] {{2, 1, 0.5}, {-1, 3, 0.2}, {0.4, -0.2, 1}});
        Tensor inv = Inverses.inverse(a);
        assertArrayEquals(Tensor.eye(3).toArray(), a.matmul(inv).toArray(), 1e-14);
        // det by the rule of Sarrus, written out
        double det = 2 * (3 * 1 - 0.2 * -0.2) - 1 * (-1 * 1 - 0.2 * 0.4) + 0.5 * (-1 * -0.2 - 3 * 0.4);
        assertEquals(det, Inverses.determinant(a).item(), 1e-13);
        assertEquals(Math.log(Math.abs(det)), Inverses.logDeterminant(a).item(), 1e-13);
        assertArrayEquals(
                v(1, 2, 3).toArray(),
                a.matmul(Inverses.mdivideLeft(a, v(1, 2, 3))).toArray(),
                1e-13);
        int n = 0;
        n += check("inverse", a);
        n += check("determinant", a);
        n += check("log_determinant", a);
        n += check("mdivide_left", a, v(1, 2, 3));
        n += check("mdivide_right", v(1, 2, 3), a);
        n += check("quad_form", a, v(1, 2, 3));
        n += check("quad_form", a, m(new double[][] {{1, 2}, {0.5, -1}, {3, 0}}));
        n += check("sort_asc", v(0.3, -1.2, 2.5));
        n += check("sort_desc", v(0.3, -1.2, 2.5));
        assertEquals(9, n);
        assertArrayEquals(new int[] {2, 1, 3}, Sorting.sortIndicesAsc(v(0.3, -1.2, 2.5)));
        assertArrayEquals(new int[] {3, 1, 2}, Sorting.sortIndicesDesc(v(0.3, -1.2, 2.5)));
        assertEquals(1, Sorting.rank(v(0.3, -1.2, 2.5), 1));
        assertArrayEquals(
                new double[] {0, 0.5, 1}, Sorting.linspacedVector(3, s(0), s(1)).toArray());
    }
}
