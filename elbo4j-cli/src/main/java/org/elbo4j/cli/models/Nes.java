package org.elbo4j.cli.models;

import org.elbo4j.cli.io.StanJsonData;
import org.elbo4j.distributions.ImproperUniform;
import org.elbo4j.distributions.NormalIdGlm;
import org.elbo4j.infer.Model;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraints;

/**
 * posteriordb's {@code nes} (Gelman &amp; Hill 2007, ARM §4.7, on the 1972 National Election Study): party
 * identification against ideology, race, age group, education, gender and income,
 * <pre>
 *   age30_44 = age_discrete == 2;  age45_64 = age_discrete == 3;  age65up = age_discrete == 4;  // transformed data
 *   vector[9] beta;  real&lt;lower=0&gt; sigma;                                                       // flat priors
 *   partyid7 ~ normal(beta[1] + beta[2] * real_ideo + beta[3] * race_adj + beta[4] * age30_44
 *                     + beta[5] * age45_64 + beta[6] * age65up + beta[7] * educ1 + beta[8] * gender
 *                     + beta[9] * income, sigma);
 * </pre>
 * The linear predictor is X·beta with X's columns (1, real_ideo, race_adj, age30_44, age45_64, age65up, educ1,
 * gender, income), through {@link NormalIdGlm} with intercept 0. beta is an {@link ImproperUniform} on ℝ⁹, sigma
 * one on (0, ∞). Data: N and the eight vectors above (age_discrete an integer array).
 */
final class Nes implements BuiltinModel {
    @Override
    public String name() {
        return "nes";
    }

    @Override
    public String description() {
        return "posteriordb nes1972-nes: party identification regression, 9 coefficients, N=1330 (ARM 4.7)";
    }

    @Override
    public String defaultData() {
        return "/org/elbo4j/cli/data/nes1972.json";
    }

    @Override
    public Model build(StanJsonData d) {
        int n = d.requireInt("N");
        int[] age = d.requireIntVector("age_discrete", n);
        double[] a3044 = new double[n], a4564 = new double[n], a65 = new double[n], one = new double[n];
        for (int i = 0; i < n; i++) {
            one[i] = 1;
            a3044[i] = age[i] == 2 ? 1 : 0;
            a4564[i] = age[i] == 3 ? 1 : 0;
            a65[i] = age[i] == 4 ? 1 : 0;
        }
        Tensor x = Data.columns(
                n,
                one,
                Data.vector(d, "real_ideo", n).toArray(),
                Data.vector(d, "race_adj", n).toArray(),
                a3044,
                a4564,
                a65,
                Data.vector(d, "educ1", n).toArray(),
                Data.vector(d, "gender", n).toArray(),
                Data.vector(d, "income", n).toArray());
        Tensor partyid7 = Data.vector(d, "partyid7", n);
        ImproperUniform betaPrior = ImproperUniform.of(Constraints.REAL, Shape.of(9));
        ImproperUniform sigmaPrior = ImproperUniform.of(Constraints.POSITIVE);
        Tensor zero = Tensor.scalar(0);
        return s -> {
            Tensor beta = s.sample("beta", betaPrior);
            Tensor sigma = s.sample("sigma", sigmaPrior);
            s.observe("partyid7", NormalIdGlm.of(x, zero, beta, sigma), partyid7);
        };
    }
}
