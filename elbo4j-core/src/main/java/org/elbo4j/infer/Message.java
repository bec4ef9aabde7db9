package org.elbo4j.infer;

import java.util.List;
import java.util.function.Supplier;
import org.elbo4j.distributions.Distribution;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;

/**
 * One primitive call of a running {@link Model} — a {@code sample}, {@code observe}, {@code param},
 * {@code plate}, {@code deterministic} or {@code factor} — as it passes through the {@link Handler} stack (Pyro's
 * {@code msg} dictionary, as a small mutable object). Handlers read and change it in
 * {@link Handler#process(Message)}; then, if no handler has set a value, the stack computes it (a draw from the
 * distribution, the parameter's stored value, the plate's indices); then handlers see the result in
 * {@link Handler#postprocess(Message)}.
 *
 * <p>A message describes one call only, and the stack reuses the same object for the next call of the run (an SVI
 * step makes a few dozen calls, and allocating none keeps the step's cost): a handler that keeps something must
 * copy it out, as the {@link TraceHandler} keeps a {@link Site}. Which fields mean something depends on {@link #type()}; the others stay null, false or 1.
 */
public final class Message {
    /** What the model called. */
    public enum Type {
        SAMPLE,
        OBSERVE,
        PARAM,
        PLATE,
        DETERMINISTIC,
        FACTOR
    }

    private Type type;
    private String name;
    private Distribution dist;
    private Tensor value;
    private boolean observed;
    private double scale;
    private Tensor mask;
    private boolean pathwise, reparameterized, auxiliary, hidden, drawn, stop;
    private RandomStream rng;
    private Constraint constraint;
    private Supplier<Tensor> init;
    private int size, subsample;
    private int[] indices;
    private List<Plate> plates;

    Message() {}

    /** Makes this the message of a new call: every field is set or cleared. */
    Message reset(
            Type type,
            String name,
            Distribution dist,
            Tensor value,
            double scale,
            RandomStream rng,
            List<Plate> plates,
            int size,
            int subsample) {
        this.type = type;
        this.name = name;
        this.dist = dist;
        this.value = value;
        this.observed = type == Type.OBSERVE;
        this.scale = scale;
        this.mask = null;
        this.pathwise = false;
        this.reparameterized = false;
        this.auxiliary = false;
        this.hidden = false;
        this.drawn = false;
        this.stop = false;
        this.rng = rng;
        this.constraint = null;
        this.init = null;
        this.plates = plates;
        this.size = size;
        this.subsample = subsample;
        this.indices = null;
        return this;
    }

    /** What the model called. */
    public Type type() {
        return type;
    }

    /** The site's (or parameter's, or plate's) name. */
    public String name() {
        return name;
    }

    /** The distribution of a sample or observe site; {@code null} for the other types. */
    public Distribution dist() {
        return dist;
    }

    /** Replaces the distribution of a sample or observe site (e.g. a tempered prior). */
    public void setDist(Distribution d) {
        this.dist = d;
    }

    /**
     * The value: for a sample site {@code null} until a handler or the default draw sets it; for an observe site
     * the data; for a param the constrained value once bound; for deterministic and factor sites what the model
     * passed. Not modified.
     */
    public Tensor value() {
        return value;
    }

    /**
     * Sets the value. On a sample site before the default draw, the site is not drawn (replay, condition,
     * substitute); on a param, the stored value is not read (substitute).
     */
    public void setValue(Tensor v) {
        this.value = v;
    }

    /** True for observe sites and for sample sites turned into observations (condition). */
    public boolean observed() {
        return observed;
    }

    /** Marks a sample site as observed: it then enters the trace as an {@link Site.Kind#OBSERVE} site. */
    public void setObserved(boolean o) {
        this.observed = o;
    }

    /** The factor on the site's log density: the product of the enclosing plates' N/B and of any scale handler. */
    public double scale() {
        return scale;
    }

    /** Sets the factor on the log density. */
    public void setScale(double s) {
        this.scale = s;
    }

    /**
     * The mask on the site's element-wise log density ({@code null}: every element counts): log p is
     * Σ mask·log p(value) with the mask broadcast to the distribution's batch shape.
     */
    public Tensor mask() {
        return mask;
    }

    /** Sets the mask (0/1 values, broadcastable to the batch shape); {@code null} removes it. */
    public void setMask(Tensor m) {
        this.mask = m;
    }

    /** True when the default draw should be pathwise (rsample) where the distribution allows it. */
    public boolean pathwise() {
        return pathwise;
    }

    /** Asks the default draw for a pathwise sample where the distribution has one. */
    public void setPathwise(boolean p) {
        this.pathwise = p;
    }

    /** True when the value was drawn pathwise, so that gradients flow through it (set by the draw or a replay). */
    public boolean reparameterized() {
        return reparameterized;
    }

    /** Declares whether gradients flow through the value. */
    public void setReparameterized(boolean r) {
        this.reparameterized = r;
    }

    /** True for a guide-internal sample site with no model counterpart (an auto-guide's joint latent). */
    public boolean auxiliary() {
        return auxiliary;
    }

    void setAuxiliary(boolean a) {
        this.auxiliary = a;
    }

    /** True for a latent site declared with {@link Sites#sampleHidden}: fitted, but left out of draws. */
    public boolean hidden() {
        return hidden;
    }

    void setHidden(boolean h) {
        this.hidden = h;
    }

    /** True when the stack's default draw made the value (no handler supplied it). */
    public boolean drawn() {
        return drawn;
    }

    void setDrawn(boolean d) {
        this.drawn = d;
    }

    /** True when a handler has stopped the message: handlers further out neither process nor postprocess it. */
    public boolean stop() {
        return stop;
    }

    /** Stops the message here (block): handlers further out never see it. */
    public void setStop(boolean s) {
        this.stop = s;
    }

    /** The stream the default draw (and a plate's subsample) uses. */
    public RandomStream rng() {
        return rng;
    }

    /** Sets the stream for the default draw (the seed handler). */
    public void setRng(RandomStream r) {
        this.rng = r;
    }

    /** A param's constraint; {@code null} for the other types. */
    public Constraint constraint() {
        return constraint;
    }

    Supplier<Tensor> init() {
        return init;
    }

    void setParam(Constraint c, Supplier<Tensor> init) {
        this.constraint = c;
        this.init = init;
    }

    /** A plate's full size N; 0 for the other types. */
    public int size() {
        return size;
    }

    /** A plate's minibatch size B; 0 for the other types. */
    public int subsample() {
        return subsample;
    }

    /**
     * A subsampled plate's chosen indices ({@code null} until a handler or the default choice sets them, and
     * {@code null} without subsampling). Not a copy: do not modify.
     */
    public int[] indices() {
        return indices;
    }

    /** Sets a subsampled plate's indices (replay); {@code subsample} distinct values in {@code 0..size-1}. */
    public void setIndices(int[] idx) {
        this.indices = idx;
    }

    /** The plates enclosing the call, outermost first. Not modifiable. */
    public List<Plate> plates() {
        return plates;
    }

    @Override
    public String toString() {
        return "Message[" + type + " '" + name + "'" + (dist != null ? ", dist=" + dist.name() : "")
                + (value != null ? ", value shape " + value.shape() : "") + (observed ? ", observed" : "")
                + (scale != 1.0 ? ", scale=" + scale : "") + (mask != null ? ", masked" : "")
                + (stop ? ", stopped" : "") + "]";
    }
}
