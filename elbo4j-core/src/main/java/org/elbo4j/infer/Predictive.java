package org.elbo4j.infer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.elbo4j.optim.ParamStore;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;

/**
 * Posterior predictive draws (Pyro's and NumPyro's {@code Predictive}): the model run again at each posterior draw
 * of its latents — from a fitted guide, or from a set of posterior draws — with its observed sites
 * {@link Handlers#uncondition() unconditioned}, so that they draw replicated data y_rep ~ p(y | θ). The result has a
 * column per scalar of every returned site ({@code y[1]}, {@code y[2]} … as in CmdStan), for posterior predictive
 * checks: does the model, at its fitted posterior, make data like the data?
 *
 * <pre>{@code
 * Tensor y = Tensor.of(2.1, 3.4, 2.9, 4.0, 3.3);
 * Model model = s -> s.observe("y", Normal.of(s.sample("mu", Normal.of(0, 10)), Tensor.scalar(1.0)), y);
 * Fit fit = Svi.of(model, AutoGuide.meanField(model)).optimizer(Adam.of(0.05)).seed(1).run(Stop.after(2000));
 * Predictive.Samples rep = Predictive.of(fit).observedSites().sample(1000, 7);
 * rep.names();              // [y[1], y[2], y[3], y[4], y[5]]
 * rep.column("y[1]");       // 1000 replicated values, mean ≈ 3.13, sd ≈ sqrt(1 + 1/5.01) ≈ 1.1
 * }</pre>
 *
 * <p>Each draw runs the guide (or takes the next posterior draw), then the model under
 * {@code trace(replay(uncondition(model)))}; the latents keep their posterior values, observed sites are drawn,
 * deterministic sites are recomputed. No gradients are recorded.
 */
public final class Predictive {
    private final Model model;
    private final Model guide;
    private final ParamStore params;
    private final Draws posterior;
    private Set<String> only; // null: every site
    private boolean observedOnly;

    private Predictive(Model model, Model guide, ParamStore params, Draws posterior) {
        this.model = model;
        this.guide = guide;
        this.params = params;
        this.posterior = posterior;
    }

    /**
     * Draws from a fitted guide: each predictive draw first draws θ ~ q(θ) with the given parameters.
     *
     * @param params the guide's (and model's) parameters on the unconstrained scale; not modified
     */
    public static Predictive of(Model model, Model guide, ParamStore params) {
        return new Predictive(model, guide, params.copy(), null);
    }

    /** Draws from the guide of a fit, at its fitted parameters. */
    public static Predictive of(Fit fit) {
        return of(fit.model(), fit.guide(), fit.params());
    }

    /**
     * Draws at given posterior draws of the latents (from any method: {@link Fit#draws}, {@link Pathfinder},
     * {@link DefaultFit}, MCMC output read into a {@link Draws}): draw i of the result uses posterior draw
     * i mod {@code posterior.size()}. Deterministic columns of {@code posterior} are ignored (recomputed).
     *
     * @throws IllegalArgumentException if {@code posterior} has no draws
     */
    public static Predictive of(Model model, Draws posterior) {
        if (posterior.size() == 0) throw new IllegalArgumentException("Predictive: the posterior has no draws");
        return new Predictive(model, null, new ParamStore(), posterior);
    }

    /**
     * Returns only these sites (latent, observed or deterministic).
     *
     * @return this
     */
    public Predictive sites(String... names) {
        this.only = new LinkedHashSet<>(List.of(names));
        return this;
    }

    /**
     * Returns only the sites the model observes (its replicated data).
     *
     * @return this
     */
    public Predictive observedSites() {
        this.observedOnly = true;
        return this;
    }

