package org.elbo4j.infer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elbo4j.optim.Adam;
import org.elbo4j.optim.IterateAverage;
import org.elbo4j.optim.Optimizer;
import org.elbo4j.optim.OptimizerState;
import org.elbo4j.optim.ParamStore;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Adjoints;
import org.elbo4j.tensor.NonFiniteException;
import org.elbo4j.tensor.Tape;
import org.elbo4j.transform.Constraint;

/**
 * Stochastic variational inference: maximise the ELBO of a guide against a model by stochastic gradient
 * steps on the guide's (and model's) parameters.
 *
 * <pre>{@code
 * Fit fit = Svi.of(model, AutoGuide.meanField(model))
 *              .estimator(Elbo.reparameterized())
 *              .optimizer(Adam.of(0.01)).seed(42)
 *              .run(Stop.relativeTolerance(0.01, 10_000));
 * fit.summary(1000, 1);
 * }</pre>
 *
 * <p><b>Reproducibility.</b> A run is a function of the seed: the step draws come from
 * {@code RandomStream.of(seed)} and the periodic ELBO evaluations from a stream split from it, so evaluating more
 * or less often does not change the steps.
 *
 * <p><b>NaN recovery.</b> When a step's ELBO, gradient or updated parameters are not finite, the parameters go
 * back to where they were before the previous successful step (that step may have landed where the density is
 * undefined), the step size is halved and the listener told; after {@code maxRecoveries} consecutive failures the run fails with an
 * {@link IllegalStateException} that says where.
 *
 * @implSpec Defaults: reparameterized estimator with one particle, Adam with learning rate 0.01 (Stan's
 * default η is chosen by adaptation instead; see {@link #adaptStepSize}), seed 0, at most 10 consecutive
 * recoveries.
 */
public final class Svi {
    private final Model model;
    private final Model guide;
    private ElboEstimator estimator = Elbo.reparameterized();
    private Optimizer optimizer;
    private long seed;
    private SviListener listener = new SviListener() {};
    private ParamStore params = new ParamStore();
    private boolean adapt;
    private double[] adaptEtas = {100, 10, 1, 0.1, 0.01};
    private int adaptSteps = 50;
    private int maxRecoveries = 10;
    private double averaging;
    private long averagingSkip;

    private Svi(Model model, Model guide) {
        this.model = model;
        this.guide = guide;
    }

    /** An SVI run of {@code guide} against {@code model}. */
    public static Svi of(Model model, Model guide) {
        return new Svi(model, guide);
    }

    /** The ELBO estimator. */
    public Svi estimator(ElboEstimator e) {
        this.estimator = e;
        return this;
    }

    /** The optimizer (its state is modified by the run). */
    public Svi optimizer(Optimizer o) {
        this.optimizer = o;
        return this;
    }

    /** The seed. */
    public Svi seed(long s) {
        this.seed = s;
        return this;
    }

    /** Progress callbacks. */
    public Svi listener(SviListener l) {
        this.listener = l;
        return this;
    }

    /** Start from these parameter values (warm start); the store is modified by the run. */
    public Svi params(ParamStore p) {
        this.params = p;
        return this;
    }

    /**
     * Iterate averaging (Polyak–Ruppert, as an exponential moving average): the fit returns
     * x̄ ← d·x̄ + (1 − d)·x over the steps' parameters instead of the last iterate, which removes most of the
     * noise a stochastic optimizer leaves in its last step. d = 0 turns it off.
     *
     * @param decay d in [0, 1); 0.99 averages over about the last 100 steps
     * @implSpec Off (0) unless set.
     */
    public Svi averaging(double decay) {
        return averaging(decay, 0);
    }

    /**
     * {@link #averaging(double)} that starts after {@code skip} steps ({@link IterateAverage#IterateAverage(double,
     * long)}), e.g. once the learning rate has been annealed, so that the far-off early iterates stay out.
     *
     * @param decay d in [0, 1); 0 turns it off
     * @param skip  steps before the average starts, ≥ 0
     */
    public Svi averaging(double decay, long skip) {
        if (!(decay >= 0 && decay < 1))
            throw new IllegalArgumentException("averaging: decay must be in [0, 1), got " + decay);
        if (skip < 0) throw new IllegalArgumentException("averaging: skip must be >= 0, got " + skip);
        this.averaging = decay;
        this.averagingSkip = skip;
        return this;
    }

    /** Consecutive NaN recoveries allowed before failing. */
    public Svi maxRecoveries(int n) {
        if (n < 0) throw new IllegalArgumentException("maxRecoveries must be >= 0, got " + n);
        this.maxRecoveries = n;
        return this;
    }

    /**
     * Stan ADVI's step-size adaptation before the run: for each η in {@code etas} (Stan: 100, 10, 1, 0.1, 0.01),
     * run {@code steps} steps (Stan: 50) from the initial parameters, evaluate the ELBO, and keep the best η that
     * beats the initial ELBO; the search stops once the ELBO gets worse than the best so far (Stan's rule).
     */
    public Svi adaptStepSize(double[] etas, int steps) {
        if (etas.length == 0 || steps < 1)
            throw new IllegalArgumentException("adaptStepSize: need etas and steps >= 1");
        this.adapt = true;
        this.adaptEtas = etas.clone();
        this.adaptSteps = steps;
        return this;
    }

