package org.elbo4j.infer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elbo4j.diag.Psis;
import org.elbo4j.diag.Summary;
import org.elbo4j.optim.ParamStore;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Bijectors;
import org.elbo4j.transform.Constraint;
import org.elbo4j.transform.Constraints;

/**
 * The result of an SVI run: the fitted parameters, the ELBO trace, and the approximate posterior with its
 * summaries and the PSIS diagnostic.
 *
 * <pre>{@code
 * Draws d = fit.draws(1000, 1);
 * fit.summary(1000, 1);          // mean, sd, 5/50/95% per scalar
 * Psis.Result k = fit.paretoK(1000, 1);
 * k.k(); k.verdict();            // e.g. 0.43, "good"
 * }</pre>
 */
public final class Fit {
    private final Model model, guide;
    private final ParamStore params;
    private final Map<String, Constraint> constraints;
    private final List<Double> elboTrace;
    private final List<double[]> evaluations;
    private final long steps;
    private final boolean converged;
    private final int recoveries;
    private final double learningRate, adaptedEta, seconds;
    private final String estimator;
    private final long seed;
    private final int rejectedCandidates;

    Fit(
            Model model,
            Model guide,
            ParamStore params,
            Map<String, Constraint> constraints,
            List<Double> elboTrace,
            List<double[]> evaluations,
            long steps,
            boolean converged,
            int recoveries,
            double learningRate,
            double adaptedEta,
            double seconds,
            String estimator,
            long seed,
            int rejectedCandidates) {
        this.rejectedCandidates = rejectedCandidates;
        this.model = model;
        this.guide = guide;
        this.params = params;
        this.constraints = constraints;
        this.elboTrace = elboTrace;
        this.evaluations = evaluations;
        this.steps = steps;
        this.converged = converged;
        this.recoveries = recoveries;
        this.learningRate = learningRate;
        this.adaptedEta = adaptedEta;
        this.seconds = seconds;
        this.estimator = estimator;
        this.seed = seed;
    }

    /**
     * Candidates rejected because the model was undefined (a distribution refusing an overflowed parameter) at a point
     * they reached: step sizes of the adaptation ({@link Svi#adaptStepSize}) and periodic ELBO evaluations (a draw of
     * q outside the model's domain; the stopping rule waits for the next). Steps undone count in {@link #recoveries}.
     */
    public int rejectedCandidates() {
        return rejectedCandidates;
    }

    /** The model that was fitted. */
    public Model model() {
        return model;
    }

    /** The guide that was fitted (its parameters are {@link #params()}). */
    public Model guide() {
        return guide;
    }

    /** The fitted parameters on the unconstrained scale (a copy). */
    public ParamStore params() {
        return params.copy();
    }

    /** A parameter on its constrained (natural) scale. */
    public Tensor param(String name) {
        Tensor u = params.get(name);
        Constraint c = constraints.getOrDefault(name, Constraints.REAL);
        return c.equals(Constraints.REAL) ? u : Bijectors.bijectTo(c).forward(u);
    }

    /** The per-step ELBO estimates. */
    public double[] elboTrace() {
        double[] t = new double[elboTrace.size()];
        for (int i = 0; i < t.length; i++) t[i] = elboTrace.get(i);
        return t;
    }

    /** The periodic evaluations: rows of {step, ELBO, standard error}. */
    public List<double[]> evaluations() {
        return Collections.unmodifiableList(evaluations);
    }

    /** The last periodic ELBO evaluation (NaN if none ran). */
    public double finalElbo() {
        return evaluations.isEmpty() ? Double.NaN : evaluations.get(evaluations.size() - 1)[1];
    }

    /** Steps taken. */
    public long steps() {
        return steps;
    }

    /** True when the convergence rule (not the budget) stopped the run. */
    public boolean converged() {
        return converged;
    }

    /** Number of steps undone because of NaN/Inf. */
    public int recoveries() {
        return recoveries;
    }