    /**
     * Predictive draws: the returned sites' values, flattened row-major within each site, in model order.
     *
     * @param n    number of draws, ≥ 1
     * @param seed the draws are a function of it
     * @throws IllegalArgumentException if n &lt; 1, a site named by {@link #sites} never occurs, a model latent has
     *                                  no value in the guide or the posterior draws, or a site changes shape
     */
    public Samples sample(int n, long seed) {
        if (n < 1) throw new IllegalArgumentException("Predictive: n must be >= 1, got " + n);
        RandomStream rng = RandomStream.of(seed);
        ParamBinder b = new ParamBinder(params, null, new HashMap<>());
        Set<String> observed = new LinkedHashSet<>();
        Handler observedNames = new Handler() {
            @Override
            public void process(Message m) {
                if (m.observed()) observed.add(m.name());
            }
        };
        List<Draws.Quantity> quantities = null;
        List<String> names = null;
        double[][] values = new double[n][];
        for (int i = 0; i < n; i++) {
            Trace latents;
            if (posterior != null) {
                latents = trace(posterior, i % posterior.size());
            } else {
                latents = TraceRunner.guide(guide, b, rng, false);
            }
            TraceHandler t = new TraceHandler();
            Handler[] hs = i == 0
                    ? new Handler[] {
                        t, new StandardHandlers.Replay(latents, true), new StandardHandlers.Uncondition(), observedNames
                    }
                    : new Handler[] {t, new StandardHandlers.Replay(latents, true), new StandardHandlers.Uncondition()};
            HandlerStack.run(model, b, rng, hs, false);
            List<Site> sites = new ArrayList<>();
            for (Site s : t.trace().sites()) {
                if (s.kind() == Site.Kind.FACTOR) continue;
                if (observedOnly && !observed.contains(s.name())) continue;
                if (only != null && !only.contains(s.name())) continue;
                sites.add(s);
            }
            if (quantities == null) {
                if (only != null) {
                    for (String name : only) {
                        if (t.trace().get(name) == null) {
                            throw new IllegalArgumentException("Predictive: the model has no site '" + name
                                    + "'; sites: "
                                    + t.trace().sites().stream().map(Site::name).toList());
                        }
                    }
                }
                quantities = new ArrayList<>();
                names = new ArrayList<>();
                for (Site s : sites) {
                    int[] dims = s.value().shape().dims();
                    quantities.add(new Draws.Quantity(s.name(), dims, s.kind() == Site.Kind.DETERMINISTIC));
                    names.addAll(Fit.elementNames(s.name(), dims));
                }
            }
            double[] row = new double[names.size()];
            int j = 0, q = 0;
            for (Site s : sites) {
                Draws.Quantity qt = quantities.get(q++);
                if (!java.util.Arrays.equals(qt.dims(), s.value().shape().dims())) {
                    throw new IllegalArgumentException("Predictive: site '" + s.name() + "' has shape "
                            + s.value().shape() + " in draw " + (i + 1) + ", " + java.util.Arrays.toString(qt.dims())
                            + " in the first");
                }
                for (int e = 0; e < s.value().size(); e++) row[j++] = s.value().at(e);
            }
            values[i] = row;
        }
        return new Samples(List.copyOf(quantities), List.copyOf(names), values);
    }

    /**
     * The data the model observes, by site, in model order: what the replicated sites of {@link #observedSites()}
     * are compared with. Found by one run of the model at the first posterior draw (or a draw of the guide).
     */
    public Map<String, Tensor> observedData() {
        ParamBinder b = new ParamBinder(params, null, new HashMap<>());
        RandomStream rng = RandomStream.of(0);
        Trace latents = posterior != null ? trace(posterior, 0) : TraceRunner.guide(guide, b, rng, false);
        Trace t = TraceRunner.model(model, b, rng, latents);
        Map<String, Tensor> out = new java.util.LinkedHashMap<>();
        for (Site s : t.sites()) if (s.kind() == Site.Kind.OBSERVE) out.put(s.name(), s.value());
        return out;
    }

    /** The latent values of posterior draw {@code i} as a trace that a strict replay reads. */
    private static Trace trace(Draws d, int i) {
        Trace t = new Trace();
        double[] row = d.values()[i];
        int j = 0;
        for (Draws.Quantity q : d.quantities()) {
            int size = 1;
            for (int k : q.dims()) size *= k;
            if (!q.deterministic()) {
                double[] v = java.util.Arrays.copyOfRange(row, j, j + size);
                Tensor value = q.dims().length == 0 ? Tensor.scalar(v[0]) : Tensor.of(v, q.dims());
                t.add(new Site(q.name(), Site.Kind.SAMPLE, null, value, Tensor.scalar(0.0), false, 1.0, false));
            }
            j += size;
        }
        return t;
    }

    /**
     * Predictive draws flattened to named scalars.
     *
     * @param quantities the sites behind the columns, with their shapes, in column order
     * @param names      the scalar names ({@code y[1]} …, 1-based, row-major within a site)
     * @param values     [draws][names]
     */
    public record Samples(List<Draws.Quantity> quantities, List<String> names, double[][] values) {
        /** Number of draws. */
        public int size() {
            return values.length;
        }

        /**
         * The column of {@code name}.
         *
         * @throws IllegalArgumentException if there is none
         */
        public double[] column(String name) {
            int j = names.indexOf(name);
            if (j < 0) throw new IllegalArgumentException("no column named '" + name + "'; known: " + names);
            double[] c = new double[values.length];
            for (int i = 0; i < values.length; i++) c[i] = values[i][j];
            return c;
        }
    }
}
