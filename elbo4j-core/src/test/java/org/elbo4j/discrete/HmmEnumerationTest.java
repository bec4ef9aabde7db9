package org.elbo4j.discrete;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import org.elbo4j.distributions.Categorical;
import org.elbo4j.distributions.Normal;
import org.elbo4j.infer.Elbo;
import org.elbo4j.infer.Estimate;
import org.elbo4j.infer.Fit;
import org.elbo4j.infer.Model;
import org.elbo4j.infer.ParamBinder;
import org.elbo4j.infer.Stop;
import org.elbo4j.infer.Svi;
import org.elbo4j.infer.Vindex;
import org.elbo4j.optim.Adam;
import org.elbo4j.optim.ParamStore;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.testkit.TestReports;
import org.junit.jupiter.api.Test;

/**
 * Written as a user would, from outside the {@code infer} package. A hidden Markov model with 3 states and 500 steps, its states enumerated in {@code Sites.markov}: the enumerated
 * ELBO is the forward algorithm's log-likelihood, and SVI on it reaches the Baum–Welch (EM) optimum.
 *
 * <p>Model: z_0 ~ Cat(softmax(a)), z_t | z_{t−1} ~ Cat(softmax(B[z_{t−1}])), y_t ~ N(μ_{z_t}, 1), with a, B and μ
 * point parameters and an empty guide, so the ELBO is log p(y; θ) exactly (no Monte Carlo error).
 */
class HmmEnumerationTest {
    static final int K = 3, T = 500;
    static final double[] TRUE_LOCS = {-2, 0, 2.5};
    static final double STAY = 0.9;
    static final double[] Y = simulate();

    static double[] simulate() {
        RandomStream r = RandomStream.of(2026);
        double[] y = new double[T];
        int z = 0;
        for (int t = 0; t < T; t++) {
            if (t > 0 && r.nextDouble() >= STAY) z = (z + 1 + (r.nextDouble() < 0.5 ? 0 : 1)) % K;
            y[t] = TRUE_LOCS[z] + r.nextGaussian();
        }
        return y;
    }

    /** The HMM of {@code y}; parameters {@code init_logits} [K], {@code trans_logits} [K, K], {@code locs} [K]. */
    static Model hmm(double[] y) {
        Tensor data = Tensor.of(y);
        return s -> {
            Tensor init = s.param("init_logits", Tensor.zeros(K));
            Tensor trans = s.param("trans_logits", Tensor.of(new double[][] {{2, 0, 0}, {0, 2, 0}, {0, 0, 2}}));
            Tensor locs = s.param("locs", Tensor.of(-1.0, 0.0, 1.0));
            Tensor z = null;
            for (int t : s.markov(y.length)) {
                Tensor logits = t == 0 ? init : Vindex.rows(trans, z);
                z = s.enumerate("z_" + t, Categorical.ofLogits(logits));
                s.observe("y_" + t, Normal.of(Vindex.rows(locs, z), Tensor.scalar(1.0)), data.index(t));
            }
        };
    }

    static final Model EMPTY_GUIDE = s -> {};
    static final int STEPS = 150;

    /** The forward algorithm in plain arrays (scaled, log of the scales summed). */
    static double forwardLogLikelihood(double[] pi, double[][] a, double[] locs, double[] y) {
        double[] alpha = new double[K];
        double ll = 0;
        for (int t = 0; t < y.length; t++) {
            double[] next = new double[K];
            double c = 0;
            for (int j = 0; j < K; j++) {
                double prior = 0;
                if (t == 0) prior = pi[j];
                else for (int i = 0; i < K; i++) prior += alpha[i] * a[i][j];
                next[j] = prior * Math.exp(-0.5 * Math.log(2 * Math.PI) - 0.5 * Math.pow(y[t] - locs[j], 2));
                c += next[j];
            }
            for (int j = 0; j < K; j++) next[j] /= c;
            alpha = next;
            ll += Math.log(c);
        }
        return ll;
    }

    static double[] softmax(double[] l) {
        double m = Double.NEGATIVE_INFINITY, s = 0;
        for (double v : l) m = Math.max(m, v);
        double[] p = new double[l.length];
        for (int i = 0; i < l.length; i++) s += p[i] = Math.exp(l[i] - m);
        for (int i = 0; i < l.length; i++) p[i] /= s;
        return p;
    }

    static double logLikelihoodAt(ParamStore p) {
        double[] init = softmax(p.get("init_logits").toArray());
        double[][] tl = p.get("trans_logits").toMatrix();
        double[][] a = new double[K][];
        for (int i = 0; i < K; i++) a[i] = softmax(tl[i]);
        return forwardLogLikelihood(init, a, p.get("locs").toArray(), Y);
    }

