package org.elbo4j.cavi;

import org.elbo4j.random.RandomStream;

/**
 * N independent categorical factors q(z) = Π_n Cat(z_n | r_n) over K categories: the responsibilities
 * r_nk = q(z_n = k) of a mixture, one row per data point.
 *
 * <p><b>Exponential family.</b> T(z_n) = one-hot(z_n), η_n = log r_n up to a constant. The CAVI update of a
 * categorical factor is q*(z_n = k) ∝ exp(log ρ_nk) where log ρ_nk = E_{−z}[log p(z_n = k, x_n | ·)] collects
 * the expected log prior weight and the expected log likelihood of x_n under component k; the rows are
 * normalised with log-sum-exp ({@link #fromLogPotentials}).
 *
 * <p><b>ELBO terms.</b> E_q[log p(z | π)] = Σ_nk r_nk E[log π_k] ({@link #expectedLogProb}); entropy
 * H[q] = −Σ_nk r_nk log r_nk (0 log 0 = 0). Expected statistics: counts N_k = Σ_n r_nk.
 *
 * <pre>{@code
 * CategoricalFactor r = CategoricalFactor.fromLogPotentials(logRho, n, k);   // row-wise softmax
 * double[] nk = r.counts();
 * double term = r.expectedLogProb(weights.meanLog()) + r.entropy();
 * }</pre>
 */
public final class CategoricalFactor {
    private final int n, k;
    private final double[] r, logR; // n × k, row-major

    private CategoricalFactor(int n, int k, double[] r, double[] logR) {
        this.n = n;
        this.k = k;
        this.r = r;
        this.logR = logR;
    }

    /**
     * Normalises each row of log ρ: r_nk = exp(log ρ_nk − log Σ_j exp(log ρ_nj)).
     *
     * @param logRho n × k row-major log potentials; not modified
     * @param n rows ≥ 1
     * @param k categories ≥ 1
     * @return the responsibilities
     * @throws IllegalArgumentException if the length is not n·k, or a row has a NaN or +∞, or is all −∞
     */
    public static CategoricalFactor fromLogPotentials(double[] logRho, int n, int k) {
        checkShape(logRho.length, n, k);
        double[] r = new double[n * k], lr = new double[n * k];
        for (int i = 0; i < n; i++) {
            int off = i * k;
            for (int j = 0; j < k; j++) {
                double v = logRho[off + j];
                if (Double.isNaN(v) || v == Double.POSITIVE_INFINITY) {
                    throw new IllegalArgumentException(
                            "categorical log potential [" + (i + 1) + "," + (j + 1) + "] is " + v);
                }
            }
            double lse = org.elbo4j.math.Special.logSumExp(logRho, off, k);
            if (lse == Double.NEGATIVE_INFINITY) {
                throw new IllegalArgumentException("categorical row " + (i + 1) + ": every log potential is -Infinity");
            }
            for (int j = 0; j < k; j++) {
                lr[off + j] = logRho[off + j] - lse;
                r[off + j] = Math.exp(lr[off + j]);
            }
        }
        return new CategoricalFactor(n, k, r, lr);
    }

    /**
     * One-hot rows: r_nk = 1 if labels[n] = k.
     *
     * @param labels length n ≥ 1, entries in [0, k); not modified
     * @param k categories ≥ 1
     * @return the factor
     * @throws IllegalArgumentException if a label is out of range
     */
    public static CategoricalFactor oneHot(int[] labels, int k) {
        int n = labels.length;
        checkShape(n * (long) k, n, k);
        double[] r = new double[n * k], lr = new double[n * k];
        java.util.Arrays.fill(lr, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= k) {
                throw new IllegalArgumentException(
                        "label[" + (i + 1) + "] = " + labels[i] + " is outside [0, " + k + ")");
            }
            r[i * k + labels[i]] = 1;
            lr[i * k + labels[i]] = 0;
        }
        return new CategoricalFactor(n, k, r, lr);
    }

    /** @return N, the number of rows */
    public int rows() {
        return n;
    }

    /** @return K, the number of categories */
    public int categories() {
        return k;
    }

    /** @return r_nk (0-based) */
    public double prob(int row, int category) {
        return r[row * k + category];
    }

    /** @return all r_nk, n × k row-major; a copy */
    public double[] probs() {
        return r.clone();
    }

    /** @return N_k = Σ_n r_nk; new */
    public double[] counts() {
        double[] c = new double[k];
        for (int i = 0; i < n; i++) for (int j = 0; j < k; j++) c[j] += r[i * k + j];
        return c;
    }

    /** @return the most probable category of each row (the lowest index on ties); new */
    public int[] argmax() {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int j = 1; j < k; j++) if (r[i * k + j] > r[i * k + best]) best = j;
            a[i] = best;
        }
        return a;
    }

    /** @return H[q] = −Σ_nk r_nk log r_nk, with 0 log 0 = 0 */
    public double entropy() {
        double h = 0;
        for (int i = 0; i < r.length; i++) if (r[i] > 0) h -= r[i] * logR[i];
        return h;
    }

    /**
     * E_q[log p(z | π)] with π integrated over its own factor: Σ_nk r_nk E[log π_k].
     *
     * @param meanLogWeights E[log π_k], length K (e.g. {@link DirichletFactor#meanLog()}, or log(1/K) for a
     *     uniform prior); not modified
     * @return the expected log prior of the assignments
     * @throws IllegalArgumentException if the length is not K
     */
    public double expectedLogProb(double[] meanLogWeights) {
        if (meanLogWeights.length != k) {
            throw new IllegalArgumentException("expected " + k + " mean log weights, got " + meanLogWeights.length);
        }
        double s = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < k; j++) if (r[i * k + j] > 0) s += r[i * k + j] * meanLogWeights[j];
        return s;
    }

    /** @return log q(z_row = category) */
    public double logProb(int row, int category) {
        return logR[row * k + category];
    }

    /** @return one draw of every z_n by inversion; the stream advances */
    public int[] sample(RandomStream rng) {
        int[] z = new int[n];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble(), c = 0;
            int j = 0;
            for (; j < k - 1; j++) {
                c += r[i * k + j];
                if (u < c) break;
            }
            z[i] = j;
        }
        return z;
    }

    private static void checkShape(long length, int n, int k) {
        if (n < 1 || k < 1)
            throw new IllegalArgumentException(
                    "categorical factor needs n >= 1 rows and k >= 1 categories, got n=" + n + ", k=" + k);
        if (length != (long) n * k)
            throw new IllegalArgumentException("expected n·k = " + n + "·" + k + " values, got " + length);
    }
}
