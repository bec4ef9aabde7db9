package org.elbo4j.stan.functions;

import static org.elbo4j.stan.functions.Grad.s;
import static org.elbo4j.stan.functions.Grad.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.ToDoubleFunction;
import org.elbo4j.random.RandomStream;
import org.junit.jupiter.api.Test;

/**
 * _rng functions: the sample mean of N = 20,000 draws (fixed seed) lies within 5 Monte Carlo standard errors
 * (sd/√N, sd the distribution's exact standard deviation) of the exact mean. For one test the false-failure
 * probability is P(|Z| &gt; 5) ≈ 5.7e-7 (the CLT holds well at this N for these light-tailed families), so the
 * whole class fails by chance with probability below 1e-5; a wrong location or scale moves the mean by ≫ 5 SE.
 */
class RngMomentTest {
    private static final int N = 20_000;
    private static final double Z = 5;

    private static void expectMean(String what, double mean, double sd, ToDoubleFunction<RandomStream> draw) {
        RandomStream rng = RandomStream.of(20240611L + what.hashCode());
        double sum = 0;
        for (int i = 0; i < N; i++) sum += draw.applyAsDouble(rng);
        double m = sum / N, se = sd / Math.sqrt(N);
        assertTrue(Math.abs(m - mean) < Z * se, what + ": mean " + m + " vs " + mean + " (SE " + se + ")");
    }

    @Test
    void continuous() {
        expectMean("normal", 1.5, 2, r -> Normals.normalRng(r, s(1.5), s(2)).item());
        expectMean(
                "lognormal",
                Math.exp(0.2 + 0.5 * 0.09),
                Math.sqrt((Math.exp(0.09) - 1) * Math.exp(0.4 + 0.09)),
                r -> Normals.lognormalRng(r, s(0.2), s(0.3)).item());
        expectMean(
                "gamma",
                2.5 / 1.5,
                Math.sqrt(2.5) / 1.5,
                r -> Gammas.gammaRng(r, s(2.5), s(1.5)).item());
        expectMean(
                "inv_gamma",
                2 / (4.0 - 1),
                2 / 3.0 / Math.sqrt(4 - 2.0),
                r -> Gammas.invGammaRng(r, s(4), s(2)).item());
        expectMean(
                "exponential",
                1 / 2.5,
                1 / 2.5,
                r -> Gammas.exponentialRng(r, s(2.5)).item());
        expectMean(
                "beta",
                2 / 5.0,
                Math.sqrt(2 * 3 / (25.0 * 6)),
                r -> Betas.betaRng(r, s(2), s(3)).item());
        expectMean(
                "uniform",
                1,
                3 / Math.sqrt(12),
                r -> Betas.uniformRng(r, s(-0.5), s(2.5)).item());
        expectMean(
                "student_t",
                1,
                Math.sqrt(6 / 4.0) * 2,
                r -> StudentTs.studentTRng(r, s(6), s(1), s(2)).item());
        expectMean(
                "logistic",
                1,
                2 * Math.PI / Math.sqrt(3),
                r -> Logistics.logisticRng(r, s(1), s(2)).item());
        expectMean(
                "double_exponential",
                1,
                2 * Math.sqrt(2),
                r -> Logistics.doubleExponentialRng(r, s(1), s(2)).item());
        expectMean(
                "weibull",
                1.3 * Math.exp(org.elbo4j.math.Special.lgamma(1 + 1 / 2.0)),
                1.3 * Math.sqrt(1 - Math.PI / 4),
                r -> Gammas.weibullRng(r, s(2), s(1.3)).item());
        // the second coordinate of multi_normal: mean 0.4, variance 0.8
        expectMean(
                "multi_normal",
                0.4,
                Math.sqrt(0.8),
                r -> Multivariates.multiNormalRng(r, v(0.1, 0.4), org.elbo4j.tensor.Tensor.of(new double[][] {
                            {1.5, 0.3}, {0.3, 0.8}
                        }))
                        .at(1));
        expectMean(
                "chi_square", 3, Math.sqrt(6), r -> Gammas.chiSquareRng(r, s(3)).item());
        expectMean(
                "inv_chi_square",
                1 / (6 - 2.0),
                Math.sqrt(2 / (16.0 * 2)),
                r -> Gammas.invChiSquareRng(r, s(6)).item());
        expectMean(
                "scaled_inv_chi_square",
                6 * 0.25 / 4,
                6 * 0.25 / 4 * Math.sqrt(2 / 2.0),
                r -> Gammas.scaledInvChiSquareRng(r, s(6), s(0.5)).item());
        expectMean(
                "multi_normal_cholesky",
                0.4,
                Math.hypot(0.3, 0.8),
                r -> Multivariates.multiNormalCholeskyRng(r, v(0.1, 0.4), org.elbo4j.tensor.Tensor.of(new double[][] {
                            {1.5, 0}, {0.3, 0.8}
                        }))
                        .at(1));
        expectMean(
                "dirichlet",
                2 / 6.0,
                Math.sqrt(2 * 4 / (36.0 * 7)),
                r -> Multivariates.dirichletRng(r, v(1, 2, 3)).at(1));
    }

    @Test
    void discrete() {
        expectMean("bernoulli", 0.3, Math.sqrt(0.21), r -> Bernoullis.bernoulliRng(r, s(0.3)));
        expectMean("binomial", 3, Math.sqrt(10 * 0.3 * 0.7), r -> Counts.binomialRng(r, 10, s(0.3)));
        expectMean("poisson_log", Math.exp(1.2), Math.exp(0.6), r -> Counts.poissonLogRng(r, s(1.2)));
        expectMean("poisson", 3.5, Math.sqrt(3.5), r -> Counts.poissonRng(r, s(3.5)));
        expectMean(
                "neg_binomial",
                2.5 / 0.5,
                Math.sqrt(2.5 / 0.5 * (1 + 1 / 0.5)),
                r -> Counts.negBinomialRng(r, s(2.5), s(0.5)));
        expectMean(
                "neg_binomial_2_log",
                4,
                Math.sqrt(4 + 16 / 2.5),
                r -> Counts.negBinomial2LogRng(r, s(Math.log(4)), s(2.5)));
        expectMean(
                "bernoulli_logit", 0.3, Math.sqrt(0.21), r -> Bernoullis.bernoulliLogitRng(r, s(Math.log(0.3 / 0.7))));
        expectMean("neg_binomial_2", 4, Math.sqrt(4 + 16 / 2.5), r -> Counts.negBinomial2Rng(r, s(4), s(2.5)));
        // categorical over {1, 2, 3} with probabilities (0.2, 0.5, 0.3): mean 2.1, variance 4.9·... computed below
        double mean = 0.2 + 1.0 + 0.9, var = 0.2 + 2.0 + 2.7 - mean * mean;
        expectMean("categorical", mean, Math.sqrt(var), r -> Categoricals.categoricalRng(r, v(0.2, 0.5, 0.3)));
        expectMean(
                "categorical_logit",
                mean,
                Math.sqrt(var),
                r -> Categoricals.categoricalLogitRng(r, v(Math.log(0.2), Math.log(0.5), Math.log(0.3))));
        int[] b = Bernoullis.bernoulliRngs(RandomStream.of(1), v(0, 1, 0, 1));
        assertEquals("[0, 1, 0, 1]", java.util.Arrays.toString(b));
    }

    @Test
    void vectorisedRngReturnsOneDrawPerElement() {
        assertEquals(3, Normals.normalRng(RandomStream.of(3), v(0, 1, 2), s(1)).size());
        assertEquals(0, Normals.normalRng(RandomStream.of(3), s(0), s(1)).rank());
    }
}