    /** Stan's default adaptation (η ∈ {100, 10, 1, 0.1, 0.01}, 50 steps each). */
    public Svi adaptStepSize() {
        return adaptStepSize(new double[] {100, 10, 1, 0.1, 0.01}, 50);
    }

    /**
     * Runs until the stopping rule says so.
     *
     * @throws IllegalStateException after too many consecutive NaN recoveries
     * @throws IllegalArgumentException for model/guide mismatches (named sites)
     */
    public Fit run(Stop stop) {
        if (optimizer == null) optimizer = Adam.of(0.01);
        long t0 = System.nanoTime();
        rejectedCandidates = 0;
        Map<String, Constraint> constraints = new LinkedHashMap<>();
        RandomStream rng = RandomStream.of(seed);
        RandomStream evalRng = rng.split();
        // Bind every parameter once so the store is complete before adaptation snapshots it.
        Particle.draw(
                model,
                guide,
                new ParamBinder(params, null, constraints),
                RandomStream.of(seed).fork(-1),
                true);
        double chosenEta = Double.NaN;
        if (adapt) {
            chosenEta = adapt(constraints, rng.split(), evalRng.split(), stop);
            optimizer.setLearningRate(chosenEta);
        }
        Convergence conv = new Convergence(stop);
        List<Double> trace = new ArrayList<>();
        List<double[]> evals = new ArrayList<>();
        int recoveries = 0, consecutive = 0;
        boolean converged = false;
        long step = 0;
        IterateAverage avg = averaging > 0 ? new IterateAverage(averaging, averagingSkip) : null;
        while (step < stop.maxSteps) {
            if (listener.stopRequested()) break;
            String failure = step(constraints, rng);
            if (failure != null) {
                recoveries++;
                consecutive++;
                double lr = optimizer.learningRate() * 0.5;
                optimizer.setLearningRate(lr);
                listener.onRecovery(step, failure, lr);
                if (consecutive > maxRecoveries) {
                    throw new IllegalStateException("SVI failed at step " + step + " after " + consecutive
                            + " consecutive non-finite steps (last: " + failure + "); learning rate lowered to " + lr
                            + ". Check the model for unbounded densities, or start from other initial values.");
                }
                continue;
            }
            consecutive = 0;
            step++;
            if (avg != null) avg.update(params);
            trace.add(lastElbo);
            listener.onStep(step, lastElbo);
            if (step % stop.evalEvery == 0) {
                String[] why = new String[1];
                double[] e = evaluateOrNull(constraints, evalRng, stop.evalSamples, why);
                if (e == null) {
                    // a draw of q reached a point where the model is undefined: this evaluation is rejected (the
                    // stopping rule waits for the next one), the run goes on
                    rejectedCandidates++;
                    listener.onRejectedCandidate("ELBO evaluation at step " + step, why[0]);
                    continue;
                }
                evals.add(new double[] {step, e[0], e[1]});
                listener.onEvaluation(step, e[0], e[1]);
                if (conv.add(e[0], e[1])) {
                    converged = stop.rule != Stop.Rule.BUDGET;
                    if (converged) break;
                }
            }
        }
        if (avg != null && avg.started()) {
            avg.applyTo(params);
            String[] why = new String[1];
            double[] e =
                    evaluateOrNull(constraints, evalRng, stop.evalSamples, why); // the ELBO at the averaged parameters
            if (e != null) {
                evals.add(new double[] {step, e[0], e[1]});
            } else {
                rejectedCandidates++;
                listener.onRejectedCandidate("ELBO evaluation at the averaged parameters", why[0]);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Fit(
                model,
                guide,
                params.copy(),
                new LinkedHashMap<>(constraints),
                trace,
                evals,
                step,
                converged,
                recoveries,
                optimizer.learningRate(),
                chosenEta,
                seconds,
                estimator.name(),
                seed,
                rejectedCandidates);
    }

    private double lastElbo;
    /** Candidates rejected because the model was undefined there: adaptation step sizes, ELBO evaluations. */
    private int rejectedCandidates;
    /** The parameters before the last successful step: a step can land where the density is undefined and only the
     * next ELBO shows it, so a failure rolls back to here, undoing the step that caused it. */
    private ParamStore.Snapshot beforeLastStep;

    /** One step; returns null on success or the reason it was undone. */
    private String step(Map<String, Constraint> constraints, RandomStream rng) {
        ParamStore.Snapshot snapshot = params.snapshot();
        try {
            Tape tape = new Tape();
            ParamBinder b = new ParamBinder(params, tape, constraints);
            Estimate e;
            try {
                e = estimator.estimate(model, guide, b, rng);
            } catch (NonFiniteException ex) {
                throw ex;
            } catch (IllegalArgumentException | ArithmeticException | IllegalStateException ex) {
                // The model is undefined at this candidate point (a distribution refused a parameter that overflowed,
                // a transform got an infinity): the candidate is rejected like a non-finite ELBO, never a crash.
                // Structural errors (a guide that misses a site) fail at the initial binding, before any step.
                throw new NonFiniteException("the model is undefined here: " + ex.getMessage());
            }
            if (!Double.isFinite(e.elbo())) throw new NonFiniteException("the ELBO estimate is " + e.elbo());
            if (e.loss().tape() != tape) {
                throw new IllegalArgumentException(
                        "the ELBO does not depend on any parameter: does the guide declare params?");
            }
            Adjoints adj = tape.backward(e.loss(), new double[] {1.0});
            // The optimizers refuse a non-finite update (NonFiniteException, nothing changed), so the store stays
            // finite.
            optimizer.step(params, b.gradients(adj));
            lastElbo = e.elbo();
            beforeLastStep = snapshot;
            return null;
        } catch (NonFiniteException ex) {
            params.restore(beforeLastStep != null ? beforeLastStep : snapshot);
            return ex.getMessage();
        }
    }

    /** ELBO (mean of log p − log q over {@code n} draws, no gradients) and its standard error. */
    private double[] evaluate(Map<String, Constraint> constraints, RandomStream rng, int n) {
        return evaluate(model, guide, new ParamBinder(params, null, constraints), rng, n);
    }

    /** {@link #evaluate}, or null with the reason in {@code why[0]} when the model is undefined at a draw of q. */
    private double[] evaluateOrNull(Map<String, Constraint> constraints, RandomStream rng, int n, String[] why) {
        try {
            return evaluate(constraints, rng, n);
        } catch (IllegalArgumentException | ArithmeticException | IllegalStateException ex) {
            why[0] = "the model is undefined at a draw of the ELBO evaluation: " + ex.getMessage();
            return null;
        }
    }

    static double[] evaluate(Model model, Model guide, ParamBinder b, RandomStream rng, int n) {
        // log p − log q per draw (not the closed-form entropy, as Stan does: at a q that fits, log p − log q is nearly
        // constant, so its mean settles faster); Welford's update, with no cancellation when the ELBO is large and its
        // spread small
        double mean = 0, m2 = 0;
        for (int i = 0; i < n; i++) {
            double w = Particle.draw(model, guide, b, rng, false).logWeight().item();
            double d = w - mean;
            mean += d / (i + 1);
            m2 += d * (w - mean);
        }
        double var = n > 1 ? m2 / (n - 1) : 0;
        return new double[] {mean, Math.sqrt(var / n)};
    }

    /**
     * Stan's adapt_eta (advi.hpp): from the initial values, try each η for {@code adaptSteps} steps; a candidate must
     * beat the ELBO at the initial values; the search stops at the first η whose ELBO is worse than the best so far
     * (once the best has beaten the initial ELBO); if the last η is reached, it is used only if it beats the
     * initial ELBO.
     */
    private double adapt(Map<String, Constraint> constraints, RandomStream rng, RandomStream evalRng, Stop stop) {
        ParamStore.Snapshot init = params.snapshot();
        OptimizerState initState = optimizer.saveState();
        String[] initWhy = new String[1];
        double[] init0 = evaluateOrNull(constraints, evalRng, stop.evalSamples, initWhy);
        if (init0 == null) {
            throw new IllegalStateException(
                    "step-size adaptation: the ELBO at the initial values cannot be evaluated (" + initWhy[0] + ")");
        }
        double elboInit = init0[0];
        double bestEta = Double.NaN, best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < adaptEtas.length; i++) {
            double eta = adaptEtas[i];
            beforeLastStep = null;
            params.restore(init);
            optimizer.restoreState(initState);
            optimizer.setLearningRate(eta);
            RandomStream r = rng.split();
            String why = null;
            for (int k = 0; k < adaptSteps && why == null; k++) why = step(constraints, r);
            double elbo = Double.NEGATIVE_INFINITY;
            if (why == null) {
                String[] w = new String[1];
                double[] e = evaluateOrNull(constraints, evalRng, stop.evalSamples, w);
                elbo = e == null || !Double.isFinite(e[0]) ? Double.NEGATIVE_INFINITY : e[0];
                why = w[0];
            }
            if (why != null) { // this η drove the model out of its domain: a rejected candidate, not a crash
                rejectedCandidates++;
                listener.onRejectedCandidate("step-size adaptation, eta = " + eta, why);
            }
            if (elbo < best && best > elboInit) break; // worse than the best, which had improved on the start
            if (elbo > elboInit && elbo >= best) {
                best = elbo;
                bestEta = eta;
            }
        }
        params.restore(init);
        optimizer.restoreState(initState);
        beforeLastStep = null;
        if (Double.isNaN(bestEta)) {
            throw new IllegalStateException("step-size adaptation failed: no η in "
                    + java.util.Arrays.toString(adaptEtas)
                    + " improved on the ELBO at the initial values (" + elboInit + ") within " + adaptSteps
                    + " steps (" + rejectedCandidates + " of them rejected: the model was undefined along the way)"
                    + "; set the learning rate by hand");
        }
        return bestEta;
    }
}
