package org.elbo4j.cli.models;

import org.elbo4j.cli.io.StanJsonData;
import org.elbo4j.distributions.Beta;
import org.elbo4j.distributions.ImproperUniform;
import org.elbo4j.distributions.MixtureSameFamily;
import org.elbo4j.distributions.Normal;
import org.elbo4j.infer.Model;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraints;

/**
 * posteriordb's {@code low_dim_gauss_mix}: a two-component normal mixture with ordered means,
 * <pre>
 *   ordered[2] mu;  array[2] real&lt;lower=0&gt; sigma;  real&lt;lower=0, upper=1&gt; theta;
 *   sigma ~ normal(0, 2);  mu ~ normal(0, 2);  theta ~ beta(5, 5);
 *   for (n in 1:N) target += log_mix(theta, normal_lpdf(y[n] | mu[1], sigma[1]), normal_lpdf(y[n] | mu[2], sigma[2]));
 * </pre>
 * mu is an {@link ImproperUniform} on ordered 2-vectors (Stan's ordered transform) and sigma one on (0, ∞)²,
 * with their normal(0, 2) priors added by {@code factor}: those priors ignore the constraints, as in Stan.
 * theta ~ {@link Beta}(5, 5), whose support is theta's constraint. The likelihood is
 * {@link MixtureSameFamily} with weights (theta, 1 − theta), i.e. Stan's {@code log_mix}. Data: N, y.
 */
final class LowDimGaussMix implements BuiltinModel {
    @Override
    public String name() {
        return "low_dim_gauss_mix";
    }

    @Override
    public String description() {
        return "posteriordb low_dim_gauss_mix: two-component normal mixture, ordered means, N=1000";
    }

    @Override
    public String defaultData() {
        return "/org/elbo4j/cli/data/low_dim_gauss_mix.json";
    }

    @Override
    public Model build(StanJsonData d) {
        int n = d.requireInt("N");
        Tensor y = Data.vector(d, "y", n);
        ImproperUniform ordered = ImproperUniform.of(Constraints.ORDERED, Shape.of(2));
        ImproperUniform positive = ImproperUniform.of(Constraints.POSITIVE, Shape.of(2));
        Beta thetaPrior = Beta.of(5, 5);
        Normal prior = Normal.of(0, 2);
        return s -> {
            Tensor mu = s.sample("mu", ordered);
            Tensor sigma = s.sample("sigma", positive);
            Tensor theta = s.sample("theta", thetaPrior);
            s.factor("sigma_prior", prior.logProb(sigma).sum());
            s.factor("mu_prior", prior.logProb(mu).sum());
            s.observe("y", MixtureSameFamily.ofProbs(Tensor.stack(theta, theta.rsub(1)), Normal.of(mu, sigma)), y);
        };
    }
}
