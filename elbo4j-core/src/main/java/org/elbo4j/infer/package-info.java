/**
 * Stochastic variational inference. A {@link org.elbo4j.infer.Model} is a Java lambda over
 * {@link org.elbo4j.infer.Sites} (sample, observe, param, plate, deterministic, factor); a guide is another;
 * {@link org.elbo4j.infer.Svi} maximises the ELBO with an {@link org.elbo4j.infer.ElboEstimator} from
 * {@link org.elbo4j.infer.Elbo} and an optimizer, and returns a {@link org.elbo4j.infer.Fit} with summaries,
 * draws and the PSIS diagnostic. {@link org.elbo4j.infer.AutoGuide} builds ADVI's mean-field, full-rank or
 * low-rank Gaussian guide (or a point mass, for MAP) over the unconstrained latents.
 * {@link org.elbo4j.infer.DefaultFit} is the default way to fit a model: Laplace start, restarts, annealing,
 * escalation to a richer guide, and a {@link org.elbo4j.infer.Verdict} that says whether to trust the answer;
 * {@link org.elbo4j.infer.Pathfinder} is the quasi-Newton alternative. Every primitive call passes through a per-run
 * stack of effect handlers ({@link org.elbo4j.infer.Handlers}: trace, replay, condition, uncondition, substitute,
 * block, scale, mask, seed, or a {@link org.elbo4j.infer.Handler} of one's own; docs/handlers.md), on which SVI is
 * built and with which a user writes an {@link org.elbo4j.infer.ElboEstimator}; {@link org.elbo4j.infer.Predictive}
 * draws posterior predictive replicated data. Discrete latents: the score-function estimator Rao–Blackwellised by
 * plate ({@link org.elbo4j.infer.Elbo#scoreFunctionByPlate}), or sites marked {@link org.elbo4j.infer.Sites#enumerate}
 * summed out exactly ({@link org.elbo4j.infer.Elbo#traceEnum}, with {@link org.elbo4j.infer.Sites#markov} for
 * chains); see docs/discrete.md.
 *
 * <pre>{@code
 * Tensor y = Tensor.of(2.1, 3.4, 2.9, 4.0, 3.3);
 * Model model = s -> s.observe("y", Normal.of(s.sample("mu", Normal.of(0, 10)), Tensor.scalar(1.0)), y);
 * Fit fit = Svi.of(model, AutoGuide.meanField(model)).optimizer(Adam.of(0.05)).seed(1).run(Stop.after(2000));
 * fit.param("mu_loc");          // ≈ 3.13 (exact posterior mean 15.7/5.01 = 3.134)
 * fit.paretoK(1000, 2).k();     // < 0.5: the approximation is good
 * DefaultFit.run(model).verdict().describe();   // "verdict: trusted (k-hat ...)"
 * }</pre>
 */
package org.elbo4j.infer;
