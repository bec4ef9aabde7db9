package org.elbo4j.cavi;

import org.elbo4j.random.RandomStream;

/**
 * Data drawn from known models, for tests, examples and the CLI's built-in data sets: a Gaussian mixture with
 * given weights, means and covariances, and a linear regression with Gaussian noise. Deterministic given the
 * stream.
 */
public final class SyntheticData {
    private SyntheticData() {}

    /**
     * Points with the component each was drawn from.
     *
     * @param points n × D
     * @param labels the component of each point, in [0, K)
     */
    public record Mixture(double[][] points, int[] labels) {}

    /**
     * n draws from Σ_k π_k N(μ_k, Σ_k): z_i ~ Cat(π), x_i = μ_{z_i} + chol(Σ_{z_i}) ε_i.
     *
     * @param n points ≥ 1
     * @param weights π, length K, positive, summing to 1 (to 1e-9); not modified
     * @param means μ_k, K × D; not modified
     * @param covariances Σ_k, K × D × D, positive definite; not modified
     * @param rng the stream; advances
     * @return the points and labels
     * @throws IllegalArgumentException if n &lt; 1, the shapes disagree, the weights are not a distribution, or a Σ_k
     *     is not positive definite
     */
    public static Mixture mixture(
            int n, double[] weights, double[][] means, double[][][] covariances, RandomStream rng) {
        int k = weights.length;
        if (n < 1) throw new IllegalArgumentException("mixture: n must be >= 1, got " + n);
        if (k == 0 || means.length != k || covariances.length != k) {
            throw new IllegalArgumentException("mixture: need K >= 1 weights, means and covariances, got "
                    + weights.length + ", " + means.length + ", " + covariances.length);
        }
        double total = 0;
        for (int j = 0; j < k; j++) total += Dense.checkPositive(weights[j], "mixture weight[" + (j + 1) + "]");
        if (Math.abs(total - 1) > 1e-9)
            throw new IllegalArgumentException("mixture: weights sum to " + total + ", not 1");
        int d = means[0].length;
        NormalFactor[] comp = new NormalFactor[k];
        for (int j = 0; j < k; j++)
            comp[j] = NormalFactor.of(Dense.checkVector(means[j], d, "mixture mean[" + (j + 1) + "]"), covariances[j]);
        CategoricalFactor pick = CategoricalFactor.fromLogPotentials(log(weights), 1, k);
        double[][] x = new double[n][];
        int[] z = new int[n];
        for (int i = 0; i < n; i++) {
            z[i] = pick.sample(rng)[0];
            x[i] = comp[z[i]].sample(rng);
        }
        return new Mixture(x, z);
    }

    /**
     * A design and responses.
     *
     * @param x n × D (column 0 is all ones when an intercept was asked for)
     * @param y length n
     */
    public record Regression(double[][] x, double[] y) {}

    /**
     * y_i = x_iᵀw + σε_i with x_ij ~ N(0, 1) (and x_i0 = 1 when {@code intercept}).
     *
     * @param n observations ≥ 1
     * @param w the true coefficients, length D (w[0] is the intercept when {@code intercept}); not modified
     * @param noiseSd σ > 0
     * @param intercept whether column 0 is a column of ones
     * @param rng the stream; advances
     * @return the data
     * @throws IllegalArgumentException if n &lt; 1, w is empty or not finite, or σ is not &gt; 0
     */
    public static Regression regression(int n, double[] w, double noiseSd, boolean intercept, RandomStream rng) {
        if (n < 1) throw new IllegalArgumentException("regression: n must be >= 1, got " + n);
        if (w == null || w.length == 0) throw new IllegalArgumentException("regression: w must have length >= 1");
        double[] cw = Dense.checkVector(w, w.length, "regression w");
        Dense.checkPositive(noiseSd, "regression noise sd");
        int d = cw.length;
        double[][] x = new double[n][d];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double m = 0;
            for (int j = 0; j < d; j++) {
                x[i][j] = intercept && j == 0 ? 1 : rng.nextGaussian();
                m += x[i][j] * cw[j];
            }
            y[i] = m + noiseSd * rng.nextGaussian();
        }
        return new Regression(x, y);
    }

    private static double[] log(double[] p) {
        double[] l = new double[p.length];
        for (int i = 0; i < p.length; i++) l[i] = Math.log(p[i]);
        return l;
    }
}
