package org.elbo4j.cli.models;

import org.elbo4j.cli.io.StanJsonData;
import org.elbo4j.distributions.ImproperUniform;
import org.elbo4j.distributions.Normal;
import org.elbo4j.distributions.NormalIdGlm;
import org.elbo4j.distributions.StudentT;
import org.elbo4j.infer.Model;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraints;

/**
 * posteriordb's {@code diamonds} (a brms 2.10 linear model of log price on 24 polynomial and categorical
 * predictors of 5,000 diamonds),
 * <pre>
 *   Xc = X[, 2:K] with column means means_X subtracted;                       // transformed data
 *   vector[Kc] b;  real Intercept;  real&lt;lower=0&gt; sigma;
 *   target += normal_lpdf(b | 0, 1);
 *   target += student_t_lpdf(Intercept | 3, 8, 10);
 *   target += student_t_lpdf(sigma | 3, 0, 10) - student_t_lccdf(0 | 3, 0, 10);
 *   if (!prior_only) target += normal_id_glm_lpdf(Y | Xc, Intercept, b, sigma);
 *   b_Intercept = Intercept - dot_product(means_X, b);                         // generated quantity
 * </pre>
 * b and Intercept are sampled from their priors; sigma's half-Student-t prior ignores the bound in Stan's
 * code, so sigma is an {@link ImproperUniform} on (0, ∞) with the Student-t density plus
 * −lccdf(0) = log 2 added by {@code factor}. The likelihood is {@link NormalIdGlm}; b_Intercept is a
 * deterministic site. Data: N, Y [N], K, X [N, K] (first column the intercept's), prior_only. The data file
 * is 2.3 MB, so this model has no default data: pass {@code --data .../diamonds-diamonds/data.json}.
 *
 * <p>The posterior is hard for ADVI: the polynomial predictors are strongly correlated, and the posterior sds
 * range from 0.0012 (sigma) to 0.33 (b[2]).
 */
final class Diamonds implements BuiltinModel {
    private static final double LOG_2 = Math.log(2);

    @Override
    public String name() {
        return "diamonds";
    }

    @Override
    public String description() {
        return "posteriordb diamonds-diamonds: brms linear model, 24 correlated predictors, N=5000 (needs --data)";
    }

    @Override
    public String defaultData() {
        return null;
    }

    @Override
    public Model build(StanJsonData d) {
        int n = d.requireInt("N"), k = d.requireInt("K");
        if (k < 2)
            throw new IllegalArgumentException(
                    d.source() + ": K must be >= 2 (an intercept column and a predictor), got " + k);
        int priorOnly = d.requireInt("prior_only");
        Tensor y = Data.vector(d, "Y", n);
        double[] x = Data.matrix(d, "X", n, k).toArray();
        int kc = k - 1;
        double[] means = new double[kc], xc = new double[n * kc];
        for (int j = 0; j < kc; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) s += x[i * k + j + 1];
            means[j] = s / n;
            for (int i = 0; i < n; i++) xc[i * kc + j] = x[i * k + j + 1] - means[j];
        }
        Tensor xCentered = Tensor.of(xc, n, kc), meansX = Tensor.of(means);
        Normal bPrior = Normal.of(Tensor.zeros(kc), Tensor.ones(kc));
        StudentT interceptPrior = StudentT.of(3, 8, 10), sigmaPrior = StudentT.of(3, 0, 10);
        ImproperUniform sigmaSupport = ImproperUniform.of(Constraints.POSITIVE);
        return s -> {
            Tensor b = s.sample("b", bPrior);
            Tensor intercept = s.sample("Intercept", interceptPrior);
            Tensor sigma = s.sample("sigma", sigmaSupport);
            s.factor("sigma_prior", sigmaPrior.logProb(sigma).add(LOG_2));
            if (priorOnly == 0) s.observe("Y", NormalIdGlm.of(xCentered, intercept, b, sigma), y);
            s.deterministic("b_Intercept", intercept.sub(meansX.dot(b)));
        };
    }
}
