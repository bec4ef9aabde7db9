package org.elbo4j.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.elbo4j.autodiff.Autodiff;
import org.elbo4j.autodiff.GradCheck;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraints;
import org.junit.jupiter.api.Test;

/**
 * {@link RelaxedOneHotCategorical}. It has no closed-form mean, so it does not fit the multivariate contract
 * (moment tests); instead: the density against mpmath's eq. (1), the reduction to {@link RelaxedBernoulli} at
 * K = 2 (density, KS of a coordinate, pathwise gradient against quadrature), the Gumbel-max property
 * (argmax ~ Categorical for every τ, chi-square), ∫p = 1 and E[x] on the 2-simplex by nested quadrature, the
 * τ → 0 limit, finite-difference gradients, shapes and bad input.
 *
 * <p>False-failure rates: each statistical check states its own; together below 1e−3.
 */
class RelaxedOneHotCategoricalTest {
    private static final long SEED = 0x5EED_E1B0L;

    private static RelaxedOneHotCategorical rohc(double tau, double... logits) {
        return RelaxedOneHotCategorical.ofLogits(Tensor.scalar(tau), Tensor.of(logits));
    }

    @Test
    void logProbMatchesReferenceValues() {
        List<double[][]> rows = ReferenceTables.read("relaxed_one_hot_categorical.csv");
        for (double[][] r : rows) {
            double got = rohc(r[0][0], r[1]).logProb(Tensor.of(r[2])).item(), want = r[3][0];
            if (want == Double.NEGATIVE_INFINITY) assertEquals(want, got);
            else
                assertEquals(
                        want,
                        got,
                        1e-12 * Math.max(1, Math.abs(want)),
                        "tau " + r[0][0] + " x " + java.util.Arrays.toString(r[2]));
        }
        assertEquals(7, rows.size());
    }

    /** K = 2: x₀ ~ RelaxedBernoulli(τ, ℓ₀ − ℓ₁), and the densities agree (both w.r.t. Lebesgue measure on x₀). */
    @Test
    void twoCategoriesReduceToRelaxedBernoulli() {
        double tau = 0.7, l0 = 0.4, l1 = -0.9;
        RelaxedOneHotCategorical d = rohc(tau, l0, l1);
        RelaxedBernoulli b = RelaxedBernoulli.ofLogits(tau, l0 - l1);
        for (double y : new double[] {0.01, 0.2, 0.5, 0.8, 0.97}) {
            assertEquals(
                    b.logProb(Tensor.scalar(y)).item(),
                    d.logProb(Tensor.of(y, 1 - y)).item(),
                    1e-12,
                    "y " + y);
        }
        // KS of x₀ from rsample against the RelaxedBernoulli CDF; alpha = 1e−4
        int n = 20_000;
        Tensor x = d.rsample(RandomStream.of(SEED), Shape.of(n));
        double[] u = new double[n];
        for (int i = 0; i < n; i++) u[i] = b.cdf(Tensor.scalar(x.at(2 * i))).item();
        double ks = Stats.ksStatistic(u), crit = Stats.ksCritical(n, 1e-4);
        assertTrue(ks <= crit, "KS " + ks + " > " + crit);
        // and it has power: against RelaxedBernoulli(τ, ℓ₀ − ℓ₁ + 0.2) it fails
        RelaxedBernoulli wrong = RelaxedBernoulli.ofLogits(tau, l0 - l1 + 0.2);
        for (int i = 0; i < n; i++) u[i] = wrong.cdf(Tensor.scalar(x.at(2 * i))).item();
        assertTrue(Stats.ksStatistic(u) > Stats.ksCritical(n, 1e-3), "the KS test cannot tell ℓ from ℓ + 0.2");
    }

