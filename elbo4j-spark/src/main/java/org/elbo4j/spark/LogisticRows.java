package org.elbo4j.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.elbo4j.distributions.Bernoulli;
import org.elbo4j.distributions.Normal;
import org.elbo4j.infer.Model;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;

/**
 * Bayesian logistic regression on synthetic rows, the running example of {@link SparkSvi}: the generator, the
 * prior over the globals, and the row likelihood.
 *
 * <p>Model: w ~ N(0, I_D), b ~ N(0, 5²), y_i ~ Bernoulli(σ(x_i·w + b)). Data: x_i ~ N(0, I_D) and y_i from the model
 * with w_j = (−1)^j·(0.5 + j/D) (j = 0..D−1) and b = −0.5. Row i is drawn from
 * {@code RandomStream.of(seed).fork(i)} alone, so rows can be generated in parallel, by any partitioning, with the
 * same values.
 */
public final class LogisticRows {
    private LogisticRows() {}

    /** The true weight j of D. */
    public static double trueWeight(int j, int d) {
        return (j % 2 == 0 ? 1 : -1) * (0.5 + (double) j / d);
    }

    /** The true intercept. */
    public static final double TRUE_BIAS = -0.5;

    /** Column names: y, x1 … xD. */
    public static List<String> columns(int d) {
        List<String> c = new ArrayList<>(d + 1);
        c.add("y");
        for (int j = 1; j <= d; j++) c.add("x" + j);
        return Collections.unmodifiableList(c);
    }

    /** Feature column names x1 … xD. */
    public static List<String> features(int d) {
        return columns(d).subList(1, d + 1);
    }

    /** Row i: {y, x1, …, xD}. */
    public static double[] row(long i, int d, long seed) {
        RandomStream r = RandomStream.of(seed).fork(i);
        double[] out = new double[d + 1];
        double eta = TRUE_BIAS;
        for (int j = 0; j < d; j++) {
            double x = r.nextGaussian();
            out[1 + j] = x;
            eta += x * trueWeight(j, d);
        }
        out[0] = r.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
        return out;
    }

    /** The prior over the globals w [D] and b []. */
    public static Model prior(int d) {
        return s -> {
            s.sample("w", Normal.of(Tensor.zeros(d), Tensor.full(1.0, d)));
            s.sample("b", Normal.of(Tensor.scalar(0), Tensor.scalar(5)));
        };
    }

    /** Σ_rows log Bernoulli(y | σ(x·w + b)). */
    public static RowLikelihood likelihood(int d) {
        List<String> xs = List.copyOf(features(d));
        return (Map<String, Tensor> z, RowBatch rows) -> Bernoulli.ofLogits(
                        rows.matrix(xs).matmul(z.get("w")).add(z.get("b")))
                .logProbSum(rows.column("y"));
    }

    /**
     * The same model on in-memory rows, for a single-JVM fit with elbo4j's {@link org.elbo4j.infer.Svi}.
     *
     * @param rows n × (D + 1) as from {@link #row}
     */
    public static Model fullModel(double[][] rows, int d) {
        int n = rows.length;
        double[] x = new double[n * d], y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = rows[i][0];
            System.arraycopy(rows[i], 1, x, i * d, d);
        }
        Tensor xt = Tensor.of(x, n, d), yt = Tensor.of(y);
        Model prior = prior(d);
        return s -> {
            Map<String, Tensor> z = new java.util.LinkedHashMap<>();
            prior.run(new CapturingSites(s, z));
            s.observe("y", Bernoulli.ofLogits(xt.matmul(z.get("w")).add(z.get("b"))), yt);
        };
    }
}
