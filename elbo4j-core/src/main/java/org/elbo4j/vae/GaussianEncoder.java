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
 * The recognition model q<sub>φ</sub>(z|x) = N(z; μ, diag σ²) of AEVB (Kingma &amp; Welling 2013, appendix C.2):
 * \[ h = f(W_1 x + b_1), \qquad \mu = W_2 h + b_2, \qquad \log\sigma^2 = W_3 h + b_3, \]
 * an MLP trunk (any depth) and two linear heads. Parameters {@code encoder.<i>.*}, {@code encoder.loc.*},
 * {@code encoder.logvar.*}.
 */
public final class GaussianEncoder {
    /** The encoder's output for a batch: μ and log σ², each [B, J]. */
    public record Output(Tensor loc, Tensor logVar) {}

    private final Mlp trunk;
    private final Linear loc;
    private final Linear logVar;

    /**
     * @param hidden the trunk's layer sizes (at least one)
     * @throws IllegalArgumentException if a size is &lt; 1 or there is no hidden layer
     */
    public GaussianEncoder(int dataDim, int[] hidden, int latent, Activation activation, Init init) {
        if (hidden.length == 0) throw new IllegalArgumentException("GaussianEncoder: needs at least one hidden layer");
        int[] sizes = new int[hidden.length + 1];
        sizes[0] = dataDim;
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        this.trunk = Mlp.of("encoder", sizes, activation, activation, init);
        int h = hidden[hidden.length - 1];
        this.loc = Linear.of("encoder.loc", h, latent).init(init);
        this.logVar = Linear.of("encoder.logvar", h, latent).init(init);
    }

    /** Names and shapes of the parameters, trunk first. */
    public Map<String, Shape> parameterShapes() {
        Map<String, Shape> m = new LinkedHashMap<>(trunk.parameterShapes());
        m.putAll(loc.parameterShapes());
        m.putAll(logVar.parameterShapes());
        return m;
    }

    /** Draws the initial parameters into {@code store}. */
    public void initialize(ParamStore store, RandomStream rng) {
        trunk.initialize(store, rng);
        loc.initialize(store, rng);
        logVar.initialize(store, rng);
    }

    /**
     * μ and log σ² for a batch.
     *
     * @param x [B, D]. Not modified.
     */
    public Output forward(Params p, Tensor x) {
        Tensor h = trunk.forward(p, x);
        return new Output(loc.forward(p, h), logVar.forward(p, h));
    }

    /** D. */
    public int dataDim() {
        return trunk.in();
    }

    /** J. */
    public int latent() {
        return loc.out();
    }

    @Override
    public String toString() {
        return "GaussianEncoder[" + trunk.layers() + ", " + loc + ", " + logVar + "]";
    }
}
