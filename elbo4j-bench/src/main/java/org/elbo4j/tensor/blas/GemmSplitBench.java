package org.elbo4j.tensor.blas;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Where splitting a product across threads starts to pay: square {@code size³} products run as one
 * block or as {@code parts} blocks of C on the pool, bypassing {@link Blas#PARALLEL_MIN_WORK} (this
 * class sits in the kernels' package to reach the package-private {@link Blas#split}). The crossover
 * sets {@code PARALLEL_MIN_WORK}. Time per call in microseconds, default kernel.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -jar elbo4j-bench/target/benchmarks.jar GemmSplitBench \
 *     -f 1 -wi 3 -i 5 -w 1 -r 1
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GemmSplitBench {

    @Param({"48", "64", "96", "128", "192"})
    public int size;

    @Param({"1", "2"})
    public int parts;

    double[] a;
    double[] b;
    double[] c;

    @Setup
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(42);
        a = rng.doubles(size * size, -1, 1).toArray();
        b = rng.doubles(size * size, -1, 1).toArray();
        c = new double[size * size];
    }

    @Benchmark
    public double[] gemm() {
        Blas.split(Blas.kernel(), parts, false, false, size, size, size, 1.0, a, 0, size, b, 0, size, 0.0, c, 0, size);
        return c;
    }
}
