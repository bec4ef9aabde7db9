package org.elbo4j.discrete;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import org.elbo4j.cavi.Cavi;
import org.elbo4j.cavi.CaviFit;
import org.elbo4j.cavi.SyntheticData;
import org.elbo4j.cavi.UnitVarianceMixture;
import org.elbo4j.distributions.Categorical;
import org.elbo4j.distributions.Normal;
import org.elbo4j.infer.Elbo;
import org.elbo4j.infer.Fit;
import org.elbo4j.infer.Model;
import org.elbo4j.infer.ParamBinder;
import org.elbo4j.infer.Plate;
import org.elbo4j.infer.Stop;
import org.elbo4j.infer.Svi;
import org.elbo4j.infer.Vindex;
import org.elbo4j.optim.Adam;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.testkit.TestReports;
import org.elbo4j.transform.Constraints;
import org.junit.jupiter.api.Test;

/**
 * Written as a user would, from outside the {@code infer} package. The Bayesian mixture of unit-variance Gaussians of Blei et al. (2017) — μ_k ~ N(0, σ²), c_i ~ Cat(1/K),
 * x_i ~ N(μ_{c_i}, 1) — with K = 3 and 1,000 points, fitted by SVI with c enumerated and the guide q(μ) = Π_k N(m_k,
 * s_k²), against CAVI ({@link UnitVarianceMixture}) under q(c) q(μ). Enumeration sums c out exactly, so its optimum
 * ELBO is at least CAVI's (same q(μ) family, exact q(c | μ) in place of a mean-field q(c)).
 */
class MixtureEnumerationTest {
    static final int K = 3, N = 1000;
    static final double PRIOR_SD = 10;

    static double[] data() {
        SyntheticData.Mixture m = SyntheticData.mixture(
                N,
                new double[] {0.3, 0.45, 0.25},
                new double[][] {{-4}, {0}, {5}},
                new double[][][] {{{1}}, {{1}}, {{1}}},
                RandomStream.of(7));
        double[] x = new double[N];
        for (int i = 0; i < N; i++) x[i] = m.points()[i][0];
        return x;
    }

    static Model model(double[] x) {
        Tensor data = Tensor.of(x);
        double[] uniform = {1.0 / K, 1.0 / K, 1.0 / K};
        return s -> {
            Tensor locs;
            try (Plate comps = s.plate("components", K)) {
                locs = s.sample("locs", Normal.of(Tensor.zeros(K), Tensor.full(PRIOR_SD, K)));
            }
            try (Plate p = s.plate("data", N)) {
                Tensor c = s.enumerate("c", Categorical.ofProbs(uniform));
                s.observe("x", Normal.of(Vindex.rows(locs, c), Tensor.scalar(1.0)), data);
            }
        };
    }

    /** q(μ_k) = N(m_k, s_k²), m initialised at the data's 1/6, 1/2 and 5/6 quantiles (as k-means would start). */
    static Model guide(double[] x) {
        double[] sorted = x.clone();
        java.util.Arrays.sort(sorted);
        Tensor init = Tensor.of(sorted[N / 6], sorted[N / 2], sorted[5 * N / 6]);
        return s -> {
            Tensor m = s.param("locs_loc", init);
            Tensor sd = s.param("locs_scale", Tensor.full(0.1, K), Constraints.POSITIVE);
            try (Plate comps = s.plate("components", K)) {
                s.sample("locs", Normal.of(m, sd));
            }
        };
    }

    /**
     * The SVI ELBO (mean of 2,000 draws; its standard error is printed, about 0.01) is within 0.5 nats of CAVI's
     * optimum and not below it by more than 4 standard errors.
     */
    @Test
    void sviWithEnumerationMatchesCavi() {
        double[] x = data();
        double[][] pts = new double[N][];
        for (int i = 0; i < N; i++) pts[i] = new double[] {x[i]};
        CaviFit<UnitVarianceMixture> cavi = Cavi.defaults()
                .restarts(5)
                .seed(1)
                .run(rng -> UnitVarianceMixture.init(pts, K, new double[1], PRIOR_SD, rng));
        Model model = model(x), guide = guide(x);
        Fit fit = Svi.of(model, guide)
                .estimator(Elbo.traceEnum(1))
                .optimizer(Adam.of(0.05))
                .seed(3)
                .run(Stop.after(STEPS).evaluateEvery(STEPS, 1));
        double[] e = elbo(model, guide, fit, 2000, 9);
        TestReports.write(
                getClass(),
                String.format(
                        "GMM K=3 N=1000: CAVI ELBO %.4f; SVI with enumeration (%d Adam steps) ELBO %.4f ± %.4f,"
                                + " difference %.4f nats; %.2f ms per step",
                        cavi.elbo(), STEPS, e[0], e[1], e[0] - cavi.elbo(), 1e3 * fit.seconds() / fit.steps()));
        assertTrue(Math.abs(e[0] - cavi.elbo()) < 0.5, "SVI " + e[0] + " vs CAVI " + cavi.elbo());
        assertTrue(e[0] > cavi.elbo() - 4 * e[1] - 1e-9, "below CAVI by more than Monte Carlo error");
    }

    static final int STEPS = 1500;

    /** The ELBO at the fit's parameters: mean and standard error of {@code n} one-draw estimates, public API only. */
    static double[] elbo(Model model, Model guide, Fit fit, int n, long seed) {
        RandomStream rng = RandomStream.of(seed);
        ParamBinder b = new ParamBinder(fit.params(), null, new HashMap<>());
        double sum = 0, sq = 0;
        for (int i = 0; i < n; i++) {
            double w = Elbo.traceEnum(1).estimate(model, guide, b, rng).elbo();
            sum += w;
            sq += w * w;
        }
        double mean = sum / n, var = (sq - n * mean * mean) / (n - 1);
        return new double[] {mean, Math.sqrt(Math.max(var, 0) / n)};
    }
}
