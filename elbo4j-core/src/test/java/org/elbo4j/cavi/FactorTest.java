package org.elbo4j.cavi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.elbo4j.random.RandomStream;
import org.junit.jupiter.api.Test;

/**
 * The conjugate exponential-family layer: entropies against SciPy (factor-reference.csv, produced by
 * factor_reference.py beside it), KL(q ‖ q) = 0 (E_q[log q] from {@code expectedLogProb} equals −H[q] from
 * {@code entropy}: two different formulas), expected sufficient statistics and cross-entropies against Monte Carlo,
 * natural-parameter round trips, and the conjugate updates against the natural-parameter sums they stand for.
 *
 * <p>Monte Carlo tolerances are {@value #Z} standard errors over {@value #S} draws (false-failure probability
 * ≈ 6·10⁻⁵ per check under the normal approximation; the seeds are fixed). Exact identities use
 * {@value #EXACT} relative to the size of the terms.
 */
class FactorTest {
    static final double Z = 4;
    static final int S = 20000;
    static final double EXACT = 1e-12;

    private static void assertMc(double expected, RandomStream rng, ToDoubleFunction<RandomStream> f, String what) {
        double sum = 0, sumSq = 0;
        for (int s = 0; s < S; s++) {
            double v = f.applyAsDouble(rng);
            sum += v;
            sumSq += v * v;
        }
        double mean = sum / S, se = Math.sqrt((sumSq / S - mean * mean) / (S - 1));
        assertEquals(expected, mean, Z * se, what + " (Monte Carlo SE " + se + ")");
    }

