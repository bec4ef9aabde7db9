package org.elbo4j.infer;

/**
 * An effect handler (Pyro's {@code Messenger}): it sees every primitive call of a model run as a {@link Message}
 * and may change it. Handlers are stacked for one run ({@link Handlers#run}); a message goes through
 * {@link #process} from the innermost handler (nearest the model) outwards, is then completed by the stack (the
 * default draw, the stored parameter, the plate's indices), and goes through {@link #postprocess} from the
 * outermost handler inwards, skipping handlers outside one that {@link Message#setStop stopped} it.
 *
 * <pre>{@code
 * // a user handler: tempers every observation (observe sites and conditioned samples) by 1/2
 * Handler temper = new Handler() {
 *     @Override
 *     public void process(Message m) {
 *         if (m.observed()) m.setScale(m.scale() * 0.5);
 *     }
 * };
 * }</pre>
 *
 * <p>A handler instance serves one run at a time (it may keep state for that run, like the {@link TraceHandler});
 * {@link #enter()} is called when a run starts, {@link #exit()} when it ends.
 */
public interface Handler {
    /** Called on the way out from the model, before the value is computed. */
    default void process(Message m) {}

    /** Called on the way back, once the value is computed. */
    default void postprocess(Message m) {}

    /** Called when a run under this handler starts. */
    default void enter() {}

    /** Called when a run under this handler ends, also when it fails. */
    default void exit() {}
}
