package org.elbo4j.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.numbers.gamma.LogBeta;
import org.apache.commons.numbers.gamma.RegularizedBeta;
import org.elbo4j.autodiff.GradCheck;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraints;
import org.elbo4j.transform.CorrCholeskyTransform;
import org.junit.jupiter.api.Test;

class LKJCholeskyTest {
    /**
     * Kolmogorov–Smirnov critical value for √n·D at level 1e-3: P(K > 1.949) = 2Σ(−1)^{j−1}e^{−2j²·1.949²} ≈ 1.0e-3.
     * With 13 KS tests below, the chance that a correct sampler fails one is ≤ 1.3% per seed (here the seeds are
     * fixed, so the outcome is deterministic); a sampler off by half a step in one Beta parameter moves D by
     * ≈ 0.03, above the critical 1.949/√20000 = 0.0138.
     */
    private static final double KS_CRITICAL = 1.949;

    private static final int DRAWS = 20_000;

    // ------------------------------------------------------------------ density

    @Test
    void logProbMatchesPyTorch() throws IOException {
        int checked = 0;
        try (var in = getClass().getResourceAsStream("lkj_cholesky_torch.txt");
                var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#") || line.isBlank()) continue;
                double[] v = Arrays.stream(line.trim().split("\\s+"))
                        .mapToDouble(Double::parseDouble)
                        .toArray();
                int dim = (int) v[0];
                Tensor l = Tensor.of(Arrays.copyOfRange(v, 3, 3 + dim * dim), dim, dim);
                double got = LKJCholesky.of(dim, v[1]).logProb(l).item();
                // torch evaluates the same sums in a different order: agreement to 1e-12 relative.
                assertEquals(v[2], got, 1e-12 * Math.max(1, Math.abs(v[2])), "dim " + dim + ", concentration " + v[1]);
                checked++;
            }
        }
        assertEquals(20, checked);
    }

    @Test
    void dimensionTwoIsTheSymmetricBetaOfTheCorrelation() {
        // K = 2: L = [[1, 0], [r, √(1 − r²)]], p(r) = (1 − r²)^{η−1} / B(1/2, η).
        int checked = 0;
        for (double eta : new double[] {0.3, 1, 2.5, 40}) {
            for (double r : new double[] {-0.999, -0.5, 0, 0.2, 0.9}) {
                Tensor l = Tensor.of(new double[][] {{1, 0}, {r, Math.sqrt(1 - r * r)}});
                double want = (eta - 1) * Math.log1p(-r * r) - LogBeta.value(0.5, eta);
                assertEquals(want, LKJCholesky.of(2, eta).logProb(l).item(), 1e-12 * Math.max(1, Math.abs(want)));
                checked++;
            }
        }
        assertEquals(20, checked);
    }

    @Test
    void dimensionTwoIntegratesToOne() {
        // ∫_{−1}^{1} p(r) dr with r = sin θ: the integrand p(sin θ)·cos θ = cos^{2η−1}θ / B(½, η) is smooth on
        // [−π/2, π/2] for these η (2η − 1 a non-negative integer), so composite Simpson with 2,000 panels is
        // accurate to ~1e-13.
        for (double eta : new double[] {0.5, 1, 1.5, 2.5, 10}) {
            LKJCholesky d = LKJCholesky.of(2, eta);
            int n = 2000;
            double h = Math.PI / n, s = 0;
            for (int i = 0; i <= n; i++) {
                double th = -Math.PI / 2 + i * h, c = Math.cos(th), r = Math.sin(th);
                double f = c <= 1e-300
                        ? (eta == 0.5 ? Math.exp(-LogBeta.value(0.5, 0.5)) : 0)
                        : Math.exp(d.logProb(Tensor.of(new double[][] {{1, 0}, {r, c}}))
                                        .item())
                                * c;
                s += f * (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2);
            }
            assertEquals(1, s * h / 3, 1e-10, "concentration " + eta);
        }
    }

    @Test
    void dimensionThreeIntegratesToOneOverTheUnconstrainedSpace() {
        // ∫_{ℝ³} p(T(x))·|det J_T(x)| dx = 1 for T = CorrCholeskyTransform: checks the normalizer and the transform's
        // log|J| together. The integrand is smooth and decays like e^{−2η|x|}, so the trapezoid rule on [−14, 14]³
        // converges geometrically in 1/h: with this same sum, 71 points per axis (h = 0.4) missed 1 by 4e-8 (η = 1)
        // and 1.2e-6 (η = 2); 101 points (h = 0.28), used here, by 1e-12 and 1.2e-10. Tolerance 1e-8.
        CorrCholeskyTransform t = CorrCholeskyTransform.INSTANCE;
        for (double eta : new double[] {1, 2}) {
            LKJCholesky d = LKJCholesky.of(3, eta);
            int n = 101;
            double h = 28.0 / (n - 1), total = 0;
            double[] grid = new double[n * n * 3];
            for (int a = 0; a < n; a++) {
                int q = 0;
                for (int b = 0; b < n; b++) {
                    for (int c = 0; c < n; c++) {
                        grid[q++] = -14 + a * h;
                        grid[q++] = -14 + b * h;
                        grid[q++] = -14 + c * h;
                    }
                }
                Tensor x = Tensor.of(grid, n * n, 3);
                Tensor y = t.forward(x);
                Tensor f = d.logProb(y).add(t.logAbsDetJacobian(x, y)).exp();
                total += f.sum().item();
            }
            assertEquals(1, total * h * h * h, 1e-8, "concentration " + eta);
        }
    }

    @Test
    void normalizerEqualsLewandowskiKurowickaJoe() {
        // c_K from the onion construction (LKJ 2009, with the multivariate gamma, as torch writes it):
        // log c = (K−1)/2·log π + Γ_{K−1}(α − ½) − (K−1)·lgamma(α), α = η + (K−1)/2,
        // log Γ_p(a) = p(p−1)/4·log π + Σ_{j=1}^{p} lgamma(a + (1 − j)/2).
        int checked = 0;
        for (int k = 2; k <= 8; k++) {
            for (double eta : new double[] {0.1, 0.5, 1, 3.3, 50}) {
                int p = k - 1;
                double alpha = eta + 0.5 * p, mvl = p * (p - 1) / 4.0 * Math.log(Math.PI);
                for (int j = 1; j <= p; j++)
                    mvl += org.apache.commons.numbers.gamma.LogGamma.value(alpha - 0.5 + (1 - j) / 2.0);
                double want =
                        0.5 * p * Math.log(Math.PI) + mvl - p * org.apache.commons.numbers.gamma.LogGamma.value(alpha);
                double got = LKJCholesky.of(k, eta).logNormalizer().item();
                assertEquals(want, got, 1e-11 * Math.max(1, Math.abs(want)), "K = " + k + ", concentration " + eta);
                checked++;
            }
        }
        assertEquals(35, checked);
    }

    @Test
    void outsideTheSupportIsMinusInfinity() {
        LKJCholesky d = LKJCholesky.of(2, 1.5);
        Tensor bad = Tensor.of(new double[] {1, 0, 0.5, 0.5, 1, 0, 0.6, 0.8}, 2, 2, 2); // rows of norm ≠ 1, then valid
        Tensor lp = d.logProb(bad);
        assertEquals(Double.NEGATIVE_INFINITY, lp.at(0));
        assertEquals(Math.log(0.8) - LogBeta.value(0.5, 1.5), lp.at(1), 1e-14);
    }

    @Test
    void gradientsWithRespectToConcentrationAndUnconstrainedValue() {
        // The ADVI use: the model's logProb of L = T(x) for a guide draw x, differentiated in x and in η.
        Tensor x = Tensor.of(new double[] {0.3, -1.2, 0.8, 0.1, -0.4, 2.0, 0.5, -0.7, 0.2, 1.1, -0.3, 0.6}, 2, 6);
        Tensor eta = Tensor.of(0.7, 2.5);
        var r = GradCheck.compare(
                List.of(x, eta),
                p -> LKJCholesky.of(4, p.get(1))
                        .logProb(CorrCholeskyTransform.INSTANCE.forward(p.get(0)))
                        .sum(),
                1e-6);
        assertTrue(r.error() < 1e-6, r.toString());
        assertEquals(14, r.checked());
    }

    // ------------------------------------------------------------------ sampler

    @Test
    void samplesHaveTheRightShapeAndLieInTheSupport() {
        LKJCholesky d = LKJCholesky.of(4, Tensor.of(0.05, 1, 30));
        Tensor s = d.sample(RandomStream.of(5), Shape.of(50));
        assertEquals(Shape.of(50, 3, 4, 4), s.shape());
        assertTrue(Constraints.CORRELATION_CHOLESKY.contains(s));
        assertFalse(d.hasRsample());
        assertThrows(UnsupportedOperationException.class, () -> d.rsample(RandomStream.of(1)));
        assertEquals(Shape.of(3), d.logProb(s).shape().dropFirst(1));
    }

    @Test
    void offDiagonalCorrelationsHaveTheBetaMarginal() {
        // (r + 1)/2 ~ Beta(η − 1 + K/2, η − 1 + K/2) for every off-diagonal r of L·Lᵀ.
        int tests = 0;
        tests += marginals(4, Tensor.scalar(2.0), 0, new int[][] {{1, 0}, {3, 0}, {3, 2}, {2, 1}}, 11);
        // A batch of two concentrations, K = 3: β = η + ½ = 1 (uniform r) and 3.
        tests += marginals(3, Tensor.of(0.5, 2.5), 0, new int[][] {{1, 0}, {2, 1}}, 12);
        tests += marginals(3, Tensor.of(0.5, 2.5), 1, new int[][] {{2, 0}, {2, 1}}, 12);
        assertEquals(8, tests);
    }

    private static int marginals(int k, Tensor eta, int batchIndex, int[][] entries, long seed) {
        LKJCholesky d = LKJCholesky.of(k, eta);
        Tensor s = d.sample(RandomStream.of(seed), Shape.of(DRAWS));
        int nb = eta.size(), kk = k * k;
        double beta = eta.at(batchIndex) - 1 + k / 2.0;
        for (int[] e : entries) {
            double[] r = new double[DRAWS];
            for (int n = 0; n < DRAWS; n++) {
                int o = (n * nb + batchIndex) * kk;
                double c = 0;
                for (int j = 0; j < k; j++) c += s.at(o + e[0] * k + j) * s.at(o + e[1] * k + j);
                r[n] = c;
            }
            assertKs(
                    r,
                    v -> RegularizedBeta.value((v + 1) / 2, beta, beta),
                    "K = " + k + ", η = " + eta.at(batchIndex) + ", entry " + Arrays.toString(e));
        }
        return entries.length;
    }

    @Test
    void partialCorrelationsAreIndependentBetasByColumn() {
        // The C-vine view: z_ik = tanh(CorrCholeskyTransform.inverse(L)) has (1 + z)/2 ~ Beta(b_k, b_k) with
        // b_k = η + (K − 2 − k)/2 — a different law per column, so this checks the onion sampler's joint law,
        // not only its marginals. Also checks that z_10 and z_21 are uncorrelated (|corr| < 4/√n, 4 sd).
        int k = 4;
        double eta = 1.5;
        Tensor s = LKJCholesky.of(k, eta).sample(RandomStream.of(13), Shape.of(DRAWS));
        Tensor z = CorrCholeskyTransform.INSTANCE
                .inverse(s)
                .tanh(); // [DRAWS, 6], entries (1,0),(2,0),(2,1),(3,0),(3,1),(3,2)
        int[] column = {0, 0, 1, 0, 1, 2};
        for (int p = 0; p < 6; p++) {
            double b = eta + (k - 2 - column[p]) / 2.0;
            double[] v = new double[DRAWS];
            for (int n = 0; n < DRAWS; n++) v[n] = z.at(n * 6 + p);
            assertKs(
                    v,
                    x -> RegularizedBeta.value((x + 1) / 2, b, b),
                    "partial correlation " + p + " (column " + column[p] + ")");
        }
        double sxy = 0, sxx = 0, syy = 0;
        for (int n = 0; n < DRAWS; n++) {
            double a = z.at(n * 6), c = z.at(n * 6 + 2);
            sxy += a * c;
            sxx += a * a;
            syy += c * c;
        }
        assertTrue(Math.abs(sxy / Math.sqrt(sxx * syy)) < 4 / Math.sqrt(DRAWS), "z_10 and z_21 correlate");
    }

    @Test
    void gammaSamplerMatchesItsLaw() {
        // The private Marsaglia–Tsang sampler, below and above shape 1.
        for (double a : new double[] {0.3, 1, 4.5}) {
            RandomStream rng = RandomStream.of(7);
            double[] g = new double[DRAWS];
            for (int i = 0; i < DRAWS; i++) g[i] = Math.exp(LKJCholesky.logStandardGamma(a, rng));
            assertKs(
                    g,
                    x -> x <= 0 ? 0 : org.apache.commons.numbers.gamma.RegularizedGamma.P.value(a, x),
                    "Gamma(" + a + ")");
        }
    }

    private static void assertKs(double[] draws, DoubleUnaryOperator cdf, String what) {
        double[] x = draws.clone();
        Arrays.sort(x);
        int n = x.length;
        double dmax = 0;
        for (int i = 0; i < n; i++) {
            double f = cdf.applyAsDouble(x[i]);
            dmax = Math.max(dmax, Math.max(f - (double) i / n, (double) (i + 1) / n - f));
        }
        assertTrue(Math.sqrt(n) * dmax < KS_CRITICAL, what + ": KS statistic √n·D = " + Math.sqrt(n) * dmax);
    }

    // ------------------------------------------------------------------ bad input

    @Test
    void badInputIsRejectedByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> LKJCholesky.of(1, 1.0));
        assertTrue(e.getMessage().contains("LKJCholesky") && e.getMessage().contains("dim"), e.getMessage());
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            var f = assertThrows(IllegalArgumentException.class, () -> LKJCholesky.of(3, bad));
            assertTrue(
                    f.getMessage().contains("concentration") && f.getMessage().contains(String.valueOf(bad)),
                    f.getMessage());
        }
        LKJCholesky d = LKJCholesky.of(3, 1.0);
        var g = assertThrows(IllegalArgumentException.class, () -> d.logProb(Tensor.eye(2)));
        assertTrue(g.getMessage().contains("LKJCholesky") && g.getMessage().contains("[2, 2]"), g.getMessage());
        Tensor nan = Tensor.of(new double[] {1, 0, 0, Double.NaN, 1, 0, 0, 0, 1}, 3, 3);
        assertThrows(IllegalArgumentException.class, () -> d.logProb(nan));
    }
}
