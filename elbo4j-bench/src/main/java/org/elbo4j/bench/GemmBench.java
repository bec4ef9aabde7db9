package org.elbo4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.elbo4j.tensor.blas.Blas;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * GEMM throughput on the MLP layer shape {@code C[100×500] = op(A)·op(B)}, {@code k = 784} (a batch of
 * 100 MNIST digits through a 784→500 layer), for the four transpose combinations (the backward pass
 * uses A·B, Aᵀ·B and A·Bᵀ).
 *
 * <p>The score is in floating-point operations per nanosecond, i.e. <b>GFLOP/s</b>: each invocation
 * counts {@code 2·m·n·k} operations. {@code backend}: {@code naive} is the textbook i-k-j loop on one
 * thread (its {@code threads} parameter is ignored); {@code java} and {@code vector} force
 * {@link Blas}'s kernels through the {@code elbo4j.blas} property, which works because JMH runs each
 * parameter combination in its own forked JVM.
 *
 * <pre>
 * mvn -q -DskipTests package -pl elbo4j-bench -am
 * java --add-modules jdk.incubator.vector -jar elbo4j-bench/target/benchmarks.jar GemmBench \
 *     -f 1 -wi 3 -i 5 -w 1 -r 1 -p backend=java,vector -p threads=1,2
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GemmBench {

    static final int M = 100;
    static final int N = 500;
    static final int K = 784;
    static final int FLOPS = 2 * M * N * K;

    @Param({"naive", "java", "vector"})
    public String backend;

    /** A·B, Aᵀ·B, A·Bᵀ, Aᵀ·Bᵀ. */
    @Param({"NN", "TN", "NT", "TT"})
    public String variant;

    @Param({"1", "2"})
    public int threads;

    boolean transA;
    boolean transB;
    double[] a;
    double[] b;
    double[] c;

    @Setup
    public void setUp() {
        if (!backend.equals("naive")) {
            System.setProperty("elbo4j.blas", backend); // before Blas is initialised in this fork
            Blas.setThreads(threads);
            if (!Blas.backend().startsWith(backend.equals("vector") ? "vector-api" : "java")
                    || Blas.backend().contains("(elbo4j.blas")) {
                throw new IllegalStateException("asked for " + backend + ", got " + Blas.backend());
            }
        }
        transA = variant.charAt(0) == 'T';
        transB = variant.charAt(1) == 'T';
        SplittableRandom rng = new SplittableRandom(42);
        a = rng.doubles(M * K, -1, 1).toArray();
        b = rng.doubles(K * N, -1, 1).toArray();
        c = new double[M * N];
    }

    @Benchmark
    @OperationsPerInvocation(FLOPS)
    public double[] gemm() {
        if (backend.equals("naive")) {
            naive(transA, transB, a, b, c);
        } else {
            Blas.dgemm(transA, transB, M, N, K, 1.0, a, 0, transA ? M : K, b, 0, transB ? K : N, 0.0, c, 0, N);
        }
        return c;
    }

    /** The i-k-j triple loop: C row i accumulates op(A)[i][p]·op(B) row p. */
    static void naive(boolean transA, boolean transB, double[] a, double[] b, double[] c) {
        java.util.Arrays.fill(c, 0.0);
        for (int i = 0; i < M; i++) {
            for (int p = 0; p < K; p++) {
                double aip = transA ? a[p * M + i] : a[i * K + p];
                if (transB) {
                    for (int j = 0; j < N; j++) {
                        c[i * N + j] += aip * b[j * K + p];
                    }
                } else {
                    for (int j = 0; j < N; j++) {
                        c[i * N + j] += aip * b[p * N + j];
                    }
                }
            }
        }
    }
}
