package org.elbo4j.nn;

import java.util.Locale;
import org.elbo4j.random.RandomStream;

/**
 * How a {@link Linear} layer's weight W (fan-in n<sub>in</sub> × fan-out n<sub>out</sub>) and bias b are drawn:
 * <ul>
 *   <li>{@link #xavierUniform()} (Glorot &amp; Bengio 2010): W ~ U(−r, r), r = √(6/(n<sub>in</sub> + n<sub>out</sub>)),
 *       b = 0;</li>
 *   <li>{@link #normal(double)}: W, b ~ N(0, s²); the AEVB paper's "N(0, 0.01)" is {@code normal(0.01)}
 *       (Kingma &amp; Welling 2013, section 5);</li>
 *   <li>{@link #fanInUniform()}: W, b ~ U(−1/√n<sub>in</sub>, 1/√n<sub>in</sub>), PyTorch's {@code nn.Linear}
 *       default (kaiming_uniform with a = √5), for side-by-side runs with torch.</li>
 * </ul>
 * Draws come from the stream given, weight first (row-major), then bias, so a seed fixes them.
 *
 * <blockquote>X. Glorot, Y. Bengio. Understanding the difficulty of training deep feedforward neural networks.
 * AISTATS 2010.<br>
 * D. P. Kingma, M. Welling. Auto-encoding variational Bayes. ICLR 2014 (arXiv:1312.6114).</blockquote>
 */
public final class Init {
    private enum Kind {
        XAVIER,
        NORMAL,
        FAN_IN
    }

    private final Kind kind;
    private final double std;

    private Init(Kind kind, double std) {
        this.kind = kind;
        this.std = std;
    }

    /** Glorot/Xavier uniform weights, zero bias. */
    public static Init xavierUniform() {
        return new Init(Kind.XAVIER, Double.NaN);
    }

    /**
     * Weights and biases N(0, std²).
     *
     * @throws IllegalArgumentException unless {@code std} is finite and {@literal > 0}
     */
    public static Init normal(double std) {
        if (!(std > 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("Init.normal: std must be finite and > 0, got " + std);
        }
        return new Init(Kind.NORMAL, std);
    }

    /** Weights and biases U(±1/√fan-in), PyTorch's default for {@code nn.Linear}. */
    public static Init fanInUniform() {
        return new Init(Kind.FAN_IN, Double.NaN);
    }

    /**
     * By name: {@code xavier}, {@code normal} (std 0.01, the paper's), {@code normal:<std>}, {@code torch}
     * ({@link #fanInUniform()}); the inverse of {@link #id()}.
     *
     * @throws IllegalArgumentException naming the value and the choices
     */
    public static Init byName(String id) {
        String s = id.trim().toLowerCase(Locale.ROOT);
        if (s.equals("xavier")) return xavierUniform();
        if (s.equals("torch")) return fanInUniform();
        if (s.equals("normal")) return normal(0.01);
        if (s.startsWith("normal:")) {
            try {
                return normal(Double.parseDouble(s.substring(7)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("init '" + id + "': the std after 'normal:' is not a number");
            }
        }
        throw new IllegalArgumentException("unknown init '" + id + "'; choose xavier, normal, normal:<std> or torch");
    }

    /** The name {@link #byName} reads: {@code xavier}, {@code normal:<std>} or {@code torch}. */
    public String id() {
        return switch (kind) {
            case XAVIER -> "xavier";
            case NORMAL -> "normal:" + std;
            case FAN_IN -> "torch";
        };
    }

    /**
     * Fills a layer's parameters.
     *
     * @param weight n<sub>in</sub>·n<sub>out</sub> entries, row-major [in, out]. Modified.
     * @param bias   n<sub>out</sub> entries. Modified.
     * @param rng    advanced by one draw per entry (none for a zero bias)
     */
    public void fill(double[] weight, double[] bias, int fanIn, int fanOut, RandomStream rng) {
        switch (kind) {
            case XAVIER -> {
                double r = Math.sqrt(6.0 / (fanIn + fanOut));
                for (int i = 0; i < weight.length; i++) weight[i] = r * (2 * rng.nextDouble() - 1);
                java.util.Arrays.fill(bias, 0.0);
            }
            case NORMAL -> {
                for (int i = 0; i < weight.length; i++) weight[i] = std * rng.nextGaussian();
                for (int i = 0; i < bias.length; i++) bias[i] = std * rng.nextGaussian();
            }
            case FAN_IN -> {
                double r = 1 / Math.sqrt(fanIn);
                for (int i = 0; i < weight.length; i++) weight[i] = r * (2 * rng.nextDouble() - 1);
                for (int i = 0; i < bias.length; i++) bias[i] = r * (2 * rng.nextDouble() - 1);
            }
        }
    }

    @Override
    public String toString() {
        return "Init[" + id() + "]";
    }
}
