package org.elbo4j.cavi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * On data drawn from a known mixture, the fitted means and weights recover the truth up to a permutation of the
 * labels (the best of the K! matchings by squared distance between means).
 *
 * <p>Tolerances ({@value #Z} standard errors of the quantity the posterior mean estimates): a component mean
 * estimates the mean of its N·π_k points, standard error √(Σ_jj/(N π_k)) per coordinate; a weight estimates the
 * fraction of points in its component, standard error √(π_k(1 − π_k)/N). The clusters are separated by ≥ 5
 * standard deviations, so misassigned points are negligible, and the prior's pull is below 0.01 SE
 * (β₀ = 0.01 against N π_k ≥ 100 points). A two-sided normal false failure has probability ≈ 6·10⁻⁵ per check.
 */
class MixtureRecoveryTest {
    static final double Z = 4;
    static final int N = 600;
    static final long[] SEEDS = {11, 12, 13};

    /** perm[k] = the fitted component matched to true component k, minimising Σ_k ‖m_perm[k] − μ_k‖². */
    static int[] bestMatch(double[][] fitted, double[][] truth) {
        int k = truth.length;
        int[] best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int[] p : permutations(k)) {
            double c = 0;
            for (int j = 0; j < k; j++)
                for (int a = 0; a < truth[j].length; a++) c += Math.pow(fitted[p[j]][a] - truth[j][a], 2);
            if (c < bestCost) {
                bestCost = c;
                best = p;
            }
        }
        return best;
    }

    static java.util.List<int[]> permutations(int k) {
        java.util.List<int[]> out = new java.util.ArrayList<>();
        permute(new int[k], new boolean[k], 0, out);
        return out;
    }

    private static void permute(int[] cur, boolean[] used, int pos, java.util.List<int[]> out) {
        if (pos == cur.length) {
            out.add(cur.clone());
            return;
        }
        for (int v = 0; v < cur.length; v++) {
            if (used[v]) continue;
            used[v] = true;
            cur[pos] = v;
            permute(cur, used, pos + 1, out);
            used[v] = false;
        }
    }

    @Test
    void normalWishartMixtureRecoversMeansAndWeights() {
        int checks = 0;
        for (long seed : SEEDS) {
            double[][] x = Fixtures.threeClusters(N, seed).points();
            GaussianMixture.Prior prior = GaussianMixture.defaultPrior(x, 3);
            CaviFit<GaussianMixture> fit =
                    Cavi.defaults().restarts(5).seed(seed).run(rng -> GaussianMixture.init(x, prior, rng));
            GaussianMixture m = fit.state();
            double[][] locs = new double[3][];
            for (int j = 0; j < 3; j++) locs[j] = m.component(j).loc();
            int[] p = bestMatch(locs, Fixtures.MEANS);
            double[] w = m.weights().mean();
            for (int j = 0; j < 3; j++) {
                double pj = Fixtures.WEIGHTS[j];
                for (int a = 0; a < 2; a++) {
                    double se = Math.sqrt(Fixtures.COVS[j][a][a] / (N * pj));
                    assertEquals(
                            Fixtures.MEANS[j][a],
                            locs[p[j]][a],
                            Z * se,
                            "seed " + seed + ": mean of component " + j + "[" + a + "]");
                    checks++;
                }
                assertEquals(
                        pj, w[p[j]], Z * Math.sqrt(pj * (1 - pj) / N), "seed " + seed + ": weight of component " + j);
                checks++;
            }
        }
        assertEquals(SEEDS.length * 9, checks);
    }

    @Test
    void unitVarianceMixtureRecoversMeans() {
        int checks = 0;
        for (long seed : SEEDS) {
            SyntheticData.Mixture data = Fixtures.unitClusters(N, seed);
            double[][] x = data.points();
            CaviFit<UnitVarianceMixture> fit = Cavi.defaults()
                    .restarts(5)
                    .seed(seed)
                    .run(rng -> UnitVarianceMixture.init(x, 3, new double[2], 10.0, rng));
            double[][] locs = new double[3][];
            for (int j = 0; j < 3; j++) locs[j] = fit.state().mean(j).mean();
            int[] p = bestMatch(locs, Fixtures.MEANS);
            for (int j = 0; j < 3; j++) {
                double se = Math.sqrt(1.0 / (N * Fixtures.WEIGHTS[j]));
                for (int a = 0; a < 2; a++) {
                    assertEquals(
                            Fixtures.MEANS[j][a],
                            locs[p[j]][a],
                            Z * se,
                            "seed " + seed + ": mean of component " + j + "[" + a + "]");
                    checks++;
                }
            }
            // The hard assignments agree with the true labels for nearly all points (clusters ≥ 5 sd apart).
            int[] label = fit.state().assignments().argmax();
            int agree = 0;
            for (int i = 0; i < N; i++) if (label[i] == p[data.labels()[i]]) agree++;
            assertTrue(
                    agree >= 0.99 * N,
                    "seed " + seed + ": only " + agree + " of " + N + " points in their true cluster");
        }
        assertEquals(SEEDS.length * 6, checks);
    }

    /** With one restart a bad seed can land in a local optimum; the best of several restarts is never worse. */
    @Test
    void moreRestartsNeverLowerTheElbo() {
        double[][] x = Fixtures.threeClusters(300, 5).points();
        GaussianMixture.Prior prior = GaussianMixture.defaultPrior(x, 5);
        double one = Cavi.defaults()
                .seed(7)
                .run(rng -> GaussianMixture.init(x, prior, rng))
                .elbo();
        double eight = Cavi.defaults()
                .restarts(8)
                .seed(7)
                .run(rng -> GaussianMixture.init(x, prior, rng))
                .elbo();
        assertTrue(eight >= one, "8 restarts " + eight + " < 1 restart " + one);
    }
}
