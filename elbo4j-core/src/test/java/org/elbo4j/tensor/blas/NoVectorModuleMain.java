package org.elbo4j.tensor.blas;

import java.util.Arrays;

/**
 * Run by {@link BackendSelectionTest} in a JVM started without {@code --add-modules
 * jdk.incubator.vector}: prints the backend and a 2×2 product, which must work on the Java kernel.
 */
public final class NoVectorModuleMain {

    private NoVectorModuleMain() {}

    public static void main(String[] args) {
        double[] c = new double[4];
        Blas.dgemm(
                false,
                false,
                2,
                2,
                2,
                1.0,
                new double[] {1, 2, 3, 4},
                0,
                2,
                new double[] {5, 6, 7, 8},
                0,
                2,
                0.0,
                c,
                0,
                2);
        System.out.println("backend=" + Blas.backend());
        System.out.println("c=" + Arrays.toString(c));
    }
}
