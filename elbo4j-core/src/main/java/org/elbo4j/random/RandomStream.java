package org.elbo4j.random;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * PROVISIONAL: the minimal API the rest of core codes against; replaced by the full implementation
 * (state save/restore, fork, documented split scheme) from the random branch.
 */
public final class RandomStream implements RandomGenerator {
    private final RandomGenerator.SplittableGenerator g;

    private RandomStream(RandomGenerator.SplittableGenerator g) { this.g = g; }

    public static RandomStream of(long seed) {
        return new RandomStream((RandomGenerator.SplittableGenerator)
                RandomGeneratorFactory.of("L64X128MixRandom").create(seed));
    }

    public RandomStream split() { return new RandomStream(g.split()); }

    public RandomStream[] split(int n) {
        if (n <= 0) throw new IllegalArgumentException("split: n must be > 0, got " + n);
        RandomStream[] r = new RandomStream[n];
        for (int i = 0; i < n; i++) r[i] = split();
        return r;
    }

    @Override public long nextLong() { return g.nextLong(); }

    public double nextOpenUnit() {
        double u;
        do { u = g.nextDouble(); } while (u == 0.0);
        return u;
    }

    public void fillGaussian(double[] out, int off, int len) { for (int i = 0; i < len; i++) out[off + i] = g.nextGaussian(); }
    public void fillUniform(double[] out, int off, int len) { for (int i = 0; i < len; i++) out[off + i] = g.nextDouble(); }
    public void fillOpenUnit(double[] out, int off, int len) { for (int i = 0; i < len; i++) out[off + i] = nextOpenUnit(); }
    public void fillExponential(double[] out, int off, int len) { for (int i = 0; i < len; i++) out[off + i] = g.nextExponential(); }
}
