/**
 * Coordinate-ascent variational inference (CAVI) for conditionally conjugate models: closed-form mean-field
 * updates q_j*(z_j) ∝ exp(E_{−j}[log p(z_j | z_{−j}, x)]) that raise the exact ELBO at every sweep. The building
 * blocks are conjugate exponential-family factors with their expected sufficient statistics, natural
 * parameters, expected log densities and entropies ({@link org.elbo4j.cavi.NormalFactor},
 * {@link org.elbo4j.cavi.GammaFactor}, {@link org.elbo4j.cavi.DirichletFactor},
 * {@link org.elbo4j.cavi.CategoricalFactor}, {@link org.elbo4j.cavi.NormalWishartFactor},
 * {@link org.elbo4j.cavi.NormalGamma}); a model is a {@link org.elbo4j.cavi.CaviState} (a sweep and an ELBO), and
 * {@link org.elbo4j.cavi.Cavi} runs sweeps to a tolerance with random restarts. Models:
 * {@link org.elbo4j.cavi.UnitVarianceMixture} (Blei et al. 2017 §3), {@link org.elbo4j.cavi.GaussianMixture}
 * (Normal–Wishart, Bishop §10.2), {@link org.elbo4j.cavi.BayesianLinearRegression} (Normal–Gamma prior), and
 * {@link org.elbo4j.cavi.SemiConjugateNormal} (unknown mean and precision, independent priors: a third model in 44 lines
 * of code, as a template). Array-level code: no tensors, no autodiff.
 *
 * <pre>{@code
 * double[][] x = {{1.1, 0.9}, {0.8, 1.2}, {5.2, 4.9}, {4.8, 5.1}};
 * GaussianMixture.Prior prior = GaussianMixture.defaultPrior(x, 2);
 * CaviFit<GaussianMixture> fit = Cavi.defaults().restarts(5).seed(1).run(rng -> GaussianMixture.init(x, prior, rng));
 * fit.elbo();                               // the exact ELBO of the best restart
 * fit.state().component(0).loc();           // ≈ one cluster's centre
 * }</pre>
 */
package org.elbo4j.cavi;
