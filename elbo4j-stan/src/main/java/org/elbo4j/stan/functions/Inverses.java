package org.elbo4j.stan.functions;

import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.tensor.TensorData;

/**
 * Stan's general square-matrix functions by LU decomposition with partial pivoting: {@code inverse},
 * {@code inverse_spd}, {@code determinant}, {@code log_determinant}, {@code mdivide_left} ({@code A \ b}),
 * {@code mdivide_right} ({@code b / A}), and {@code quad_form}.
 *
 * <p>Backward passes: for B = A⁻¹, Ā = −Bᵀ B̄ Bᵀ; for d = det A, Ā = d̄·d·A⁻ᵀ; for log|det A|, Ā = l̄·A⁻ᵀ.
 */
public final class Inverses {
    private Inverses() {}

    /** A⁻¹ by Gauss–Jordan elimination with partial pivoting; null when A is singular. */
    private static double[] invert(double[] a, int n) {
        double[] m = a.clone(), inv = new double[n * n];
        for (int i = 0; i < n; i++) inv[i * n + i] = 1;
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]) > Math.abs(m[p * n + c])) p = r;
            if (m[p * n + c] == 0) return null;
            if (p != c) {
                swapRows(m, n, p, c);
                swapRows(inv, n, p, c);
            }
            double d = m[c * n + c];
            for (int j = 0; j < n; j++) {
                m[c * n + j] /= d;
                inv[c * n + j] /= d;
            }
            for (int r = 0; r < n; r++) {
                if (r == c) continue;
                double f = m[r * n + c];
                if (f == 0) continue;
                for (int j = 0; j < n; j++) {
                    m[r * n + j] -= f * m[c * n + j];
                    inv[r * n + j] -= f * inv[c * n + j];
                }
            }
        }
        return inv;
    }

    private static void swapRows(double[] m, int n, int a, int b) {
        for (int j = 0; j < n; j++) {
            double t = m[a * n + j];
            m[a * n + j] = m[b * n + j];
            m[b * n + j] = t;
        }
    }

    /** log|det A| and the sign, from the pivots of an LU elimination. */
    private static double[] logAbsDet(double[] a, int n) {
        double[] m = a.clone();
        double sign = 1, log = 0;
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]) > Math.abs(m[p * n + c])) p = r;
            if (m[p * n + c] == 0) return new double[] {Double.NEGATIVE_INFINITY, 0};
            if (p != c) {
                swapRows(m, n, p, c);
                sign = -sign;
            }
            double d = m[c * n + c];
            if (d < 0) sign = -sign;
            log += Math.log(Math.abs(d));
            for (int r = c + 1; r < n; r++) {
                double f = m[r * n + c] / d;
                if (f == 0) continue;
                for (int j = c; j < n; j++) m[r * n + j] -= f * m[c * n + j];
            }
        }
        return new double[] {log, sign};
    }

    /**
     * {@code inverse(A)}.
     *
     * @throws StanDomainException if A is not square, or singular
     */
    public static Tensor inverse(Tensor a) {
        int n = LinearAlgebraFunctions.square("inverse", "m", a);
        double[] b = invert(TensorData.readOnly(a), n);
        if (b == null) throw new StanDomainException("inverse: matrix m is singular");
        return Tensor.custom(
                "inverse",
                Shape.of(n, n),
                b,
                (g, adj) -> {
                    double[] ga = adj.of(a);
                    double[] t = new double[n * n]; // Bᵀ Ḡ
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            double s = 0;
                            for (int k = 0; k < n; k++) s += b[k * n + i] * g[k * n + j];
                            t[i * n + j] = s;
                        }
                    }
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            double s = 0;
                            for (int k = 0; k < n; k++) s += t[i * n + k] * b[j * n + k];
                            ga[i * n + j] -= s;
                        }
                    }
                },
                a);
    }

    /** {@code inverse_spd(A)}: the inverse of a symmetric positive-definite matrix (symmetry and definiteness checked). */
    public static Tensor inverseSpd(Tensor a) {
        LinearAlgebraFunctions.checkSymmetric("inverse_spd", "m", a);
        LinearAlgebraFunctions.choleskyOrThrow("inverse_spd", "m", a.detach());
        Tensor inv = inverse(a);
        return inv.add(inv.transpose()).mul(0.5); // exactly symmetric, as Stan returns it
    }

    /** {@code log_determinant(A)} = log|det A|. */
    public static Tensor logDeterminant(Tensor a) {
        int n = LinearAlgebraFunctions.square("log_determinant", "m", a);
        double[] v = TensorData.readOnly(a);
        double[] ld = logAbsDet(v, n);
        double[] d = null;
        if (a.requiresGrad()) {
            double[] b = invert(v, n);
            if (b == null) throw new StanDomainException("log_determinant: matrix m is singular");
            d = new double[n * n];
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) d[i * n + j] = b[j * n + i];
        }
        return Fused.scalar("log_determinant", ld[0], a, d);
    }

    /** {@code determinant(A)}. */
    public static Tensor determinant(Tensor a) {
        int n = LinearAlgebraFunctions.square("determinant", "m", a);
        double[] v = TensorData.readOnly(a);
        double[] ld = logAbsDet(v, n);
        double det = ld[1] * Math.exp(ld[0]);
        double[] d = null;
        if (a.requiresGrad()) {
            double[] b = invert(v, n);
            if (b == null)
                throw new StanDomainException("determinant: the gradient at a singular matrix is not supported");
            d = new double[n * n];
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) d[i * n + j] = det * b[j * n + i];
        }
        return Fused.scalar("determinant", det, a, d);
    }

    /** {@code mdivide_left(A, b)} and {@code A \ b} = A⁻¹b for a vector or matrix b. */
    public static Tensor mdivideLeft(Tensor a, Tensor b) {
        int n = LinearAlgebraFunctions.square("mdivide_left", "A", a);
        Check.sameSize("mdivide_left", "columns of A", n, "rows of b", b.dim(0));
        return inverse(a).matmul(b);
    }

    /** {@code mdivide_right(b, A)} and {@code b / A} = b·A⁻¹ for a row vector or matrix b. */
    public static Tensor mdivideRight(Tensor b, Tensor a) {
        int n = LinearAlgebraFunctions.square("mdivide_right", "A", a);
        Check.sameSize("mdivide_right", "columns of b", b.dim(-1), "rows of A", n);
        return b.matmul(inverse(a));
    }

    /** {@code quad_form(A, v)} = vᵀAv (a real) for a vector v. */
    public static Tensor quadForm(Tensor a, Tensor v) {
        LinearAlgebraFunctions.square("quad_form", "A", a);
        Check.sameSize("quad_form", "columns of A", a.dim(1), "rows of B", v.dim(0));
        if (v.rank() == 1) return v.dot(a.matmul(v));
        return v.transpose().matmul(a.matmul(v));
    }
}
