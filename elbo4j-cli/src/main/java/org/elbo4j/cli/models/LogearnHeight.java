package org.elbo4j.cli.models;

import org.elbo4j.cli.io.StanJsonData;
import org.elbo4j.distributions.ImproperUniform;
import org.elbo4j.distributions.Normal;
import org.elbo4j.infer.Model;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraints;

/**
 * posteriordb's {@code logearn_height} (Gelman &amp; Hill 2007, ARM §4.4, on the {@code earnings} data): log earnings
 * against height,
 * <pre>
 *   log_earn = log(earn);                       // transformed data
 *   vector[2] beta;  real&lt;lower=0&gt; sigma;       // flat priors
 *   log_earn ~ normal(beta[1] + beta[2] * height, sigma);
 * </pre>
 * beta is an {@link ImproperUniform} on ℝ², sigma one on (0, ∞). Data: N, earn (&gt; 0), height.
 */
final class LogearnHeight implements BuiltinModel {
    @Override
    public String name() {
        return "logearn_height";
    }

    @Override
    public String description() {
        return "posteriordb earnings-logearn_height: log earnings ~ height, flat priors, N=1192 (ARM 4.4)";
    }

    @Override
    public String defaultData() {
        return "/org/elbo4j/cli/data/earnings.json";
    }

    @Override
    public Model build(StanJsonData d) {
        int n = d.requireInt("N");
        Tensor logEarn = Data.positiveVector(d, "earn", n).log();
        Tensor height = Data.vector(d, "height", n);
        ImproperUniform betaPrior = ImproperUniform.of(Constraints.REAL, Shape.of(2));
        ImproperUniform sigmaPrior = ImproperUniform.of(Constraints.POSITIVE);
        return s -> {
            Tensor beta = s.sample("beta", betaPrior);
            Tensor sigma = s.sample("sigma", sigmaPrior);
            s.observe("log_earn", Normal.of(height.mul(beta.index(1)).add(beta.index(0)), sigma), logEarn);
        };
    }
}
