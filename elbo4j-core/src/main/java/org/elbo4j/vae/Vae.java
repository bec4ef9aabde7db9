package org.elbo4j.vae;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.elbo4j.nn.Activation;
import org.elbo4j.nn.Init;
import org.elbo4j.nn.Params;
import org.elbo4j.optim.ParamStore;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.tensor.TensorData;

/**
 * A variational auto-encoder (Kingma &amp; Welling 2013): a Gaussian encoder q<sub>φ</sub>(z|x) =
 * N(μ<sub>φ</sub>(x), diag σ<sub>φ</sub>²(x)), a prior p(z) = N(0, I) on J latent dimensions, and a decoder
 * p<sub>θ</sub>(x|z), Bernoulli for binary data or Gaussian for real data. For a datapoint x<sup>(i)</sup> the
 * evidence lower bound is
 * \[ \mathcal L(\theta, \phi; x^{(i)}) = -D_{KL}\big(q_\phi(z|x^{(i)}) \,\|\, p(z)\big)
 *    + \mathbb E_{q_\phi(z|x^{(i)})}\big[\log p_\theta(x^{(i)}|z)\big] \le \log p_\theta(x^{(i)}), \]
 * estimated by SGVB ({@link #elbo}) with the reparameterization z = μ + σ ⊙ ε, ε ~ N(0, I), and the marginal
 * likelihood by importance sampling with q as proposal ({@link #logLikelihood}, the IWAE bound of Burda et al.).
 *
 * <p>This class holds the architecture only; the weights live in a {@link ParamStore} (names in
 * {@link #parameterShapes()}), passed to every call through {@link Params}.
 *
 * <pre>{@code
 * Vae vae = Vae.builder(784, 20).hidden(400).build();           // the paper's MNIST model, tanh, Bernoulli
 * ParamStore store = new ParamStore();
 * vae.initialize(store, RandomStream.of(1));
 * Tensor elbo = vae.elbo(Params.of(store), x, Estimator.ANALYTIC_KL, 1, RandomStream.of(2));   // [B]
 * }</pre>
 *
 * <blockquote>D. P. Kingma, M. Welling. Auto-encoding variational Bayes. ICLR 2014 (arXiv:1312.6114).<br>
 * Y. Burda, R. Grosse, R. Salakhutdinov. Importance weighted autoencoders. ICLR 2016 (arXiv:1509.00519).</blockquote>
 */
public final class Vae {
    private final int dataDim;
    private final int latent;
    private final int[] hidden;
    private final Activation activation;
    private final Init init;
    private final String likelihood;
    private final GaussianEncoder encoder;
    private final Decoder decoder;

    private Vae(Builder b) {
        this.dataDim = b.dataDim;
        this.latent = b.latent;
        this.hidden = b.hidden.clone();
        this.activation = b.activation;
        this.init = b.init;
        this.likelihood = b.gaussianMean == null ? "bernoulli" : "gaussian:" + b.gaussianMean.id();
        this.encoder = new GaussianEncoder(dataDim, hidden, latent, activation, init);
        int[] decHidden = reversed(hidden);
        this.decoder = b.gaussianMean == null
                ? new BernoulliDecoder(latent, decHidden, dataDim, activation, init)
                : new GaussianDecoder(latent, decHidden, dataDim, activation, b.gaussianMean, init);
    }

    private static int[] reversed(int[] a) {
        int[] r = new int[a.length];
        for (int i = 0; i < a.length; i++) r[i] = a[a.length - 1 - i];
        return r;
    }

    /**
     * A builder for D-dimensional data and J latent dimensions.
     *
     * @implSpec one hidden layer of 400 units, tanh, {@link Init#xavierUniform()}, Bernoulli likelihood.
     * @throws IllegalArgumentException if D or J is &lt; 1
     */
    public static Builder builder(int dataDim, int latent) {
        return new Builder(dataDim, latent);
    }

    /** Configuration of a {@link Vae}; the decoder mirrors the encoder's hidden sizes in reverse. */
    public static final class Builder {
        private final int dataDim;
        private final int latent;
        private int[] hidden = {400};
        private Activation activation = Activation.TANH;
        private Init init = Init.xavierUniform();
        private Activation gaussianMean;

        private Builder(int dataDim, int latent) {
            if (dataDim < 1) throw new IllegalArgumentException("Vae: data dimension must be >= 1, got " + dataDim);
            if (latent < 1) throw new IllegalArgumentException("Vae: latent dimension must be >= 1, got " + latent);
            this.dataDim = dataDim;
            this.latent = latent;
        }

        /**
         * The encoder's hidden layer sizes, input side first (the decoder uses them in reverse).
         *
         * @throws IllegalArgumentException if there are none or one is &lt; 1
         */
        public Builder hidden(int... sizes) {
            if (sizes.length == 0) throw new IllegalArgumentException("Vae: needs at least one hidden layer");
            for (int s : sizes) {
                if (s < 1)
                    throw new IllegalArgumentException("Vae: hidden sizes must be >= 1, got " + Arrays.toString(sizes));
            }
            this.hidden = sizes.clone();
            return this;
        }

