package org.elbo4j.vae;

import java.util.Map;
import org.elbo4j.nn.Activation;
import org.elbo4j.nn.Init;
import org.elbo4j.nn.Mlp;
import org.elbo4j.nn.Params;
import org.elbo4j.optim.ParamStore;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * Bernoulli MLP decoder for binary data (Kingma &amp; Welling 2013, appendix C.1):
 * \[ \log p(x|z) = \sum_{d=1}^{D} x_d \log y_d + (1 - x_d) \log(1 - y_d), \qquad y = \sigma(\ell),\quad
 *    \ell = W_{out}\, h + b_{out},\quad h = f(W z + b), \]
 * computed from the logits ℓ as Σ x ℓ − softplus(ℓ) (no log 0). Parameters {@code decoder.<i>.weight/bias}.
 */
public final class BernoulliDecoder implements Decoder {
    private final Mlp net;

    /**
     * @param hidden the hidden layer sizes (at least one), e.g. {400}
     * @throws IllegalArgumentException if a size is &lt; 1 or there is no hidden layer
     */
    public BernoulliDecoder(int latent, int[] hidden, int dataDim, Activation activation, Init init) {
        if (hidden.length == 0) throw new IllegalArgumentException("BernoulliDecoder: needs at least one hidden layer");
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = latent;
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = dataDim;
        this.net = Mlp.of("decoder", sizes, activation, Activation.IDENTITY, init);
    }

    @Override
    public Map<String, Shape> parameterShapes() {
        return net.parameterShapes();
    }

    @Override
    public void initialize(ParamStore store, RandomStream rng) {
        net.initialize(store, rng);
    }

    /** The logits ℓ [R, D]. */
    @Override
    public Tensor forward(Params p, Tensor z) {
        return net.forward(p, z);
    }

    @Override
    public Tensor logLikelihood(Params p, Tensor z, Tensor x) {
        Vae.checkData(x, dataDim());
        return VaeKernels.bernoulliLogLikelihood(forward(p, z), x);
    }

    @Override
    public Tensor mean(Params p, Tensor z) {
        return forward(p, z).detach().sigmoid();
    }

    @Override
    public String likelihood() {
        return "bernoulli";
    }

    @Override
    public int dataDim() {
        return net.out();
    }

    @Override
    public String toString() {
        return "BernoulliDecoder" + net.layers();
    }
}
