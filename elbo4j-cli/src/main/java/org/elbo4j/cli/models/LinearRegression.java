package org.elbo4j.cli.models;

import org.elbo4j.cli.io.StanJsonData;
import org.elbo4j.distributions.HalfCauchy;
import org.elbo4j.distributions.Normal;
import org.elbo4j.infer.Model;
import org.elbo4j.tensor.Tensor;

/**
 * Bayesian linear regression with unknown noise: alpha ~ normal(0, 10), beta ~ normal(0, 10),
 * sigma ~ half-cauchy(5), y ~ normal(alpha + x·beta, sigma).
 */
final class LinearRegression implements BuiltinModel {
    @Override
    public String name() {
        return "linear_regression";
    }

    @Override
    public String description() {
        return "Bayesian linear regression, unknown noise (default data: simulated, N=100, D=3)";
    }

    @Override
    public String defaultData() {
        return "/org/elbo4j/cli/data/linear_regression.json";
    }

    @Override
    public Model build(StanJsonData d) {
        int n = d.requireInt("N"), k = d.requireInt("D");
        Tensor x = Data.matrix(d, "x", n, k);
        Tensor y = Data.vector(d, "y", n);
        Normal alphaPrior = Normal.of(0, 10), betaPrior = Normal.of(Tensor.zeros(k), Tensor.full(10, k));
        HalfCauchy sigmaPrior = HalfCauchy.of(5);
        return s -> {
            Tensor alpha = s.sample("alpha", alphaPrior);
            Tensor beta = s.sample("beta", betaPrior);
            Tensor sigma = s.sample("sigma", sigmaPrior);
            s.observe("y", Normal.of(x.matmul(beta).add(alpha), sigma), y);
        };
    }
}
