package org.elbo4j.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * {@link OneHotCategorical}: a view of {@link Categorical}, so the checks are that the view is faithful (log
 * masses, entropy, KL equal Categorical's at the hot index), that draws are one-hot with Categorical frequencies
 * (chi-square, alpha 1e−4) and moments p and p(1 − p) (z-tests at 4.5 SE; false-failure rate of the whole class
 * < 2e−4), and that bad input is named.
 */
class OneHotCategoricalTest {
    private static final long SEED = 0x5EED_E1B0L;

    @Test
    void agreesWithCategorical() {
        Tensor p = Tensor.of(new double[] {0.2, 0.3, 0.5, 0.6, 0.1, 0.3}, 2, 3);
        OneHotCategorical d = OneHotCategorical.ofProbs(p);
        Categorical c = Categorical.ofProbs(p);
        assertEquals(Shape.of(2), d.batchShape());
        assertEquals(Shape.of(3), d.eventShape());
        Tensor x = Tensor.of(new double[] {0, 0, 1, 1, 0, 0}, 2, 3);
        Tensor lp = d.logProb(x), want = c.logProb(Tensor.of(2.0, 0.0));
        for (int i = 0; i < 2; i++) assertEquals(want.at(i), lp.at(i), 0.0);
        for (int i = 0; i < 2; i++) assertEquals(c.entropy().at(i), d.entropy().at(i), 0.0);
        OneHotCategorical q = OneHotCategorical.ofLogits(Tensor.of(0.0, 1.0, 2.0));
        Tensor kl = KlDivergence.of(d, q), klc = KlDivergence.of(c, Categorical.ofLogits(Tensor.of(0.0, 1.0, 2.0)));
        for (int i = 0; i < 2; i++) assertEquals(klc.at(i), kl.at(i), 0.0);
        // not one-hot: −∞ (two ones, a 0.5, all zeros)
        Tensor bad = d.logProb(Tensor.of(new double[] {1, 1, 0, 0.5, 0.5, 0}, 2, 3));
        assertEquals(Double.NEGATIVE_INFINITY, bad.at(0));
        assertEquals(Double.NEGATIVE_INFINITY, bad.at(1));
        assertEquals(
                Double.NEGATIVE_INFINITY,
                OneHotCategorical.ofProbs(Tensor.of(0.5, 0.5))
                        .logProb(Tensor.of(0.0, 0.0))
                        .item());
    }

    @Test
    void drawsAreOneHotWithCategoricalFrequenciesAndMoments() {
        double[] p = {0.1, 0.45, 0.05, 0.4};
        OneHotCategorical d = OneHotCategorical.ofProbs(Tensor.of(p));
        int n = 20_000;
        Tensor x = d.sample(RandomStream.of(SEED), Shape.of(n));
        assertEquals(Shape.of(n, 4), x.shape());
        assertTrue(OneHotCategorical.ONE_HOT.contains(x));
        double chi = 0;
        for (int k = 0; k < 4; k++) {
            double[] col = new double[n];
            for (int i = 0; i < n; i++) col[i] = x.at(4 * i + k);
            double m = Stats.mean(col), e = n * p[k];
            chi += (m * n - e) * (m * n - e) / e;
            assertEquals(d.mean().at(k), m, 4.5 * Math.sqrt(p[k] * (1 - p[k]) / n), "mean " + k);
            assertEquals(p[k] * (1 - p[k]), d.variance().at(k), 1e-15);
        }
        assertTrue(chi <= Stats.chiSquareCritical(3, 1e-4), "chi-square " + chi);
    }

    @Test
    void badInputIsNamed() {
        for (Runnable r : List.<Runnable>of(
                () -> OneHotCategorical.ofProbs(Tensor.of(0.5, 0.6)),
                () -> OneHotCategorical.ofLogits(Tensor.of(0.0, Double.NaN)),
                () -> OneHotCategorical.ofProbs(Tensor.of(0.5, 0.5)).logProb(Tensor.of(1.0, 0.0, 0.0)))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
            assertTrue(e.getMessage().contains("OneHotCategorical"), e.getMessage());
        }
    }
}
