package org.elbo4j.tensor.blas;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A hash of {@link VectorMath}'s results on fixed inputs (tanh of 1,003 values, the Bernoulli gradient and sum of
 * 1,003 logits), printed by {@link #main} in a child JVM for {@link VectorMathTest}: "tanhHash/gradHash/sumBits".
 */
public final class VectorMathFingerprint {
    private VectorMathFingerprint() {}

    static String fingerprint() {
        SplittableRandom r = new SplittableRandom(9);
        int n = 1003;
        double[] a = new double[n], l = new double[n], x = new double[n], g = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = 8 * (r.nextDouble() - 0.5);
            l[i] = 60 * (r.nextDouble() - 0.5);
            x[i] = r.nextBoolean() ? 1 : 0;
        }
        VectorMath.tanh(a, 0, n);
        double s = VectorMath.bernoulliLogits(n, l, 0, x, 0, g, 0);
        return Integer.toHexString(Arrays.hashCode(a)) + "-" + Integer.toHexString(Arrays.hashCode(g)) + "/"
                + Long.toHexString(Double.doubleToRawLongBits(s));
    }

    public static void main(String[] args) {
        System.out.println("backend=" + VectorMath.backend());
        System.out.println("fingerprint=" + fingerprint());
    }
}
