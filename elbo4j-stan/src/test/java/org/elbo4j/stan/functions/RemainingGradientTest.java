package org.elbo4j.stan.functions;

import static org.elbo4j.stan.functions.Grad.check;
import static org.elbo4j.stan.functions.Grad.m;
import static org.elbo4j.stan.functions.Grad.s;
import static org.elbo4j.stan.functions.Grad.v;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Function;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Gradients of the slicing functions and of the matrix functions that need a symmetric positive-definite input. */
class RemainingGradientTest {
    private static final Tensor M = m(new double[][] {{1, 2, 3}, {4, 5, 6}});
    private static final Tensor P = m(new double[][] {{2.0, 0.3, 0.1}, {0.4, 1.5, -0.2}, {0.0, -0.1, 1.2}});

    /** A symmetric positive-definite matrix from a free square matrix: (P + Pᵀ)/2 stays SPD near P above. */
    private static Tensor spd(Tensor p) {
        return p.add(p.transpose()).mul(0.5);
    }

    @Test
    void slicing() {
        int n = 0;
        n += check("head", v(1, 2, 3, 4), 2);
        n += check("tail", v(1, 2, 3, 4), 3);
        n += check("row", M, 2);
        n += check("sub_row", M, 2, 2, 2);
        n += check("block", M, 1, 2, 2, 2);
        n += check("transpose", M);
        n += check("to_array_1d", M);
        n += check("to_row_vector", M);
        n += check("append_array", M, M);
        n += check("rep_array", v(1, 2), 3);
        n += check("rep_vector", s(1.5), 3);
        n += check("diag_post_multiply", M, v(2, 3, 4));
        n += check("crossprod", M);
        n += check("diagonal", P);
        n += check("elt_multiply", v(1, 2), v(3, -1));
        n += check("elt_divide", v(1, 2), v(3, -1));
        n += check("divide", v(1, 2), s(3));
        n += DensityGradientTest.direct(p -> Operators.dot(p.get(0), p.get(1)), v(1, 2), v(3, -1));
        n += DensityGradientTest.direct(
                p -> Operators.outer(p.get(0), p.get(1))
                        .mul(M.slice(0, 2).transpose().slice(0, 2))
                        .sum(),
                v(1, 2),
                v(3, -1));
        n += DensityGradientTest.direct(
                p -> Operators.matmul(p.get(0), p.get(1)).sum(), v(1, 2), M);
        assertEquals(20, n);
        assertArrayEquals(
                new double[] {1, 4, 2, 5, 3, 6}, Builders.toArray1dMatrix(M).toArray());
    }

    @Test
    void symmetricPositiveDefinite() {
        int n = 0;
        n += DensityGradientTest.direct(
                p -> LinearAlgebraFunctions.choleskyDecompose(spd(p.get(0)))
                        .mul(P)
                        .sum(),
                P);
        n += DensityGradientTest.direct(p -> LinearAlgebraFunctions.logDeterminantSpd(spd(p.get(0))), P);
        n += DensityGradientTest.direct(
                p -> Inverses.inverseSpd(spd(p.get(0))).mul(P).sum(), P);
        n += DensityGradientTest.direct(
                p -> Operators.mdivideLeftSpd(spd(p.get(0)), p.get(1)).sum(), P, v(1, -2, 0.5));
        n += DensityGradientTest.direct(
                p -> Operators.mdivideRightSpd(p.get(1), spd(p.get(0))).sum(), P, v(1, -2, 0.5));
        Function<List<Tensor>, Tensor> eig =
                p -> Eigen.eigenvaluesSym(spd(p.get(0))).sum();
        n += DensityGradientTest.direct(eig, P);
        assertEquals(6, n);
        Tensor a = spd(P);
        assertArrayEquals(
                a.toArray(),
                LinearAlgebraFunctions.multiplyLowerTriSelfTranspose(LinearAlgebraFunctions.choleskyDecompose(a))
                        .toArray(),
                1e-14);
        assertEquals(
                Inverses.logDeterminant(a).item(),
                LinearAlgebraFunctions.logDeterminantSpd(a).item(),
                1e-13);
    }
}
