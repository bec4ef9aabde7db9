package org.elbo4j.infer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elbo4j.optim.ParamStore;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Adjoints;
import org.elbo4j.tensor.Tape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;

/**
 * Measures the variance of ELBO gradient estimators at a fixed parameter value by independent replicates:
 * per parameter coordinate the mean and variance of ∂ELBO/∂φ_j, their sum over coordinates (the trace of the
 * covariance), and the ratio of that total to a reference estimator's (the first one given, normally the
 * pathwise one). This is how elbo4j shows, with numbers, that score-function gradients are far noisier than
 * reparameterized ones. (It lives in {@code infer}, not {@code diag}: it runs estimators, and {@code diag} stays free of
 * {@code infer} so that the two packages have no cycle.)
 *
 * <pre>{@code
 * List<GradientVariance.Row> rows = GradientVariance.measure(model, guide, params,
 *         List.of(Elbo.reparameterized(), Elbo.scoreFunction()), 1000, 42);
 * rows.get(1).ratio();   // e.g. 350: the score function's total variance over the pathwise one's
 * }</pre>
 */
public final class GradientVariance {
    private GradientVariance() {}

    /**
     * One estimator's figures.
     *
     * @param estimator     its name
     * @param coordinates   names of the gradient coordinates ({@code mu_loc}, {@code theta_loc[3]}, ...)
     * @param mean          mean gradient of the ELBO (ascent direction) per coordinate
     * @param variance      variance per coordinate (unbiased, over replicates)
     * @param totalVariance Σ variance
     * @param ratio         totalVariance / the reference estimator's totalVariance
     * @param seconds       wall time per replicate
     */
    public record Row(
            String estimator,
            List<String> coordinates,
            double[] mean,
            double[] variance,
            double totalVariance,
            double ratio,
            double seconds) {}

    /**
     * @param params      the point (unconstrained values); copied, not modified. Parameters not yet in it are
     *                    initialised by the guide's first run.
     * @param estimators  the first is the reference for the ratios
     * @param replicates  independent gradient draws per estimator (≥ 2)
     * @throws IllegalArgumentException if replicates &lt; 2 or no estimator is given
     */
    public static List<Row> measure(
            Model model, Model guide, ParamStore params, List<ElboEstimator> estimators, int replicates, long seed) {
        if (replicates < 2)
            throw new IllegalArgumentException("gradient variance: needs replicates >= 2, got " + replicates);
        if (estimators.isEmpty()) throw new IllegalArgumentException("gradient variance: no estimator given");
        ParamStore point = params.copy();
        Map<String, Constraint> constraints = new LinkedHashMap<>();
        // One constant evaluation binds (initialises) every parameter.
        estimators
                .get(0)
                .estimate(
                        model,
                        guide,
                        new ParamBinder(point, null, constraints),
                        RandomStream.of(seed).fork(-1));
        List<Row> rows = new ArrayList<>();
        RandomStream root = RandomStream.of(seed);
        double reference = Double.NaN;
        for (ElboEstimator est : estimators) {
            RandomStream rng = root.split();
            // one state per estimator, as in one SVI run: a running-mean baseline carries from replicate to replicate
            EstimatorState state = new EstimatorState();
            List<String> names = null;
            double[] sum = null, sumSq = null;
            long t0 = System.nanoTime();
            for (int r = 0; r < replicates; r++) {
                Tape tape = new Tape();
                ParamBinder b = new ParamBinder(point, tape, constraints);
                Estimate e = est.estimate(model, guide, b, rng, state);
                Adjoints adj = e.loss().tape() == tape ? tape.backward(e.loss(), new double[] {1.0}) : null;
                Map<String, Tensor> g = b.gradients(adj);
                if (names == null) {
                    names = new ArrayList<>();
                    for (Map.Entry<String, Tensor> en : g.entrySet()) {
                        names.addAll(Fit.elementNames(
                                en.getKey(), en.getValue().shape().dims()));
                    }
                    sum = new double[names.size()];
                    sumSq = new double[names.size()];
                }
                int j = 0;
                for (Tensor t : g.values()) {
                    for (int i = 0; i < t.size(); i++, j++) {
                        double v = -t.at(i); // loss = −ELBO: report the ELBO's gradient
                        sum[j] += v;
                        sumSq[j] += v * v;
                    }
                }
            }
            double secs = (System.nanoTime() - t0) / 1e9 / replicates;
            double[] mean = new double[sum.length], var = new double[sum.length];
            double total = 0;
            for (int j = 0; j < sum.length; j++) {
                mean[j] = sum[j] / replicates;
                var[j] = Math.max(0, (sumSq[j] - replicates * mean[j] * mean[j]) / (replicates - 1));
                total += var[j];
            }
            if (Double.isNaN(reference)) reference = total;
            rows.add(new Row(est.name(), List.copyOf(names), mean, var, total, total / reference, secs));
        }
        return rows;
    }
}
