package org.elbo4j.cavi;

import org.elbo4j.random.RandomStream;

/**
 * Random initial assignments for mixtures by k-means++ seeding (Arthur & Vassilvitskii 2007): the first centre
 * is a uniformly drawn point, each next one a point drawn with probability proportional to its squared distance
 * to the nearest centre so far; every point then goes to its nearest centre. Different streams give different
 * seeds, which is what random restarts need.
 *
 * <blockquote>D. Arthur and S. Vassilvitskii, "k-means++: The Advantages of Careful Seeding", SODA 2007.</blockquote>
 */
final class Seeding {
    private Seeding() {}

    /**
     * @param x n × D points, n ≥ k; not modified
     * @param k the number of centres ≥ 1
     * @param rng the restart's stream; advances
     * @return the label in [0, k) of each point (each centre keeps at least its own point)
     */
    static int[] kMeansPlusPlus(double[][] x, int k, RandomStream rng) {
        int n = x.length;
        int[] centres = new int[k];
        boolean[] chosen = new boolean[n];
        double[] d2 = new double[n];
        java.util.Arrays.fill(d2, Double.POSITIVE_INFINITY);
        centres[0] = rng.nextInt(n);
        chosen[centres[0]] = true;
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                d2[i] = Math.min(d2[i], dist2(x[i], x[centres[c - 1]]));
                if (!chosen[i]) total += d2[i];
            }
            int pick = -1;
            if (total > 0) {
                double u = rng.nextDouble() * total, acc = 0;
                for (int i = 0; i < n && pick < 0; i++) {
                    if (chosen[i]) continue;
                    acc += d2[i];
                    if (u < acc) pick = i;
                }
            }
            if (pick < 0) { // every remaining point coincides with a centre (or rounding at the end): uniform
                int r = rng.nextInt(n - c);
                for (int i = 0; i < n; i++)
                    if (!chosen[i] && r-- == 0) {
                        pick = i;
                        break;
                    }
            }
            centres[c] = pick;
            chosen[pick] = true;
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double dc = i == centres[c] ? -1 : dist2(x[i], x[centres[c]]); // a centre keeps its own point
                if (dc < best) {
                    best = dc;
                    labels[i] = c;
                }
            }
        }
        return labels;
    }

    private static double dist2(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) s += (a[j] - b[j]) * (a[j] - b[j]);
        return s;
    }
}
