package org.elbo4j.infer;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.elbo4j.optim.ParamStore;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;

/**
 * The standard effect handlers and the ways to run a model under them (Pyro's {@code poutine}, NumPyro's
 * {@code handlers}). Every {@code sample}, {@code observe}, {@code param}, {@code plate}, {@code deterministic} and
 * {@code factor} call of a model becomes a {@link Message} that passes through the handlers of its run; see
 * {@link Handler} for the order and docs/handlers.md for a guide.
 *
 * <pre>{@code
 * Model model = s -> {
 *     Tensor mu = s.sample("mu", Normal.of(0, 10));
 *     s.sample("y", Normal.of(mu, Tensor.scalar(1.0)));
 * };
 * TraceHandler t = Handlers.trace();
 * Handlers.run(model, RandomStream.of(1), t, Handlers.condition(Map.of("y", Tensor.scalar(3.0))));
 * t.trace().get("y").kind();           // OBSERVE: conditioned
 * t.trace().logJoint();                // log N(mu | 0, 10) + log N(3 | mu, 1)
 * }</pre>
 *
 * <p>Handlers are listed outermost first: in {@code run(model, rng, trace, condition)} the condition handler sits
 * nearest the model and the trace sees its result, as {@code trace(condition(model, data))} in Pyro.
 *
 * <p><b>No global state.</b> The stack of one run is the {@link Sites} object handed to the model, so a run's
 * handlers are explicit, per run and per thread, never static or thread-local: two threads can run the same model
 * under different handlers at once, and a handler cannot leak into a later run. The price is that a handler can
 * only be added for part of a model by wrapping that part ({@link #with(Model, Handler...)}), not by a global
 * {@code with} block.
 */
public final class Handlers {
    private Handlers() {}

    /**
     * Runs {@code model} once under {@code handlers} (outermost first).
     *
     * @param params binds {@code param} calls; its tape (if any) records the run
     * @param rng    draws the sample sites and a subsampled plate's indices. Modified.
     */
    public static void run(Model model, ParamBinder params, RandomStream rng, Handler... handlers) {
        HandlerStack.run(model, params, rng, handlers);
    }

    /**
     * Runs {@code model} once under {@code handlers} with no tape and a fresh parameter store (parameters take
     * their initial values): for prior draws, predictive draws and tests.
     */
    public static void run(Model model, RandomStream rng, Handler... handlers) {
        run(model, new ParamBinder(new ParamStore(), null, new HashMap<>()), rng, handlers);
    }

    /**
     * A model that runs {@code model} with {@code handlers} added inside the handlers of the run it is part of:
     * handlers for part of a model, or for one piece of a guide.
     *
     * @throws IllegalStateException when the returned model is run under a {@link Sites} that is not a handler
     *                               stack (a user's own {@code Sites} implementation)
     */
    public static Model with(Model model, Handler... handlers) {
        Handler[] hs = handlers.clone();
        return s -> {
            if (!(s instanceof HandlerStack stack)) {
                throw new IllegalStateException("Handlers.with: the model runs under "
                        + (s == null ? "null" : s.getClass().getName()) + ", not a handler stack");
            }
            stack.runWith(model, hs);
        };
    }

    /** Records the run's sites in a {@link Trace}. */
    public static TraceHandler trace() {
        return new TraceHandler();
    }

    /**
     * Sample sites take their values from {@code trace} where it has a latent site of that name (with its pathwise
     * flag), and subsampled plates its indices; other sites are drawn as usual.
     */
    public static Handler replay(Trace trace) {
        return new StandardHandlers.Replay(trace, false);
    }

    /**
     * As {@link #replay(Trace)}, but every latent site must be in {@code trace}: how SVI runs a model on the guide's
     * draw.
     *
     * @throws IllegalArgumentException during the run, naming a latent site the trace lacks
     */
    public static Handler replayStrict(Trace trace) {
        return new StandardHandlers.Replay(trace, true);
    }

    /**
     * Sample sites named in {@code data} become observations of the given values (their log density enters the
     * log joint; a guide need not cover them).
     *
     * @param data site name → observed value; copied
     * @throws IllegalArgumentException naming the site if a value holds NaN or an infinity
     */
    public static Handler condition(Map<String, Tensor> data) {
        for (Map.Entry<String, Tensor> e : data.entrySet())
            HandlerStack.checkFinite("condition: site '" + e.getKey() + "'", e.getValue());
        return new StandardHandlers.Condition(Map.copyOf(data));
    }

    /**
     * Params and latent sample sites named in {@code values} take the given values (constrained scale) instead of the
     * stored parameter or a draw; substituted sample sites stay latent, with no gradient through the value.
     *
     * @param values name → value; copied
     */
    public static Handler substitute(Map<String, Tensor> values) {
        return new StandardHandlers.Substitute(Map.copyOf(values));
    }

    /**
     * Observe sites (and conditioned sample sites) draw a fresh value from their distribution instead of taking the
     * data, and are recorded as latent sample sites: the posterior predictive's replicated data, or prior predictive
     * draws. A value broadcast from a smaller distribution (a scalar Normal observing a vector) is drawn in the data's
     * shape.
     */
    public static Handler uncondition() {
        return new StandardHandlers.Uncondition();
    }

    /** Hides every message from the handlers outside it (they neither see nor record it). */
    public static Handler block() {
        return block(m -> true);
    }

    /** Hides the messages {@code hide} accepts from the handlers outside it. */
    public static Handler block(Predicate<Message> hide) {
        return new StandardHandlers.Block(hide);
    }

    /** Hides the sites (and params, plates) with these names from the handlers outside it. */
    public static Handler hide(String... names) {
        Set<String> set = Set.of(names);
        return block(m -> set.contains(m.name()));
    }

    /**
     * Multiplies the log density of sample, observe and factor sites by {@code factor} (e.g. N/B by hand, or
     * tempering).
     *
     * @throws IllegalArgumentException unless factor &gt; 0 and finite
     */
    public static Handler scale(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor))
            throw new IllegalArgumentException("scale: factor must be > 0 and finite, got " + factor);
        return new StandardHandlers.Scale(factor);
    }

    /** {@code mask(false)} removes the log density of sample, observe and factor sites; {@code mask(true)} keeps it. */
    public static Handler mask(boolean keep) {
        return new StandardHandlers.Mask(keep ? null : Tensor.scalar(0.0));
    }

    /**
     * Multiplies the element-wise log density of sample, observe and factor sites by {@code mask} (0/1 entries,
     * broadcast to each site's batch shape): missing data, ragged sequences.
     *
     * @throws IllegalArgumentException if an entry is not 0 or 1
     */
    public static Handler mask(Tensor mask) {
        for (int i = 0; i < mask.size(); i++) {
            double v = mask.at(i);
            if (v != 0.0 && v != 1.0)
                throw new IllegalArgumentException("mask: entries must be 0 or 1, got " + v + " at flat index " + i);
        }
        return new StandardHandlers.Mask(mask.detach());
    }

    /**
     * Sample sites and subsampled plates under it draw from {@code RandomStream.of(seed)}, started afresh at each
     * run: the same seed gives the same draws whatever the run's own stream.
     */
    public static Handler seed(long seed) {
        return new StandardHandlers.Seed(seed);
    }

    /** Sample sites under it are drawn pathwise ({@code rsample}) where the distribution has a pathwise sampler. */
    public static Handler pathwise() {
        return StandardHandlers.PATHWISE;
    }
}
