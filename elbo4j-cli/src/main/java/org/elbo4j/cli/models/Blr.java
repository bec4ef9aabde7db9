package org.elbo4j.cli.models;

import org.elbo4j.cli.io.StanJsonData;
import org.elbo4j.distributions.ImproperUniform;
import org.elbo4j.distributions.Normal;
import org.elbo4j.distributions.NormalIdGlm;
import org.elbo4j.infer.Model;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraints;

/**
 * posteriordb's {@code blr} (Bayesian linear regression, on the simulated {@code sblrc} data),
 * <pre>
 *   vector[D] beta;  real&lt;lower=0&gt; sigma;
 *   target += normal_lpdf(beta | 0, 10);
 *   target += normal_lpdf(sigma | 0, 10);
 *   target += normal_lpdf(y | X * beta, sigma);
 * </pre>
 * beta's prior is its sampling distribution; sigma's prior ignores the bound, so sigma is an
 * {@link ImproperUniform} on (0, ∞) and {@code normal_lpdf(sigma | 0, 10)} is added with {@code factor}, as
 * Stan adds it. The likelihood is {@link NormalIdGlm} with intercept 0. Data: N, D, X [N, D], y.
 */
final class Blr implements BuiltinModel {
    @Override
    public String name() {
        return "blr";
    }

    @Override
    public String description() {
        return "posteriordb sblrc-blr: Bayesian linear regression, N=100, D=5 (posterior sds 1e-3)";
    }

    @Override
    public String defaultData() {
        return "/org/elbo4j/cli/data/sblrc.json";
    }

    @Override
    public Model build(StanJsonData d) {
        int n = d.requireInt("N"), k = d.requireInt("D");
        Tensor x = Data.matrix(d, "X", n, k);
        Tensor y = Data.vector(d, "y", n);
        Normal betaPrior = Normal.of(Tensor.zeros(k), Tensor.full(10, k)), sigmaPrior = Normal.of(0, 10);
        ImproperUniform sigmaSupport = ImproperUniform.of(Constraints.POSITIVE);
        Tensor zero = Tensor.scalar(0);
        return s -> {
            Tensor beta = s.sample("beta", betaPrior);
            Tensor sigma = s.sample("sigma", sigmaSupport);
            s.factor("sigma_prior", sigmaPrior.logProb(sigma));
            s.observe("y", NormalIdGlm.of(x, zero, beta, sigma), y);
        };
    }
}
