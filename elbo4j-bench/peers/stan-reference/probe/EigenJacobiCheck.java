import java.util.Random;
import org.elbo4j.stan.functions.Eigen;
import org.elbo4j.tensor.Tensor;

/**
 * eigenvalues_sym / eigenvectors_sym on 300 random symmetric matrices (n ≤ 60; Gaussian, scaled by 1e-8 and 1e8, a
 * dominant diagonal, and rank-deficient B Bᵀ with clustered zero eigenvalues): reconstruction, orthogonality, order.
 * Single-file program: java -cp $CP elbo4j-bench/peers/stan-reference/probe/EigenJacobiCheck.java (CP as in
 * GradAtPoints.java).
 */
public class EigenJacobiCheck {
    public static void main(String[] a) {
        Random r = new Random(7);
        double worstRec = 0, worstOrth = 0;
        long t0 = System.nanoTime();
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + r.nextInt(60);
            int kind = trial % 4;
            double[][] m = new double[n][n];
            if (kind == 3) { // rank-deficient: B Bᵀ with B n × (n/3), minus a shift: indefinite with clustered eigenvalues
                int k = Math.max(1, n / 3);
                double[][] b = new double[n][k];
                for (double[] row : b) for (int j = 0; j < k; j++) row[j] = r.nextGaussian();
                for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) { double s = 0; for (int l = 0; l < k; l++) s += b[i][l] * b[j][l]; m[i][j] = s; }
            } else {
                double scale = kind == 1 ? 1e-8 : kind == 2 ? 1e8 : 1;
                for (int i = 0; i < n; i++) for (int j = 0; j <= i; j++) m[i][j] = m[j][i] = r.nextGaussian() * scale * (kind == 2 && i == j ? 1e6 : 1);
            }
            Tensor A = Tensor.of(m);
            Tensor v = Eigen.eigenvectorsSym(A), lam = Eigen.eigenvaluesSym(A);
            double[] back = v.mul(lam).matmul(v.transpose()).toArray(), orth = v.transpose().matmul(v).toArray();
            double norm = 0;
            for (double[] row : m) for (double x : row) norm = Math.max(norm, Math.abs(x));
            double[] l = lam.toArray();
            for (int i = 1; i < n; i++) if (l[i] < l[i - 1]) throw new IllegalStateException("order");
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) {
                worstRec = Math.max(worstRec, Math.abs(back[i * n + j] - m[i][j]) / (norm * n));
                worstOrth = Math.max(worstOrth, Math.abs(orth[i * n + j] - (i == j ? 1 : 0)));
            }
        }
        System.out.printf("300 matrices n <= 60: worst |V diag(l) V' - A| / (n max|A|) %.2e, worst |V'V - I| %.2e, %.1f s%n", worstRec, worstOrth, (System.nanoTime() - t0) / 1e9);
    }
}
