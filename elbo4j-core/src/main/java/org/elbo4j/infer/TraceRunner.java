package org.elbo4j.infer;

import java.util.ArrayDeque;
import java.util.Deque;
import org.elbo4j.distributions.Distribution;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;

/**
 * The handler stack of one run, flattened into one class: records a {@link Trace} while the model runs, in
 * one of three modes — drawing fresh values (a guide, or the prior), or replaying a guide's values into the
 * model.
 */
final class TraceRunner implements Sites {
    enum Mode {
        GUIDE,
        MODEL,
        PRIOR
    }

    private final Mode mode;
    private final ParamBinder params;
    private final RandomStream rng;
    private final Trace replay;
    private final boolean pathwise;
    private final Trace trace = new Trace();
    private Deque<Plate> plates; // allocated on the first plate
    private double scale = 1.0;

    private TraceRunner(Mode mode, ParamBinder params, RandomStream rng, Trace replay, boolean pathwise) {
        this.mode = mode;
        this.params = params;
        this.rng = rng;
        this.replay = replay;
        this.pathwise = pathwise;
    }

    /** Runs a guide: latent sites are drawn, pathwise where possible when {@code pathwise}. */
    static Trace guide(Model guide, ParamBinder params, RandomStream rng, boolean pathwise) {
        TraceRunner r = new TraceRunner(Mode.GUIDE, params, rng, null, pathwise);
        guide.run(r);
        return r.trace;
    }

    /** Runs a model with its latent sites taking the values of {@code guideTrace}. */
    static Trace model(Model model, ParamBinder params, RandomStream rng, Trace guideTrace) {
        TraceRunner r = new TraceRunner(Mode.MODEL, params, rng, guideTrace, false);
        model.run(r);
        return r.trace;
    }

    /** Re-runs a guide with its sample sites replaying {@code replay} (sticking-the-landing's log q). */
    static Trace guideReplay(Model guide, ParamBinder params, RandomStream rng, Trace replay) {
        TraceRunner r = new TraceRunner(Mode.MODEL, params, rng, replay, false);
        guide.run(r);
        return r.trace;
    }

    /** Runs a model drawing every latent site from its prior (no gradients). */
    static Trace prior(Model model, ParamBinder params, RandomStream rng) {
        TraceRunner r = new TraceRunner(Mode.PRIOR, params, rng, null, false);
        model.run(r);
        return r.trace;
    }

    @Override
    public Tensor sample(String name, Distribution d) {
        return sample(name, d, false, false);
    }

    @Override
    public Tensor sampleHidden(String name, Distribution d) {
        return sample(name, d, false, true);
    }

    /** A guide-internal site: no model counterpart is expected. */
    Tensor sampleAuxiliary(String name, Distribution d) {
        return sample(name, d, true, false);
    }

    private Tensor sample(String name, Distribution d, boolean auxiliary, boolean hidden) {
        Tensor value;
        boolean reparam = false;
        switch (mode) {
            case MODEL -> {
                Site g = replay.get(name);
                if (g == null) {
                    throw new IllegalArgumentException(
                            "model site '" + name + "' has no guide site: the guide must sample '" + name
                                    + "' (or observe it in the model if it is data)");
                }
                if (!g.isLatent()) {
                    throw new IllegalArgumentException(
                            "model site '" + name + "' is a " + g.kind() + " site in the guide, not a sample site");
                }
                value = g.value();
                reparam = g.reparameterized();
            }
            case GUIDE -> {
                reparam = pathwise && d.hasRsample();
                value = reparam ? d.rsample(rng) : d.sample(rng);
            }
            default -> value = d.sample(rng);
        }
        if (auxiliary && mode == Mode.GUIDE) {
            double sc = scale;
            trace.add(
                    Site.lazy(name, Site.Kind.SAMPLE, d, value, () -> logProb(name, d, value, sc), reparam, sc, true));
        } else {
            trace.add(new Site(
                    name,
                    Site.Kind.SAMPLE,
                    d,
                    value,
                    logProb(name, d, value, scale),
                    reparam,
                    scale,
                    auxiliary,
                    hidden));
        }
        return value;
    }

    @Override
    public void observe(String name, Distribution d, Tensor value) {
        if (!value.allFinite()) {
            for (int i = 0; i < value.size(); i++) {
                if (!Double.isFinite(value.at(i))) {
                    throw new IllegalArgumentException("observed site '" + name + "': data has " + value.at(i)
                            + " at flat index " + i + " of shape " + value.shape());
                }
            }
        }
        Tensor lp = logProb(name, d, value, scale);
        trace.add(new Site(name, Site.Kind.OBSERVE, d, value, lp, false, scale, false));
    }

    private static Tensor logProb(String name, Distribution d, Tensor value, double scale) {
        Tensor lp;
        try {
            lp = d.logProbSum(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("site '" + name + "': " + e.getMessage(), e);
        }
        return scale == 1.0 ? lp : lp.mul(scale);
    }

    @Override
    public Tensor param(String name, Tensor init, Constraint c) {
        return params.bind(name, init, c);
    }

    /** A parameter whose initial value is made only on first use (the auto-guides' per-step calls). */
    Tensor param(String name, java.util.function.Supplier<Tensor> init, Constraint c) {
        return params.bind(name, init, c);
    }

    @Override
    public Tensor deterministic(String name, Tensor value) {
        trace.add(new Site(name, Site.Kind.DETERMINISTIC, null, value, Tensor.scalar(0.0), false, scale, false));
        return value;
    }

    @Override
    public void factor(String name, Tensor logWeight) {
        Tensor s = logWeight.rank() == 0 ? logWeight : logWeight.sum();
        trace.add(new Site(
                name, Site.Kind.FACTOR, null, logWeight, scale == 1.0 ? s : s.mul(scale), false, scale, false));
    }

    @Override
    public Plate plate(String name, int size, int subsample) {
        if (!(size > 0) || !(subsample > 0) || subsample > size) {
            throw new IllegalArgumentException("plate '" + name + "': need 0 < subsample <= size, got subsample "
                    + subsample + " of size " + size);
        }
        int[] idx = null;
        if (subsample < size) {
            if (replay != null && replay.hasPlate(name)) {
                idx = replay.plateIndices(name);
                if (idx.length != subsample) {
                    throw new IllegalArgumentException("plate '" + name + "': the guide used " + idx.length
                            + " indices, the model asks for " + subsample);
                }
            } else {
                idx = choose(size, subsample);
            }
            trace.plate(name, idx);
        }
        Plate p = new Plate(name, size, idx, () -> leavePlate(name));
        double outer = scale;
        if (plates == null) plates = new ArrayDeque<>();
        plates.push(p);
        scale = outer * p.scale();
        return p;
    }

    private void leavePlate(String name) {
        Plate top = plates == null ? null : plates.peek();
        if (top == null || !top.name().equals(name)) {
            throw new IllegalStateException("plate '" + name + "' closed out of order");
        }
        plates.pop();
        double sc = 1.0; // recomputed, not divided, so that no rounding accumulates
        for (Plate q : plates) sc *= q.scale();
        scale = sc;
    }

    /** {@code k} distinct indices of {@code 0..n-1}, in random order (partial Fisher–Yates). */
    private int[] choose(int n, int k) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        for (int i = 0; i < k; i++) {
            int j = i + (int) Math.floor(rng.nextDouble() * (n - i));
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return java.util.Arrays.copyOf(perm, k);
    }
}
