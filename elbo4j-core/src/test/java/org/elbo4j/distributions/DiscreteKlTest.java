package org.elbo4j.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.elbo4j.autodiff.GradCheck;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The discrete KL rules against the exact sums Σ_k p(k)·(log p(k) − log q(k)) over the support (finite for
 * Bernoulli, Binomial, Categorical; truncated where the tail of p is below 1e−17 for Geometric and Poisson), their
 * edge conventions (0·log 0 = 0; +∞ when p puts mass where q has none), their gradients against central
 * differences, and the error for Binomials with different counts. The Monte Carlo comparison is in each family's
 * contract test.
 */
class DiscreteKlTest {
    private static final double TOL = 1e-12;

    /** Σ_{k=0}^{kMax} p(k)(log p(k) − log q(k)) with 0·log 0 = 0, for scalar-batch p and q. */
    private static double exactSum(Distribution p, Distribution q, int kMax) {
        double[] ks = new double[kMax + 1];
        for (int k = 0; k <= kMax; k++) ks[k] = k;
        Tensor lp = p.logProb(Tensor.of(ks)), lq = q.logProb(Tensor.of(ks));
        double s = 0;
        for (int k = 0; k <= kMax; k++) {
            double a = lp.at(k);
            if (a == Double.NEGATIVE_INFINITY) continue;
            s += Math.exp(a) * (a - lq.at(k));
        }
        return s;
    }

    private static void assertKl(Distribution p, Distribution q, int kMax) {
        double want = exactSum(p, q, kMax), got = KlDivergence.of(p, q).item();
        if (Double.isInfinite(want)) assertEquals(want, got, p + " || " + q);
        else assertEquals(want, got, TOL * Math.max(1, Math.abs(want)), p + " || " + q);
    }

    @Test
    void bernoulli() {
        double[][] pq = {
            {0.3, 0.6},
            {0.02, 0.5},
            {0.999, 0.001},
            {0.0, 0.4},
            {1.0, 0.4},
            {0.4, 0.4},
            {0.3, 0.0},
            {0.3, 1.0},
            {0.0, 0.0}
        };
        for (double[] c : pq) {
            assertKl(Bernoulli.ofProbs(c[0]), Bernoulli.ofProbs(c[1]), 1);
            if (c[0] > 0 && c[0] < 1 && c[1] > 0 && c[1] < 1) {
                Bernoulli lp = Bernoulli.ofLogits(Tensor.scalar(Math.log(c[0] / (1 - c[0])))),
                        lq = Bernoulli.ofLogits(Tensor.scalar(Math.log(c[1] / (1 - c[1]))));
                assertKl(lp, lq, 1);
            }
        }
        assertEquals(
                Double.POSITIVE_INFINITY,
                KlDivergence.of(Bernoulli.ofProbs(0.3), Bernoulli.ofProbs(0.0)).item());
        assertEquals(
                Double.POSITIVE_INFINITY,
                KlDivergence.of(
                                Bernoulli.ofLogits(Tensor.scalar(0.0)),
                                Bernoulli.ofLogits(Tensor.scalar(Double.NEGATIVE_INFINITY)))
                        .item());
        assertEquals(
                -Math.log(0.6),
                KlDivergence.of(Bernoulli.ofProbs(0.0), Bernoulli.ofProbs(0.4)).item(),
                1e-15);
        // tails: ℓ₁ = ℓ₂ = 40 gives exactly 0, ℓ₁ = 40, ℓ₂ = 41 the tiny positive value σ(−40)(…)
        assertEquals(
                0.0,
                KlDivergence.of(Bernoulli.ofLogits(Tensor.scalar(40.0)), Bernoulli.ofLogits(Tensor.scalar(40.0)))
                        .item(),
                0.0);
        assertTrue(KlDivergence.of(Bernoulli.ofLogits(Tensor.scalar(40.0)), Bernoulli.ofLogits(Tensor.scalar(41.0)))
                        .item()
                > 0);
        // batch broadcasting: [3] against []
        Tensor kl = KlDivergence.of(Bernoulli.ofProbs(Tensor.of(0.1, 0.5, 0.9)), Bernoulli.ofProbs(0.3));
        for (int i = 0; i < 3; i++)
            assertEquals(
                    exactSum(Bernoulli.ofProbs(new double[] {0.1, 0.5, 0.9}[i]), Bernoulli.ofProbs(0.3), 1),
                    kl.at(i),
                    TOL);
        gradCheck(
                ps -> KlDivergence.of(Bernoulli.ofLogits(ps.get(0)), Bernoulli.ofLogits(ps.get(1))),
                Tensor.of(-2.0, 0.3, 5.0),
                Tensor.of(1.0, -0.7, 4.0));
        gradCheck(
                ps -> KlDivergence.of(Bernoulli.ofProbs(ps.get(0)), Bernoulli.ofProbs(ps.get(1))),
                Tensor.of(0.2, 0.5, 0.97),
                Tensor.of(0.6, 0.1, 0.9));
    }

