package org.elbo4j.infer;

import java.util.function.Supplier;
import org.elbo4j.distributions.Distribution;
import org.elbo4j.tensor.Tensor;

/**
 * One recorded site of a run: its name, what declared it, its distribution and value, and its scaled log density.
 *
 * <p>The log density of an auto-guide's joint latent is computed on first use: an estimator with the closed-form
 * entropy never asks for it, and it is the one site whose log density costs a log per dimension.
 */
public final class Site {
    /** What declared a site. */
    public enum Kind {
        SAMPLE,
        OBSERVE,
        DETERMINISTIC,
        FACTOR
    }

    private final String name;
    private final Kind kind;
    private final Distribution dist;
    private final Tensor value;
    private Tensor logProb;
    private Supplier<Tensor> pending; // non-null until a lazy log density is computed
    private final boolean reparameterized;
    private final double scale;
    private final boolean auxiliary;
    private final java.util.List<Plate> plates;
    private boolean hidden; // set once, by the runner, before the site is seen ({@link Sites#sampleHidden})

    /**
     * @param name            unique within the run
     * @param kind            what declared it
     * @param dist            its distribution ({@code null} for deterministic and factor sites)
     * @param value           its value (for a factor site, the log weight)
     * @param logProb         scale·Σ log p(value), a scalar tensor (0 for deterministic sites)
     * @param reparameterized true when the value was drawn pathwise (gradients flow through it)
     * @param scale           product of the enclosing plates' N/B factors
     * @param auxiliary       a guide-internal site with no model counterpart (e.g. an auto-guide's joint latent)
     */
    public Site(
            String name,
            Kind kind,
            Distribution dist,
            Tensor value,
            Tensor logProb,
            boolean reparameterized,
            double scale,
            boolean auxiliary) {
        this(name, kind, dist, value, logProb, reparameterized, scale, auxiliary, java.util.List.of());
    }

    /**
     * As {@link #Site(String, Kind, Distribution, Tensor, Tensor, boolean, double, boolean)}, with the plates that
     * enclosed the site.
     *
     * @param plates the enclosing plates, outermost first; not copied, must not be modified
     */
    public Site(
            String name,
            Kind kind,
            Distribution dist,
            Tensor value,
            Tensor logProb,
            boolean reparameterized,
            double scale,
            boolean auxiliary,
            java.util.List<Plate> plates) {
        this.plates = plates;
        this.name = name;
        this.kind = kind;
        this.dist = dist;
        this.value = value;
        this.logProb = logProb;
        this.reparameterized = reparameterized;
        this.scale = scale;
        this.auxiliary = auxiliary;
    }

    /** A site whose log density {@code logProb.get()} is computed on the first call of {@link #logProb()}. */
    static Site lazy(
            String name,
            Kind kind,
            Distribution dist,
            Tensor value,
            Supplier<Tensor> logProb,
            boolean reparameterized,
            double scale,
            boolean auxiliary) {
        return lazy(name, kind, dist, value, logProb, reparameterized, scale, auxiliary, java.util.List.of());
    }

    /** As above, with the enclosing plates. */
    static Site lazy(
            String name,
            Kind kind,
            Distribution dist,
            Tensor value,
            Supplier<Tensor> logProb,
            boolean reparameterized,
            double scale,
            boolean auxiliary,
            java.util.List<Plate> plates) {
        Site s = new Site(name, kind, dist, value, null, reparameterized, scale, auxiliary, plates);
        s.pending = logProb;
        return s;
    }

    /** Marks a latent site declared with {@link Sites#sampleHidden}; returns this. */
    Site hide() {
        this.hidden = true;
        return this;
    }

    /**
     * True for a latent site that the model declared with {@link Sites#sampleHidden}: a helper variable that is
     * fitted like any other but left out of draws and summaries.
     */
    public boolean hidden() {
        return hidden;
    }

    /** The site's name. */
    public String name() {
        return name;
    }

    /** What declared the site. */
    public Kind kind() {
        return kind;
    }

    /** Its distribution ({@code null} for deterministic and factor sites). */
    public Distribution dist() {
        return dist;
    }

    /** Its value (for a factor site, the log weight). */
    public Tensor value() {
        return value;
    }

    /** scale·Σ log p(value), a scalar tensor (0 for deterministic sites). */
    public Tensor logProb() {
        if (pending != null) {
            logProb = pending.get();
            pending = null;
        }
        return logProb;
    }

    /** True when the value was drawn pathwise (gradients flow through it). */
    public boolean reparameterized() {
        return reparameterized;
    }

    /** The product of the enclosing plates' N/B factors (and of any scale handler). */
    public double scale() {
        return scale;
    }

    /** True for a guide-internal site with no model counterpart. */
    public boolean auxiliary() {
        return auxiliary;
    }

    /** The plates that enclosed the site, outermost first (Pyro's {@code cond_indep_stack}). Not modifiable. */
    public java.util.List<Plate> plates() {
        return plates;
    }

    /** True for latent sample sites. */
    public boolean isLatent() {
        return kind == Kind.SAMPLE;
    }

    @Override
    public String toString() {
        return "Site[name=" + name + ", kind=" + kind + ", dist=" + dist + ", value=" + value + ", logProb="
                + (pending != null ? "(not yet computed)" : logProb) + ", reparameterized=" + reparameterized
                + ", scale=" + scale + ", auxiliary=" + auxiliary + "]";
    }
}
