package org.elbo4j.infer;

import org.elbo4j.random.RandomStream;

/**
 * The runs SVI needs, each a {@link TraceHandler} over the {@link Handler} stack: a guide's draw (trace +
 * pathwise), the model on the guide's draw (trace + strict replay), a guide re-run on its own draw (the same), and
 * a prior draw (trace alone).
 */
final class TraceRunner {
    private TraceRunner() {}

    /** Runs a guide: latent sites are drawn, pathwise where possible when {@code pathwise}. */
    static Trace guide(Model guide, ParamBinder params, RandomStream rng, boolean pathwise) {
        TraceHandler t = new TraceHandler();
        HandlerStack.run(
                guide, params, rng, pathwise ? new Handler[] {t, StandardHandlers.PATHWISE} : new Handler[] {t}, false);
        return t.trace();
    }

    /** Runs a model with its latent sites taking the values of {@code guideTrace}. */
    static Trace model(Model model, ParamBinder params, RandomStream rng, Trace guideTrace) {
        TraceHandler t = new TraceHandler();
        HandlerStack.run(model, params, rng, new Handler[] {t, new StandardHandlers.Replay(guideTrace, true)}, false);
        return t.trace();
    }

    /** Re-runs a guide with its sample sites replaying {@code replay} (sticking-the-landing's log q). */
    static Trace guideReplay(Model guide, ParamBinder params, RandomStream rng, Trace replay) {
        return model(guide, params, rng, replay);
    }

    /** Runs a model drawing every latent site from its prior (no gradients). */
    static Trace prior(Model model, ParamBinder params, RandomStream rng) {
        TraceHandler t = new TraceHandler();
        HandlerStack.run(model, params, rng, new Handler[] {t}, false);
        return t.trace();
    }
}