    /**
     * Gumbel-max: argmax_k x_k ~ Categorical(softmax ℓ) for every τ. Pearson chi-square with K − 1 = 3 dof, three
     * temperatures, each at alpha = 1e−4 (false-failure rate 3e−4).
     */
    @Test
    void argmaxIsCategorical() {
        double[] l = {0.5, -1.0, 1.2, 0.0};
        double z = 0;
        for (double v : l) z += Math.exp(v);
        RandomStream rng = RandomStream.of(SEED + 1);
        int n = 20_000;
        for (double tau : new double[] {0.001, 0.5, 3.0}) {
            Tensor x = rohc(tau, l).sample(rng, Shape.of(n));
            double[] count = new double[4];
            for (int i = 0; i < n; i++) {
                int best = 0;
                for (int k = 1; k < 4; k++) if (x.at(4 * i + k) > x.at(4 * i + best)) best = k;
                count[best]++;
            }
            double chi = 0;
            for (int k = 0; k < 4; k++) {
                double e = n * Math.exp(l[k]) / z;
                chi += (count[k] - e) * (count[k] - e) / e;
            }
            assertTrue(chi <= Stats.chiSquareCritical(3, 1e-4), "tau " + tau + ": chi-square " + chi);
        }
    }

    /**
     * τ → 0 gives one-hot draws. x_max ≤ 0.99 needs some gap between the two largest perturbed logits below
     * δ = τ·log(3·99) (else each of the three others is < 0.01/(3·0.99) of the largest); a difference of two Gumbels
     * is logistic with density ≤ ¼, so over 6 pairs P(x_max ≤ 0.99) ≤ 6·δ/2 = 0.017 at τ = 0.001. The observed
     * fraction of draws with x_max > 0.99 must exceed 0.983 − 4.5 SE (false-failure rate < 3.4e−6).
     */
    @Test
    void lowTemperatureGivesOneHotDraws() {
        double tau = 0.001;
        int n = 20_000;
        Tensor x = rohc(tau, 0.5, -1.0, 1.2, 0.0).sample(RandomStream.of(SEED + 2), Shape.of(n));
        int hot = 0;
        for (int i = 0; i < n; i++) {
            double m = 0, s = 0;
            for (int k = 0; k < 4; k++) {
                m = Math.max(m, x.at(4 * i + k));
                s += x.at(4 * i + k);
            }
            assertEquals(1.0, s, 1e-12);
            if (m > 0.99) hot++;
        }
        double bound = 1 - 3 * tau * Math.log(297);
        assertTrue(
                (double) hot / n >= bound - 4.5 * Math.sqrt(bound * (1 - bound) / n),
                "one-hot fraction " + (double) hot / n);
    }

    /**
     * K = 3, τ = 2.5 (the density is bounded at the vertices when τ ≥ K − 1): ∫p = 1 over the 2-simplex by nested
     * adaptive quadrature, and E[x₀] by quadrature against the Monte Carlo mean of 20 000 rsample draws within
     * 4.5 SE (false-failure rate 6.8e−6).
     */
    @Test
    void densityIntegratesToOneOnTheSimplex() {
        RelaxedOneHotCategorical d = rohc(2.5, 0.3, -0.2, 0.8);
        double mass = simplexIntegral(d, x -> 1.0), mean0 = simplexIntegral(d, x -> x[0]);
        assertEquals(1.0, mass, 1e-8);
        Tensor draws = d.rsample(RandomStream.of(SEED + 3), Shape.of(20_000));
        double[] x0 = new double[20_000];
        for (int i = 0; i < x0.length; i++) x0[i] = draws.at(3 * i);
        double se = Math.sqrt(Stats.variance(x0) / x0.length);
        assertEquals(mean0, Stats.mean(x0), 4.5 * se, "E[x0] by quadrature " + mean0);
    }

    /** ∫∫ g(x)·p(x) dx₁ dx₂ over x₁, x₂ > 0, x₁ + x₂ < 1 (x₀ = 1 − x₁ − x₂: the density is symmetric in the chart). */
    private static double simplexIntegral(RelaxedOneHotCategorical d, java.util.function.Function<double[], Double> g) {
        Quadrature.Result r = Quadrature.integrate(
                (x1s, out) -> {
                    for (int i = 0; i < x1s.length; i++) {
                        double x1 = x1s[i];
                        Quadrature.Result inner = Quadrature.integrate(
                                (x2s, o2) -> {
                                    double[] v = new double[3 * x2s.length];
                                    for (int j = 0; j < x2s.length; j++) {
                                        v[3 * j + 1] = x1;
                                        v[3 * j + 2] = x2s[j];
                                        v[3 * j] = 1 - x1 - x2s[j];
                                    }
                                    Tensor lp = d.logProb(Tensor.of(v, x2s.length, 3));
                                    for (int j = 0; j < x2s.length; j++) {
                                        o2[j] = Math.exp(lp.at(j))
                                                * g.apply(new double[] {v[3 * j], v[3 * j + 1], v[3 * j + 2]});
                                    }
                                },
                                0,
                                1 - x1,
                                0.5,
                                1,
                                1e-14,
                                1e-11);
                        out[i] = inner.value();
                    }
                },
                0,
                1,
                0.5,
                1,
                1e-14,
                1e-10);
        return r.value();
    }

