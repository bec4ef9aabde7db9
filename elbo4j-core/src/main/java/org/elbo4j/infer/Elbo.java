package org.elbo4j.infer;

/**
 * Factories for the ELBO estimators, side by side on the same interface.
 *
 * <pre>{@code
 * Elbo.reparameterized();                       // pathwise, 1 particle
 * Elbo.scoreFunction(Baseline.leaveOneOut(), 8); // REINFORCE with a leave-one-out baseline
 * Elbo.analyticEntropy();                        // Stan ADVI's estimator: E[log p] + H[q]
 * Elbo.iwae(16);                                 // importance-weighted bound
 * Elbo.stickingTheLanding();                     // drops the zero-mean score term
 * Elbo.scoreFunctionByPlate(Baseline.none(), 1);  // REINFORCE Rao–Blackwellised by plate (Pyro's Trace_ELBO)
 * Elbo.traceEnum(1);                             // discrete sites marked enumerate() summed out exactly
 * }</pre>
 */
public final class Elbo {
    private Elbo() {}

    /** Pathwise (reparameterized) gradients, one particle. */
    public static ElboEstimator reparameterized() {
        return reparameterized(1);
    }

    /** Pathwise gradients averaged over {@code particles} draws. */
    public static ElboEstimator reparameterized(int particles) {
        return new TraceElbo(TraceElbo.Mode.REPARAM, particles, Baseline.none());
    }

    /** Score-function (REINFORCE) gradients with no baseline, one particle. */
    public static ElboEstimator scoreFunction() {
        return scoreFunction(Baseline.none(), 1);
    }

    /** Score-function gradients with a baseline. */
    public static ElboEstimator scoreFunction(Baseline b, int particles) {
        return new TraceElbo(TraceElbo.Mode.SCORE, particles, b);
    }

    /**
     * Score-function gradients Rao–Blackwellised by plate: each guide site's score term, cell by cell of its plates,
     * is multiplied only by the cost terms at the same plate index and those outside its plates (Pyro's
     * {@code Trace_ELBO}); every guide site uses the score function. See {@code docs/discrete.md}.
     *
     * @param b a per-cell baseline; its running mean lives in the run's {@link EstimatorState}
     * @throws IllegalArgumentException if particles &lt; 1, or &lt; 2 with a leave-one-out baseline
     */
    public static ElboEstimator scoreFunctionByPlate(Baseline b, int particles) {
        return new RaoBlackwellElbo(false, particles, b);
    }

    /**
     * Pyro's {@code Trace_ELBO}: pathwise gradients where the guide draws pathwise, and for the discrete guide sites
     * score terms Rao–Blackwellised by plate (as {@link #scoreFunctionByPlate}).
     *
     * @throws IllegalArgumentException if particles &lt; 1, or &lt; 2 with a leave-one-out baseline
     */
    public static ElboEstimator reparameterizedByPlate(Baseline b, int particles) {
        return new RaoBlackwellElbo(true, particles, b);
    }

    /**
     * The ELBO with the model's discrete sites marked {@link Sites#enumerate} summed out exactly, in parallel along
     * one broadcast dimension each (Pyro's {@code TraceEnum_ELBO}); chains declared with {@link Sites#markov} are
     * summed by the forward algorithm. One particle.
     *
     * @param maxPlateNesting the deepest plate nesting in model and guide (P): plates take dimensions −1..−P of a
     *     site's tensors (the outermost rightmost), enumerated sites the dimensions to the left
     * @throws IllegalArgumentException if maxPlateNesting &lt; 0
     */
    public static ElboEstimator traceEnum(int maxPlateNesting) {
        return new TraceEnumElbo(maxPlateNesting, 1);
    }

    /** As {@link #traceEnum(int)}, averaged over {@code particles} draws of the guide. */
    public static ElboEstimator traceEnum(int maxPlateNesting, int particles) {
        return new TraceEnumElbo(maxPlateNesting, particles);
    }

    /** Pathwise gradients with the guide's closed-form entropy in place of −log q (SGVB estimator B). */
    public static ElboEstimator analyticEntropy() {
        return analyticEntropy(1);
    }

    /** As {@link #analyticEntropy()}, over {@code particles} draws. */
    public static ElboEstimator analyticEntropy(int particles) {
        return new TraceElbo(TraceElbo.Mode.ENTROPY, particles, Baseline.none());
    }

    /** Pathwise gradients with closed-form KL(q‖p) per latent where registered, else entropy or Monte Carlo. */
    public static ElboEstimator analyticKl() {
        return analyticKl(1);
    }

    /** As {@link #analyticKl()}, over {@code particles} draws. */
    public static ElboEstimator analyticKl(int particles) {
        return new TraceElbo(TraceElbo.Mode.KL, particles, Baseline.none());
    }

    /** Importance-weighted bound with {@code k} particles. */
    public static ElboEstimator iwae(int k) {
        return new IwaeElbo(k);
    }

    /** Sticking the landing: pathwise, with log q's parameters detached. */
    public static ElboEstimator stickingTheLanding() {
        return stickingTheLanding(1);
    }

    /** Sticking the landing over {@code particles} draws. */
    public static ElboEstimator stickingTheLanding(int particles) {
        return new TraceElbo(TraceElbo.Mode.STL, particles, Baseline.none());
    }

    /**
     * The estimator named on a command line: reparam, score, score-loo, score-mean, entropy, kl, stl, iwae, and the
     * estimators Rao–Blackwellised by plate score-rb, score-rb-mean, score-rb-loo, reparam-rb.
     *
     * @throws IllegalArgumentException listing the names when {@code name} is unknown
     */
    public static ElboEstimator byName(String name, int particles) {
        return switch (name) {
            case "reparam", "reparameterized", "pathwise" -> reparameterized(particles);
            case "score" -> scoreFunction(Baseline.none(), particles);
            case "score-mean" -> scoreFunction(Baseline.runningMean(), particles);
            case "score-loo" -> scoreFunction(Baseline.leaveOneOut(), Math.max(2, particles));
            case "entropy" -> analyticEntropy(particles);
            case "kl" -> analyticKl(particles);
            case "stl" -> stickingTheLanding(particles);
            case "iwae" -> iwae(Math.max(2, particles));
            case "score-rb" -> scoreFunctionByPlate(Baseline.none(), particles);
            case "score-rb-mean" -> scoreFunctionByPlate(Baseline.runningMean(), particles);
            case "score-rb-loo" -> scoreFunctionByPlate(Baseline.leaveOneOut(), Math.max(2, particles));
            case "reparam-rb" -> reparameterizedByPlate(Baseline.none(), particles);
            default ->
                throw new IllegalArgumentException("unknown estimator '" + name
                        + "'; choose one of reparam, score, score-mean, score-loo, entropy, kl, stl, iwae");
        };
    }
}
