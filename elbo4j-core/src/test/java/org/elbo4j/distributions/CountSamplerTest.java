package org.elbo4j.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The count samplers at sizes the contract cannot tabulate (its chi-square allocates one cell per value up to the
 * largest draw): Binomial with n = 10⁹ on each route (BTRS, inversion, reflection), Poisson and NegativeBinomial
 * with large means and a heavy tail. Each is a Pearson chi-square of 20 000 draws against the family's own pmf,
 * summed over a window [lo, hi] that holds all but < 1e−12 of the mass (asserted), in ≈ 40 cells of equal expected
 * count; each at alpha = 1e−4, so the six checks together fail a correct sampler with probability < 6e−4. The
 * last test shows that the same statistic rejects a 1.4-SD shift.
 */
class CountSamplerTest {
    private static final long SEED = 0x5EED_E1B0L;
    private static final int N = 20_000, CELLS = 40;
    private static final double ALPHA = 1e-4;

    @Test
    void binomialBtrsAtHugeN() {
        assertPasses(Binomial.ofProbs(1e9, 0.3), 3e8 - 2e5, 3e8 + 2e5, 1);
    }

    @Test
    void binomialInversionAtHugeN() {
        assertPasses(Binomial.ofProbs(1e9, 1e-9), 0, 40, 2);
    }

    @Test
    void binomialReflectedAtHugeN() {
        assertPasses(Binomial.ofProbs(1e9, 1 - 1e-7), 1e9 - 250, 1e9, 3);
    }

    @Test
    void poissonAtLargeRate() {
        assertPasses(Poisson.of(1e8), 1e8 - 1.2e5, 1e8 + 1.2e5, 4);
    }

    @Test
    void negativeBinomialAtLargeCount() {
        assertPasses(NegativeBinomial.ofProbs(1e4, 0.5), 1e4 - 2500, 1e4 + 2500, 5);
    }
    /** r = 0.05, p = 0.99: mean 4.95 but a tail decaying like 0.99^k (P(k > 4000) < 1e−18). */
    @Test
    void negativeBinomialHeavyTail() {
        assertPasses(NegativeBinomial.ofProbs(0.05, 0.99), 0, 4000, 6);
    }

    @Test
    void theStatisticHasPower() {
        Tensor x = Binomial.ofProbs(1e9, 0.3).sample(RandomStream.of(SEED + 7), Shape.of(N));
        // the mean shifts by 1e9·2e−5 = 2·10⁴ = 1.38 SD
        double[] r = chiSquare(Binomial.ofProbs(1e9, 0.30002), x, 3e8 - 2e5, 3e8 + 2.2e5);
        double crit = Stats.chiSquareCritical((int) r[1] - 1, ALPHA);
        assertTrue(r[0] > crit, "a 1.4-SD shift gave chi-square " + r[0] + " <= " + crit);
    }

    private static void assertPasses(Distribution d, double lo, double hi, int seed) {
        Tensor x = d.sample(RandomStream.of(SEED + seed), Shape.of(N));
        double[] r = chiSquare(d, x, lo, hi);
        double crit = Stats.chiSquareCritical((int) r[1] - 1, ALPHA);
        assertTrue(r[0] <= crit, d + ": chi-square " + r[0] + " > " + crit + " (" + (int) r[1] + " cells)");
    }

    /** {statistic, cells}: cells of ≥ N/CELLS expected draws over [lo, hi]; the mass outside joins the end cells. */
    private static double[] chiSquare(Distribution d, Tensor x, double lo, double hi) {
        int m = (int) (hi - lo) + 1;
        double[] ks = new double[m];
        for (int i = 0; i < m; i++) ks[i] = lo + i;
        Tensor lp = d.logProb(Tensor.of(ks));
        double[] pmf = new double[m];
        double total = 0;
        for (int i = 0; i < m; i++) total += pmf[i] = Math.exp(lp.at(i));
        assertEquals(1.0, total, 1e-12, d + ": the window holds too little mass");
        // cell boundaries (first k of each cell) by accumulating expected counts
        List<double[]> cells = new ArrayList<>(); // {first k, expected}
        double e = 0, start = lo;
        for (int i = 0; i < m; i++) {
            e += N * pmf[i];
            if (e >= (double) N / CELLS) {
                cells.add(new double[] {start, e});
                e = 0;
                start = ks[i] + 1;
            }
        }
        if (e > 0) cells.get(cells.size() - 1)[1] += e;
        double[] firsts = cells.stream().mapToDouble(c -> c[0]).toArray();
        double[] obs = new double[cells.size()];
        for (int i = 0; i < x.size(); i++) {
            int c = Arrays.binarySearch(firsts, x.at(i));
            obs[Math.max(0, c >= 0 ? c : -c - 2)]++;
        }
        double chi = 0;
        for (int c = 0; c < obs.length; c++)
            chi += (obs[c] - cells.get(c)[1]) * (obs[c] - cells.get(c)[1]) / cells.get(c)[1];
        return new double[] {chi, obs.length};
    }
}
