package org.elbo4j.cli.models;

import org.elbo4j.cli.io.StanJsonData;
import org.elbo4j.distributions.HalfCauchy;
import org.elbo4j.distributions.Normal;
import org.elbo4j.distributions.NormalIdGlm;
import org.elbo4j.infer.Model;
import org.elbo4j.tensor.Tensor;

/**
 * posteriordb's {@code arK}: an autoregressive model of order K (Stan User's Guide §3.1),
 * <pre>
 *   alpha ~ normal(0, 10);  beta ~ normal(0, 10);   // array[K] real beta
 *   sigma ~ cauchy(0, 2.5);                         // real&lt;lower=0&gt; sigma
 *   for (t in (K + 1):T) y[t] ~ normal(alpha + sum_k beta[k] * y[t - k], sigma);
 * </pre>
 * The loop is vectorised: the lagged values form a (T − K) × K design matrix L with L[t, k] = y[t − k], and
 * y[(K+1):T] ~ {@link NormalIdGlm}(L, alpha, beta, sigma) is the same sum of log densities. The Cauchy on
 * sigma &gt; 0 is a {@link HalfCauchy} (Stan's truncated cauchy up to the constant log 2). Data: K, T &gt; K, y.
 */
final class ArK implements BuiltinModel {
    @Override
    public String name() {
        return "arK";
    }

    @Override
    public String description() {
        return "posteriordb arK-arK: autoregressive model of order K=5, T=200";
    }

    @Override
    public String defaultData() {
        return "/org/elbo4j/cli/data/arK.json";
    }

    @Override
    public Model build(StanJsonData d) {
        int k = d.requireInt("K"), t = d.requireInt("T");
        if (k < 1 || t <= k) {
            throw new IllegalArgumentException(d.source() + ": need 1 <= K < T, got K = " + k + ", T = " + t);
        }
        double[] y = Data.vector(d, "y", t).toArray();
        int rows = t - k;
        double[] lags = new double[rows * k], tail = new double[rows];
        for (int i = 0; i < rows; i++) {
            int tt = k + i; // 0-based index of y[t] for Stan's t = K + 1 + i
            tail[i] = y[tt];
            for (int j = 0; j < k; j++) lags[i * k + j] = y[tt - (j + 1)];
        }
        Tensor lagMatrix = Tensor.of(lags, rows, k), yTail = Tensor.of(tail);
        Normal alphaPrior = Normal.of(0, 10), betaPrior = Normal.of(Tensor.zeros(k), Tensor.full(10, k));
        HalfCauchy sigmaPrior = HalfCauchy.of(2.5);
        return s -> {
            Tensor alpha = s.sample("alpha", alphaPrior);
            Tensor beta = s.sample("beta", betaPrior);
            Tensor sigma = s.sample("sigma", sigmaPrior);
            s.observe("y", NormalIdGlm.of(lagMatrix, alpha, beta, sigma), yTail);
        };
    }
}
