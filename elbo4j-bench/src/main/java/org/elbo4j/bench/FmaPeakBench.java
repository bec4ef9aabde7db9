package org.elbo4j.bench;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The attainable f64 peak of one core from Java: twelve independent chains of vector fused
 * multiply-adds on the preferred species, enough to fill every FMA pipe through its latency
 * (the ceiling a GEMM kernel is measured against). Score in GFLOP/s (flops per nanosecond, an FMA
 * counting two). Needs {@code --add-modules jdk.incubator.vector}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FmaPeakBench {

    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int ITERS = 1 << 16;
    static final int CHAINS = 12;

    double[] seed = {
        1e-9, -1e-9, 2e-9, -2e-9, 3e-9, -3e-9, 4e-9, -4e-9, 1e-9, -1e-9, 2e-9, -2e-9, 3e-9, -3e-9, 4e-9, -4e-9
    };

    @Benchmark
    @OperationsPerInvocation(ITERS) // scaled below: each iteration is CHAINS·lanes·2 flops
    public double fmaChains() {
        DoubleVector x = DoubleVector.fromArray(S, seed, 0);
        DoubleVector y = DoubleVector.fromArray(S, seed, seed.length - S.length());
        DoubleVector c0 = x, c1 = y, c2 = x.neg(), c3 = y.neg(), c4 = x.mul(2), c5 = y.mul(2);
        DoubleVector c6 = x.mul(3), c7 = y.mul(3), c8 = x.mul(4), c9 = y.mul(4), c10 = x.mul(5);
        DoubleVector c11 = y.mul(5);
        for (int i = 0; i < ITERS; i++) {
            c0 = c0.fma(x, y);
            c1 = c1.fma(x, y);
            c2 = c2.fma(x, y);
            c3 = c3.fma(x, y);
            c4 = c4.fma(x, y);
            c5 = c5.fma(x, y);
            c6 = c6.fma(x, y);
            c7 = c7.fma(x, y);
            c8 = c8.fma(x, y);
            c9 = c9.fma(x, y);
            c10 = c10.fma(x, y);
            c11 = c11.fma(x, y);
        }
        return c0.add(c1)
                .add(c2)
                .add(c3)
                .add(c4)
                .add(c5)
                .add(c6)
                .add(c7)
                .add(c8)
                .add(c9)
                .add(c10)
                .add(c11)
                .reduceLanes(VectorOperators.ADD);
    }

    /** Flops per counted operation of {@link #fmaChains}: multiply its score by this. */
    public static int flopsPerOp() {
        return CHAINS * S.length() * 2;
    }
}
