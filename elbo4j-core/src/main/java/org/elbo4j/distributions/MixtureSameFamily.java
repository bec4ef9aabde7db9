package org.elbo4j.distributions;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;

/**
 * A finite mixture of K components of one univariate family (torch's {@code MixtureSameFamily}): with mixing
 * weights w_k (often written θ; w ≥ 0, Σ w = 1) and component densities p_k whose rightmost batch dimension
 * indexes the components,
 * \[ \log p(x) = \log \sum_{k=1}^{K} w_k\, p_k(x) = \operatorname{logsumexp}_k \bigl(\log w_k + \log p_k(x)\bigr). \]
 * For K = 2 and w = (θ, 1 − θ) this is Stan's {@code log_mix(theta, lp1, lp2)}. The log-sum-exp is taken with
 * the maximum subtracted, so components whose densities underflow do not turn the sum into log 0.
 *
 * <p>The batch shape is the components' batch shape without its last dimension (K), broadcast with the
 * weights' leading shape. No pathwise sampler (the component index is discrete): as an observed site it needs
 * none; a latent mixture needs the score-function estimator or marginalisation. Mean Σ w_k μ_k, variance
 * Σ w_k (σ_k² + μ_k²) − mean², CDF Σ w_k F_k, when the components have them.
 *
 * <pre>{@code
 * Tensor w = Tensor.stack(theta, theta.rsub(1));                      // (θ, 1 − θ)
 * s.observe("y", MixtureSameFamily.ofProbs(w, Normal.of(mu, sigma)), y);  // mu, sigma: shape [2]
 * }</pre>
 *
 * <blockquote>G. McLachlan and D. Peel, "Finite Mixture Models", Wiley, 2000, chapter 1. Stan Development Team,
 * "Stan Functions Reference", {@code log_mix}.</blockquote>
 */
public final class MixtureSameFamily implements Distribution {
    /** Tolerance on Σ w = 1 for {@link #ofProbs}. */
    private static final double SUM_TOL = 1e-6;

    private final Tensor logWeights;
    private final Distribution component;
    private final Shape batch;
    private final int k;

    private MixtureSameFamily(Tensor logWeights, Distribution component, Shape batch, int k) {
        this.logWeights = logWeights;
        this.component = component;
        this.batch = batch;
        this.k = k;
    }

