package org.elbo4j.infer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.elbo4j.checkpoint.Checkpoint;
import org.elbo4j.optim.Adam;
import org.elbo4j.optim.IterateAverage;
import org.elbo4j.optim.Optimizer;
import org.elbo4j.optim.OptimizerState;
import org.elbo4j.optim.ParamStore;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Adjoints;
import org.elbo4j.tensor.NonFiniteException;
import org.elbo4j.tensor.Tape;
import org.elbo4j.tensor.Tensor;
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
 * <p><b>Save and resume.</b> {@link #checkpoints} hands the run's whole state to a sink every k steps and at the end
 * (a {@link Checkpoint}: parameters, optimizer state, both streams' states, history and counters), and
 * {@link #resume} continues from one: the resumed run equals the run that never stopped, bit for bit. The file format
 * is {@link org.elbo4j.checkpoint.CheckpointFormat}'s ({@code docs/checkpoint-format.md}).
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
    private long checkpointEvery;
    private Consumer<Checkpoint> checkpointSink;
    private Checkpoint resumeFrom;
    private Map<String, String> extraSettings = new LinkedHashMap<>();
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
     * Saves the run's state every {@code every} steps and once more when the run ends (at the step limit, on
     * convergence, or when the listener asks to stop), unless that step was just saved: {@code sink} receives a
     * {@link Checkpoint} of kind {@code "svi"} from which {@link #resume} continues bit for bit. The state is taken
     * between steps, before iterate averaging replaces the last iterate at the end of the run. Core writes no
     * files: the sink does (the CLI writes each checkpoint atomically); an exception from the sink ends the run.
     *
     * <p>What a checkpoint holds: the parameters, the optimizer's state (moments, step counts, learning rate, after
     * any lowering by NaN recovery), the states of the step and evaluation streams, the ELBO trace, the periodic
     * evaluations (from which the stopping rule's state is rebuilt), the iterate average, the parameters before the
     * last step (for NaN recovery), the counters, the adapted η, and {@link #settings() the settings}.
     *
     * @param every steps between checkpoints, ≥ 1
     * @param sink  receives each checkpoint on the fitting thread
     * @throws IllegalArgumentException if {@code every} {@literal <} 1
     */
    public Svi checkpoints(long every, Consumer<Checkpoint> sink) {
        if (every < 1) throw new IllegalArgumentException("checkpoints: every must be >= 1, got " + every);
        this.checkpointEvery = every;
        this.checkpointSink = java.util.Objects.requireNonNull(sink, "sink");
        return this;
    }

    /**
     * Continues the run a checkpoint saved ({@link #checkpoints}) instead of starting afresh: the next
     * {@link #run} starts at the checkpoint's step with its parameters, optimizer state, random streams and
     * history, skips step-size adaptation (the adapted η is in the optimizer's state), and ends where the stopping
     * rule says, as if the run had never stopped. Build this {@code Svi} as the saved one was built (model, guide,
     * estimator, optimizer kind and hyper-parameters, seed, averaging, adaptation, {@link #settings extra
     * settings}); the stopping rule may differ (e.g. a larger step budget).
     *
     * <p>Not captured: state an {@link ElboEstimator} keeps inside itself (the score-function estimator's running-mean
     * baseline); with such an estimator the resumed run starts that state afresh.
     *
     * @param c a checkpoint of kind {@code "svi"}; checked when {@link #run} starts
     */
    public Svi resume(Checkpoint c) {
        this.resumeFrom = java.util.Objects.requireNonNull(c, "checkpoint");
        return this;
    }

    /**
     * Settings recorded in every checkpoint beside this run's own and checked on {@link #resume} (e.g. the model's
     * name and the data's digest, which {@code Svi} cannot see).
     */
    public Svi settings(Map<String, String> extra) {
        this.extraSettings = new LinkedHashMap<>(extra);
        return this;
    }

    /**
     * The settings a checkpoint records and a resume must match: the {@link #settings extra} ones, then
     * {@code estimator} (its name), {@code optimizer} (the kind; its hyper-parameters are checked by
     * {@link Optimizer#restoreState}), {@code seed}, {@code averaging}, {@code adapt} ({@code off} or the η grid and
     * steps) and {@code maxRecoveries}.
     */
    public Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>(extraSettings);
        s.put("estimator", estimator.name());
        s.put("optimizer", optimizer == null ? "Adam" : optimizer.saveState().kind());
        s.put("seed", Long.toString(seed));
        s.put("averaging", Double.toString(averaging));
        if (averagingSkip > 0) s.put("averagingSkip", Long.toString(averagingSkip));
        s.put("adapt", adapt ? java.util.Arrays.toString(adaptEtas) + " x " + adaptSteps : "off");
        s.put("maxRecoveries", Integer.toString(maxRecoveries));
        return s;
    }

    /** The {@link Checkpoint#kind()} of an SVI run. */
    public static final String CHECKPOINT_KIND = "svi";

    /**
     * Runs until the stopping rule says so.
     *
     * @throws IllegalStateException after too many consecutive NaN recoveries
     * @throws IllegalArgumentException for model/guide mismatches (named sites), or a checkpoint given to
     *         {@link #resume} that does not fit this run (naming the setting or parameter)
     */
    public Fit run(Stop stop) {
        if (optimizer == null) optimizer = Adam.of(0.01);
        long t0 = System.nanoTime();
        rejectedCandidates = 0;
        beforeLastStep = null;
        estimatorState = new EstimatorState();
        Map<String, Constraint> constraints = new LinkedHashMap<>();
        RandomStream rng = RandomStream.of(seed);
        RandomStream evalRng = rng.split();
        Progress p = new Progress();
        Convergence conv = new Convergence(stop);
        Map<String, String> settings = checkpointSink != null || resumeFrom != null ? settings() : Map.of();
        if (resumeFrom != null) {
            Checkpoint c = resumeFrom;
            // the streams, parameters and history of the saved run; no adaptation (η is in the optimizer state)
            p.restore(c, settings, constraints, conv);
            rng = RandomStream.restore(c.rngState("step"));
            evalRng = RandomStream.restore(c.rngState("eval"));
        } else {
            // Bind every parameter once so the store is complete before adaptation snapshots it.
            bindAll(params, constraints);
            if (adapt) {
                p.chosenEta = adapt(constraints, rng.split(), evalRng.split(), stop);
                optimizer.setLearningRate(p.chosenEta);
                estimatorState = new EstimatorState();
            }
        }
        long lastSaved = p.step;
        while (p.step < stop.maxSteps) {
            if (checkpointSink != null && p.step % checkpointEvery == 0 && p.step != lastSaved) {
                checkpointSink.accept(p.save(settings, rng, evalRng, t0));
                lastSaved = p.step;
            }
            if (listener.stopRequested()) break;
            String failure = step(constraints, rng);
            if (failure != null) {
                p.recoveries++;
                p.consecutive++;
                double lr = optimizer.learningRate() * 0.5;
                optimizer.setLearningRate(lr);
                listener.onRecovery(p.step, failure, lr);
                if (p.consecutive > maxRecoveries) {
                    throw new IllegalStateException("SVI failed at step " + p.step + " after " + p.consecutive
                            + " consecutive non-finite steps (last: " + failure + "); learning rate lowered to " + lr
                            + ". Check the model for unbounded densities, or start from other initial values.");
                }
                continue;
            }
            p.consecutive = 0;
            p.step++;
            if (p.avg != null) p.avg.update(params);
            p.trace.add(lastElbo);
            listener.onStep(p.step, lastElbo);
            if (p.step % stop.evalEvery == 0) {
                String[] why = new String[1];
                double[] e = evaluateOrNull(constraints, evalRng, stop.evalSamples, why);
                if (e == null) {
                    // a draw of q reached a point where the model is undefined: this evaluation is rejected (the
                    // stopping rule waits for the next one), the run goes on
                    rejectedCandidates++;
                    listener.onRejectedCandidate("ELBO evaluation at step " + p.step, why[0]);
                    continue;
                }
                p.evals.add(new double[] {p.step, e[0], e[1]});
                listener.onEvaluation(p.step, e[0], e[1]);
                if (conv.add(e[0], e[1])) {
                    p.converged = stop.rule != Stop.Rule.BUDGET;
                    if (p.converged) break;
                }
            }
        }
        if (checkpointSink != null && p.step != lastSaved) {
            checkpointSink.accept(p.save(settings, rng, evalRng, t0));
        }
        List<double[]> evals = p.evals;
        if (p.avg != null && p.avg.started()) {
            p.avg.applyTo(params);
            String[] why = new String[1];
            double[] e =
                    evaluateOrNull(constraints, evalRng, stop.evalSamples, why); // the ELBO at the averaged parameters
            if (e != null) {
                evals.add(new double[] {p.step, e[0], e[1]});
            } else {
                rejectedCandidates++;
                listener.onRejectedCandidate("ELBO evaluation at the averaged parameters", why[0]);
            }
        }
        double seconds = p.secondsBefore + (System.nanoTime() - t0) / 1e9;
        return new Fit(
                model,
                guide,
                params.copy(),
                new LinkedHashMap<>(constraints),
                p.trace,
                evals,
                p.step,
                p.converged,
                p.recoveries,
                optimizer.learningRate(),
                p.chosenEta,
                seconds,
                estimator.name(),
                seed,
                rejectedCandidates);
    }

    /** Runs model and guide once so that every parameter is bound in {@code store} (with its constraint). */
    private void bindAll(ParamStore store, Map<String, Constraint> constraints) {
        ParamBinder binder = new ParamBinder(store, null, constraints);
        RandomStream r = RandomStream.of(seed).fork(-1);
        estimator.bindParameters(model, guide, binder, r);
    }

    /** The state of the loop of {@link #run}: what a checkpoint saves besides the store, optimizer and streams. */
    private final class Progress {
        final List<Double> trace = new ArrayList<>();
        final List<double[]> evals = new ArrayList<>();
        int recoveries, consecutive;
        boolean converged;
        long step;
        double chosenEta = Double.NaN;
        double secondsBefore;
        final IterateAverage avg = averaging > 0 ? new IterateAverage(averaging, averagingSkip) : null;

        /** The run's state now, between steps (see {@link #checkpoints}). */
        Checkpoint save(Map<String, String> settings, RandomStream rng, RandomStream evalRng, long t0) {
            Map<String, Double> sc = new LinkedHashMap<>();
            sc.put("recoveries", (double) recoveries);
            sc.put("consecutiveRecoveries", (double) consecutive);
            sc.put("rejectedCandidates", (double) rejectedCandidates);
            sc.put("converged", converged ? 1.0 : 0.0);
            sc.put("lastElbo", lastElbo);
            sc.put("adaptedEta", chosenEta);
            sc.put("seconds", secondsBefore + (System.nanoTime() - t0) / 1e9);
            Map<String, Tensor> ts = new LinkedHashMap<>();
            double[] tr = new double[trace.size()];
            for (int i = 0; i < tr.length; i++) tr[i] = trace.get(i);
            ts.put("elboTrace", Tensor.wrap(tr, org.elbo4j.tensor.Shape.of(tr.length)));
            double[] ev = new double[3 * evals.size()];
            for (int i = 0; i < evals.size(); i++) System.arraycopy(evals.get(i), 0, ev, 3 * i, 3);
            ts.put("evaluations", Tensor.wrap(ev, org.elbo4j.tensor.Shape.of(evals.size(), 3)));
            if (avg != null) {
                sc.put("averageSeen", (double) avg.seen());
                for (Map.Entry<String, double[]> e : avg.state().entrySet()) {
                    ts.put(
                            "average/" + e.getKey(),
                            Tensor.of(e.getValue(), params.get(e.getKey()).shape()));
                }
            }
            if (beforeLastStep != null) {
                for (int i = 0; i < beforeLastStep.names().length; i++) {
                    ts.put(
                            "rollback/" + beforeLastStep.names()[i],
                            beforeLastStep.values()[i]);
                }
            }
            Map<String, RandomStream.State> streams = new LinkedHashMap<>();
            streams.put("step", rng.state());
            streams.put("eval", evalRng.state());
            return new Checkpoint(
                    CHECKPOINT_KIND, step, settings, params.asMap(), optimizer.saveState(), streams, sc, ts, Map.of());
        }

        /** Puts the saved run back: parameters (checked against the model's), optimizer, history, counters. */
        void restore(
                Checkpoint c, Map<String, String> settings, Map<String, Constraint> constraints, Convergence conv) {
            if (!CHECKPOINT_KIND.equals(c.kind())) {
                throw new IllegalArgumentException(
                        "cannot resume an SVI run from a checkpoint of kind '" + c.kind() + "'");
            }
            c.requireSettings(settings);
            // the parameters the model and guide declare (names, shapes, constraints), from a fresh binding
            ParamStore declared = new ParamStore();
            bindAll(declared, constraints);
            for (String name : declared.names()) {
                Tensor saved = c.params().get(name);
                if (saved == null) {
                    throw new IllegalArgumentException(
                            "cannot resume from this checkpoint: it has no parameter '" + name + "'");
                }
                if (!saved.shape().equals(declared.get(name).shape())) {
                    throw new IllegalArgumentException(
                            "cannot resume from this checkpoint: parameter '" + name + "' has shape " + saved.shape()
                                    + " there, " + declared.get(name).shape() + " here");
                }
            }
            String[] names = c.params().keySet().toArray(new String[0]);
            Tensor[] values = new Tensor[names.length];
            for (int i = 0; i < names.length; i++) {
                if (!declared.contains(names[i])) {
                    throw new IllegalArgumentException("cannot resume from this checkpoint: its parameter '" + names[i]
                            + "' is not one of this model's and guide's " + declared.names());
                }
                values[i] = c.params().get(names[i]);
                values[i].requireFinite("checkpoint parameter '" + names[i] + "'");
            }
            try {
                optimizer.restoreState(c.optimizer());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cannot resume from this checkpoint: " + e.getMessage(), e);
            }
            params.restore(new ParamStore.Snapshot(names, values));
            step = c.step();
            recoveries = whole(c, "recoveries");
            consecutive = whole(c, "consecutiveRecoveries");
            rejectedCandidates = whole(c, "rejectedCandidates");
            converged = c.scalar("converged") != 0;
            lastElbo = c.scalar("lastElbo");
            chosenEta = c.scalar("adaptedEta");
            secondsBefore = c.scalar("seconds");
            Tensor tr = c.tensor("elboTrace");
            for (int i = 0; i < tr.size(); i++) trace.add(tr.at(i));
            Tensor ev = c.tensor("evaluations");
            if (ev.shape().rank() != 2 || ev.shape().dims()[1] != 3) {
                throw new IllegalArgumentException(
                        "checkpoint run tensor 'evaluations' has shape " + ev.shape() + ", expected [n, 3]");
            }
            for (int i = 0; i < ev.shape().dims()[0]; i++) {
                double[] row = {ev.at(3 * i), ev.at(3 * i + 1), ev.at(3 * i + 2)};
                evals.add(row);
                conv.add(row[1], row[2]); // the stopping rule's state is a function of the evaluations
            }
            if (avg != null) {
                Map<String, double[]> averages = new LinkedHashMap<>();
                if (names.length > 0 && c.tensors().containsKey("average/" + names[0])) {
                    for (int i = 0; i < names.length; i++)
                        averages.put(names[i], saved(c, "average/", names[i], values[i]));
                }
                // checkpoints written before averaging could skip steps have no count: every step was averaged
                long seen = c.scalars().containsKey("averageSeen")
                        ? whole(c, "averageSeen")
                        : (averages.isEmpty() ? 0 : step);
                avg.restore(averages, seen);
            }
            if (names.length > 0 && c.tensors().containsKey("rollback/" + names[0])) {
                Tensor[] prev = new Tensor[names.length];
                for (int i = 0; i < names.length; i++) {
                    prev[i] = Tensor.wrap(saved(c, "rollback/", names[i], values[i]), values[i].shape());
                }
                beforeLastStep = new ParamStore.Snapshot(names, prev);
            }
        }

        private double[] saved(Checkpoint c, String prefix, String name, Tensor like) {
            Tensor t = c.tensor(prefix + name);
            if (!t.shape().equals(like.shape())) {
                throw new IllegalArgumentException("checkpoint run tensor '" + prefix + name + "' has shape "
                        + t.shape() + ", the parameter " + like.shape());
            }
            return t.toArray();
        }

        private int whole(Checkpoint c, String name) {
            double v = c.scalar(name);
            if (!(v >= 0 && v <= Integer.MAX_VALUE && v == Math.rint(v))) {
                throw new IllegalArgumentException(
                        "checkpoint run scalar '" + name + "' must be a whole number >= 0, got " + v);
            }
            return (int) v;
        }
    }

    private double lastElbo;
    /** The estimator's state for this run (running baselines): fresh at the start of each run and of each
     * step-size candidate, so nothing leaks from one run into the next. */
    private EstimatorState estimatorState = new EstimatorState();
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
                e = estimator.estimate(model, guide, b, rng, estimatorState);
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
        ParamBinder b = new ParamBinder(params, null, constraints);
        return estimator.evaluate(model, guide, b, rng, n);
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
            estimatorState = new EstimatorState();
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
