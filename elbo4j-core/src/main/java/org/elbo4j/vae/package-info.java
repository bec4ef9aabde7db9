/**
 * Auto-encoding variational Bayes (Kingma &amp; Welling 2013): the variational auto-encoder
 * ({@link org.elbo4j.vae.Vae}: a Gaussian encoder q<sub>φ</sub>(z|x), an N(0, I) prior, a Bernoulli or Gaussian
 * decoder p<sub>θ</sub>(x|z)), the SGVB estimators A (sampled KL) and B (analytic KL) with L draws per datapoint
 * ({@link org.elbo4j.vae.Estimator}), minibatch training with static or dynamic binarisation
 * ({@link org.elbo4j.vae.VaeTrainer}), the importance-sampled log-likelihood (IWAE bound), reconstructions and
 * decoded prior samples. Training is reproducible from a seed and its state ({@link org.elbo4j.vae.TrainingState})
 * restores bit-identically. Data come in as arrays: this package reads no files. In the example, {@code pixels}
 * holds n images of 784 intensities (MNIST: n = 10,000, nTrain = 8,000, 20 epochs).
 *
 * <pre>{@code
 * VaeData data = VaeData.split(pixels, 784, nTrain);                 // intensities in [0, 1], row-major
 * VaeTrainer t = VaeTrainer.builder(Vae.builder(784, 20).hidden(400).build(), data).optimizer(Adam.of(1e-3)).seed(1).build();
 * for (int e = 0; e < epochs; e++) System.out.println(t.runEpoch(VaeTrainer.BatchListener.NONE));
 * double logLik = t.testLogLikelihood(500);                            // nats per test image
 * TrainingState s = t.state();                                         // resume: VaeTrainer.builder(...).resume(s)
 * }</pre>
 */
package org.elbo4j.vae;
