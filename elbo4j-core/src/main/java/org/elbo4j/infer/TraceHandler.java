package org.elbo4j.infer;

import org.elbo4j.distributions.Distribution;
import org.elbo4j.tensor.Tensor;

/**
 * Records the run's sites in a {@link Trace} (Pyro's {@code trace}): every sample, observe, deterministic and
 * factor message that reaches it becomes a {@link Site} with its scaled (and masked) log density, and a
 * subsampled plate's indices are kept so that a replay can reuse them. Params are not recorded. A new trace is
 * started each time a run enters the handler.
 *
 * <pre>{@code
 * TraceHandler t = Handlers.trace();
 * Handlers.run(model, RandomStream.of(1), t);
 * Trace trace = t.trace();
 * trace.get("mu").value();
 * }</pre>
 *
 * <p>The log density of an auxiliary site drawn here (an auto-guide's joint latent) is computed on first use.
 */
public final class TraceHandler implements Handler {
    private Trace trace; // made when a run enters

    TraceHandler() {}

    /** The trace of the last (or the current) run. */
    public Trace trace() {
        if (trace == null) trace = new Trace();
        return trace;
    }

    @Override
    public void enter() {
        trace = new Trace();
    }

    @Override
    public void postprocess(Message m) {
        String name = m.name();
        switch (m.type()) {
            case SAMPLE, OBSERVE -> {
                Distribution d = m.dist();
                Tensor v = m.value();
                double sc = m.scale();
                Tensor mask = m.mask();
                Site.Kind kind = m.observed() ? Site.Kind.OBSERVE : Site.Kind.SAMPLE;
                if (m.auxiliary() && m.drawn()) {
                    trace.add(Site.lazy(
                            name,
                            kind,
                            d,
                            v,
                            () -> logProb(name, d, v, sc, mask),
                            m.reparameterized(),
                            sc,
                            true,
                            m.plates()));
                } else {
                    Site site = new Site(
                            name,
                            kind,
                            d,
                            v,
                            logProb(name, d, v, sc, mask),
                            m.reparameterized(),
                            sc,
                            m.auxiliary(),
                            m.plates());
                    trace.add(m.hidden() ? site.hide() : site);
                }
            }
            case DETERMINISTIC ->
                trace.add(new Site(
                        name,
                        Site.Kind.DETERMINISTIC,
                        null,
                        m.value(),
                        Tensor.scalar(0.0),
                        false,
                        m.scale(),
                        false,
                        m.plates()));
            case FACTOR -> {
                Tensor w = m.value();
                Tensor s = m.mask() != null ? w.mul(m.mask()).sum() : w.rank() == 0 ? w : w.sum();
                double sc = m.scale();
                trace.add(new Site(
                        name, Site.Kind.FACTOR, null, w, sc == 1.0 ? s : s.mul(sc), false, sc, false, m.plates()));
            }
            case PLATE -> {
                if (m.indices() != null && m.subsample() < m.size()) trace.plate(name, m.indices());
            }
            default -> {}
        }
    }

    /** scale · Σ mask · log p(value), a scalar; the site's name is added to a distribution's complaint. */
    static Tensor logProb(String name, Distribution d, Tensor value, double scale, Tensor mask) {
        Tensor lp;
        try {
            lp = mask == null ? d.logProbSum(value) : d.logProb(value).mul(mask).sum();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("site '" + name + "': " + e.getMessage(), e);
        }
        return scale == 1.0 ? lp : lp.mul(scale);
    }
}
