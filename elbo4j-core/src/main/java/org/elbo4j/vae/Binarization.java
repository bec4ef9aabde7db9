package org.elbo4j.vae;

import java.util.Locale;
import org.elbo4j.random.RandomStream;

/**
 * How grey-level data in [0, 1] become the binary data a Bernoulli decoder models:
 * <ul>
 *   <li>{@link #STATIC}: x = [v &gt; 0.5], once (the threshold of the AEVB paper's MNIST runs and of the PyTorch
 *       peer);</li>
 *   <li>{@link #DYNAMIC}: x ~ Bernoulli(v), drawn afresh every time a training image is used (each epoch); the test
 *       set is binarised once with a fixed stream (Salakhutdinov &amp; Murray 2008; Burda et al. 2016);</li>
 *   <li>{@link #NONE}: the values as they are (real-valued data for a Gaussian decoder).</li>
 * </ul>
 */
public enum Binarization {
    /** Threshold at 0.5, once. */
    STATIC,
    /** A fresh Bernoulli draw per use. */
    DYNAMIC,
    /** No binarisation. */
    NONE;

    /** {@code static}, {@code dynamic} or {@code none}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * By name, case-insensitive.
     *
     * @throws IllegalArgumentException naming the value and the choices
     */
    public static Binarization byName(String name) {
        for (Binarization b : values()) if (b.id().equalsIgnoreCase(name.trim())) return b;
        throw new IllegalArgumentException("unknown binarization '" + name + "'; choose static, dynamic or none");
    }

    /**
     * Writes the binarised values {@code v[from, from+n)} to {@code out[to, to+n)}. For {@link #DYNAMIC} one
     * uniform per value is drawn from {@code rng} (x = [u &lt; v]); the others draw nothing. Modified: {@code out}.
     */
    void apply(double[] v, int from, double[] out, int to, int n, RandomStream rng) {
        switch (this) {
            case STATIC -> {
                for (int i = 0; i < n; i++) out[to + i] = v[from + i] > 0.5 ? 1.0 : 0.0;
            }
            case DYNAMIC -> {
                for (int i = 0; i < n; i++) out[to + i] = rng.nextDouble() < v[from + i] ? 1.0 : 0.0;
            }
            case NONE -> System.arraycopy(v, from, out, to, n);
        }
    }
}
