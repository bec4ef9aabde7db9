package org.elbo4j.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.elbo4j.autodiff.GradCheck;
import org.elbo4j.autodiff.GradientAssertions;
import org.elbo4j.nn.Activation;
import org.elbo4j.nn.ParamGradients;
import org.elbo4j.nn.Params;
import org.elbo4j.optim.ParamStore;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The whole minibatch loss −(1/B) Σ 𝓛̃(x⁽ⁱ⁾) of tiny VAEs, differentiated by the tape (fused layers, the
 * reparameterization, the KL terms, both likelihoods), against central finite differences of every parameter with
 * the draws ε held fixed (a fresh stream of the same seed at every evaluation). Tolerances: {@link GradientAssertions}.
 */
class VaeGradientTest {
    private static void check(Vae vae, Tensor x, Estimator est, int samples) {
        ParamStore store = new ParamStore();
        vae.initialize(store, RandomStream.of(1));
        List<String> names = new ArrayList<>(store.names());
        List<Tensor> values = new ArrayList<>(store.asMap().values());
        Function<Params, Tensor> loss =
                p -> vae.elbo(p, x, est, samples, RandomStream.of(7)).mean().neg();
        GradCheck.Result r =
                GradCheck.compare(values, p -> loss.apply(n -> p.get(names.indexOf(n))), GradientAssertions.STEP);
        assertTrue(r.error() < GradientAssertions.TOL, vae + " " + est + ": " + r);
        assertEquals(store.numel(), r.checked());
        ParamGradients g = ParamGradients.valueAndGrad(store, loss);
        assertEquals(
                loss.apply(Params.of(store)).item(), g.value(), 0.0, "tracked and constant values agree bit for bit");
    }

    private static final Tensor BINARY = Tensor.of(
            new double[] {
                1, 0, 0, 1, 1, 0,
                0, 1, 1, 0, 0, 0,
                1, 1, 1, 0, 1, 1
            },
            3,
            6);
    private static final Tensor REAL = Tensor.of(
            new double[] {
                0.9, 0.1, 0.2, 0.7, 0.6, 0.05,
                0.3, 0.8, 0.75, 0.1, 0.2, 0.4,
                0.5, 0.55, 0.95, 0.0, 0.65, 0.85
            },
            3,
            6);

    @Test
    void bernoulliVaeWithAnalyticKl() {
        check(Vae.builder(6, 2).hidden(5).build(), BINARY, Estimator.ANALYTIC_KL, 2);
    }

    @Test
    void bernoulliVaeWithSampledKlAndTwoHiddenLayers() {
        check(Vae.builder(6, 2).hidden(5, 4).activation(Activation.SOFTPLUS).build(), BINARY, Estimator.SAMPLED_KL, 3);
    }

    @Test
    void gaussianVaesWithBothEstimators() {
        check(Vae.builder(6, 3).hidden(4).gaussian(Activation.SIGMOID).build(), REAL, Estimator.ANALYTIC_KL, 1);
        check(
                Vae.builder(6, 2)
                        .hidden(4)
                        .activation(Activation.RELU)
                        .gaussian(Activation.IDENTITY)
                        .build(),
                REAL,
                Estimator.SAMPLED_KL,
                2);
    }
}
