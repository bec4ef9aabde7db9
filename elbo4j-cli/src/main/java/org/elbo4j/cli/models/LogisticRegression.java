package org.elbo4j.cli.models;

import org.elbo4j.cli.io.StanJsonData;
import org.elbo4j.distributions.Bernoulli;
import org.elbo4j.distributions.Normal;
import org.elbo4j.infer.Model;
import org.elbo4j.tensor.Tensor;

/**
 * Bayesian logistic regression, as {@code elbo4j-bench/peers/stan/logistic_regression.stan}:
 * alpha ~ normal(0, 10), beta ~ normal(0, 2.5), y ~ bernoulli_logit(alpha + x·beta).
 */
final class LogisticRegression implements BuiltinModel {
    @Override
    public String name() {
        return "logistic_regression";
    }

    @Override
    public String description() {
        return "Bayesian logistic regression (default data: simulated, N=1000, D=10)";
    }

    @Override
    public String defaultData() {
        return "/org/elbo4j/cli/data/logistic_regression.json";
    }

    @Override
    public Model build(StanJsonData d) {
        int n = d.requireInt("N"), k = d.requireInt("D");
        Tensor x = Data.matrix(d, "x", n, k);
        Tensor y = Data.intVector(d, "y", n, 0, 1);
        Normal alphaPrior = Normal.of(0, 10), betaPrior = Normal.of(Tensor.zeros(k), Tensor.full(2.5, k));
        return s -> {
            Tensor alpha = s.sample("alpha", alphaPrior);
            Tensor beta = s.sample("beta", betaPrior);
            s.observe("y", Bernoulli.ofLogits(x.matmul(beta).add(alpha)), y);
        };
    }
}
