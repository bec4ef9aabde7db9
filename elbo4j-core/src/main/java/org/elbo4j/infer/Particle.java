package org.elbo4j.infer;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;

/**
 * One draw z ~ q and the model evaluated there: the two traces and log p(x, z), log q(z). log q is summed on first
 * use: the estimators with closed-form entropies or KL terms never need it.
 */
final class Particle {
    private final Trace guide, model;
    private final Tensor logP;
    private Tensor logQ;

    private Particle(Trace guide, Trace model, Tensor logP) {
        this.guide = guide;
        this.model = model;
        this.logP = logP;
    }

    Trace guide() {
        return guide;
    }

    Trace model() {
        return model;
    }

    Tensor logP() {
        return logP;
    }

    Tensor logQ() {
        if (logQ == null) logQ = guide.logJoint();
        return logQ;
    }

    /** log p − log q, the particle's log importance weight (its ELBO contribution). */
    Tensor logWeight() {
        return logP.sub(logQ());
    }

    static Particle draw(Model model, Model guide, ParamBinder params, RandomStream rng, boolean pathwise) {
        Trace g = TraceRunner.guide(guide, params, rng, pathwise);
        Trace m = TraceRunner.model(model, params, rng, g);
        checkGuideCoversModel(g, m);
        return new Particle(g, m, m.logJoint());
    }

    /** Every non-auxiliary latent site of the guide must be a latent site of the model. */
    static void checkGuideCoversModel(Trace g, Trace m) {
        for (int i = 0; i < g.size(); i++) {
            Site s = g.site(i);
            if (!s.isLatent() || s.auxiliary()) continue;
            Site ms = m.get(s.name());
            if (ms == null) {
                throw new IllegalArgumentException(
                        "guide site '" + s.name() + "' has no model site: the model never samples '" + s.name() + "'");
            }
            if (ms.kind() != Site.Kind.SAMPLE) {
                throw new IllegalArgumentException("guide site '" + s.name() + "' is " + ms.kind()
                        + " in the model; only latent (sample) sites may be guided");
            }
        }
    }
}
