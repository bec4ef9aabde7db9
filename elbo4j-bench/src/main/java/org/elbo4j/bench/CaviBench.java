package org.elbo4j.bench;

import java.util.concurrent.TimeUnit;
import org.elbo4j.cavi.BayesianLinearRegression;
import org.elbo4j.cavi.Cavi;
import org.elbo4j.cavi.GaussianMixture;
import org.elbo4j.cavi.NormalGamma;
import org.elbo4j.cavi.SyntheticData;
import org.elbo4j.infer.AutoGuide;
import org.elbo4j.infer.Elbo;
import org.elbo4j.infer.Model;
import org.elbo4j.infer.Stop;
import org.elbo4j.infer.Svi;
import org.elbo4j.optim.Adam;
import org.elbo4j.optim.Schedule;
import org.elbo4j.random.RandomStream;
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
 * Time to converge, CAVI against SVI, on the data of {@code elbo4j cavi linreg} (built-in, n = 100, D = 4 with the
 * intercept; prior λ₀ = 0.01, a₀ = b₀ = 1): a whole CAVI fit to a 1e-6-nat tolerance (5 sweeps), a whole SVI fit
 * with the full-rank guide as {@code --svi} runs it (2000 Adam steps, cosine-annealed, 4 particles), and one CAVI
 * fit of the CLI's default mixture (500 points, K = 3, 10 restarts). Warm JIT, one thread.
 *
 * <pre>
 * mvn -q -o package -pl elbo4j-bench -am -DskipTests
 * java --add-modules jdk.incubator.vector -jar elbo4j-bench/target/benchmarks.jar CaviBench
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CaviBench {
    private double[][] x;
    private double[] y;
    private NormalGamma prior;
    private Model model;
    private double[][] points;
    private GaussianMixture.Prior mixturePrior;

    @Setup
    public void setUp() {
        SyntheticData.Regression r =
                SyntheticData.regression(100, new double[] {1.0, 2.0, -1.0, 0.5}, 0.7, true, RandomStream.of(1));
        x = r.x();
        y = r.y();
        prior = NormalGamma.isotropic(4, 0.01, 1, 1);
        model = BayesianLinearRegression.init(x, y, prior).asModel();
        points = SyntheticData.mixture(
                        500,
                        new double[] {0.5, 0.3, 0.2},
                        new double[][] {{-4, 0}, {4, 1}, {0, 6}},
                        new double[][][] {{{1.0, 0.5}, {0.5, 1.0}}, {{0.5, 0.0}, {0.0, 1.5}}, {{1.0, -0.3}, {-0.3, 0.6}}
                        },
                        RandomStream.of(1))
                .points();
        mixturePrior = GaussianMixture.defaultPrior(points, 3);
    }

    @Benchmark
    public double caviLinearRegression() {
        return Cavi.defaults()
                .run(rng -> BayesianLinearRegression.init(x, y, prior))
                .elbo();
    }

    @Benchmark
    public double sviLinearRegressionFullRank() {
        return Svi.of(model, AutoGuide.fullRank(model).initScale(0.1))
                .optimizer(Adam.of(0.05).schedule(Schedule.cosine(2000)))
                .seed(1)
                .estimator(Elbo.reparameterized(4))
                .run(Stop.after(2000))
                .finalElbo();
    }

    @Benchmark
    public double caviMixture10Restarts() {
        return Cavi.defaults()
                .restarts(10)
                .seed(1)
                .run(rng -> GaussianMixture.init(points, mixturePrior, rng))
                .elbo();
    }
}
