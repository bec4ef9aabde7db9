package org.elbo4j.stan.functions;

import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.tensor.TensorData;

/**
 * Stan's matrix functions on the core tensor ops: {@code cholesky_decompose}, {@code diag_pre_multiply},
 * {@code diag_post_multiply}, {@code quad_form_diag}, {@code multiply_lower_tri_self_transpose},
 * {@code tcrossprod}, {@code crossprod}, {@code diag_matrix}, {@code diagonal}, {@code mdivide_left_tri_low},
 * {@code mdivide_right_tri_low}, {@code log_determinant}. Products go through the core GEMM/GEMV.
 */
public final class LinearAlgebraFunctions {
    private LinearAlgebraFunctions() {}

    static int square(String fn, String name, Tensor m) {
        if (m.rank() != 2 || m.dim(0) != m.dim(1)) {
            throw new StanDomainException(fn + ": Expecting a square matrix; rows of " + name + " (" + m.dim(0)
                    + ") and columns of " + name + " (" + (m.rank() == 2 ? m.dim(1) : 1) + ") must match in size");
        }
        return m.dim(0);
    }

    /** Stan's check_symmetric: |A_ij − A_ji| ≤ 1e-8 (absolute). */
    static void checkSymmetric(String fn, String name, Tensor m) {
        int k = square(fn, name, m);
        double[] v = TensorData.readOnly(m);
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                if (!(Math.abs(v[i * k + j] - v[j * k + i]) <= 1e-8)) {
                    throw new StanDomainException(fn + ": " + name + " is not symmetric. " + name + "[" + (i + 1) + ","
                            + (j + 1) + "] = " + Check.fmt(v[i * k + j]) + ", but " + name + "[" + (j + 1) + ","
                            + (i + 1) + "] = " + Check.fmt(v[j * k + i]));
                }
            }
        }
    }

    /** The lower Cholesky factor, or a StanDomainException when the matrix is not positive definite. */
    static Tensor choleskyOrThrow(String fn, String name, Tensor m) {
        square(fn, name, m);
        Check.notNan(fn, name, m);
        try {
            return m.cholesky();
        } catch (IllegalArgumentException e) {
            throw new StanDomainException(fn + ": " + name + " is not positive definite.");
        }
    }

    /** Stan's check_cholesky_factor for a square factor: lower triangular with a positive diagonal. @return K */
    static int checkCholeskyFactor(String fn, String name, Tensor l) {
        int k = square(fn, name, l);
        double[] v = TensorData.readOnly(l);
        for (int i = 0; i < k; i++) {
            if (!(v[i * k + i] > 0)) {
                throw new StanDomainException(fn + ": " + name + " is not positive definite. (diagonal " + (i + 1)
                        + " is " + Check.fmt(v[i * k + i]) + ")");
            }
            for (int j = i + 1; j < k; j++) {
                if (v[i * k + j] != 0) {
                    throw new StanDomainException(fn + ": " + name + " is not lower triangular; " + name + "[" + (i + 1)
                            + "," + (j + 1) + "]=" + Check.fmt(v[i * k + j]));
                }
            }
        }
        return k;
    }

    /**
     * {@code cholesky_decompose(A)}: the lower factor L with A = LLᵀ (Murray's backward pass in the core).
     *
     * @throws StanDomainException if A is not symmetric or not positive definite
     */
    public static Tensor choleskyDecompose(Tensor a) {
        String fn = "cholesky_decompose";
        checkSymmetric(fn, "m", a);
        return choleskyOrThrow(fn, "Matrix m", a);
    }

    /** {@code diag_pre_multiply(v, M)} = diag(v)·M: row i of M scaled by v_i. */
    public static Tensor diagPreMultiply(Tensor v, Tensor m) {
        Check.sameSize("diag_pre_multiply", "m1.size()", v.size(), "m2.rows()", m.dim(0));
        return m.mul(v.reshape(v.size(), 1));
    }

    /** {@code diag_post_multiply(M, v)} = M·diag(v): column j of M scaled by v_j. */
    public static Tensor diagPostMultiply(Tensor m, Tensor v) {
        Check.sameSize("diag_post_multiply", "m2.size()", v.size(), "m1.cols()", m.dim(1));
        return m.mul(v.reshape(v.size()));
    }

    /** {@code quad_form_diag(M, v)} = diag(v)·M·diag(v). */
    public static Tensor quadFormDiag(Tensor m, Tensor v) {
        int k = square("quad_form_diag", "m", m);
        Check.sameSize("quad_form_diag", "rows of m", k, "size of v", v.size());
        Tensor c = v.reshape(k);
        return m.mul(c.reshape(k, 1)).mul(c);
    }

    /** {@code multiply_lower_tri_self_transpose(L)} = L·Lᵀ using only the lower triangle of L. */
    public static Tensor multiplyLowerTriSelfTranspose(Tensor l) {
        Tensor low = lowerTriangle(l);
        return low.matmul(low.transpose());
    }

    /** The lower triangle (including the diagonal), zeros above; gradients flow only into the lower triangle. */
    static Tensor lowerTriangle(Tensor l) {
        int r = l.dim(0), c = l.dim(1);
        double[] mask = new double[r * c];
        for (int i = 0; i < r; i++) for (int j = 0; j <= Math.min(i, c - 1); j++) mask[i * c + j] = 1;
        return l.mul(Tensor.wrap(mask, l.shape()));
    }

    /** {@code tcrossprod(M)} = M·Mᵀ. */
    public static Tensor tcrossprod(Tensor m) {
        return m.matmul(m.transpose());
    }

    /** {@code crossprod(M)} = Mᵀ·M. */
    public static Tensor crossprod(Tensor m) {
        return m.transpose().matmul(m);
    }

    /** {@code diag_matrix(v)}: the square matrix with v on its diagonal. */
    public static Tensor diagMatrix(Tensor v) {
        int k = v.size();
        return Tensor.eye(k).mul(v.reshape(k));
    }

    /** {@code diagonal(M)}: the diagonal of a matrix (min(rows, cols) entries). */
    public static Tensor diagonal(Tensor m) {
        int k = Math.min(m.dim(0), m.dim(1));
        int[] idx = new int[k];
        for (int i = 0; i < k; i++) idx[i] = i;
        return (m.dim(0) == k ? m : m.slice(0, k)).takeLast(idx);
    }

    /** {@code mdivide_left_tri_low(L, b)} = L⁻¹b for lower-triangular L (b a vector or matrix). */
    public static Tensor mdivideLeftTriLow(Tensor l, Tensor b) {
        square("mdivide_left_tri_low", "A", l);
        Check.sameSize("mdivide_left_tri_low", "cols of A", l.dim(1), "rows of b", b.dim(0));
        return lowerTriangle(l).solveTriangular(b, true, false);
    }

    /** {@code mdivide_right_tri_low(b, L)} = b·L⁻¹ for lower-triangular L (b a row vector or matrix). */
    public static Tensor mdivideRightTriLow(Tensor b, Tensor l) {
        square("mdivide_right_tri_low", "A", l);
        Check.sameSize("mdivide_right_tri_low", "cols of b", b.dim(-1), "rows of A", l.dim(0));
        // b L⁻¹ = (L⁻ᵀ bᵀ)ᵀ
        Tensor bt = b.rank() == 1 ? b : b.transpose();
        Tensor x = lowerTriangle(l).solveTriangular(bt, true, true);
        return b.rank() == 1 ? x : x.transpose();
    }

    /** {@code log_determinant(A)} for a symmetric positive-definite A: 2 Σ log L_kk. */
    public static Tensor logDeterminantSpd(Tensor a) {
        Tensor l = choleskyOrThrow("log_determinant_spd", "m", a);
        return diagonal(l).log().sum().mul(2);
    }

    /** A matrix of the given shape from values (row-major), as a constant. */
    static Tensor matrix(double[] v, int r, int c) {
        return Tensor.wrap(v, Shape.of(r, c));
    }
}
