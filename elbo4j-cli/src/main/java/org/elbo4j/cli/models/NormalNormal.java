package org.elbo4j.cli.models;

import org.elbo4j.cli.io.StanJsonData;
import org.elbo4j.distributions.Normal;
import org.elbo4j.infer.Model;
import org.elbo4j.tensor.Tensor;

/**
 * The conjugate normal model with known noise: mu ~ normal(0, 10), y ~ normal(mu, sigma). Its posterior is
 * normal with precision 1/100 + N/σ² and mean (Σy/σ²)/precision, so a mean-field fit can be checked exactly.
 */
final class NormalNormal implements BuiltinModel {
    @Override
    public String name() {
        return "normal_normal";
    }

    @Override
    public String description() {
        return "Conjugate normal mean with known noise (exact posterior known), N=20";
    }

    @Override
    public String defaultData() {
        return "/org/elbo4j/cli/data/normal_normal.json";
    }

    @Override
    public Model build(StanJsonData d) {
        int n = d.requireInt("N");
        Tensor y = Data.vector(d, "y", n);
        double sigma = d.requireReal("sigma");
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException(d.source() + ": sigma must be > 0 and finite, got " + sigma);
        }
        Normal prior = Normal.of(0, 10);
        Tensor sd = Tensor.scalar(sigma);
        return s -> {
            Tensor mu = s.sample("mu", prior);
            s.observe("y", Normal.of(mu, sd), y);
        };
    }
}
