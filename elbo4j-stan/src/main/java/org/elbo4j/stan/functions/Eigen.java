package org.elbo4j.stan.functions;

import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.tensor.TensorData;

/**
 * Stan's {@code eigenvalues_sym} and {@code eigenvectors_sym}: the symmetric eigendecomposition A = V diag(λ) Vᵀ by
 * cyclic Jacobi rotations (accurate to a few ulps of ‖A‖ for the small matrices Stan programs use), eigenvalues in
 * ascending order and eigenvector k in column k, as Stan returns them. Only the lower triangle of A is read.
 *
 * <p>Backward passes (Giles 2008): Ā = V diag(λ̄) Vᵀ for the eigenvalues, and Ā = V (F ∘ (Vᵀ V̄)) Vᵀ with
 * F<sub>ij</sub> = 1/(λ<sub>j</sub> − λ<sub>i</sub>) (0 on the diagonal) for the eigenvectors; both need distinct
 * eigenvalues for a finite eigenvector gradient, as in Stan.
 *
 * <blockquote>M. B. Giles, "An extended collection of matrix derivative results for forward and reverse mode
 * automatic differentiation", Oxford NA report 08/01, 2008.</blockquote>
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
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0, norm = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    norm += m[i * n + j] * m[i * n + j];
                    if (i != j) off += m[i * n + j] * m[i * n + j];
                }
            }
            if (off <= 1e-32 * norm || off == 0) break;
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = m[p * n + q];
                    if (apq == 0) continue;
                    // rotation angle zeroing m[p][q] (Golub & Van Loan, Algorithm 8.4.2)
                    double tau = (m[q * n + q] - m[p * n + p]) / (2 * apq);
                    double t = Math.signum(tau) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
                    if (tau == 0) t = 1;
                    double c = 1 / Math.sqrt(1 + t * t), s = t * c;
                    for (int k = 0; k < n; k++) { // columns p, q of M·J
                        double mkp = m[k * n + p], mkq = m[k * n + q];
                        m[k * n + p] = c * mkp - s * mkq;
                        m[k * n + q] = s * mkp + c * mkq;
                    }
                    for (int k = 0; k < n; k++) { // rows p, q of Jᵀ·M
                        double mpk = m[p * n + k], mqk = m[q * n + k];
                        m[p * n + k] = c * mpk - s * mqk;
                        m[q * n + k] = s * mpk + c * mqk;
                    }
                    for (int k = 0; k < n; k++) { // V·J
                        double vkp = v[k * n + p], vkq = v[k * n + q];
                        v[k * n + p] = c * vkp - s * vkq;
                        v[k * n + q] = s * vkp + c * vkq;
                    }
                }
            }
        }
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
                    double[] w = new double[n * n]; // F ∘ (Vᵀ V̄)
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            if (i == j) continue;
                            double s = 0;
                            for (int k = 0; k < n; k++) s += v[k * n + i] * g[k * n + j];
                            w[i * n + j] = s / (lam[j] - lam[i]);
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