    @Test
    void categorical() {
        assertKl(Categorical.ofProbs(0.2, 0.3, 0.5), Categorical.ofProbs(0.4, 0.4, 0.2), 2);
        assertKl(Categorical.ofProbs(0.0, 0.3, 0.7), Categorical.ofProbs(0.4, 0.4, 0.2), 2);
        assertKl(
                Categorical.ofLogits(Tensor.of(3.0, -1.0, 0.0, 10.0)),
                Categorical.ofLogits(Tensor.of(0.0, 0.0, 0.0, 0.0)),
                3);
        assertEquals(
                Double.POSITIVE_INFINITY,
                KlDivergence.of(Categorical.ofProbs(0.5, 0.5), Categorical.ofProbs(1.0, 0.0))
                        .item());
        assertEquals(
                Math.log(2),
                KlDivergence.of(Categorical.ofProbs(1.0, 0.0), Categorical.ofProbs(0.5, 0.5))
                        .item(),
                1e-15);
        // batches broadcast ([2] + [3] against [3]); K must agree
        Tensor kl = KlDivergence.of(
                Categorical.ofProbs(Tensor.of(new double[] {0.2, 0.3, 0.5, 0.6, 0.2, 0.2}, 2, 3)),
                Categorical.ofLogits(Tensor.of(0.0, 1.0, 2.0)));
        assertEquals(
                exactSum(Categorical.ofProbs(0.6, 0.2, 0.2), Categorical.ofLogits(Tensor.of(0.0, 1.0, 2.0)), 2),
                kl.at(1),
                TOL);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> KlDivergence.of(Categorical.ofProbs(0.5, 0.5), Categorical.ofProbs(0.2, 0.3, 0.5)));
        assertTrue(e.getMessage().contains("Categorical") && e.getMessage().contains("categories"), e.getMessage());
        gradCheck(
                ps -> KlDivergence.of(Categorical.ofLogits(ps.get(0)), Categorical.ofLogits(ps.get(1))),
                Tensor.of(0.3, -1.0, 2.0),
                Tensor.of(1.0, 0.0, -0.5));
        gradCheck(
                ps -> KlDivergence.of(Categorical.ofProbs(ps.get(0)), Categorical.ofProbs(ps.get(1))),
                Tensor.of(0.2, 0.3, 0.5),
                Tensor.of(0.1, 0.6, 0.3));
    }

    @Test
    void binomialWithEqualCounts() {
        assertKl(Binomial.ofProbs(10, 0.3), Binomial.ofProbs(10, 0.5), 10);
        assertKl(Binomial.ofProbs(200, 0.05), Binomial.ofLogits(Tensor.scalar(200.0), Tensor.scalar(-2.0)), 200);
        assertKl(Binomial.ofProbs(7, 0.0), Binomial.ofProbs(7, 0.5), 7);
        assertEquals(
                Double.POSITIVE_INFINITY,
                KlDivergence.of(Binomial.ofProbs(7, 0.5), Binomial.ofProbs(7, 1.0))
                        .item());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> KlDivergence.of(Binomial.ofProbs(10, 0.3), Binomial.ofProbs(12, 0.3)));
        assertTrue(
                e.getMessage().contains("Binomial")
                        && e.getMessage().contains("10.0")
                        && e.getMessage().contains("12.0"),
                e.getMessage());
        gradCheck(
                ps -> KlDivergence.of(
                        Binomial.ofProbs(Tensor.scalar(10.0), ps.get(0)),
                        Binomial.ofProbs(Tensor.scalar(10.0), ps.get(1))),
                Tensor.of(0.3, 0.8),
                Tensor.of(0.5, 0.4));
    }

    @Test
    void geometric() {
        assertKl(Geometric.ofProbs(0.3), Geometric.ofProbs(0.6), 400);
        assertKl(Geometric.ofProbs(0.8), Geometric.ofLogits(Tensor.scalar(-1.0)), 400);
        assertKl(Geometric.ofLogits(Tensor.scalar(0.5)), Geometric.ofLogits(Tensor.scalar(2.0)), 400);
        assertKl(Geometric.ofProbs(1.0), Geometric.ofProbs(0.3), 3);
        assertEquals(
                Double.POSITIVE_INFINITY,
                KlDivergence.of(Geometric.ofProbs(0.3), Geometric.ofProbs(1.0)).item());
        gradCheck(
                ps -> KlDivergence.of(Geometric.ofProbs(ps.get(0)), Geometric.ofProbs(ps.get(1))),
                Tensor.of(0.3, 0.8),
                Tensor.of(0.6, 0.5));
        gradCheck(
                ps -> KlDivergence.of(Geometric.ofLogits(ps.get(0)), Geometric.ofLogits(ps.get(1))),
                Tensor.of(0.3, -2.0),
                Tensor.of(1.0, 0.5));
    }

    @Test
    void poisson() {
        assertKl(Poisson.of(3.0), Poisson.of(5.0), 200);
        assertKl(Poisson.of(150.0), Poisson.of(140.0), 600);
        assertKl(Poisson.of(0.01), Poisson.of(2.0), 50);
        gradCheck(
                ps -> KlDivergence.of(Poisson.of(ps.get(0)), Poisson.of(ps.get(1))),
                Tensor.of(3.0, 0.2),
                Tensor.of(5.0, 1.0));
    }

    @Test
    void registryKnowsTheDiscretePairs() {
        for (Class<? extends Distribution> c : List.of(
                Bernoulli.class,
                Categorical.class,
                OneHotCategorical.class,
                Binomial.class,
                Geometric.class,
                Poisson.class)) {
            assertTrue(KlDivergence.has(c, c), c.getSimpleName());
        }
    }

    private static void gradCheck(Function<List<Tensor>, Tensor> kl, Tensor p, Tensor q) {
        var r = GradCheck.compare(List.of(p, q), ps -> kl.apply(ps).sum(), 1e-7);
        assertTrue(r.error() < 1e-6, r.toString());
    }
}
