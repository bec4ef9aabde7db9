package org.elbo4j.stan.functions;

import org.elbo4j.math.Special;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.FusedOps;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.tensor.TensorData;

/**
 * Stan's {@code bernoulli}, {@code bernoulli_logit} and {@code bernoulli_logit_glm}, n ∈ {0, 1}:
 * \[ \log \mathrm{Bernoulli}(n \mid \theta) = n\log\theta + (1-n)\log(1-\theta), \quad
 *    \log \mathrm{BernoulliLogit}(n \mid \alpha) = n\alpha - \log(1 + e^\alpha), \]
 * and the GLM form with α + xβ as the logits. The int overloads broadcast a single outcome.
 */
public final class Bernoullis {
    private Bernoullis() {}

    /** {@code bernoulli_lpmf(n | theta)} for a single outcome. */
    public static Tensor bernoulliLpmf(int n, Tensor theta) {
        return bernoulli(new int[] {n}, false, theta);
    }

    /**
     * {@code bernoulli_lpmf(n | theta)}, one tape node.
     *
     * @throws StanDomainException if some n is not 0 or 1, theta outside [0, 1], or sizes differ
     */
    public static Tensor bernoulliLpmf(int[] n, Tensor theta) {
        return bernoulli(n, true, theta);
    }

    private static Tensor bernoulli(int[] n, boolean container, Tensor theta) {
        String fn = "bernoulli_lpmf";
        int size = Check.size(fn, "n", container ? n : null, "Probability parameter", theta);
        Check.bounded(fn, "n", n, container, 0, 1);
        Check.bounded(fn, "Probability parameter", theta, 0, 1);
        if (n.length == 0 || theta.size() == 0) return Tensor.scalar(0);
        double[] tv = TensorData.readOnly(theta);
        int ns = container ? 1 : 0, ts = Fused.stride(theta);
        double[] dt = Fused.partials(theta);
        double lp = 0;
        for (int i = 0; i < size; i++) {
            double t = tv[i * ts];
            if (n[i * ns] == 1) {
                lp += Math.log(t);
                if (dt != null) dt[i * ts] += 1 / t;
            } else {
                lp += Math.log1p(-t);
                if (dt != null) dt[i * ts] -= 1 / (1 - t);
            }
        }
        return Fused.scalar(fn, lp, theta, dt);
    }

    /** {@code bernoulli_rng(theta)}: 1 with probability θ. @return an int (as a Java int) */
    public static int bernoulliRng(RandomStream rng, Tensor theta) {
        Check.bounded("bernoulli_rng", "Probability parameter", theta, 0, 1);
        return rng.nextDouble() < Check.scalar("bernoulli_rng", "Probability parameter", theta) ? 1 : 0;
    }

    /** {@code bernoulli_rng(thetas)}: one draw per element. */
    public static int[] bernoulliRngs(RandomStream rng, Tensor theta) {
        Check.bounded("bernoulli_rng", "Probability parameter", theta, 0, 1);
        double[] tv = TensorData.readOnly(theta);
        int[] out = new int[tv.length];
        for (int i = 0; i < out.length; i++) out[i] = rng.nextDouble() < tv[i] ? 1 : 0;
        return out;
    }

    /** {@code bernoulli_logit_rng(alpha)}. */
    public static int bernoulliLogitRng(RandomStream rng, Tensor alpha) {
        Check.notNan("bernoulli_logit_rng", "Logit transformed probability parameter", alpha);
        return rng.nextDouble() < Special.sigmoid(Check.scalar("bernoulli_logit_rng", "alpha", alpha)) ? 1 : 0;
    }

    /** {@code bernoulli_logit_rng(alphas)}: one draw per element. */
    public static int[] bernoulliLogitRngs(RandomStream rng, Tensor alpha) {
        Check.notNan("bernoulli_logit_rng", "Logit transformed probability parameter", alpha);
        double[] av = TensorData.readOnly(alpha);
        int[] out = new int[av.length];
        for (int i = 0; i < out.length; i++) out[i] = rng.nextDouble() < Special.sigmoid(av[i]) ? 1 : 0;
        return out;
    }

    /** {@code bernoulli_logit_lpmf(n | alpha)} for a single outcome. */
    public static Tensor bernoulliLogitLpmf(int n, Tensor alpha) {
        return bernoulliLogit("bernoulli_logit_lpmf", new int[] {n}, false, alpha);
    }