        /** The hidden activation. */
        public Builder activation(Activation f) {
            this.activation = Objects.requireNonNull(f, "activation");
            return this;
        }

        /** The initialisation of every layer. */
        public Builder init(Init i) {
            this.init = Objects.requireNonNull(i, "init");
            return this;
        }

        /** Bernoulli likelihood (binary data; the default). */
        public Builder bernoulli() {
            this.gaussianMean = null;
            return this;
        }

        /**
         * Gaussian likelihood with mean g(·).
         *
         * @param meanActivation {@link Activation#IDENTITY}, or {@link Activation#SIGMOID} for data in [0, 1]
         */
        public Builder gaussian(Activation meanActivation) {
            this.gaussianMean = Objects.requireNonNull(meanActivation, "meanActivation");
            return this;
        }

        /** The model. */
        public Vae build() {
            return new Vae(this);
        }
    }

    /** D. */
    public int dataDim() {
        return dataDim;
    }

    /** J. */
    public int latent() {
        return latent;
    }

    /** The encoder's hidden sizes (a copy). */
    public int[] hidden() {
        return hidden.clone();
    }

    /** The encoder. */
    public GaussianEncoder encoder() {
        return encoder;
    }

    /** The decoder. */
    public Decoder decoder() {
        return decoder;
    }

