package org.elbo4j.stan.functions;

import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.tensor.TensorData;

/**
 * Stan's {@code eigenvalues_sym} and {@code eigenvectors_sym}: the symmetric eigendecomposition A = V diag(λ) Vᵀ by
 * cyclic Jacobi rotations run to a relative convergence criterion (Demmel &amp; Veselić 1992), eigenvalues in
 * ascending order and eigenvector k in column k, as Stan returns them. Only the lower triangle of A is read.
 *
 * <p>Backward passes (Giles 2008): Ā = V diag(λ̄) Vᵀ for the eigenvalues, and Ā = V W Vᵀ for the eigenvectors
 * with W<sub>ij</sub> = ((VᵀV̄)<sub>ij</sub> − (VᵀV̄)<sub>ji</sub>) / (2 (λ<sub>j</sub> − λ<sub>i</sub>)) (0 on the
 * diagonal), the symmetric part of Giles' F ∘ (VᵀV̄), which is all a symmetric input sees. Forming the difference
 * before dividing is what keeps the gradient accurate when eigenvalues cluster: for a function that does not depend
 * on how a near-degenerate eigenspace is split into vectors (a matrix function such as (A + σI)⁻¹), the difference
 * shrinks with the gap and the quotient is the finite divided difference; dividing first (Giles' F as written) makes
 * two terms of size |VᵀV̄| / gap (10¹⁶ |VᵀV̄| for eigenvalues equal to rounding) that the sum over both triangles
 * of A must cancel, and loses every digit (docs/stan.md, "kronecker_gp"). Pairs whose computed eigenvalues are
 * equal to the last bit get W<sub>ij</sub> = 0. Setting W<sub>ij</sub> = 0 for every pair closer than a relative
 * threshold (as some PyTorch/JAX discussions suggest) was measured and is less accurate: it drops that divided
 * difference, which a matrix function needs.
 *
 * <blockquote>M. B. Giles, "An extended collection of matrix derivative results for forward and reverse mode
 * automatic differentiation", Oxford NA report 08/01, 2008. J. Demmel and K. Veselić, "Jacobi's method is more
 * accurate than QR", SIAM J. Matrix Anal. Appl. 13(4), 1992.</blockquote>
 */
public final class Eigen {
    private Eigen() {}

    private record Decomposition(double[] values, double[] vectors, int n) {}

