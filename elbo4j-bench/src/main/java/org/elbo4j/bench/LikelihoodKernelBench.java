package org.elbo4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.elbo4j.tensor.blas.Blas;
import org.elbo4j.tensor.blas.VectorMath;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The two kernels of a logistic-regression likelihood (N = 1000, D = 10), as an SVI step runs them:
 * <ul>
 *   <li>{@code bernoulliLogits} / {@code bernoulliLogitsNoGrad}: Σ y·ℓ − softplus(ℓ) over 1,000 logits, with and
 *       without the gradient y − σ(ℓ) ({@link VectorMath#bernoulliLogits});</li>
 *   <li>{@code gemvRowMajor}: X·β with X stored 1000×10 row-major (1,000 ten-term dot products), against
 *       {@code gemvColumnMajor}: the same product from X's column-major copy (ten axpys of length 1,000), which
 *       {@code Tensor.matmul} uses for a constant narrow matrix.</li>
 * </ul>
 * <pre>
 * java --add-modules jdk.incubator.vector -jar elbo4j-bench/target/benchmarks.jar LikelihoodKernelBench
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class LikelihoodKernelBench {
    private static final int N = 1000, D = 10;
    private double[] logits, y, grad, x, xt, beta, out;

    @Setup
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(1);
        logits = new double[N];
        y = new double[N];
        grad = new double[N];
        x = new double[N * D];
        xt = new double[N * D];
        beta = new double[D];
        out = new double[N];
        for (int i = 0; i < N; i++) {
            logits[i] = 3 * (2 * rng.nextDouble() - 1);
            y[i] = rng.nextBoolean() ? 1 : 0;
        }
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < D; j++) {
                x[i * D + j] = rng.nextDouble() - 0.5;
                xt[j * N + i] = x[i * D + j];
            }
        }
        for (int j = 0; j < D; j++) beta[j] = rng.nextDouble();
    }

    @Benchmark
    public double bernoulliLogits() {
        return VectorMath.bernoulliLogits(N, logits, 0, y, 0, grad, 0);
    }

    @Benchmark
    public double bernoulliLogitsNoGrad() {
        return VectorMath.bernoulliLogits(N, logits, 0, y, 0, null, 0);
    }

    @Benchmark
    public double[] gemvRowMajor() {
        Blas.dgemv(false, N, D, 1.0, x, 0, D, beta, 0, 0.0, out, 0);
        return out;
    }

    @Benchmark
    public double[] gemvColumnMajor() {
        Blas.dgemv(true, N, D, 1.0, xt, 0, N, beta, 0, 0.0, out, 0);
        return out;
    }
}
