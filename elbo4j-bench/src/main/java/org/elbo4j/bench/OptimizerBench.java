package org.elbo4j.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.elbo4j.optim.Adam;
import org.elbo4j.optim.Optimizer;
import org.elbo4j.optim.ParamStore;
import org.elbo4j.optim.Sgd;
import org.elbo4j.optim.StanAdaptiveStep;
import org.elbo4j.tensor.Tensor;
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
 * Cost of one optimizer step (validation, update, commit) for a guide of {@code size} scalars split into two
 * parameters, as a mean-field guide's "_loc" and "_scale". The gradients are fixed and small, so the values stay
 * finite for any number of steps.
 *
 * <pre>
 * mvn -q -o package -pl elbo4j-bench -am -DskipTests
 * java --add-modules jdk.incubator.vector -jar elbo4j-bench/target/benchmarks.jar OptimizerBench
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OptimizerBench {
    /** Total number of scalars (10: eight schools' non-centered guide is 2 × 10; 100000: a small network). */
    @Param({"10", "100000"})
    public int size;

    @Param({"Sgd", "Adam", "StanAdaptiveStep"})
    public String kind;

    private Optimizer opt;
    private ParamStore params;
    private Map<String, Tensor> grads;

    @Setup
    public void setUp() {
        int half = size / 2;
        params = new ParamStore();
        params.put("z_loc", Tensor.zeros(half));
        params.put("z_scale", Tensor.zeros(size - half));
        grads = new LinkedHashMap<>();
        grads.put("z_loc", Tensor.full(1e-3, half));
        grads.put("z_scale", Tensor.full(-1e-3, size - half));
        opt = switch (kind) {
            case "Sgd" -> Sgd.of(1e-3);
            case "Adam" -> Adam.of(1e-3);
            case "StanAdaptiveStep" -> StanAdaptiveStep.of(1e-3);
            default -> throw new IllegalArgumentException("kind " + kind);
        };
    }

    @Benchmark
    public ParamStore step() {
        opt.step(params, grads);
        return params;
    }
}