    private static Decomposition decompose(String fn, Tensor a) {
        int n = LinearAlgebraFunctions.square(fn, "m", a);
        Check.finite(fn, "m", a);
        double[] src = TensorData.readOnly(a), m = new double[n * n], v = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) m[i * n + j] = m[j * n + i] = src[i * n + j];
            v[i * n + i] = 1;
        }
        jacobi(m, v, n);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        double[] diag = new double[n];
        for (int i = 0; i < n; i++) diag[i] = m[i * n + i];
        java.util.Arrays.sort(order, (x, y) -> Double.compare(diag[x], diag[y]));
        double[] values = new double[n], vectors = new double[n * n];
        for (int k = 0; k < n; k++) {
            values[k] = diag[order[k]];
            for (int i = 0; i < n; i++) vectors[i * n + k] = v[i * n + order[k]];
        }
        return new Decomposition(values, vectors, n);
    }

    /**
     * Cyclic Jacobi rotations on the symmetric {@code m} (n × n, row-major, overwritten: its diagonal ends as the
     * eigenvalues), accumulated into {@code v}, until no off-diagonal element is above the relative threshold
     * |m<sub>pq</sub>| ≤ ε √|m<sub>pp</sub> m<sub>qq</sub>| (Demmel &amp; Veselić 1992: with it Jacobi finds the
     * eigenvalues of a positive definite matrix to high relative accuracy and its eigenvectors to the accuracy its
     * relative gaps allow), or below ε² ‖m‖<sub>F</sub> (a zero eigenvalue of an indefinite matrix). Each rotation
     * is Rutishauser's: the pivot becomes exactly zero and the diagonal is updated by ± t m<sub>pq</sub>.
     */
    private static void jacobi(double[] m, double[] v, int n) {
        double eps = 0x1p-53, norm = 0;
        for (double x : m) norm += x * x;
        double floor = eps * eps * Math.sqrt(norm);
        for (int sweep = 0; sweep < 60; sweep++) {
            boolean rotated = false;
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = m[p * n + q], app = m[p * n + p], aqq = m[q * n + q];
                    double mag = Math.abs(apq);
                    if (mag <= floor || mag <= eps * Math.sqrt(Math.abs(app) * Math.abs(aqq))) continue;
                    rotated = true;
                    double theta = (aqq - app) / (2 * apq);
                    double t = Math.abs(theta) > 1e150
                            ? 0.5 / theta
                            : Math.copySign(1, theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    double c = 1 / Math.sqrt(t * t + 1), s = t * c, tau = s / (1 + c), h = t * apq;
                    m[p * n + p] = app - h;
                    m[q * n + q] = aqq + h;
                    m[p * n + q] = m[q * n + p] = 0;
                    for (int r = 0; r < n; r++) {
                        if (r != p && r != q) {
                            double g = m[r * n + p], k = m[r * n + q];
                            double gp = g - s * (k + g * tau), kq = k + s * (g - k * tau);
                            m[r * n + p] = m[p * n + r] = gp;
                            m[r * n + q] = m[q * n + r] = kq;
                        }
                        double g = v[r * n + p], k = v[r * n + q];
                        v[r * n + p] = g - s * (k + g * tau);
                        v[r * n + q] = k + s * (g - k * tau);
                    }
                }
            }
            if (!rotated) return;
        }
    }

    /** {@code eigenvalues_sym(A)}: the eigenvalues of a symmetric matrix, ascending. */
    public static Tensor eigenvaluesSym(Tensor a) {
        Decomposition d = decompose("eigenvalues_sym", a);
        int n = d.n;
        double[] v = d.vectors;
        return Tensor.custom(
                "eigenvalues_sym",
                Shape.of(n),
                d.values.clone(),
                (g, adj) -> {
                    double[] ga = adj.of(a);
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            double s = 0;
                            for (int k = 0; k < n; k++) s += v[i * n + k] * g[k] * v[j * n + k];
                            ga[i * n + j] += s;
                        }
                    }
                },
                a);
    }

    /** {@code eigenvectors_sym(A)}: the eigenvectors as columns, in the order of {@link #eigenvaluesSym}. */
    public static Tensor eigenvectorsSym(Tensor a) {
        Decomposition d = decompose("eigenvectors_sym", a);
        int n = d.n;
        double[] v = d.vectors, lam = d.values;
        return Tensor.custom(
                "eigenvectors_sym",
                Shape.of(n, n),
                v.clone(),
                (g, adj) -> {
                    double[] ga = adj.of(a);
                    double[] w = new double[n * n]; // (F ∘ (Vᵀ V̄ − V̄ᵀ V)) / 2, symmetric
                    double[] vtg = new double[n * n]; // Vᵀ V̄
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            double s = 0;
                            for (int k = 0; k < n; k++) s += v[k * n + i] * g[k * n + j];
                            vtg[i * n + j] = s;
                        }
                    }
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            double gap = lam[j] - lam[i];
                            if (gap == 0) continue; // i = j, or equal to the last bit: no rotation to follow

                            w[i * n + j] = 0.5 * (vtg[i * n + j] - vtg[j * n + i]) / gap;
                        }
                    }
                    double[] t = new double[n * n]; // V·W
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            double s = 0;
                            for (int k = 0; k < n; k++) s += v[i * n + k] * w[k * n + j];
                            t[i * n + j] = s;
                        }
                    }
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            double s = 0;
                            for (int k = 0; k < n; k++) s += t[i * n + k] * v[j * n + k];
                            ga[i * n + j] += s;
                        }
                    }
                },
                a);
    }
}