    /**
     * Pathwise gradient at K = 2: ∂E[x₀]/∂ℓ₀ = −∂E[x₀]/∂ℓ₁ = d/dℓ E_RB(τ, ℓ)[y] at ℓ = ℓ₀ − ℓ₁, the latter by central
     * differences of a quadrature. The Monte Carlo mean of 100 batch gradients (200 draws each) must agree within
     * 4.5 SE of the batch means (two comparisons: false-failure rate 1.4e−5).
     */
    @Test
    void pathwiseGradientMatchesQuadrature() {
        double tau = 1.3, l0 = 0.4, l1 = -0.5, h = 1e-3;
        double exact = (meanRb(tau, l0 - l1 + h) - meanRb(tau, l0 - l1 - h)) / (2 * h);
        RandomStream rng = RandomStream.of(SEED + 4);
        int batches = 100, m = 200;
        double[][] g = new double[2][batches];
        for (int b = 0; b < batches; b++) {
            Tensor grad = Autodiff.grad(
                            List.of(Tensor.of(l0, l1)),
                            ps -> RelaxedOneHotCategorical.ofLogits(Tensor.scalar(tau), ps.get(0))
                                    .rsample(rng, Shape.of(m))
                                    .takeLast(new int[m])
                                    .sum()
                                    .div(m))
                    .get(0);
            g[0][b] = grad.at(0);
            g[1][b] = grad.at(1);
        }
        for (int k = 0; k < 2; k++) {
            double se = Math.sqrt(Stats.variance(g[k]) / batches), want = k == 0 ? exact : -exact;
            assertEquals(want, Stats.mean(g[k]), 4.5 * se + 1e-6, "d E[x0] / d logits[" + k + "]");
        }
    }

    private static double meanRb(double tau, double l) {
        RelaxedBernoulli b = RelaxedBernoulli.ofLogits(tau, l);
        return Quadrature.integrate(
                        (ys, out) -> {
                            Tensor lp = b.logProb(Tensor.of(ys));
                            for (int i = 0; i < ys.length; i++) out[i] = ys[i] * Math.exp(lp.at(i));
                        },
                        0,
                        1,
                        0.5,
                        1,
                        1e-15,
                        1e-13)
                .value();
    }

    /** rsample (fixed seed) and logProb (in the parameters and in the value) against central differences. */
    @Test
    void gradientsMatchFiniteDifferences() {
        Tensor tau = Tensor.scalar(0.8), l = Tensor.of(0.3, -0.2, 0.8);
        var r = GradCheck.compare(
                List.of(tau, l),
                ps -> RelaxedOneHotCategorical.ofLogits(ps.get(0), ps.get(1))
                        .rsample(RandomStream.of(SEED + 5), Shape.of(3))
                        .square()
                        .sum(),
                1e-7);
        assertTrue(r.error() < 1e-5, "rsample: " + r);
        Tensor x = Tensor.of(new double[] {0.2, 0.3, 0.5, 0.6, 0.1, 0.3}, 2, 3);
        var s = GradCheck.compare(
                List.of(tau, l, x),
                ps -> RelaxedOneHotCategorical.ofLogits(ps.get(0), ps.get(1))
                        .logProb(ps.get(2))
                        .sum(),
                1e-7);
        assertTrue(s.error() < 1e-5, "logProb: " + s);
    }

