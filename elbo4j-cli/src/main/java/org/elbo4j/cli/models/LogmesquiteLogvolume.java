package org.elbo4j.cli.models;

import org.elbo4j.cli.io.StanJsonData;
import org.elbo4j.distributions.ImproperUniform;
import org.elbo4j.distributions.Normal;
import org.elbo4j.infer.Model;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraints;

/**
 * posteriordb's {@code logmesquite_logvolume} (Gelman &amp; Hill 2007, ARM §4.6, on the {@code mesquite} data): log
 * leaf weight against log canopy volume,
 * <pre>
 *   log_weight = log(weight);  log_canopy_volume = log(diam1 .* diam2 .* canopy_height);   // transformed data
 *   vector[2] beta;  real&lt;lower=0&gt; sigma;                                               // flat priors
 *   log_weight ~ normal(beta[1] + beta[2] * log_canopy_volume, sigma);
 * </pre>
 * beta is an {@link ImproperUniform} on ℝ², sigma one on (0, ∞). Data: N, weight, diam1, diam2, canopy_height
 * (all &gt; 0).
 */
final class LogmesquiteLogvolume implements BuiltinModel {
    @Override
    public String name() {
        return "logmesquite_logvolume";
    }

    @Override
    public String description() {
        return "posteriordb mesquite-logmesquite_logvolume: log weight ~ log canopy volume, N=46 (ARM 4.6)";
    }

    @Override
    public String defaultData() {
        return "/org/elbo4j/cli/data/mesquite.json";
    }

    @Override
    public Model build(StanJsonData d) {
        int n = d.requireInt("N");
        Tensor logWeight = Data.positiveVector(d, "weight", n).log();
        Tensor logVolume = Data.positiveVector(d, "diam1", n)
                .mul(Data.positiveVector(d, "diam2", n))
                .mul(Data.positiveVector(d, "canopy_height", n))
                .log();
        ImproperUniform betaPrior = ImproperUniform.of(Constraints.REAL, Shape.of(2));
        ImproperUniform sigmaPrior = ImproperUniform.of(Constraints.POSITIVE);
        return s -> {
            Tensor beta = s.sample("beta", betaPrior);
            Tensor sigma = s.sample("sigma", sigmaPrior);
            s.observe("log_weight", Normal.of(logVolume.mul(beta.index(1)).add(beta.index(0)), sigma), logWeight);
        };
    }
}
