package org.elbo4j.spark;

import java.io.Serializable;
import java.util.Map;
import org.elbo4j.tensor.Tensor;

/**
 * The likelihood of a plate over rows, log p(x_i | z), given the global latent variables z: what each partition
 * evaluates on its rows of the minibatch. Runs on the executors, so it must be serializable (a lambda whose captured
 * values are serializable) and must not keep state between calls.
 *
 * <pre>{@code
 * RowLikelihood lik = (z, rows) ->
 *     Bernoulli.ofLogits(rows.matrix(features).matmul(z.get("w")).add(z.get("b"))).logProbSum(rows.column("y"));
 * }</pre>
 */
@FunctionalInterface
public interface RowLikelihood extends Serializable {
    /**
     * Σ_{i in rows} log p(x_i | z), unscaled (the scaling N/B is applied by {@link SparkSvi}).
     *
     * @param globals the global latent variables by site name, on the constrained scale, as tape leaves
     * @param rows    this partition's rows of the minibatch (at least one)
     * @return a one-element tensor computed from {@code globals}
     */
    Tensor logLikelihood(Map<String, Tensor> globals, RowBatch rows);
}