    /**
     * {@code bernoulli_logit_lpmf(n | alpha)}, one tape node (the core's vectorised kernel when n and α have the
     * same size).
     *
     * @throws StanDomainException if some n is not 0 or 1, alpha is NaN, or sizes differ
     */
    public static Tensor bernoulliLogitLpmf(int[] n, Tensor alpha) {
        return bernoulliLogit("bernoulli_logit_lpmf", n, true, alpha);
    }

    static Tensor bernoulliLogit(String fn, int[] n, boolean container, Tensor alpha) {
        int size = Check.size(fn, "n", container ? n : null, "Logit transformed probability parameter", alpha);
        Check.bounded(fn, "n", n, container, 0, 1);
        Check.notNan(fn, "Logit transformed probability parameter", alpha);
        if (n.length == 0 || alpha.size() == 0) return Tensor.scalar(0);
        if (container && alpha.rank() == 1 && alpha.size() == n.length) {
            Tensor fused = FusedOps.bernoulliLogitLogProbSum(alpha, Fused.ofInts(n));
            if (fused != null) return fused;
        }
        double[] av = TensorData.readOnly(alpha);
        int ns = container ? 1 : 0, as = Fused.stride(alpha);
        double[] da = Fused.partials(alpha);
        double lp = 0;
        for (int i = 0; i < size; i++) {
            double a = av[i * as];
            // n·α − log(1 + e^α) = log σ(±α): exact 0 for a certain outcome, no overflow
            double s = n[i * ns] == 1 ? a : -a;
            lp += Special.logSigmoid(s);
            if (da != null) da[i * as] += n[i * ns] - Special.sigmoid(a);
        }
        return Fused.scalar(fn, lp, alpha, da);
    }

    /** {@code bernoulli_logit_glm_lpmf(y | x, alpha, beta)} for a single outcome broadcast over the rows of x. */
    public static Tensor bernoulliLogitGlmLpmf(int y, Tensor x, Tensor alpha, Tensor beta) {
        int rows = x.rank() == 2 ? x.dim(0) : 1;
        int[] ys = new int[rows];
        java.util.Arrays.fill(ys, y);
        Check.bounded("bernoulli_logit_glm_lpmf", "Vector of dependent variables", new int[] {y}, false, 0, 1);
        return bernoulliLogitGlmLpmf(ys, x, alpha, beta);
    }

    /**
     * {@code bernoulli_logit_glm_lpmf(y | x, alpha, beta)} = {@code bernoulli_logit_lpmf(y | alpha + x * beta)}:
     * the product by the core GEMV (column-major for a narrow constant x), then the fused kernel.
     *
     * @param y array[N] int; x matrix[N, K] (or row_vector[K] for N = 1); alpha real or vector[N]; beta vector[K]
     * @throws StanDomainException if some y is not 0 or 1, sizes disagree, or x, alpha, beta are not finite
     */
    public static Tensor bernoulliLogitGlmLpmf(int[] y, Tensor x, Tensor alpha, Tensor beta) {
        String fn = "bernoulli_logit_glm_lpmf";
        Tensor xm = x.rank() == 1 ? x.reshape(1, x.size()) : x;
        if (xm.rank() != 2) throw new IllegalArgumentException(fn + ": x must be a matrix, got shape " + x.shape());
        int rows = xm.dim(0);
        Check.sameSize(fn, "Vector of dependent variables", y.length, "Rows of Matrix of independent variables", rows);
        Check.sameSize(fn, "Columns of Matrix of independent variables", xm.dim(1), "Weight vector", beta.size());
        if (alpha.rank() > 0) Check.sameSize(fn, "Vector of intercepts", alpha.size(), "Rows of Matrix", rows);
        Check.bounded(fn, "Vector of dependent variables", y, true, 0, 1);
        Check.finite(fn, "Weight vector", beta);
        Check.finite(fn, "Intercept", alpha);
        Check.finite(fn, "Matrix of independent variables", x);
        if (rows == 0) return Tensor.scalar(0);
        Tensor eta = xm.matmul(beta.reshape(beta.size())).add(alpha.rank() == 0 ? alpha : alpha.reshape(rows));
        return bernoulliLogit(fn, y, true, eta.reshape(Shape.of(rows)));
    }
}
