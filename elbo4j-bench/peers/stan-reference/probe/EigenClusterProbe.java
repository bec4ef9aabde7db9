import java.util.List;
import org.elbo4j.autodiff.Autodiff;
import org.elbo4j.stan.functions.Eigen;
import org.elbo4j.tensor.Tensor;

/**
 * The eigenvector backward at a cluster of eigenvalues (docs/stan.md, "Gradients that needed more than the chain
 * rule"): A = Q diag(λ) Qᵀ (Q a Householder reflection) with two eigenvalues at base + gap and base + 3 gap beside
 * base, and f(A) = yᵀ (A + 0.3 I)⁻¹ y taken through eigenvalues_sym and eigenvectors_sym; prints the worst error of
 * its gradient against the closed form −B y yᵀ B, B = (A + 0.3 I)⁻¹, relative to max |∇f|. Single-file program:
 *
 *   java -cp $CP elbo4j-bench/peers/stan-reference/probe/EigenClusterProbe.java     (CP as in GradAtPoints.java)
 */
public class EigenClusterProbe {
    public static void main(String[] args) {
        double[] gaps = {1e-3, 1e-6, 1e-9, 1e-12, 1e-14, 1e-15, 1e-16, 0};
        for (double base : new double[] {1, 1e-5}) for (double g : gaps) {
            double[] lam = {0.2, base + g, base + 3 * g, base, 2.5};
            System.out.printf("base %g gap %g: error %.2e%n", base, g, err(lam));
        }
    }

    static double err(double[] lam) {
        double sigma = 0.3;
        double[] u = {0.3, -1.2, 0.8, 0.5, -0.4}, y = {1.1, -0.7, 0.4, 2.0, -1.3};
        int n = u.length;
        double uu = 0;
        for (double x : u) uu += x * x;
        double[][] q = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) q[i][j] = (i == j ? 1 : 0) - 2 * u[i] * u[j] / uu;
        double[][] a = new double[n][n], b = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) for (int k = 0; k < n; k++) {
            a[i][j] += q[i][k] * lam[k] * q[j][k];
            b[i][j] += q[i][k] / (lam[k] + sigma) * q[j][k];
        }
        double[] by = new double[n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) by[i] += b[i][j] * y[j];
        double scale = 0;
        double[] want = new double[n * n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) { want[i*n+j] = -by[i]*by[j]; scale = Math.max(scale, Math.abs(want[i*n+j])); }
        Tensor yCol = Tensor.of(y).reshape(n, 1);
        double[] got = Autodiff.valueAndGrad(List.of(Tensor.of(a)), p -> {
            Tensor s = p.get(0).add(p.get(0).transpose()).mul(0.5);
            Tensor c = Eigen.eigenvectorsSym(s).transpose().matmul(yCol).reshape(n);
            return c.square().div(Eigen.eigenvaluesSym(s).add(sigma)).sum();
        }).gradient(0).toArray();
        double err = 0;
        for (int k = 0; k < n * n; k++) err = Math.max(err, Math.abs(got[k] - want[k]) / scale);
        return err;
    }
}
