package org.elbo4j.stan.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elbo4j.autodiff.Autodiff;
import org.elbo4j.autodiff.GradCheck;
import org.elbo4j.autodiff.ValueAndGrad;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Symmetric eigendecomposition: reconstruction, order, a closed form, and gradients through a symmetric input. */
class EigenTest {
    private static final Tensor A = Tensor.of(new double[][] {{4, 1, 0.5}, {1, 3, -0.2}, {0.5, -0.2, 1}});

    @Test
    void reconstructsTheMatrixWithAscendingEigenvalues() {
        Tensor lam = Eigen.eigenvaluesSym(A), v = Eigen.eigenvectorsSym(A);
        double[] l = lam.toArray();
        assertTrue(l[0] < l[1] && l[1] < l[2]);
        Tensor back = v.mul(lam).matmul(v.transpose()); // V diag(λ) Vᵀ
        assertArrayEquals(A.toArray(), back.toArray(), 1e-13);
        assertArrayEquals(Tensor.eye(3).toArray(), v.transpose().matmul(v).toArray(), 1e-13);
        // 2×2 closed form: (a + c)/2 ± √(((a − c)/2)² + b²)
        double[] two = Eigen.eigenvaluesSym(Tensor.of(new double[][] {{2, 0.7}, {0.7, -1}}))
                .toArray();
        double mid = 0.5, rad = Math.sqrt(1.5 * 1.5 + 0.49);
        assertArrayEquals(new double[] {mid - rad, mid + rad}, two, 1e-14);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Tensor w = Tensor.of(new double[][] {{0.3, -1.1, 0.7}, {1.4, 0.2, -0.5}, {0.9, 0.6, 1.2}});
        // sign-invariant functions of the eigenvectors (the sign of a column is arbitrary): Σ w ∘ (v_k v_kᵀ) terms
        GradCheck.Result r = GradCheck.compare(
                List.of(A),
                p -> {
                    Tensor s = p.get(0).add(p.get(0).transpose()).mul(0.5);
                    Tensor v = Eigen.eigenvectorsSym(s);
                    Tensor lam = Eigen.eigenvaluesSym(s);
                    return v.mul(lam.square())
                            .matmul(v.transpose())
                            .mul(w)
                            .sum()
                            .add(lam.mul(Tensor.of(1, -2, 3)).sum());
                },
                Grad.STEP);
        assertTrue(r.error() < Grad.TOL, r.toString());
        assertEquals(9, r.checked());
    }

    /**
     * The kronecker_gp case: A(θ) = θ₁ exp(−θ₂ (x<sub>i</sub> − x<sub>j</sub>)²) + 10⁻⁵ I on a grid of 30 points, whose
     * smallest eigenvalues all equal the jitter up to rounding, and f = yᵀ (A + σI)⁻¹ y taken through
     * eigenvalues_sym and eigenvectors_sym as Σ (v<sub>k</sub>ᵀ y)² / (λ<sub>k</sub> + σ). Its gradient against the
     * closed form ∂f/∂θ = −(By)ᵀ (∂A/∂θ) (By), B = (A + σI)⁻¹ by Gaussian elimination (σ = 0.3: B is well
     * conditioned, so the closed form is exact to a few ulps; the tolerance 1e-10 relative is rounding's, with room).
     * Measured: within 1.3e-13 here; Giles' F applied as written (divide by the gaps, then let both triangles of A
     * cancel), the code before 2026-12-08, gave −32.0 for −2.14 at the first θ.
     */
    @Test
    void gradientThroughEigenvaluesClusteredAtAJitterIsTheMatrixFunctionsGradient() {
        int n = 30;
        double sigma = 0.3;
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = -2 + 4.0 * i / (n - 1);
            y[i] = Math.sin(1.3 * i + 0.4) + 0.2 * i;
        }
        double[][] d2 = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) d2[i][j] = (x[i] - x[j]) * (x[i] - x[j]);
        Tensor dist = Tensor.of(d2),
                yCol = Tensor.of(y).reshape(n, 1),
                jitter = Tensor.eye(n).mul(1e-5);
        for (double[] theta : new double[][] {{3.67, 0.16}, {0.168, 0.285}, {0.187, 5.09}}) {
            ValueAndGrad vg = Autodiff.valueAndGrad(List.of(Tensor.scalar(theta[0]), Tensor.scalar(theta[1])), p -> {
                Tensor a = dist.mul(p.get(1)).neg().exp().mul(p.get(0)).add(jitter);
                Tensor c = Eigen.eigenvectorsSym(a).transpose().matmul(yCol).reshape(n);
                return c.square().div(Eigen.eigenvaluesSym(a).add(sigma)).sum();
            });
            double[] got = {vg.gradient(0).item(), vg.gradient(1).item()};
            double[][] m = new double[n][n + 1], da1 = new double[n][n], da2 = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double k = Math.exp(-theta[1] * d2[i][j]);
                    m[i][j] = theta[0] * k + (i == j ? 1e-5 + sigma : 0);
                    da1[i][j] = k;
                    da2[i][j] = -theta[0] * d2[i][j] * k;
                }
                m[i][n] = y[i];
            }
            double[] by = solve(m);
            double[] want = {-quad(by, da1), -quad(by, da2)};
            double scale = Math.max(Math.abs(want[0]), Math.abs(want[1]));
            for (int k = 0; k < 2; k++) {
                assertEquals(want[k], got[k], 1e-10 * scale, "θ = " + java.util.Arrays.toString(theta) + ", ∂θ" + k);
            }
        }
    }

    /** Σ b<sub>i</sub> m<sub>ij</sub> b<sub>j</sub>. */
    private static double quad(double[] b, double[][] m) {
        double s = 0;
        for (int i = 0; i < b.length; i++) for (int j = 0; j < b.length; j++) s += b[i] * m[i][j] * b[j];
        return s;
    }

    /** Gaussian elimination with partial pivoting of the augmented n × (n + 1) matrix {@code m} (overwritten). */
    private static double[] solve(double[][] m) {
        int n = m.length;
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) piv = r;
            double[] t = m[c];
            m[c] = m[piv];
            m[piv] = t;
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / m[c][c];
                for (int k = c; k <= n; k++) m[r][k] -= f * m[c][k];
            }
        }
        double[] b = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int k = r + 1; k < n; k++) s -= m[r][k] * b[k];
            b[r] = s / m[r][r];
        }
        return b;
    }
}
