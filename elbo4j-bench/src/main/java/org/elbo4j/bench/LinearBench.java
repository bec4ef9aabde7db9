package org.elbo4j.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.elbo4j.autodiff.Autodiff;
import org.elbo4j.autodiff.ValueAndGrad;
import org.elbo4j.nn.Activation;
import org.elbo4j.nn.Linear;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.tensor.blas.Blas;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fused layer op h = tanh(x·W + b) (one tape node, {@link Linear#apply}) against the op-by-op form
 * {@code x.matmul(W).add(b).tanh()} (three nodes), value and gradient w.r.t. W and b of Σh, for the VAE's first
 * layer: x [100, 784], W [784, 400].
 * <pre>
 * java --add-modules jdk.incubator.vector -jar elbo4j-bench/target/benchmarks.jar LinearBench
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class LinearBench {
    @Param({"1", "2"})
    public int threads;

    Tensor x, w, b;

    @Setup
    public void setUp() {
        Blas.setThreads(threads);
        RandomStream r = RandomStream.of(1);
        double[] xv = new double[100 * 784], wv = new double[784 * 400], bv = new double[400];
        for (int i = 0; i < xv.length; i++) xv[i] = r.nextDouble() < 0.13 ? 1 : 0;
        for (int i = 0; i < wv.length; i++) wv[i] = 0.05 * r.nextGaussian();
        for (int i = 0; i < bv.length; i++) bv[i] = 0.05 * r.nextGaussian();
        x = Tensor.of(xv, Shape.of(100, 784));
        w = Tensor.of(wv, Shape.of(784, 400));
        b = Tensor.of(bv, Shape.of(400));
    }

    @Benchmark
    public ValueAndGrad fused() {
        return Autodiff.valueAndGrad(
                List.of(w, b),
                p -> Linear.apply("enc", x, p.get(0), p.get(1), Activation.TANH).sum());
    }

    @Benchmark
    public ValueAndGrad opByOp() {
        return Autodiff.valueAndGrad(
                List.of(w, b), p -> x.matmul(p.get(0)).add(p.get(1)).tanh().sum());
    }
}