    /**
     * The architecture as text settings (for checkpoints and reports): dim, latent, hidden (comma-separated), activation,
     * init, likelihood ({@code bernoulli} or {@code gaussian:<mean activation>}); {@link #fromDescription} reads it back.
     */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("dim", Integer.toString(dataDim));
        m.put("latent", Integer.toString(latent));
        StringBuilder h = new StringBuilder();
        for (int s : hidden) h.append(h.length() == 0 ? "" : ",").append(s);
        m.put("hidden", h.toString());
        m.put("activation", activation.id());
        m.put("init", init.id());
        m.put("likelihood", likelihood);
        return m;
    }

    /**
     * The model {@link #describe()} described: the inverse of describe, for resuming from a checkpoint.
     *
     * @throws IllegalArgumentException naming the key and the value when one is missing or malformed
     */
    public static Vae fromDescription(Map<String, String> d) {
        Builder b = builder(intSetting(d, "dim"), intSetting(d, "latent"));
        String[] parts = setting(d, "hidden").split(",");
        int[] hidden = new int[parts.length];
        for (int i = 0; i < parts.length; i++) hidden[i] = parseInt("hidden", parts[i]);
        b.hidden(hidden).activation(Activation.byName(setting(d, "activation"))).init(Init.byName(setting(d, "init")));
        String lik = setting(d, "likelihood");
        if (lik.equals("bernoulli")) b.bernoulli();
        else if (lik.startsWith("gaussian:")) b.gaussian(Activation.byName(lik.substring(9)));
        else
            throw new IllegalArgumentException(
                    "setting 'likelihood' = '" + lik + "'; expected bernoulli or gaussian:<mean activation>");
        return b.build();
    }

    private static String setting(Map<String, String> d, String key) {
        String v = d.get(key);
        if (v == null) throw new IllegalArgumentException("Vae description has no setting '" + key + "'");
        return v;
    }

    private static int intSetting(Map<String, String> d, String key) {
        return parseInt(key, setting(d, key));
    }

    private static int parseInt(String key, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting '" + key + "' = '" + v + "' is not an integer");
        }
    }

    /** Every parameter's name and shape: encoder first, then decoder. */
    public Map<String, Shape> parameterShapes() {
        Map<String, Shape> m = new LinkedHashMap<>(encoder.parameterShapes());
        m.putAll(decoder.parameterShapes());
        return m;
    }

    /** Draws initial values for every parameter into {@code store} (encoder first). */
    public void initialize(ParamStore store, RandomStream rng) {
        encoder.initialize(store, rng);
        decoder.initialize(store, rng);
    }

    /**
     * SGVB estimates of the ELBO per datapoint, L draws each (see {@link Estimator}); recorded on the tape when the
     * parameters are tracked, so −mean is the loss of a training step.
     *
     * @param x       [B, D] data. Not modified.
     * @param samples L ≥ 1
     * @param rng     draws L·B·J standard normals, row r = l·B + i of the draws belonging to datapoint i
     * @return [B]
     * @throws IllegalArgumentException if x is not [B, D] or L &lt; 1
     */
    public Tensor elbo(Params p, Tensor x, Estimator estimator, int samples, RandomStream rng) {
        checkData(x, dataDim);
        if (samples < 1) throw new IllegalArgumentException("Vae.elbo: samples L must be >= 1, got " + samples);
        int b = x.dim(0);
        double[] eps = new double[samples * b * latent];
        rng.fillGaussian(eps, 0, eps.length);
        GaussianEncoder.Output q = encoder.forward(p, x);
        Tensor z = VaeKernels.reparameterize(q.loc(), q.logVar(), eps, samples);
        Tensor perDraw = decoder.logLikelihood(p, z, x); // log p(x|z), [L·B]
        if (estimator == Estimator.SAMPLED_KL) {
            perDraw = perDraw.sub(VaeKernels.logQMinusLogPrior(z, q.loc(), q.logVar())); // + log p(z) − log q(z|x)
        }
        Tensor mean = samples == 1 ? perDraw : perDraw.reshape(samples, b).mean(0);
        return estimator == Estimator.ANALYTIC_KL ? mean.sub(VaeKernels.klToStandardNormal(q.loc(), q.logVar())) : mean;
    }

    /**
     * Importance-sampled log-likelihood per datapoint with q(z|x) as proposal and K draws:
     * \[ \log p(x) \approx \log \frac1K \sum_{k=1}^K \frac{p(x|z_k)\, p(z_k)}{q(z_k|x)}, \qquad z_k \sim q(z|x), \]
     * the IWAE bound 𝓛<sub>K</sub> (Burda et al. 2016): a lower bound in expectation that rises to log p(x) as K grows,
     * 𝓛<sub>1</sub> being the ELBO. No gradient. Memory: at most {@code maxRows} decoder rows at a time.
     *
     * @param x       [B, D]. Not modified.
     * @param k       K ≥ 1
     * @param maxRows the most rows (draws × datapoints) decoded at once, ≥ 1
     * @param rng     the draws, in blocks whose layout depends on B, K and maxRows (fixed for fixed arguments)
     * @return B values, nats
     * @throws IllegalArgumentException if x is not [B, D], K &lt; 1 or maxRows &lt; 1
     */
    public double[] logLikelihood(Params p, Tensor x, int k, int maxRows, RandomStream rng) {
        checkData(x, dataDim);
        if (k < 1) throw new IllegalArgumentException("Vae.logLikelihood: K must be >= 1, got " + k);
        if (maxRows < 1) throw new IllegalArgumentException("Vae.logLikelihood: maxRows must be >= 1, got " + maxRows);
        Tensor xc = x.detach();
        int b = xc.dim(0);
        double[] out = new double[b];
        int group = Math.max(1, Math.min(b, maxRows / k)); // datapoints per group
        for (int from = 0; from < b; from += group) {
            int to = Math.min(b, from + group), c = to - from;
            Tensor xs = xc.slice(from, to);
            GaussianEncoder.Output q = encoder.forward(p, xs);
            Tensor loc = q.loc().detach(), logVar = q.logVar().detach();
            double[] logW = new double[k * c]; // [K, c]
            int block = Math.max(1, Math.min(k, maxRows / c)); // draws per block
            for (int k0 = 0; k0 < k; k0 += block) {
                int kb = Math.min(block, k - k0);
                double[] eps = new double[kb * c * latent];
                rng.fillGaussian(eps, 0, eps.length);
                Tensor z = VaeKernels.reparameterize(loc, logVar, eps, kb);
                Tensor w = decoder.logLikelihood(p, z, xs).sub(VaeKernels.logQMinusLogPrior(z, loc, logVar));
                System.arraycopy(TensorData.readOnly(w), 0, logW, k0 * c, kb * c);
            }
            for (int i = 0; i < c; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int s = 0; s < k; s++) max = Math.max(max, logW[s * c + i]);
                double sum = 0;
                for (int s = 0; s < k; s++) sum += Math.exp(logW[s * c + i] - max);
                out[from + i] = max + Math.log(sum) - Math.log(k);
            }
        }
        return out;
    }

    /**
     * Reconstructions E[x|z = μ<sub>φ</sub>(x)]: each datapoint decoded from its posterior mean.
     *
     * @param x [B, D]
     * @return [B, D] constants
     */
    public Tensor reconstruct(Params p, Tensor x) {
        checkData(x, dataDim);
        return decoder.mean(p, encoder.forward(p, x.detach()).loc().detach());
    }

    /**
     * Decoded means of codes z: prior draws give samples.png, a grid over the latent plane gives the manifold.
     *
     * @param z [R, J]
     * @return [R, D] constants
     * @throws IllegalArgumentException if z is not [R, J]
     */
    public Tensor decode(Params p, Tensor z) {
        if (z.rank() != 2 || z.dim(1) != latent) {
            throw new IllegalArgumentException(
                    "Vae.decode: codes must have shape [R, " + latent + "], got " + z.shape());
        }
        return decoder.mean(p, z.detach());
    }

    static void checkData(Tensor x, int dataDim) {
        if (x.rank() != 2 || x.dim(1) != dataDim || x.dim(0) < 1) {
            throw new IllegalArgumentException(
                    "Vae: data must have shape [B, " + dataDim + "] with B >= 1, got " + x.shape());
        }
    }

    @Override
    public String toString() {
        return "Vae" + describe();
    }
}
