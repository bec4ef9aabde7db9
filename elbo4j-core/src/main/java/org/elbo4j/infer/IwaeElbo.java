package org.elbo4j.infer;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;

/**
 * The importance-weighted bound with k particles,
 * \[ \mathcal{L}_k = \mathbb{E}\left[\log \frac{1}{k}\sum_{i=1}^k \frac{p(x, z_i)}{q(z_i)}\right]
 *    \ge \mathcal{L}_1 = \text{ELBO}, \]
 * non-decreasing in k and tending to log p(x); gradients are pathwise, so every guide latent must be
 * reparameterizable.
 *
 * <blockquote>Y. Burda, R. Grosse and R. Salakhutdinov, "Importance Weighted Autoencoders", ICLR 2016.</blockquote>
 */
final class IwaeElbo implements ElboEstimator {
    private final int k;

    IwaeElbo(int k) {
        if (k < 1) throw new IllegalArgumentException("IWAE: k must be >= 1, got " + k);
        this.k = k;
    }

    @Override
    public String name() {
        return "iwae(" + k + ")";
    }

    @Override
    public int particles() {
        return k;
    }

    @Override
    public Estimate estimate(Model model, Model guide, ParamBinder params, RandomStream rng) {
        Tensor[] w = new Tensor[k];
        for (int i = 0; i < k; i++) {
            Particle p = Particle.draw(model, guide, params, rng, true);
            for (Site s : p.guide().sites()) {
                if (s.isLatent() && !s.reparameterized()) {
                    throw new IllegalArgumentException("IWAE needs pathwise draws, but guide site '" + s.name() + "' ("
                            + s.dist().name()
                            + ") has no reparameterized sampler; use Elbo.reparameterized() (which adds "
                            + "score-function terms for such sites)");
                }
            }
            w[i] = p.logWeight().reshape(1);
        }
        Tensor bound = Tensor.concat(0, w).logSumExp().sub(Math.log(k));
        return new Estimate(bound.item(), bound.neg());
    }
}
