package org.elbo4j.stan.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elbo4j.autodiff.GradCheck;
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
}
