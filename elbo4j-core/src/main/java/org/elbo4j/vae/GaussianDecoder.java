package org.elbo4j.vae;

import java.util.LinkedHashMap;
import java.util.Map;
import org.elbo4j.nn.Activation;
import org.elbo4j.nn.Init;
import org.elbo4j.nn.Linear;
import org.elbo4j.nn.Mlp;
import org.elbo4j.nn.Params;
import org.elbo4j.optim.ParamStore;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * Gaussian MLP decoder for real-valued data (Kingma &amp; Welling 2013, appendix C.2):
 * \[ \log p(x|z) = \sum_{d=1}^{D} \log \mathcal N(x_d;\ \mu_d, \sigma_d^2), \quad \mu = g(W_4 h + b_4),\quad
 *    \log\sigma^2 = W_5 h + b_5,\quad h = f(W_3 z + b_3), \]
 * with g the identity, or the sigmoid for data in [0, 1] (the paper's Frey Face runs). Parameters
 * {@code decoder.<i>.*} (the trunk), {@code decoder.loc.*} and {@code decoder.logvar.*}.
 */
public final class GaussianDecoder implements Decoder {
    private final Mlp trunk;
    private final Linear loc;
    private final Linear logVar;

    /**
     * @param hidden  the hidden layer sizes (at least one)
     * @param meanAct g: {@link Activation#IDENTITY} or {@link Activation#SIGMOID}
     * @throws IllegalArgumentException if a size is &lt; 1 or there is no hidden layer
     */
    public GaussianDecoder(
            int latent, int[] hidden, int dataDim, Activation activation, Activation meanAct, Init init) {
        if (hidden.length == 0) throw new IllegalArgumentException("GaussianDecoder: needs at least one hidden layer");
        int[] sizes = new int[hidden.length + 1];
        sizes[0] = latent;
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        this.trunk = Mlp.of("decoder", sizes, activation, activation, init);
        int h = hidden[hidden.length - 1];
        this.loc = Linear.of("decoder.loc", h, dataDim).activation(meanAct).init(init);
        this.logVar = Linear.of("decoder.logvar", h, dataDim).init(init);
    }

    @Override
    public Map<String, Shape> parameterShapes() {
        Map<String, Shape> m = new LinkedHashMap<>(trunk.parameterShapes());
        m.putAll(loc.parameterShapes());
        m.putAll(logVar.parameterShapes());
        return m;
    }

    @Override
    public void initialize(ParamStore store, RandomStream rng) {
        trunk.initialize(store, rng);
        loc.initialize(store, rng);
        logVar.initialize(store, rng);
    }

    /** μ and log σ² side by side: [R, 2D]. */
    @Override
    public Tensor forward(Params p, Tensor z) {
        Tensor h = trunk.forward(p, z);
        return Tensor.concat(1, loc.forward(p, h), logVar.forward(p, h));
    }

    @Override
    public Tensor logLikelihood(Params p, Tensor z, Tensor x) {
        Vae.checkData(x, dataDim());
        Tensor h = trunk.forward(p, z);
        return VaeKernels.gaussianLogLikelihood(loc.forward(p, h), logVar.forward(p, h), x);
    }

    @Override
    public Tensor mean(Params p, Tensor z) {
        return loc.forward(p, trunk.forward(p, z)).detach();
    }

    @Override
    public String likelihood() {
        return "gaussian";
    }

    @Override
    public int dataDim() {
        return loc.out();
    }

    @Override
    public String toString() {
        return "GaussianDecoder[" + trunk.layers() + ", " + loc + ", " + logVar + "]";
    }
}