    /** The enumerated ELBO equals the forward algorithm to rounding (500 steps: 1e-9 relative). */
    @Test
    void enumeratedElboIsTheForwardAlgorithm() {
        ParamStore p = new ParamStore();
        p.put("init_logits", Tensor.of(0.3, -0.2, 0.1));
        p.put("trans_logits", Tensor.of(new double[][] {{1, 0.2, -0.5}, {0, 1.5, 0.3}, {-1, 0.4, 2}}));
        p.put("locs", Tensor.of(-1.7, 0.2, 2.2));
        Estimate e = Elbo.traceEnum(0)
                .estimate(hmm(Y), EMPTY_GUIDE, new ParamBinder(p, null, new HashMap<>()), RandomStream.of(1));
        double exact = logLikelihoodAt(p);
        assertEquals(exact, e.elbo(), 1e-9 * Math.abs(exact));
    }

    /**
     * Baum–Welch (EM with the forward–backward recursions) from the true parameters, to convergence: a local
     * optimum of log p(y; θ) next to the truth, the reference.
     */
    static double baumWelch(double[] y, int sweeps) {
        double[] pi = {1.0 / 3, 1.0 / 3, 1.0 / 3};
        double[][] a = new double[K][K];
        for (int i = 0; i < K; i++) for (int j = 0; j < K; j++) a[i][j] = i == j ? STAY : (1 - STAY) / 2;
        double[] mu = TRUE_LOCS.clone();
        int n = y.length;
        double ll = Double.NEGATIVE_INFINITY;
        for (int it = 0; it < sweeps; it++) {
            double[][] e = new double[n][K], al = new double[n][K], be = new double[n][K];
            double[] c = new double[n];
            for (int t = 0; t < n; t++)
                for (int j = 0; j < K; j++)
                    e[t][j] = Math.exp(-0.5 * Math.log(2 * Math.PI) - 0.5 * Math.pow(y[t] - mu[j], 2));
            for (int t = 0; t < n; t++) {
                for (int j = 0; j < K; j++) {
                    double pr = 0;
                    if (t == 0) pr = pi[j];
                    else for (int i = 0; i < K; i++) pr += al[t - 1][i] * a[i][j];
                    al[t][j] = pr * e[t][j];
                    c[t] += al[t][j];
                }
                for (int j = 0; j < K; j++) al[t][j] /= c[t];
            }
            ll = 0;
            for (double ct : c) ll += Math.log(ct);
            for (int j = 0; j < K; j++) be[n - 1][j] = 1;
            for (int t = n - 2; t >= 0; t--) {
                for (int i = 0; i < K; i++) {
                    double s = 0;
                    for (int j = 0; j < K; j++) s += a[i][j] * e[t + 1][j] * be[t + 1][j];
                    be[t][i] = s / c[t + 1];
                }
            }
            double[][] xi = new double[K][K];
            double[] gsum = new double[K], gy = new double[K];
            for (int t = 0; t < n; t++) {
                for (int j = 0; j < K; j++) {
                    double g = al[t][j] * be[t][j];
                    gsum[j] += g;
                    gy[j] += g * y[t];
                    if (t == 0) pi[j] = g;
                }
                if (t + 1 < n) {
                    for (int i = 0; i < K; i++)
                        for (int j = 0; j < K; j++)
                            xi[i][j] += al[t][i] * a[i][j] * e[t + 1][j] * be[t + 1][j] / c[t + 1];
                }
            }
            for (int i = 0; i < K; i++) {
                double row = 0;
                for (int j = 0; j < K; j++) row += xi[i][j];
                for (int j = 0; j < K; j++) a[i][j] = xi[i][j] / row;
                mu[i] = gy[i] / gsum[i];
            }
        }
        return ll;
    }

    /**
     * SVI (Adam) on the enumerated ELBO reaches the Baum–Welch optimum within 0.5 nats. The objective is exact (no
     * sampled site), so the tolerance is the optimiser's, not a Monte Carlo error: 0.5 nats is the bar.
     */
    @Test
    void sviWithEnumerationReachesTheBaumWelchOptimum() {
        double em = baumWelch(Y, 200);
        assertTrue(Math.abs(em - baumWelch(Y, 199)) < 1e-6, "EM has converged");
        Fit fit = Svi.of(hmm(Y), EMPTY_GUIDE)
                .estimator(Elbo.traceEnum(0))
                .optimizer(Adam.of(0.1))
                .seed(1)
                .run(Stop.after(STEPS).evaluateEvery(STEPS, 1)); // the objective is exact: one evaluation
        double svi = logLikelihoodAt(fit.params());
        TestReports.write(
                getClass(),
                String.format(
                        "HMM K=3 T=500: Baum-Welch optimum %.4f, SVI with enumeration (%d Adam steps) %.4f,"
                                + " gap %.4f nats; %.1f ms per step",
                        em, STEPS, svi, em - svi, 1e3 * fit.seconds() / fit.steps()));
        assertEquals(em, svi, 0.5);
    }
}