    /**
     * @param probs     w, shape [..., K]: entries in [0, 1] summing to 1 (within 1e-6) along the last dimension
     * @param component the components: univariate, batch shape [..., K]
     * @throws IllegalArgumentException if the shapes do not fit, the component is multivariate, or the weights
     *                                  are not probabilities
     */
    public static MixtureSameFamily ofProbs(Tensor probs, Distribution component) {
        int k = check(probs, component, "probs");
        Distributions.requireInRange("MixtureSameFamily", "probs", probs, 0, 1);
        int rows = probs.size() / k;
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int i = 0; i < k; i++) s += probs.at(r * k + i);
            if (!(Math.abs(s - 1) <= SUM_TOL)) {
                throw new IllegalArgumentException(
                        "MixtureSameFamily: probs must sum to 1 along the last dimension, got " + s
                                + (rows == 1 ? "" : " (row " + r + " of shape " + probs.shape() + ")"));
            }
        }
        return new MixtureSameFamily(probs.log(), component, batchOf(probs, component), k);
    }

    /**
     * @param logits unnormalised log weights, shape [..., K], finite: w = softmax(logits)
     * @param component the components: univariate, batch shape [..., K]
     * @throws IllegalArgumentException if the shapes do not fit, the component is multivariate, or a logit is not
     *                                  finite
     */
    public static MixtureSameFamily ofLogits(Tensor logits, Distribution component) {
        int k = check(logits, component, "logits");
        Distributions.requireFinite("MixtureSameFamily", "logits", logits);
        Tensor lw = logits.sub(logits.logSumExp(-1, true));
        return new MixtureSameFamily(lw, component, batchOf(logits, component), k);
    }

    private static int check(Tensor w, Distribution c, String name) {
        if (c.eventShape().rank() != 0) {
            throw new IllegalArgumentException("MixtureSameFamily: the component must be univariate, got event shape "
                    + c.eventShape() + " (" + c.name() + ")");
        }
        if (c.batchShape().rank() < 1) {
            throw new IllegalArgumentException(
                    "MixtureSameFamily: the component's batch shape must end with the number of" + " components K, got "
                            + c.batchShape() + " (" + c.name() + ")");
        }
        int k = c.batchShape().dim(-1);
        if (w.rank() < 1 || w.dim(-1) != k) {
            throw new IllegalArgumentException(
                    "MixtureSameFamily: " + name + " must have shape [..., " + k + "] to match the " + c.name()
                            + " component's batch shape " + c.batchShape() + ", got " + w.shape());
        }
        return k;
    }

    private static Shape batchOf(Tensor w, Distribution c) {
        return Shape.broadcast(
                "MixtureSameFamily", w.shape().dropLast(1), c.batchShape().dropLast(1));
    }

    /** log w, shape [..., K] (normalised). */
    public Tensor logWeights() {
        return logWeights;
    }

    /** The component distribution. */
    public Distribution component() {
        return component;
    }

    /** K. */
    public int components() {
        return k;
    }

    @Override
    public Shape batchShape() {
        return batch;
    }

    @Override
    public Shape eventShape() {
        return Shape.SCALAR;
    }

    @Override
    public Constraint support() {
        return component.support();
    }

    @Override
    public boolean hasRsample() {
        return false;
    }

    /**
     * Draws every component, then picks one per position with probability w_k (inverse CDF of the categorical).
     *
     * @return shape sampleShape + batchShape; never on a tape
     */
    @Override
    public Tensor sample(RandomStream rng, Shape sampleShape) {
        Shape out = batch.prepend(sampleShape);
        Shape lead = component.batchShape().dropLast(1);
        int n = out.size(), nb = batch.size(), nl = lead.size();
        // Draws of every component at every output position: the components' own batch when it is the mixture's,
        // else one set per mixture batch position (the weights have more batch dimensions than the components).
        boolean same = lead.equals(batch);
        double[] comps = (same ? component.sample(rng, sampleShape) : component.sample(rng, batch.prepend(sampleShape)))
                .detach()
                .toArray();
        Tensor w = logWeights.detach().exp().broadcastTo(out.append(Shape.of(k)));
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble(), c = 0;
            int pick = k - 1;
            for (int j = 0; j < k; j++) {
                c += w.at(i * k + j);
                if (u < c) {
                    pick = j;
                    break;
                }
            }
            int row = same ? i : i * nl + broadcastIndex(i % nb, batch, lead);
            x[i] = comps[row * k + pick];
        }
        return Tensor.wrap(x, out);
    }

    /** The flat index in {@code to} that position {@code flat} of {@code from} reads when {@code to} broadcasts to it. */
    private static int broadcastIndex(int flat, Shape from, Shape to) {
        int[] f = from.dims(), t = to.dims();
        int idx = 0, stride = 1, rest = flat;
        for (int a = f.length - 1, b = t.length - 1; a >= 0; a--, b--) {
            int coord = rest % f[a];
            rest /= f[a];
            if (b >= 0) {
                if (t[b] != 1) idx += coord * stride;
                stride *= t[b];
            }
        }
        return idx;
    }

    /**
     * @param value shape [...] broadcasting against batchShape. Not modified.
     * @return log Σ_k w_k p_k(value), shape [...] + batchShape (broadcast); −∞ outside the support
     * @throws IllegalArgumentException if the shape does not fit or the value holds a NaN
     */
    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        Tensor x = value.reshape(value.shape().append(Shape.of(1)));
        return component.logProb(x).add(logWeights).logSumExp(-1);
    }

    @Override
    public Tensor mean() {
        return logWeights.exp().mul(component.mean()).sum(-1).broadcastTo(batch);
    }

    @Override
    public Tensor variance() {
        Tensor w = logWeights.exp(), m = component.mean();
        Tensor second = w.mul(component.variance().add(m.square())).sum(-1);
        return second.sub(w.mul(m).sum(-1).square()).broadcastTo(batch);
    }

    @Override
    public Tensor cdf(Tensor value) {
        Distributions.checkValue(this, value);
        return component
                .cdf(value.reshape(value.shape().append(Shape.of(1))))
                .mul(logWeights.exp())
                .sum(-1);
    }

    @Override
    public String toString() {
        return "MixtureSameFamily(logWeights=" + logWeights + ", component=" + component + ")";
    }
}
