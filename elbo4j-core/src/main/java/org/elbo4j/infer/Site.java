package org.elbo4j.infer;

import org.elbo4j.dist.Distribution;
import org.elbo4j.tensor.Tensor;

/**
 * One recorded site of a run.
 *
 * @param name            unique within the run
 * @param kind            what declared it
 * @param dist            its distribution ({@code null} for deterministic and factor sites)
 * @param value           its value (for a factor site, the log weight)
 * @param logProb         scale·Σ log p(value), a scalar tensor (0 for deterministic sites)
 * @param reparameterized true when the value was drawn pathwise (gradients flow through it)
 * @param scale           product of the enclosing plates' N/B factors
 * @param auxiliary       a guide-internal site with no model counterpart (e.g. an auto-guide's joint latent)
 */
public record Site(String name, Kind kind, Distribution dist, Tensor value, Tensor logProb,
                   boolean reparameterized, double scale, boolean auxiliary) {
    /** What declared a site. */
    public enum Kind { SAMPLE, OBSERVE, DETERMINISTIC, FACTOR }

    /** True for latent sample sites. */
    public boolean isLatent() { return kind == Kind.SAMPLE; }
}
