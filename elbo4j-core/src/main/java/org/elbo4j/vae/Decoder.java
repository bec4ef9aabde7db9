package org.elbo4j.vae;

import org.elbo4j.nn.Module;
import org.elbo4j.nn.Params;
import org.elbo4j.tensor.Tensor;

/**
 * The generative network p<sub>θ</sub>(x|z) of a VAE: a likelihood for data x given latent codes z.
 * {@link Module#forward} returns the distribution's raw parameters (logits, or mean and log-variance side by side).
 */
public interface Decoder extends Module {
    /**
     * log p<sub>θ</sub>(x|z), one value per row of z, summed over the D data dimensions.
     *
     * @param z [R, J] latent codes, R = L·B. Not modified.
     * @param x [B, D] data; row r of z pairs with row r mod B of x. Not modified.
     * @return [R]
     * @throws IllegalArgumentException if the shapes do not fit
     */
    Tensor logLikelihood(Params p, Tensor z, Tensor x);

    /**
     * E[x|z] (Bernoulli: σ(logits); Gaussian: the mean), e.g. to draw decoded prior samples or reconstructions.
     *
     * @param z [R, J]
     * @return [R, D]
     */
    Tensor mean(Params p, Tensor z);

    /** {@code bernoulli} or {@code gaussian}. */
    String likelihood();

    /** D. */
    int dataDim();
}
