/**
 * Diagnostics and results: Pareto-smoothed importance sampling and its k̂ ({@link org.elbo4j.diag.Psis}), which
 * says whether an approximation q can be trusted; and posterior summaries ({@link org.elbo4j.diag.Summary}). The
 * package depends on no inference code ({@code infer} uses it, never the reverse: a test checks it); the variance of
 * ELBO gradient estimators, which runs estimators, is {@code org.elbo4j.infer.GradientVariance}.
 *
 * <pre>{@code
 * double[] logRatios = new double[1000];                 // log p(θ_s) − log q(θ_s) for draws θ_s ~ q
 * RandomStream rng = RandomStream.of(2);
 * for (int i = 0; i < 1000; i++) logRatios[i] = 0.3 * rng.nextGaussian();
 * Psis.Result r = Psis.smooth(logRatios);
 * r.k(); r.verdict();                                     // ≈ 0.0 … 0.3, "good"
 * }</pre>
 */
package org.elbo4j.diag;
