package org.elbo4j.bench;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.elbo4j.autodiff.Autodiff;
import org.elbo4j.autodiff.ValueAndGrad;
import org.elbo4j.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reverse-mode autodiff costs (issue 2): value + gradient of
 * <ul>
 *   <li>{@code scalarChain}: 1,000 scalar ops (x ← tanh(x·a + b) style, 4 ops per link) — reported per op;</li>
 *   <li>{@code logisticRegression}: the log-likelihood Σ y·ℓ − softplus(ℓ), ℓ = X·w + b, N = 1000, D = 10,
 *       written with the generic ops (matmul, add, mul, softplus, sum), with the fused elementwise Bernoulli kernel
 *       summed, and with the fused sum ({@code Bernoulli.logProbSum}, what an SVI trace uses);</li>
 *   <li>{@code mlp}: a 784-400-20 tanh MLP on a batch of 100 with a squared-error loss (gradients of all four
 *       weight tensors).</li>
 * </ul>
 * <pre>
 * mvn -q -DskipTests package -pl elbo4j-bench -am
 * java --add-modules jdk.incubator.vector -jar elbo4j-bench/target/benchmarks.jar AutodiffBench -f 1 -wi 5 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class AutodiffBench {
    static final int CHAIN = 1000;
    Tensor x0, a, b;
    Tensor xs, ys, w, bias;
    Tensor batch, target, w1, b1, w2, b2;

    @Setup
    public void setUp() {
        SplittableRandom r = new SplittableRandom(7);
        x0 = Tensor.scalar(0.3);
        a = Tensor.scalar(0.9);
        b = Tensor.scalar(0.1);
        double[] xd = new double[1000 * 10], yd = new double[1000];
        for (int i = 0; i < xd.length; i++) xd[i] = r.nextGaussian();
        for (int i = 0; i < yd.length; i++) yd[i] = r.nextBoolean() ? 1 : 0;
        xs = Tensor.of(xd, 1000, 10);
        ys = Tensor.of(yd);
        w = Tensor.of(new double[] {0.1, -0.2, 0.3, 0.0, 0.5, -0.1, 0.2, 0.05, -0.3, 0.4});
        bias = Tensor.scalar(0.2);
        batch = gauss(r, 100, 784);
        target = gauss(r, 100, 20);
        w1 = gauss(r, 784, 400).mul(0.03);
        b1 = Tensor.zeros(400);
        w2 = gauss(r, 400, 20).mul(0.05);
        b2 = Tensor.zeros(20);
    }

    private static Tensor gauss(SplittableRandom r, int m, int n) {
        double[] d = new double[m * n];
        for (int i = 0; i < d.length; i++) d[i] = r.nextGaussian();
        return Tensor.of(d, m, n);
    }

    /** ns per scalar op, value and gradient (4 ops per link: mul, add, tanh, mul by a constant). */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @OperationsPerInvocation(CHAIN)
    public ValueAndGrad scalarChain() {
        return Autodiff.valueAndGrad(List.of(x0, a, b), p -> {
            Tensor x = p.get(0);
            for (int i = 0; i < CHAIN / 4; i++)
                x = x.mul(p.get(1)).add(p.get(2)).tanh().mul(1.01);
            return x;
        });
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public ValueAndGrad logisticRegression() {
        return Autodiff.valueAndGrad(List.of(w, bias), p -> {
            Tensor l = xs.matmul(p.get(0)).add(p.get(1));
            return ys.mul(l).sub(l.softplus()).sum();
        });
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public ValueAndGrad logisticRegressionFused() {
        return Autodiff.valueAndGrad(
                List.of(w, bias),
                p -> org.elbo4j.distributions.Bernoulli.ofLogits(
                                xs.matmul(p.get(0)).add(p.get(1)))
                        .logProb(ys)
                        .sum());
    }

    /** What an SVI trace computes for an observed site: the sum in one vectorized pass and one node (logProbSum). */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public ValueAndGrad logisticRegressionFusedSum() {
        return Autodiff.valueAndGrad(
                List.of(w, bias),
                p -> org.elbo4j.distributions.Bernoulli.ofLogits(
                                xs.matmul(p.get(0)).add(p.get(1)))
                        .logProbSum(ys));
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public ValueAndGrad mlp() {
        return Autodiff.valueAndGrad(List.of(w1, b1, w2, b2), p -> {
            Tensor h = batch.matmul(p.get(0)).add(p.get(1)).tanh();
            Tensor o = h.matmul(p.get(2)).add(p.get(3));
            return o.sub(target).square().sum();
        });
    }
}