    private static List<String[]> reference(String kind) throws Exception {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                FactorTest.class.getResourceAsStream("factor-reference.csv"), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#")) continue;
                String[] f = line.split(";");
                if (f[0].equals(kind)) rows.add(f);
            }
        }
        assertTrue(rows.size() >= 2, "reference rows for " + kind);
        return rows;
    }

    private static double[] numbers(String csv) {
        String[] p = csv.split(",");
        double[] v = new double[p.length];
        for (int i = 0; i < p.length; i++) v[i] = Double.parseDouble(p[i]);
        return v;
    }

    private static double[][] square(double[] flat, int off) {
        int d = (int) Math.round(Math.sqrt(flat.length - off));
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) m[i][j] = flat[off + i * d + j];
        return m;
    }

    // ---- entropies against SciPy ----

    @Test
    void entropiesMatchScipy() throws Exception {
        int n = 0;
        for (String[] r : reference("gamma_entropy")) {
            double[] p = numbers(r[1]);
            assertEquals(Double.parseDouble(r[2]), GammaFactor.of(p[0], p[1]).entropy(), 1e-13, "Gamma" + r[1]);
            n++;
        }
        for (String[] r : reference("dirichlet_entropy")) {
            assertEquals(
                    Double.parseDouble(r[2]), DirichletFactor.of(numbers(r[1])).entropy(), 1e-12, "Dirichlet " + r[1]);
            n++;
        }
        for (String[] r : reference("normal_entropy")) {
            double[][] cov = square(numbers(r[1]), 0);
            assertEquals(
                    Double.parseDouble(r[2]),
                    NormalFactor.of(new double[cov.length], cov).entropy(),
                    1e-12,
                    "Normal " + r[1]);
            n++;
        }
        for (String[] r : reference("wishart_entropy")) {
            double[] p = numbers(r[1]);
            double nu = p[0];
            double[][] w = square(p, 1);
            int d = w.length;
            double beta = 2.5;
            NormalWishartFactor q = NormalWishartFactor.of(new double[d], beta, w, nu);
            // H[NW] = H[W] + E_Λ[H[N(m, (βΛ)⁻¹)]] = H[W] + (D/2)(1 + log 2π) − (D/2) log β − ½E[log|Λ|]
            double hNormal =
                    0.5 * d * (1 + Math.log(2 * Math.PI)) - 0.5 * d * Math.log(beta) - 0.5 * q.meanLogDetPrecision();
            assertEquals(Double.parseDouble(r[2]), q.entropy() - hNormal, 1e-12, "Wishart " + r[1]);
            n++;
        }
        assertEquals(10, n, "reference cases run");
    }

    /** The factors agree with the dist package's families where both exist (two independent implementations). */
    @Test
    void agreesWithTheDistributionClasses() {
        double[] alpha = {0.6, 2.0, 4.5};
        DirichletFactor q = DirichletFactor.of(alpha);
        org.elbo4j.distributions.Dirichlet d = org.elbo4j.distributions.Dirichlet.of(alpha);
        assertEquals(d.entropy().item(), q.entropy(), 1e-12);
        double[] pi = {0.2, 0.3, 0.5};
        assertEquals(d.logProb(org.elbo4j.tensor.Tensor.of(pi)).item(), q.logDensity(pi), 1e-12);
        GammaFactor g = GammaFactor.of(2.3, 1.7);
        org.elbo4j.distributions.Gamma dg = org.elbo4j.distributions.Gamma.of(2.3, 1.7);
        assertEquals(dg.entropy().item(), g.entropy(), 1e-13);
        assertEquals(dg.logProb(org.elbo4j.tensor.Tensor.scalar(0.9)).item(), g.logDensity(0.9), 1e-13);
        CategoricalFactor r = CategoricalFactor.fromLogPotentials(new double[] {0.1, -1, 2, 0.5, 0.5, 0.5}, 2, 3);
        double h = 0;
        for (int i = 0; i < 2; i++) {
            h += org.elbo4j.distributions.Categorical.ofProbs(r.prob(i, 0), r.prob(i, 1), r.prob(i, 2))
                    .entropy()
                    .item();
        }
        assertEquals(h, r.entropy(), 1e-12);
    }

    // ---- KL(q ‖ q) = 0 and KL(q ‖ p) > 0 ----

    @Test
    void crossEntropyWithItselfIsMinusTheEntropy() {
        GammaFactor g = GammaFactor.of(3.7, 0.4), g2 = GammaFactor.of(2, 1);
        assertEquals(0, g.kl(g), EXACT * Math.abs(g.entropy()) + 1e-14);
        assertTrue(g.kl(g2) > 0);
        DirichletFactor a = DirichletFactor.of(new double[] {0.3, 0.8, 2.5}), b = DirichletFactor.symmetric(3, 1);
        assertEquals(0, a.kl(a), 1e-12);
        assertTrue(a.kl(b) > 0);
        double[][] cov = {{2.0, 0.3}, {0.3, 0.5}};
        NormalFactor nq = NormalFactor.of(new double[] {1, -1}, cov);
        assertEquals(-nq.entropy(), nq.expectedLogNormal(nq.mean(), Dense.inverse(cov, "S")), 1e-12);
        double[][] w = {{1.0, 0.2, 0.1}, {0.2, 0.8, -0.3}, {0.1, -0.3, 1.5}};
        NormalWishartFactor q = NormalWishartFactor.of(new double[] {1, 2, 3}, 0.7, w, 5.5);
        NormalWishartFactor p = NormalWishartFactor.of(new double[] {0, 0, 0}, 0.1, Dense.scaledIdentity(3, 0.3), 3);
        assertEquals(0, q.kl(q), 1e-11);
        assertTrue(q.kl(p) > 0);
    }

    // ---- expected statistics and cross-entropies by Monte Carlo ----

    @Test
    void gammaExpectationsMatchMonteCarlo() {
        GammaFactor q = GammaFactor.of(2.3, 1.7), p = GammaFactor.of(1.2, 0.4);
        assertMc(q.mean(), RandomStream.of(1), q::sample, "E[tau]");
        assertMc(q.meanLog(), RandomStream.of(2), r -> Math.log(q.sample(r)), "E[log tau]");
        assertMc(q.expectedLogProb(p), RandomStream.of(3), r -> p.logDensity(q.sample(r)), "E_q[log p]");
        assertMc(q.entropy(), RandomStream.of(4), r -> -q.logDensity(q.sample(r)), "H[q]");
    }

    @Test
    void dirichletExpectationsMatchMonteCarlo() {
        DirichletFactor q = DirichletFactor.of(new double[] {0.6, 2.0, 4.5}),
                p = DirichletFactor.of(new double[] {1.5, 0.5, 2});
        double[] el = q.meanLog();
        for (int k = 0; k < 3; k++) {
            int kk = k;
            assertMc(el[k], RandomStream.of(10 + k), r -> Math.log(q.sample(r)[kk]), "E[log pi_" + k + "]");
        }
        assertMc(
                q.expectedLogProb(p),
                RandomStream.of(14),
                r -> CaviElboMonteCarloTest.logDirichlet(q.sample(r), p.concentration()),
                "E_q[log Dir(alpha0)]");
        assertArrayEquals(new double[] {0.6 / 7.1, 2.0 / 7.1, 4.5 / 7.1}, q.mean(), 1e-15);
    }

    @Test
    void normalWishartExpectationsMatchMonteCarlo() {
        double[][] w = {{0.8, 0.2}, {0.2, 0.5}};
        NormalWishartFactor q = NormalWishartFactor.of(new double[] {1, -2}, 0.6, w, 4.2);
        NormalWishartFactor p = NormalWishartFactor.of(new double[] {0, 0}, 0.2, Dense.scaledIdentity(2, 0.4), 2.5);
        double[] x = {0.5, 0.5};
        double[][] eLam = q.meanPrecision();
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j <= i; j++) {
                int ii = i, jj = j;
                assertMc(
                        eLam[i][j],
                        RandomStream.of(20 + 2 * i + j),
                        r -> q.sample(r).precision()[ii][jj],
                        "E[Lambda]" + i + j);
            }
        }
        assertMc(
                q.meanLogDetPrecision(),
                RandomStream.of(30),
                r -> Dense.logDet(q.sample(r).precision(), "L"),
                "E[log|Lambda|]");
        assertMc(
                q.expectedMahalanobis(x),
                RandomStream.of(31),
                r -> {
                    NormalWishartFactor.Draw d = q.sample(r);
                    return Dense.quadForm(x, d.mean(), d.precision());
                },
                "E[(x-mu)'Lambda(x-mu)]");
        assertMc(
                q.expectedLogLikelihood(x),
                RandomStream.of(32),
                r -> {
                    NormalWishartFactor.Draw d = q.sample(r);
                    return CaviElboMonteCarloTest.logNormalPrecision(x, d.mean(), d.precision());
                },
                "E[log N(x | mu, Lambda^-1)]");
        assertMc(
                q.expectedLogProb(p),
                RandomStream.of(33),
                r -> {
                    NormalWishartFactor.Draw d = q.sample(r);
                    return CaviElboMonteCarloTest.logNormalPrecision(
                                    d.mean(), p.loc(), CaviElboMonteCarloTest.scale(d.precision(), p.beta()))
                            + CaviElboMonteCarloTest.logWishart(d.precision(), p.scale(), p.df());
                },
                "E_q[log NW(prior)]");
        assertMc(
                q.entropy(),
                RandomStream.of(34),
                r -> {
                    NormalWishartFactor.Draw d = q.sample(r);
                    return -q.logDensity(d.mean(), d.precision());
                },
                "H[NW]");
    }

    /** Cov[μ] = W⁻¹/(β(ν − D − 1)); ν = 12 so that the t marginal has a finite fourth moment (a finite MC SE). */
    @Test
    void normalWishartLocCovarianceMatchesMonteCarlo() {
        NormalWishartFactor q =
                NormalWishartFactor.of(new double[] {1, -2}, 0.6, new double[][] {{0.8, 0.2}, {0.2, 0.5}}, 12);
        double[][] c = q.locCovariance();
        assertMc(c[0][0], RandomStream.of(35), r -> Math.pow(q.sample(r).mean()[0] - 1, 2), "Var[mu0]");
        assertMc(
                c[0][1],
                RandomStream.of(36),
                r -> {
                    double[] mu = q.sample(r).mean();
                    return (mu[0] - 1) * (mu[1] + 2);
                },
                "Cov[mu0, mu1]");
        assertThrows(
                IllegalStateException.class,
                () -> NormalWishartFactor.of(new double[] {0, 0}, 1, Dense.scaledIdentity(2, 1), 3)
                        .locCovariance());
    }

    @Test
    void normalExpectationsMatchMonteCarlo() {
        double[][] cov = {{1.0, 0.2, 0.1}, {0.2, 0.8, -0.3}, {0.1, -0.3, 1.5}};
        NormalFactor q = NormalFactor.of(new double[] {1, 0, -1}, cov);
        double[][] second = q.secondMoment();
        assertMc(
                second[0][2],
                RandomStream.of(40),
                r -> {
                    double[] w = q.sample(r);
                    return w[0] * w[2];
                },
                "E[w0 w2]");
        double[] a = {0.3, 0.3, 0.3};
        double[][] prec = {{2, 0.5, 0}, {0.5, 1, 0}, {0, 0, 0.5}};
        assertMc(
                q.expectedLogNormal(a, prec),
                RandomStream.of(41),
                r -> CaviElboMonteCarloTest.logNormalPrecision(q.sample(r), a, prec),
                "E_q[log N(a, P^-1)]");
        assertMc(q.entropy(), RandomStream.of(42), r -> -q.logDensity(q.sample(r)), "H[N]");
    }

    // ---- natural parameters and conjugate updates ----

    @Test
    void naturalParametersRoundTrip() {
        GammaFactor g = GammaFactor.of(3.25, 0.5);
        GammaFactor back = GammaFactor.fromNatural(g.naturalShape(), g.naturalRate());
        assertEquals(g.concentration(), back.concentration(), 0.0);
        assertEquals(g.rate(), back.rate(), 0.0);
        double[][] lam = {{2, 0.5}, {0.5, 1}};
        double[] m = {1.5, -0.5};
        NormalFactor n = NormalFactor.fromInformation(Dense.times(lam, m), lam);
        assertArrayEquals(m, n.mean(), 1e-14);
        double[][] cov = n.covariance(), id = Dense.times(cov, lam);
        for (int i = 0; i < 2; i++) assertArrayEquals(Dense.scaledIdentity(2, 1)[i], id[i], 1e-14);
    }

    /** The centred Normal–Wishart update equals the natural-parameter sum (β, βm, W⁻¹ + βmmᵀ, ν) + (N, Σrx, Σrxxᵀ, N). */
    @Test
    void normalWishartUpdateIsTheNaturalParameterSum() {
        NormalWishartFactor prior =
                NormalWishartFactor.of(new double[] {0.5, -1}, 0.3, new double[][] {{0.5, 0.1}, {0.1, 0.7}}, 2.5);
        double[][] x = Fixtures.overlapping(40, 7).points();
        RandomStream rng = RandomStream.of(8);
        double[] r = new double[x.length];
        double nk = 0;
        double[] sx = new double[2];
        double[][] sxx = new double[2][2];
        for (int i = 0; i < x.length; i++) {
            r[i] = rng.nextDouble();
            nk += r[i];
            for (int a = 0; a < 2; a++) {
                sx[a] += r[i] * x[i][a];
                for (int b = 0; b < 2; b++) sxx[a][b] += r[i] * x[i][a] * x[i][b];
            }
        }
        double[] xbar = {sx[0] / nk, sx[1] / nk};
        double[][] scatter = new double[2][2];
        for (int a = 0; a < 2; a++) for (int b = 0; b < 2; b++) scatter[a][b] = sxx[a][b] - nk * xbar[a] * xbar[b];
        NormalWishartFactor q = NormalWishartFactor.posterior(prior, nk, xbar, scatter);
        double beta = prior.beta() + nk;
        assertEquals(beta, q.beta(), 1e-12);
        assertEquals(prior.df() + nk, q.df(), 1e-12);
        double[] m0 = prior.loc(), m = q.loc();
        double[][] w0inv = Dense.inverse(prior.scale(), "W0"), winv = Dense.inverse(q.scale(), "W");
        for (int a = 0; a < 2; a++) {
            assertEquals(prior.beta() * m0[a] + sx[a], beta * m[a], 1e-10, "beta m");
            for (int b = 0; b < 2; b++) {
                assertEquals(
                        w0inv[a][b] + prior.beta() * m0[a] * m0[b] + sxx[a][b],
                        winv[a][b] + beta * m[a] * m[b],
                        1e-9 * (1 + Math.abs(sxx[a][b])),
                        "W^-1 + beta m m'");
            }
        }
        assertTrue(NormalWishartFactor.posterior(prior, 0, xbar, scatter) == prior, "no data, no change");
        assertArrayEquals(
                new double[] {1.5, 3.0, 1.0},
                DirichletFactor.posterior(DirichletFactor.symmetric(3, 1), new double[] {0.5, 2, 0})
                        .concentration(),
                0.0);
    }

    @Test
    void categoricalRowsAreNormalisedAndShiftInvariant() {
        double[] logRho = {0, 1, 2, -3, Double.NEGATIVE_INFINITY, -3};
        CategoricalFactor r = CategoricalFactor.fromLogPotentials(logRho, 2, 3);
        double[] shifted = logRho.clone();
        for (int i = 0; i < 3; i++) shifted[i] += 700; // exp would overflow without log-sum-exp
        CategoricalFactor r2 = CategoricalFactor.fromLogPotentials(shifted, 2, 3);
        assertArrayEquals(r.probs(), r2.probs(), 1e-12); // 700 + x keeps x to ~1e-13 absolute
        assertEquals(1.0, r.prob(0, 0) + r.prob(0, 1) + r.prob(0, 2), 1e-15);
        assertEquals(0.0, r.prob(1, 1), 0.0);
        assertEquals(0.5, r.prob(1, 0), 1e-15);
        double h0 = 0;
        for (int j = 0; j < 3; j++) h0 -= r.prob(0, j) * Math.log(r.prob(0, j));
        assertEquals(h0 + Math.log(2), r.entropy(), 1e-14);
        assertArrayEquals(new double[] {r.prob(0, 0) + 0.5, r.prob(0, 1), r.prob(0, 2) + 0.5}, r.counts(), 1e-15);
        assertArrayEquals(new int[] {2, 0}, r.argmax());
        assertEquals(0.0, CategoricalFactor.oneHot(new int[] {0, 2, 1}, 3).entropy(), 0.0);
    }

    @Test
    void badParametersNameWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GammaFactor.of(0, 1))
                .getMessage()
                .contains("concentration"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GammaFactor.of(1, Double.NaN))
                .getMessage()
                .contains("rate"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DirichletFactor.of(new double[] {1, -1}))
                .getMessage()
                .contains("concentration[2]"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> NormalFactor.of(new double[] {0, 0}, new double[][] {{1, 2}, {2, 1}}))
                .getMessage()
                .contains("positive definite"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> NormalWishartFactor.of(new double[] {0, 0}, 1, Dense.scaledIdentity(2, 1), 0.5))
                .getMessage()
                .contains("degrees of freedom"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> CategoricalFactor.fromLogPotentials(new double[] {0, Double.NaN}, 1, 2))
                .getMessage()
                .contains("[1,2]"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> CategoricalFactor.fromLogPotentials(
                                new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}, 1, 2))
                .getMessage()
                .contains("row 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NormalGamma.isotropic(2, -1, 1, 1))
                .getMessage()
                .contains("precision"));
    }
}
