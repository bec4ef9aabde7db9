package org.elbo4j.cavi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.elbo4j.random.RandomStream;

/**
 * Coordinate-ascent variational inference: from an initial state, sweep until the exact ELBO rises by less than a
 * tolerance, and keep the best of several random restarts (the ELBO of a mixture is multimodal).
 *
 * <p>Algorithm (Blei, Kucukelbir &amp; McAuliffe 2017, Algorithm 1): L₀ = ELBO(q⁽⁰⁾); for t = 1, 2, …:
 * {@link CaviState#sweep()}, L_t = {@link CaviState#elbo()}; stop when L_t − L_{t−1} &lt; {@code tolerance} or
 * after {@code maxSweeps}. Each restart r draws its initial state from {@code RandomStream.of(seed).fork(r)}, so
 * a run is a function of the seed and restart r does not depend on how many restarts run.
 *
 * <p><b>Monotonicity check.</b> Every coordinate update maximises the ELBO over one factor, so a decrease means the
 * updates and the ELBO of the model disagree (a bug in the model, not bad luck): the run fails with an
 * {@link IllegalStateException} when L_t &lt; L_{t−1} − 1e-8·(1 + |L_{t−1}|) (far above rounding in a sum of
 * N terms, far below any real inconsistency).
 *
 * <pre>{@code
 * CaviFit<GaussianMixture> fit = Cavi.defaults().restarts(10).seed(1)
 *     .run(rng -> GaussianMixture.init(points, GaussianMixture.defaultPrior(points, 3), rng));
 * fit.elbo(); fit.elboTrace(); fit.state().weights().mean();
 * }</pre>
 *
 * @implSpec Defaults: tolerance 1e-6 nats, at most 1000 sweeps, 1 restart, seed 0.
 * <blockquote>D. M. Blei, A. Kucukelbir and J. D. McAuliffe, "Variational Inference: A Review for Statisticians",
 * JASA 112(518), 2017.</blockquote>
 */
public final class Cavi {
    /** Relative slack for rounding in the monotonicity check (class doc). */
    static final double DECREASE_SLACK = 1e-8;

    private final double tolerance;
    private final int maxSweeps, restarts;
    private final long seed;

    private Cavi(double tolerance, int maxSweeps, int restarts, long seed) {
        this.tolerance = tolerance;
        this.maxSweeps = maxSweeps;
        this.restarts = restarts;
        this.seed = seed;
    }

    /** @return the default settings (see {@code @implSpec}) */
    public static Cavi defaults() {
        return new Cavi(1e-6, 1000, 1, 0);
    }

    /**
     * @param tol stop when a sweep raises the ELBO by less than this many nats; ≥ 0 and finite
     * @return a copy with this tolerance
     * @throws IllegalArgumentException if tol is negative or not finite
     */
    public Cavi tolerance(double tol) {
        if (!(tol >= 0) || Double.isInfinite(tol))
            throw new IllegalArgumentException("tolerance must be >= 0 and finite, got " + tol);
        return new Cavi(tol, maxSweeps, restarts, seed);
    }

    /** @return a copy with at most {@code n} ≥ 1 sweeps per restart. @throws IllegalArgumentException if n &lt; 1 */
    public Cavi maxSweeps(int n) {
        if (n < 1) throw new IllegalArgumentException("maxSweeps must be >= 1, got " + n);
        return new Cavi(tolerance, n, restarts, seed);
    }

    /** @return a copy running {@code n} ≥ 1 restarts. @throws IllegalArgumentException if n &lt; 1 */
    public Cavi restarts(int n) {
        if (n < 1) throw new IllegalArgumentException("restarts must be >= 1, got " + n);
        return new Cavi(tolerance, maxSweeps, n, seed);
    }

    /** @return a copy with this seed */
    public Cavi seed(long s) {
        return new Cavi(tolerance, maxSweeps, restarts, s);
    }

    /** @return the tolerance in nats */
    public double tolerance() {
        return tolerance;
    }

    /** @return the sweep budget per restart */
    public int maxSweeps() {
        return maxSweeps;
    }

    /** @return the number of restarts */
    public int restarts() {
        return restarts;
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /**
     * Runs every restart and returns the one with the highest final ELBO (the first on ties).
     *
     * @param init builds an initial state from a restart's random stream (deterministic models may ignore it)
     * @param <S> the state type
     * @return the best restart's fit
     * @throws IllegalStateException if the ELBO decreases (class doc) or is not finite
     * @throws IllegalArgumentException whatever {@code init} throws for bad data
     */
    public <S extends CaviState> CaviFit<S> run(Function<RandomStream, S> init) {
        Objects.requireNonNull(init, "init");
        long t0 = System.nanoTime();
        RandomStream root = RandomStream.of(seed);
        double[] finals = new double[restarts];
        double[][] traces = new double[restarts][];
        S best = null;
        boolean bestConverged = false;
        int bestIndex = -1;
        for (int r = 0; r < restarts; r++) {
            S state = init.apply(root.fork(r));
            List<Double> trace = new ArrayList<>();
            double prev = checkFinite(state.elbo(), r, 0);
            trace.add(prev);
            boolean converged = false;
            for (int t = 1; t <= maxSweeps; t++) {
                state.sweep();
                double l = checkFinite(state.elbo(), r, t);
                if (l < prev - DECREASE_SLACK * (1 + Math.abs(prev))) {
                    throw new IllegalStateException("CAVI: the ELBO decreased at sweep " + t + " of restart " + (r + 1)
                            + ", from " + prev + " to " + l + " (by " + (prev - l)
                            + "): the model's updates and its ELBO"
                            + " are inconsistent (" + state.getClass().getSimpleName() + ")");
                }
                trace.add(l);
                double gain = l - prev;
                prev = l;
                if (gain < tolerance) {
                    converged = true;
                    break;
                }
            }
            finals[r] = prev;
            traces[r] = trace.stream().mapToDouble(Double::doubleValue).toArray();
            if (best == null || prev > finals[bestIndex]) {
                best = state;
                bestIndex = r;
                bestConverged = converged;
            }
        }
        return new CaviFit<>(best, traces, bestConverged, bestIndex, (System.nanoTime() - t0) / 1e9);
    }

    private static double checkFinite(double elbo, int restart, int sweep) {
        if (!Double.isFinite(elbo)) {
            throw new IllegalStateException(
                    "CAVI: the ELBO is " + elbo + " after sweep " + sweep + " of restart " + (restart + 1));
        }
        return elbo;
    }

    @Override
    public String toString() {
        return "Cavi(tolerance=" + tolerance + ", maxSweeps=" + maxSweeps + ", restarts=" + restarts + ", seed=" + seed
                + ")";
    }
}
