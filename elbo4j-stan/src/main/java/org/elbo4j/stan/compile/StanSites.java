package org.elbo4j.stan.compile;

import org.elbo4j.distributions.ImproperUniform;
import org.elbo4j.infer.Sites;
import org.elbo4j.random.RandomStream;
import org.elbo4j.stan.StanException;
import org.elbo4j.stan.StanFatalException;
import org.elbo4j.stan.StanRejectException;
import org.elbo4j.stan.parse.DeclType;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraints;

/**
 * A Stan program as an elbo4j model: each Stan parameter is a latent site over its unconstrained values with an
 * improper flat distribution (named as in Stan when the parameter has no constraint, and then shaped like it;
 * otherwise a hidden site {@code name__free}, flat, that draws and summaries leave out: the parameter appears
 * there constrained, under its Stan name); the program's log density, Jacobians included, is added by one
 * {@code factor}; constrained parameters, transformed parameters and (in draws, outside gradient evaluations)
 * generated quantities are deterministic sites under their Stan names. A rejection adds −∞.
 */
public final class StanSites {
    /** Suffix of the hidden latent site that holds a constrained parameter's unconstrained values. */
    public static final String FREE = "__free";

    private final ModelRuntime rt;
    /** This many rejections in a row, with no evaluation in between that succeeded, end the run. */
    static final int MAX_CONSECUTIVE_REJECTIONS = 10;

    private volatile String lastRejection;
    private final java.util.concurrent.atomic.AtomicInteger consecutive =
            new java.util.concurrent.atomic.AtomicInteger();

    /** @param rt the bound program */
    public StanSites(ModelRuntime rt) {
        this.rt = rt;
    }

    /** The message of the most recent rejection, or null. */
    public String lastRejection() {
        return lastRejection;
    }

    private static boolean plain(ModelRuntime.Variable v) {
        DeclType t = v.type();
        return t.lower == null
                && t.upper == null
                && t.offset == null
                && t.multiplier == null
                && (t.kind == DeclType.Kind.REAL
                        || t.kind == DeclType.Kind.VECTOR
                        || t.kind == DeclType.Kind.ROW_VECTOR);
    }

    /** Runs the program against the handler. */
    public void run(Sites s) {
        var params = rt.parameters();
        Tensor[] parts = new Tensor[params.size()];
        boolean onTape = false;
        for (int k = 0; k < parts.length; k++) {
            ModelRuntime.Variable v = params.get(k);
            Tensor x;
            if (plain(v)) {
                x = s.sample(v.name(), ImproperUniform.of(Constraints.REAL, Shape.of(v.dims())));
                x = x.reshape(v.unconstrainedSize());
            } else {
                x = s.sampleHidden(
                        v.name() + FREE, ImproperUniform.of(Constraints.REAL, Shape.of(v.unconstrainedSize())));
            }
            onTape |= x.requiresGrad();
            parts[k] = x;
        }
        Tensor upars = parts.length == 0 ? Tensor.zeros(0) : parts.length == 1 ? parts[0] : Tensor.flatConcat(parts);
        ModelRuntime.Evaluation ev;
        try {
            RandomStream rng = onTape ? null : RandomStream.of(java.util.Arrays.hashCode(upars.toArray()));
            ev = rt.evaluate(upars, rng);
        } catch (StanRejectException e) {
            lastRejection = e.getMessage();
            if (consecutive.incrementAndGet() >= MAX_CONSECUTIVE_REJECTIONS) {
                throw new StanException("the program rejected " + MAX_CONSECUTIVE_REJECTIONS
                        + " evaluations in a row, at every point tried; the last rejection: " + e.getMessage());
            }
            s.factor("target", Tensor.scalar(Double.NEGATIVE_INFINITY));
            return;
        } catch (StanFatalException e) {
            throw e;
        }
        consecutive.set(0);
        for (int k = 0; k < ev.variables().size(); k++) {
            ModelRuntime.Variable v = ev.variables().get(k);
            if (k < params.size() && plain(v)) continue;
            Tensor val = Values.toTensor(ev.values().get(k));
            s.deterministic(v.name(), val);
        }
        s.factor("target", ev.target());
    }
}
