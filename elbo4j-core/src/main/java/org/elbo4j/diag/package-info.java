/**
 * Diagnostics and results: Pareto-smoothed importance sampling and its k̂ ({@link org.elbo4j.diag.Psis}), which
 * says whether an approximation q can be trusted; posterior summaries ({@link org.elbo4j.diag.Summary}); and the
 * variance of ELBO gradient estimators ({@link org.elbo4j.diag.GradientVariance}).
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
