package org.elbo4j.spark;

import java.util.Map;
import org.elbo4j.distributions.Distribution;
import org.elbo4j.infer.Plate;
import org.elbo4j.infer.Sites;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;

/** Passes every primitive on to {@code inner} and records the values of the sample sites, by name. */
final class CapturingSites implements Sites {
    private final Sites inner;
    private final Map<String, Tensor> samples;

    CapturingSites(Sites inner, Map<String, Tensor> samples) {
        this.inner = inner;
        this.samples = samples;
    }

    @Override
    public Tensor sample(String name, Distribution d) {
        Tensor v = inner.sample(name, d);
        samples.put(name, v);
        return v;
    }

    @Override
    public void observe(String name, Distribution d, Tensor value) {
        inner.observe(name, d, value);
    }

    @Override
    public Tensor param(String name, Tensor init, Constraint c) {
        return inner.param(name, init, c);
    }

    @Override
    public Tensor deterministic(String name, Tensor value) {
        return inner.deterministic(name, value);
    }

    @Override
    public void factor(String name, Tensor logWeight) {
        inner.factor(name, logWeight);
    }

    @Override
    public Plate plate(String name, int size, int subsample) {
        return inner.plate(name, size, subsample);
    }
}
