/**
 * First-order optimizers that update a {@link org.elbo4j.optim.ParamStore} in place to minimise a loss (SVI
 * minimises −ELBO): {@link org.elbo4j.optim.Sgd}, {@link org.elbo4j.optim.Momentum} (classical and Nesterov),
 * {@link org.elbo4j.optim.AdaGrad} (the AEVB paper's choice), {@link org.elbo4j.optim.RmsProp},
 * {@link org.elbo4j.optim.Adam} (with AMSGrad and decoupled weight decay) and
 * {@link org.elbo4j.optim.StanAdaptiveStep}, Stan ADVI's own step-size sequence; learning-rate
 * {@link org.elbo4j.optim.Schedule}s and gradient {@link org.elbo4j.optim.Clip}ping. A step validates every
 * gradient first (unknown parameter or wrong shape: {@link java.lang.IllegalArgumentException}; NaN or infinity:
 * {@link org.elbo4j.tensor.NonFiniteException} naming the parameter) and then changes all parameters or none.
 * Optimizer state is a value ({@link org.elbo4j.optim.OptimizerState}) that restores bit-identically. An
 * optimizer, like its {@code ParamStore}, belongs to one fit and is not thread-safe.
 *
 * <pre>{@code
 * ParamStore p = new ParamStore();
 * p.put("w", Tensor.of(3.0, -2.0));
 * Optimizer opt = Clip.byGlobalNorm(Adam.of(0.1).schedule(Schedule.cosine(500)), 10.0);
 * for (int k = 0; k < 500; k++) opt.step(p, Map.of("w", p.get("w")));   // gradient of ½‖w‖²
 * p.get("w");                                                            // ≈ [0, 0]
 * }</pre>
 */
package org.elbo4j.optim;
