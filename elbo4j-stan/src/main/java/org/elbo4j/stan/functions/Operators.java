package org.elbo4j.stan.functions;

import org.elbo4j.tensor.Tensor;

/**
 * Stan's arithmetic operators as functions the compiler calls (the operator each implements is in
 * signatures.txt). Vectors and row vectors are both shape [n], so products that differ only by orientation have
 * their own methods: {@link #matmul} (matrix·vector, row_vector·matrix, matrix·matrix), {@link #dot}
 * (row_vector·vector → real), {@link #outer} (vector·row_vector → matrix).
 */
public final class Operators {
    private Operators() {}

    private static void sameShape(String op, Tensor a, Tensor b) {
        if (a.rank() > 0 && b.rank() > 0 && !a.shape().equals(b.shape())) {
            throw new StanDomainException(op + ": sizes of the operands differ: " + a.shape() + " and " + b.shape());
        }
    }

    /** {@code a + b}: elementwise, a real broadcast against a container. */
    public static Tensor add(Tensor a, Tensor b) {
        sameShape("add", a, b);
        return a.add(b);
    }

    /** {@code a - b}. */
    public static Tensor subtract(Tensor a, Tensor b) {
        sameShape("subtract", a, b);
        return a.sub(b);
    }

    /** {@code -a}. */
    public static Tensor minus(Tensor a) {
        return a.neg();
    }

    /** {@code a * b} where one side is a real (scalar times anything). */
    public static Tensor multiply(Tensor a, Tensor b) {
        return a.mul(b);
    }

    /** {@code a * b} for matrix·vector, row_vector·matrix, matrix·matrix (GEMV/GEMM). */
    public static Tensor matmul(Tensor a, Tensor b) {
        int inner = a.dim(-1), other = b.rank() == 1 ? b.dim(0) : b.dim(0);
        if (inner != other) {
            throw new StanDomainException(
                    "multiply: Columns of m1 (" + inner + ") and Rows of m2 (" + other + ") must match in size");
        }
        return a.matmul(b);
    }

    /** {@code rv * v}: row_vector times vector, a real. */
    public static Tensor dot(Tensor a, Tensor b) {
        Check.sameSize("multiply", "Columns of rv", a.size(), "Rows of v", b.size());
        return a.dot(b);
    }

    /** {@code v * rv}: vector times row_vector, a matrix. */
    public static Tensor outer(Tensor a, Tensor b) {
        return a.outer(b);
    }

    /** {@code a / b} with a real divisor (or real / real). */
    public static Tensor divide(Tensor a, Tensor b) {
        return a.div(b);
    }

    /** {@code a .* b}. */
    public static Tensor eltMultiply(Tensor a, Tensor b) {
        sameShape("elt_multiply", a, b);
        return a.mul(b);
    }

    /** {@code a ./ b}. */
    public static Tensor eltDivide(Tensor a, Tensor b) {
        sameShape("elt_divide", a, b);
        return a.div(b);
    }

    /** {@code a ^ b} and {@code a .^ b}. */
    public static Tensor pow(Tensor a, Tensor b) {
        sameShape("pow", a, b);
        return MathFunctions.pow(a, b);
    }

    /** {@code a'}: transpose (a matrix transposed; a vector's values unchanged). */
    public static Tensor transpose(Tensor a) {
        return Builders.transpose(a);
    }

    /** {@code b / A} = b·A⁻¹ (mdivide_right) by solving Aᵀxᵀ = bᵀ through an LU-free route: A's Cholesky if SPD. */
    public static Tensor mdivideRightSpd(Tensor b, Tensor a) {
        Tensor l = LinearAlgebraFunctions.choleskyOrThrow("mdivide_right_spd", "A", a);
        Tensor bt = b.rank() == 1 ? b : b.transpose();
        Tensor x = l.solveTriangular(l.solveTriangular(bt, true, false), true, true);
        return b.rank() == 1 ? x : x.transpose();
    }

    /** {@code A \ b} = A⁻¹b for symmetric positive-definite A. */
    public static Tensor mdivideLeftSpd(Tensor a, Tensor b) {
        Tensor l = LinearAlgebraFunctions.choleskyOrThrow("mdivide_left_spd", "A", a);
        return l.solveTriangular(l.solveTriangular(b, true, false), true, true);
    }
}