    @Test
    void shapesSupportAndTape() {
        RelaxedOneHotCategorical d = RelaxedOneHotCategorical.ofLogits(
                Tensor.of(0.5, 2.0), Tensor.of(new double[] {0, 1, 2, 3, 4, 5}, 2, 3));
        assertEquals(Shape.of(2), d.batchShape());
        assertEquals(Shape.of(3), d.eventShape());
        Tensor x = d.sample(RandomStream.of(SEED), Shape.of(5));
        assertEquals(Shape.of(5, 2, 3), x.shape());
        assertFalse(x.requiresGrad());
        assertTrue(Constraints.SIMPLEX.contains(x));
        assertEquals(Shape.of(5, 2), d.logProb(x).shape());
        for (int i = 0; i < 10; i++) assertTrue(Double.isFinite(d.logProb(x).at(i)));
        // a scalar temperature broadcasting against a [2] batch, a [2] temperature against [K] logits
        assertEquals(
                Shape.of(2),
                RelaxedOneHotCategorical.ofLogits(Tensor.of(0.5, 1.0), Tensor.of(0.0, 1.0))
                        .batchShape());
        boolean[] recorded = new boolean[1];
        Autodiff.valueAndGrad(List.of(Tensor.of(0.1, 0.2)), ps -> {
            Tensor z = RelaxedOneHotCategorical.ofLogits(Tensor.scalar(1.0), ps.get(0))
                    .rsample(RandomStream.of(SEED), Shape.of(2));
            recorded[0] = z.requiresGrad();
            return z.sum();
        });
        assertTrue(recorded[0]);
        // the probs form: α and unnormalized logits give the same density
        Tensor v = Tensor.of(0.2, 0.3, 0.5);
        double a = RelaxedOneHotCategorical.ofProbs(Tensor.scalar(0.7), Tensor.of(0.2, 0.5, 0.3))
                .logProb(v)
                .item();
        double b = rohc(0.7, Math.log(0.2) + 5, Math.log(0.5) + 5, Math.log(0.3) + 5)
                .logProb(v)
                .item();
        assertEquals(b, a, 1e-12);
        // low temperature: draws stay off the boundary (clamped), so logProb is finite
        Tensor cold = rohc(0.01, 0.0, 3.0, -3.0).sample(RandomStream.of(SEED), Shape.of(200));
        Tensor lp = rohc(0.01, 0.0, 3.0, -3.0).logProb(cold);
        for (int i = 0; i < 200; i++) assertTrue(Double.isFinite(lp.at(i)), "logProb " + lp.at(i));
    }

    @Test
    void badInputIsRejectedWithANamedMessage() {
        List<Runnable> bad = new ArrayList<>(List.of(
                () -> rohc(0.0, 0.0, 1.0),
                () -> rohc(Double.NaN, 0.0, 1.0),
                () -> rohc(1.0, 0.0, Double.NaN),
                () -> rohc(1.0, 0.0, Double.POSITIVE_INFINITY),
                () -> rohc(1.0, 0.0, Double.NEGATIVE_INFINITY),
                () -> rohc(1.0, 2.0),
                () -> RelaxedOneHotCategorical.ofProbs(Tensor.scalar(1.0), Tensor.of(0.5, 0.6)),
                () -> RelaxedOneHotCategorical.ofProbs(Tensor.scalar(1.0), Tensor.of(0.0, 1.0)),
                () -> RelaxedOneHotCategorical.ofLogits(
                        Tensor.of(1.0, 2.0), Tensor.of(new double[] {0, 1, 2, 3, 4, 5}, 3, 2)),
                () -> rohc(1.0, 0.0, 1.0).logProb(Tensor.of(Double.NaN, 0.5)),
                () -> rohc(1.0, 0.0, 1.0).logProb(Tensor.of(0.2, 0.3, 0.5))));
        String[] names = {
            "temperature", "temperature", "logits", "logits", "logits", "K >= 2", "probs", "probs", "", "NaN", "shape"
        };
        for (int i = 0; i < bad.size(); i++) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad.get(i)::run, "case " + i);
            assertTrue(
                    e.getMessage().contains("RelaxedOneHotCategorical")
                            && e.getMessage().contains(names[i]),
                    "case " + i + ": " + e.getMessage());
        }
        // off the open simplex: −∞ by the documented rule
        assertEquals(
                Double.NEGATIVE_INFINITY,
                rohc(1.0, 0.0, 1.0).logProb(Tensor.of(0.0, 1.0)).item());
        assertEquals(
                Double.NEGATIVE_INFINITY,
                rohc(1.0, 0.0, 1.0).logProb(Tensor.of(0.3, 0.3)).item());
    }
}
