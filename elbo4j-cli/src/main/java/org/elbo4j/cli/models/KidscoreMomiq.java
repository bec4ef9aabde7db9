package org.elbo4j.cli.models;

import org.elbo4j.cli.io.StanJsonData;
import org.elbo4j.distributions.HalfCauchy;
import org.elbo4j.distributions.ImproperUniform;
import org.elbo4j.distributions.Normal;
import org.elbo4j.infer.Model;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraints;

/**
 * posteriordb's {@code kidscore_momiq} (Gelman &amp; Hill 2007, ARM §3.1, on the {@code kidiq} data): a child's test
 * score against the mother's IQ,
 * <pre>
 *   vector[2] beta;          // flat prior
 *   real&lt;lower=0&gt; sigma;    // sigma ~ cauchy(0, 2.5)
 *   kid_score ~ normal(beta[1] + beta[2] * mom_iq, sigma);
 * </pre>
 * beta is an {@link ImproperUniform} on ℝ²; the Cauchy on sigma &gt; 0 is a {@link HalfCauchy}, which differs from
 * Stan's truncated {@code cauchy(0, 2.5)} by the constant log 2 only. Data: N, kid_score (in [0, 200]), mom_iq
 * (in [0, 200]); other variables in the file are ignored.
 */
final class KidscoreMomiq implements BuiltinModel {
    @Override
    public String name() {
        return "kidscore_momiq";
    }

    @Override
    public String description() {
        return "posteriordb kidiq-kidscore_momiq: kid score ~ mother's IQ, N=434 (ARM 3.1)";
    }

    @Override
    public String defaultData() {
        return "/org/elbo4j/cli/data/kidiq.json";
    }

    @Override
    public Model build(StanJsonData d) {
        int n = d.requireInt("N");
        Tensor kidScore = Data.boundedVector(d, "kid_score", n, 0, 200);
        Tensor momIq = Data.boundedVector(d, "mom_iq", n, 0, 200);
        ImproperUniform betaPrior = ImproperUniform.of(Constraints.REAL, Shape.of(2));
        HalfCauchy sigmaPrior = HalfCauchy.of(2.5);
        return s -> {
            Tensor beta = s.sample("beta", betaPrior);
            Tensor sigma = s.sample("sigma", sigmaPrior);
            s.observe("kid_score", Normal.of(momIq.mul(beta.index(1)).add(beta.index(0)), sigma), kidScore);
        };
    }
}
