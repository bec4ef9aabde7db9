package org.elbo4j.infer;

import org.elbo4j.distributions.KlDivergence;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;

/**
 * The trace-based ELBO estimators that share one loop over L particles (Pyro's Trace_ELBO family):
 * <ul>
 *   <li><b>reparameterized</b>: ∇ through z = g_φ(ε) (Kingma & Welling 2014, estimator A);</li>
 *   <li><b>score function</b>: every site drawn without a path, ∇ = E[(log p − log q − b)·∇ log q]
 *       (Ranganath et al. 2014);</li>
 *   <li><b>analytic entropy / KL</b>: −log q replaced by the closed-form entropy H[q], or log p − log q of a
 *       latent replaced by −KL(q‖p) (estimator B; Stan ADVI's ELBO is the entropy form);</li>
 *   <li><b>sticking the landing</b>: log q evaluated with its parameters detached, dropping the score term whose
 *       expectation is zero (Roeder, Wu & Duvenaud 2017).</li>
 * </ul>
 * In every mode a guide site drawn without a path (a discrete latent) contributes the score-function term
 * (ELBO − b)·log q(z) to the surrogate, so mixed models are handled automatically.
 */
final class TraceElbo implements ElboEstimator {
    enum Mode {
        REPARAM,
        SCORE,
        ENTROPY,
        KL,
        STL
    }

    private final Mode mode;
    private final int particles;
    private final Baseline baseline;

    /** The running-mean baseline's entry in the run's {@link EstimatorState}. */
    static final String STATE_KEY = "score/runningMean";

    TraceElbo(Mode mode, int particles, Baseline baseline) {
        if (particles < 1)
            throw new IllegalArgumentException("ELBO estimator: particles must be >= 1, got " + particles);
        if (baseline.kind == Baseline.Kind.LEAVE_ONE_OUT && particles < 2) {
            throw new IllegalArgumentException("leave-one-out baseline needs at least 2 particles, got " + particles);
        }
        this.mode = mode;
        this.particles = particles;
        this.baseline = baseline;
    }

    @Override
    public String name() {
        return switch (mode) {
            case REPARAM -> "reparam";
            case SCORE -> "score" + (baseline.kind == Baseline.Kind.NONE ? "" : "+" + baseline);
            case ENTROPY -> "reparam+entropy";
            case KL -> "reparam+kl";
            case STL -> "stl";
        };
    }

    @Override
    public int particles() {
        return particles;
    }

    @Override
    public Estimate estimate(Model model, Model guide, ParamBinder params, RandomStream rng) {
        return estimate(model, guide, params, rng, new EstimatorState());
    }

    @Override
    public Estimate estimate(Model model, Model guide, ParamBinder params, RandomStream rng, EstimatorState state) {
        double[] running = baseline.kind == Baseline.Kind.RUNNING_MEAN ? state.get(STATE_KEY) : null;
        boolean pathwise = mode != Mode.SCORE;
        Tensor[] elbos = new Tensor[particles];
        Particle[] ps = new Particle[particles];
        for (int l = 0; l < particles; l++) {
            Particle p = Particle.draw(model, guide, params, rng, pathwise);
            ps[l] = p;
            elbos[l] = switch (mode) {
                case ENTROPY, KL -> analytic(p);
                case STL ->
                    p.logP()
                            .sub(TraceRunner.guideReplay(guide, params.detached(), rng, p.guide())
                                    .logJoint());
                default -> p.logWeight();
            };
        }
        double sum = 0;
        double[] signal = new double[particles];
        for (int l = 0; l < particles; l++) {
            signal[l] = elbos[l].item();
            sum += signal[l];
        }
        double mean = sum / particles;
        Tensor surrogate = null;
        for (int l = 0; l < particles; l++) {
            Tensor s = mode == Mode.SCORE ? ps[l].logP() : elbos[l];
            Tensor scoreLogQ = scoreSites(ps[l]);
            if (scoreLogQ != null) {
                double b = switch (baseline.kind) {
                    case NONE -> 0.0;
                    case RUNNING_MEAN -> running != null ? running[0] : 0.0;
                    case LEAVE_ONE_OUT -> (sum - signal[l]) / (particles - 1);
                };
                s = s.add(scoreLogQ.mul(signal[l] - b));
            }
            surrogate = surrogate == null ? s : surrogate.add(s);
        }
        if (baseline.kind == Baseline.Kind.RUNNING_MEAN) {
            if (running == null) state.put(STATE_KEY, new double[] {mean});
            else running[0] = baseline.decay * running[0] + (1 - baseline.decay) * mean;
        }
        return new Estimate(mean, surrogate.mul(-1.0 / particles));
    }

    /** Σ log q over guide latent sites drawn without a path; {@code null} when there are none. */
    private static Tensor scoreSites(Particle p) {
        Tensor t = null;
        for (org.elbo4j.infer.Site s : p.guide().sites()) {
            if (s.isLatent() && !s.reparameterized()) t = t == null ? s.logProb() : t.add(s.logProb());
        }
        return t;
    }

    /**
     * log p − log q with closed-form entropies (ENTROPY) or KL terms (KL) where available. The terms are collected
     * and summed in one node: log p + Σ (entropies) − Σ (the rest).
     */
    private Tensor analytic(Particle p) {
        java.util.List<Tensor> plus = new java.util.ArrayList<>(4), minus = new java.util.ArrayList<>(8);
        plus.add(p.logP());
        for (org.elbo4j.infer.Site g : p.guide().sites()) {
            if (g.kind() == org.elbo4j.infer.Site.Kind.DETERMINISTIC) continue;
            if (g.isLatent() && g.reparameterized()) {
                if (mode == Mode.KL && !g.auxiliary()) {
                    org.elbo4j.infer.Site m = p.model().get(g.name());
                    if (m != null
                            && KlDivergence.has(g.dist().getClass(), m.dist().getClass())) {
                        // Replace log p(z) − log q(z) of this latent by −KL(q‖p): take back log p(z), subtract KL.
                        minus.add(m.logProb());
                        minus.add(scaleSum(KlDivergence.of(g.dist(), m.dist()), g.scale()));
                        continue;
                    }
                }
                if (g.dist().hasEntropy()) {
                    Tensor h = g.dist().entropySum();
                    plus.add(g.scale() == 1.0 ? h : h.mul(g.scale()));
                    continue;
                }
            }
            minus.add(g.logProb());
        }
        Tensor pos = plus.size() == 1 ? plus.get(0) : Tensor.total(plus.toArray(new Tensor[0]));
        return minus.isEmpty()
                ? pos
                : pos.sub(minus.size() == 1 ? minus.get(0) : Tensor.total(minus.toArray(new Tensor[0])));
    }

    private static Tensor scaleSum(Tensor t, double scale) {
        Tensor s = t.rank() == 0 ? t : t.sum();
        return scale == 1.0 ? s : s.mul(scale);
    }
}
