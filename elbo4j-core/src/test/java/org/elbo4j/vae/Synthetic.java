package org.elbo4j.vae;

import org.elbo4j.random.RandomStream;

/**
 * Small synthetic image sets for the VAE tests: 8×8 images of four prototypes (a horizontal bar, a vertical bar, a
 * diagonal, a square outline), each drawn image being one prototype chosen uniformly with every pixel flipped with
 * probability {@code flip}. A good model explains each image by its prototype (log 4 nats of "which one" plus the
 * flips' entropy), so the attainable ELBO is far above that of an untrained network (−64 log 2 ≈ −44.4 nats).
 */
final class Synthetic {
    private Synthetic() {}

    static final int SIDE = 8, DIM = SIDE * SIDE;

    static double[] prototype(int k) {
        double[] p = new double[DIM];
        for (int r = 0; r < SIDE; r++) {
            for (int c = 0; c < SIDE; c++) {
                boolean on = switch (k) {
                    case 0 -> r == 3 || r == 4;
                    case 1 -> c == 3 || c == 4;
                    case 2 -> Math.abs(r - c) <= 1;
                    default -> (r == 1 || r == 6 || c == 1 || c == 6) && r >= 1 && r <= 6 && c >= 1 && c <= 6;
                };
                p[r * SIDE + c] = on ? 1 : 0;
            }
        }
        return p;
    }

    /** n binary images, row-major [n, 64]. */
    static double[] binary(int n, double flip, RandomStream rng) {
        double[] out = new double[n * DIM];
        for (int i = 0; i < n; i++) {
            double[] p = prototype(rng.nextInt(4));
            for (int d = 0; d < DIM; d++) out[i * DIM + d] = rng.nextDouble() < flip ? 1 - p[d] : p[d];
        }
        return out;
    }

    /** n grey images: prototype pixels at {@code hi}, the rest at 1 − hi, plus nothing random but the prototype. */
    static double[] grey(int n, double hi, RandomStream rng) {
        double[] out = new double[n * DIM];
        for (int i = 0; i < n; i++) {
            double[] p = prototype(rng.nextInt(4));
            for (int d = 0; d < DIM; d++) out[i * DIM + d] = p[d] == 1 ? hi : 1 - hi;
        }
        return out;
    }

    /** 500 training and 200 test images, flips 5 %. */
    static VaeData binarySet(long seed) {
        RandomStream r = RandomStream.of(seed);
        return new VaeData(binary(500, 0.05, r), 500, binary(200, 0.05, r), 200, DIM);
    }
}
