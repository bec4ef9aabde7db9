package org.elbo4j.stan.functions;

import org.elbo4j.math.Special;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.tensor.TensorData;

/**
 * Stan's {@code categorical} (θ a K-simplex) and {@code categorical_logit} (θ = softmax(β)), outcomes 1..K:
 * \[ \log \mathrm{Categorical}(y \mid \theta) = \sum_i \log\theta_{y_i}, \quad
 *    \log \mathrm{CategoricalLogit}(y \mid \beta) = \sum_i \beta_{y_i} - \log\textstyle\sum_k e^{\beta_k}. \]
 */
public final class Categoricals {
    private Categoricals() {}

    /** {@code categorical_lpmf(y | theta)} for one outcome. */
    public static Tensor categoricalLpmf(int y, Tensor theta) {
        return categoricalLpmf(new int[] {y}, theta);
    }

    /**
     * {@code categorical_lpmf(y | theta)}, one tape node.
     *
     * @throws StanDomainException if some y is outside 1..K or theta is not a simplex
     */
    public static Tensor categoricalLpmf(int[] y, Tensor theta) {
        String fn = "categorical_lpmf";
        int k = theta.size();
        Check.bounded(fn, "Number of categories", y, y.length > 1, 1, k);
        double[] tv = TensorData.readOnly(theta);
        Check.simplex(fn, "Probabilities parameter", tv, 0, k);
        double[] dt = Fused.partials(theta);
        double lp = 0;
        for (int v : y) {
            lp += Math.log(tv[v - 1]);
            if (dt != null) dt[v - 1] += 1 / tv[v - 1];
        }
        return Fused.scalar(fn, lp, theta, dt);
    }

    /** {@code categorical_logit_lpmf(y | beta)} for one outcome. */
    public static Tensor categoricalLogitLpmf(int y, Tensor beta) {
        return categoricalLogitLpmf(new int[] {y}, beta);
    }

    /**
     * {@code categorical_logit_lpmf(y | beta)}, one tape node.
     *
     * @throws StanDomainException if some y is outside 1..K or beta is not finite
     */
    public static Tensor categoricalLogitLpmf(int[] y, Tensor beta) {
        String fn = "categorical_logit_lpmf";
        int k = beta.size();
        Check.bounded(fn, "categorical outcome out of support", y, y.length > 1, 1, k);
        Check.finite(fn, "log odds parameter", beta);
        double[] bv = TensorData.readOnly(beta);
        double lse = Special.logSumExp(bv, 0, k);
        double lp = -y.length * lse;
        double[] db = Fused.partials(beta);
        for (int v : y) {
            lp += bv[v - 1];
            if (db != null) db[v - 1] += 1;
        }
        if (db != null) for (int j = 0; j < k; j++) db[j] -= y.length * Math.exp(bv[j] - lse);
        return Fused.scalar(fn, lp, beta, db);
    }

    /** {@code categorical_rng(theta)}: an outcome in 1..K. @throws StanDomainException if theta is not a simplex */
    public static int categoricalRng(RandomStream rng, Tensor theta) {
        double[] tv = TensorData.readOnly(theta);
        Check.simplex("categorical_rng", "Probabilities parameter", tv, 0, tv.length);
        double u = rng.nextDouble(), c = 0;
        for (int j = 0; j < tv.length; j++) {
            c += tv[j];
            if (u < c) return j + 1;
        }
        return tv.length; // u above the rounded total
    }

    /** {@code categorical_logit_rng(beta)}: an outcome in 1..K drawn from softmax(β). */
    public static int categoricalLogitRng(RandomStream rng, Tensor beta) {
        Check.finite("categorical_logit_rng", "Log odds parameter", beta);
        double[] bv = TensorData.readOnly(beta);
        double lse = Special.logSumExp(bv, 0, bv.length);
        double u = rng.nextDouble(), c = 0;
        for (int j = 0; j < bv.length; j++) {
            c += Math.exp(bv[j] - lse);
            if (u < c) return j + 1;
        }
        return bv.length;
    }
}
