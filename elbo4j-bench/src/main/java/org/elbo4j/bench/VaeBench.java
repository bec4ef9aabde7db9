package org.elbo4j.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.elbo4j.nn.ParamGradients;
import org.elbo4j.nn.Params;
import org.elbo4j.optim.Adam;
import org.elbo4j.optim.Optimizer;
import org.elbo4j.optim.ParamStore;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.tensor.blas.Blas;
import org.elbo4j.vae.Estimator;
import org.elbo4j.vae.Vae;
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
 * One AEVB training step of the paper's MNIST model (784-400-20 tanh, Bernoulli decoder, estimator B, L = 1,
 * M = 100), and its parts:
 * <ul>
 *   <li>{@code step}: value and gradient of the minibatch loss, then one Adam step (what an epoch repeats 80 times);</li>
 *   <li>{@code gradient}: the value and gradient only (forward, backward: 4 large GEMMs forward and back);</li>
 *   <li>{@code adam}: one Adam step on fixed gradients (650k parameters);</li>
 *   <li>{@code forward}: the ELBO of the minibatch without a tape (evaluation).</li>
 * </ul>
 * The data are synthetic binary images (pixels on with probability 0.13, MNIST's rate): timing does not depend on
 * the values. An epoch of 8,000 digits is 80 × {@code step}.
 * <pre>
 * mvn -q -o package -pl elbo4j-bench -am -DskipTests
 * java --add-modules jdk.incubator.vector -jar elbo4j-bench/target/benchmarks.jar VaeBench -p threads=2
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class VaeBench {
    @Param({"1", "2"})
    public int threads;

    Vae vae;
    ParamStore store;
    Optimizer adam;
    Tensor x;
    Map<String, Tensor> fixedGrads;
    RandomStream rng;

    @Setup
    public void setUp() {
        Blas.setThreads(threads);
        vae = Vae.builder(784, 20).hidden(400).build();
        store = new ParamStore();
        vae.initialize(store, RandomStream.of(1));
        adam = Adam.of(1e-3);
        RandomStream r = RandomStream.of(2);
        double[] xb = new double[100 * 784];
        for (int i = 0; i < xb.length; i++) xb[i] = r.nextDouble() < 0.13 ? 1 : 0;
        x = Tensor.of(xb, Shape.of(100, 784));
        rng = RandomStream.of(3);
        fixedGrads = loss().gradients();
    }

    private ParamGradients loss() {
        return ParamGradients.valueAndGrad(
                store, p -> vae.elbo(p, x, Estimator.ANALYTIC_KL, 1, rng).mean().neg());
    }

    @Benchmark
    public double step() {
        ParamGradients g = loss();
        adam.step(store, g.gradients());
        return g.value();
    }

    @Benchmark
    public ParamGradients gradient() {
        return loss();
    }

    @Benchmark
    public Optimizer adam() {
        adam.step(store, fixedGrads);
        return adam;
    }

    @Benchmark
    public Tensor forward() {
        return vae.elbo(Params.of(store), x, Estimator.ANALYTIC_KL, 1, rng);
    }
}
