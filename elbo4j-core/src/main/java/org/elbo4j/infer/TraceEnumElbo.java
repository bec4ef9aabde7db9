package org.elbo4j.infer;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;

/**
 * The ELBO with the model's {@link Sites#enumerate enumerated} discrete sites summed out exactly (Pyro's
 * {@code TraceEnum_ELBO}): for guide draws z ~ q (pathwise where possible) and the enumerated sites e,
 * \[ \mathcal L = \mathbb E_{q(z)}\Big[ \log \sum_{e} p(x, z, e) - \log q(z) \Big], \]
 * where the sum over e is computed in parallel, along one broadcast dimension per enumerated site, by
 * {@link Contraction} (variable elimination in log space: a log-sum-exp over K per plate cell for a mixture, the
 * forward algorithm for a chain in {@link Sites#markov}). Because q need not cover e, the bound is tighter than any
 * mean-field q(e) gives, and the gradient is pathwise: no score-function noise for e.
 *
 * <p>Guide sites drawn without a path (discrete sites the guide samples) add a score term (ELBO − 0)·log q, as in
 * {@link Elbo#reparameterized()}.
 *
 * <blockquote>F. Obermeyer, E. Bingham, M. Jankowiak, J. Chiu, N. Pradhan, A. Rush and N. Goodman, "Tensor Variable
 * Elimination for Plated Factor Graphs", ICML 2019.</blockquote>
 */
final class TraceEnumElbo implements ElboEstimator {
    private final int maxPlateNesting;
    private final int particles;

    TraceEnumElbo(int maxPlateNesting, int particles) {
        if (maxPlateNesting < 0) {
            throw new IllegalArgumentException("traceEnum: maxPlateNesting must be >= 0, got " + maxPlateNesting);
        }
        if (particles < 1)
            throw new IllegalArgumentException("ELBO estimator: particles must be >= 1, got " + particles);
        this.maxPlateNesting = maxPlateNesting;
        this.particles = particles;
    }

    @Override
    public String name() {
        return "enum";
    }

    @Override
    public int particles() {
        return particles;
    }

    @Override
    public Estimate estimate(Model model, Model guide, ParamBinder params, RandomStream rng) {
        Tensor surrogate = null;
        double elbo = 0;
        for (int l = 0; l < particles; l++) {
            Trace g = TraceRunner.guide(guide, params, rng, true);
            EnumRunner m = EnumRunner.run(model, params, rng, g, maxPlateNesting);
            Tensor w = Contraction.logMarginal(m).sub(g.logJoint());
            double wv = w.item();
            elbo += wv;
            Tensor s = w;
            for (Site site : g.sites()) {
                if (site.isLatent() && !site.reparameterized())
                    s = s.add(site.logProb().mul(wv));
            }
            surrogate = surrogate == null ? s : surrogate.add(s);
        }
        return new Estimate(elbo / particles, surrogate.mul(-1.0 / particles));
    }

    /** A model with enumerated sites runs only under enumeration. */
    @Override
    public void bindParameters(Model model, Model guide, ParamBinder params, RandomStream rng) {
        logWeight(model, guide, params, rng, maxPlateNesting);
    }

    @Override
    public double[] evaluate(Model model, Model guide, ParamBinder params, RandomStream rng, int n) {
        return evaluate(model, guide, params, rng, n, maxPlateNesting);
    }

    /**
     * The ELBO (mean of log Σ_e p − log q over {@code n} draws, no gradients) and its standard error, as
     * {@link Svi}'s evaluation does for the other estimators.
     */
    static double[] evaluate(Model model, Model guide, ParamBinder b, RandomStream rng, int n, int maxPlateNesting) {
        double mean = 0, m2 = 0; // Welford
        for (int i = 0; i < n; i++) {
            double w = logWeight(model, guide, b, rng, maxPlateNesting);
            double d = w - mean;
            mean += d / (i + 1);
            m2 += d * (w - mean);
        }
        double var = n > 1 ? m2 / (n - 1) : 0;
        return new double[] {mean, Math.sqrt(var / n)};
    }

    /** log Σ_e p(x, z, e) − log q(z) at one draw of the guide, without gradients (for evaluation). */
    static double logWeight(Model model, Model guide, ParamBinder params, RandomStream rng, int maxPlateNesting) {
        Trace g = TraceRunner.guide(guide, params, rng, false);
        EnumRunner m = EnumRunner.run(model, params, rng, g, maxPlateNesting);
        return Contraction.logMarginal(m).item() - g.logJoint().item();
    }
}