    /** The learning rate at the end (lower than the start after recoveries). */
    public double learningRate() {
        return learningRate;
    }

    /** The η chosen by step-size adaptation, or NaN when it did not run. */
    public double adaptedEta() {
        return adaptedEta;
    }

    /** Wall time of the run in seconds. */
    public double seconds() {
        return seconds;
    }

    /** The estimator's name. */
    public String estimator() {
        return estimator;
    }

    /** The seed of the run. */
    public long seed() {
        return seed;
    }

    /**
     * {@code n} independent draws from the fitted guide, with the model's deterministic sites computed at each
     * and log p(x, θ), log q(θ) for PSIS.
     */
    public Draws draws(int n, long drawSeed) {
        if (n < 1) throw new IllegalArgumentException("draws: n must be >= 1, got " + n);
        RandomStream rng = RandomStream.of(drawSeed);
        ParamBinder b = new ParamBinder(params, null, new LinkedHashMap<>(constraints));
        List<String> names = null;
        List<Draws.Quantity> quantities = new ArrayList<>();
        double[][] values = new double[n][];
        double[] logP = new double[n], logQ = new double[n];
        for (int i = 0; i < n; i++) {
            Particle p = Particle.draw(model, guide, b, rng, false);
            List<Site> sites = new ArrayList<>();
            for (Site s : p.model().sites())
                if ((s.isLatent() && !s.hidden()) || s.kind() == Site.Kind.DETERMINISTIC) sites.add(s);
            if (names == null) {
                names = names(sites);
                for (Site s : sites)
                    quantities.add(
                            new Draws.Quantity(s.name(), s.value().shape().dims(), !s.isLatent()));
            }
            double[] row = new double[names.size()];
            int j = 0;
            for (Site s : sites)
                for (int e = 0; e < s.value().size(); e++) row[j++] = s.value().at(e);
            values[i] = row;
            logP[i] = p.logP().item();
            logQ[i] = p.logQ().item();
        }
        return new Draws(List.copyOf(quantities), List.copyOf(names), values, logP, logQ);
    }

    private static List<String> names(List<Site> sites) {
        List<String> names = new ArrayList<>();
        for (Site s : sites)
            names.addAll(elementNames(s.name(), s.value().shape().dims()));
        return names;
    }

    /** {@code name}, or {@code name[i]}, {@code name[i,j]} … (1-based, row-major). */
    public static List<String> elementNames(String name, int[] dims) {
        List<String> out = new ArrayList<>();
        if (dims.length == 0) {
            out.add(name);
            return out;
        }
        int total = 1;
        for (int d : dims) total *= d;
        int[] idx = new int[dims.length];
        for (int f = 0; f < total; f++) {
            StringBuilder sb = new StringBuilder(name).append('[');
            for (int k = 0; k < dims.length; k++) sb.append(k == 0 ? "" : ",").append(idx[k] + 1);
            out.add(sb.append(']').toString());
            for (int k = dims.length - 1; k >= 0; k--) {
                if (++idx[k] < dims[k]) break;
                idx[k] = 0;
            }
        }
        return out;
    }

    /** Summaries of {@code n} draws. */
    public List<Summary.Row> summary(int n, long drawSeed) {
        Draws d = draws(n, drawSeed);
        return Summary.of(d.names(), d.values());
    }

    /** PSIS on {@code n} draws: k̂ and smoothed weights. */
    public Psis.Result paretoK(int n, long drawSeed) {
        return Psis.smooth(draws(n, drawSeed).logRatios());
    }

    /** PSIS-corrected posterior means of every named scalar, from {@code n} draws. */
    public Map<String, Double> psisMeans(int n, long drawSeed) {
        Draws d = draws(n, drawSeed);
        Psis.Result r = Psis.smooth(d.logRatios());
        Map<String, Double> m = new LinkedHashMap<>();
        for (String name : d.names()) m.put(name, r.expectation(d.column(name)));
        return m;
    }
}
