package org.elbo4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.elbo4j.tensor.blas.Blas;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Latency of small products {@code C[m×n] = A[m×k]·B[k×n]} (ns per call), the sizes of small models
 * (vectors of a few parameters, eight-schools-sized matrices), where fixed costs — packing, dispatch —
 * dominate. {@code naive} is the textbook i-j-p loop; {@code java} and {@code vector} force
 * {@link Blas}'s kernels (each parameter combination runs in its own JVM, see {@link GemmBench}).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -jar elbo4j-bench/target/benchmarks.jar GemmSmallBench \
 *     -f 1 -wi 3 -i 5 -w 1 -r 1
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GemmSmallBench {

    @Param({"naive", "java", "vector"})
    public String backend;

    /** m x n x k. */
    @Param({"1x8x8", "8x1x8", "4x4x16", "10x10x2", "8x8x8", "16x16x16", "32x32x32"})
    public String shape;

    int m;
    int n;
    int k;
    double[] a;
    double[] b;
    double[] c;

    @Setup
    public void setUp() {
        if (!backend.equals("naive")) {
            System.setProperty("elbo4j.blas", backend);
            Blas.setThreads(1);
            if (!Blas.backend().startsWith(backend.equals("vector") ? "vector-api" : "java")) {
                throw new IllegalStateException("asked for " + backend + ", got " + Blas.backend());
            }
        }
        String[] d = shape.split("x");
        m = Integer.parseInt(d[0]);
        n = Integer.parseInt(d[1]);
        k = Integer.parseInt(d[2]);
        SplittableRandom rng = new SplittableRandom(42);
        a = rng.doubles(m * k, -1, 1).toArray();
        b = rng.doubles(k * n, -1, 1).toArray();
        c = new double[m * n];
    }

    @Benchmark
    public double[] gemm() {
        if (backend.equals("naive")) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        s += a[i * k + p] * b[p * n + j];
                    }
                    c[i * n + j] = s;
                }
            }
        } else {
            Blas.dgemm(false, false, m, n, k, 1.0, a, 0, k, b, 0, n, 0.0, c, 0, n);
        }
        return c;
    }
}
