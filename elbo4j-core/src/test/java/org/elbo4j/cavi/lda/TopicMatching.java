package org.elbo4j.cavi.lda;

/** Matches estimated topics to true ones: the permutation of least total variation (brute force, K ≤ 8). */
final class TopicMatching {
    private TopicMatching() {}

    static double totalVariation(double[] p, double[] q) {
        double s = 0;
        for (int i = 0; i < p.length; i++) s += Math.abs(p[i] - q[i]);
        return s / 2;
    }

    /** match[k] = the estimated topic assigned to true topic k. */
    static int[] best(double[][] truth, double[][] est) {
        int k = truth.length;
        if (k > 8) throw new IllegalArgumentException("brute-force matching is for K <= 8");
        double[][] cost = new double[k][k];
        for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) cost[i][j] = totalVariation(truth[i], est[j]);
        int[] perm = new int[k], best = new int[k];
        for (int i = 0; i < k; i++) perm[i] = i;
        double[] bestCost = {Double.POSITIVE_INFINITY};
        permute(perm, 0, cost, best, bestCost);
        return best;
    }

    private static void permute(int[] p, int i, double[][] cost, int[] best, double[] bestCost) {
        if (i == p.length) {
            double c = 0;
            for (int j = 0; j < p.length; j++) c += cost[j][p[j]];
            if (c < bestCost[0]) {
                bestCost[0] = c;
                System.arraycopy(p, 0, best, 0, p.length);
            }
            return;
        }
        for (int j = i; j < p.length; j++) {
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
            permute(p, i + 1, cost, best, bestCost);
            t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
    }
}
