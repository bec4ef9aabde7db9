package org.elbo4j.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.elbo4j.nn.Params;
import org.elbo4j.optim.Adam;
import org.elbo4j.optim.ParamStore;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The javadoc examples of {@code org.elbo4j.vae}, verbatim, each followed by checks of what its comments claim. They
 * use the paper's 784-400-20 network on a few random binary 784-pixel images instead of MNIST, so that they run in
 * seconds.
 */
class JavadocExamplesTest {

    /** n random images of 784 intensities in {0, 1}, each pixel on with probability 0.2. */
    private static double[] pixels(int n) {
        RandomStream rng = RandomStream.of(11);
        double[] p = new double[n * 784];
        for (int i = 0; i < p.length; i++) p[i] = rng.nextDouble() < 0.2 ? 1 : 0;
        return p;
    }

    @Test
    void packageInfo() {
        double[] pixels = pixels(44);
        int nTrain = 40, epochs = 2;
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            VaeData data = VaeData.split(pixels, 784, nTrain); // intensities in [0, 1], row-major
            VaeTrainer t = VaeTrainer.builder(Vae.builder(784, 20).hidden(400).build(), data)
                    .optimizer(Adam.of(1e-3))
                    .seed(1)
                    .build();
            for (int e = 0; e < epochs; e++) System.out.println(t.runEpoch(VaeTrainer.BatchListener.NONE));
            double logLik = t.testLogLikelihood(500); // nats per test image
            TrainingState s = t.state(); // resume: VaeTrainer.builder(...).resume(s)
            assertEquals(4, data.nTest());
            assertEquals(epochs, s.epoch());
            // log p(x) ≥ the ELBO (the IWAE bound with 500 draws is at least the 1-draw bound, up to Monte Carlo noise)
            assertTrue(
                    logLik > t.history().get(epochs - 1).testElbo() - 1,
                    logLik + " vs ELBO " + t.history().get(epochs - 1).testElbo());
        } finally {
            System.setOut(stdout);
        }
        assertEquals(epochs, printed.toString(StandardCharsets.UTF_8).lines().count(), "one line per epoch");
    }

    @Test
    void vae() {
        Tensor x = Tensor.of(pixels(5), 5, 784);
        Vae vae = Vae.builder(784, 20).hidden(400).build(); // the paper's MNIST model, tanh, Bernoulli
        ParamStore store = new ParamStore();
        vae.initialize(store, RandomStream.of(1));
        Tensor elbo = vae.elbo(Params.of(store), x, Estimator.ANALYTIC_KL, 1, RandomStream.of(2)); // [B]
        assertEquals(Shape.of(5), elbo.shape());
        // at initialisation the decoder's Bernoulli probabilities are near ½: log p(x|z) ≈ 784·log ½ = −543
        for (double v : elbo.toArray()) assertTrue(v < 0 && v > -2000, "ELBO " + v);
    }

    @Test
    void vaeTrainer() {
        VaeData data = VaeData.split(pixels(44), 784, 40);
        VaeTrainer t = VaeTrainer.builder(Vae.builder(784, 20).build(), data)
                .optimizer(Adam.of(1e-3))
                .seed(1)
                .build();
        for (int e = 0; e < 20; e++) t.runEpoch(VaeTrainer.BatchListener.NONE);
        double ll = t.testLogLikelihood(500);
        assertEquals(20, t.history().size());
        assertTrue(t.history().get(19).trainElbo() > t.history().get(0).trainElbo(), "training raises the ELBO");
        assertTrue(Double.isFinite(ll) && ll < 0, "log p(x) " + ll);
    }
}
