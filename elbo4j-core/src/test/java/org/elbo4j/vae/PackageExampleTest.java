package org.elbo4j.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.optim.Adam;
import org.elbo4j.random.RandomStream;
import org.junit.jupiter.api.Test;

/** The example of package-info.java, on the synthetic 8×8 images instead of MNIST (same calls, smaller sizes). */
class PackageExampleTest {
    @Test
    void example() {
        RandomStream r = RandomStream.of(1);
        double[] pixels = Synthetic.binary(700, 0.05, r);
        VaeData data = VaeData.split(pixels, Synthetic.DIM, 500);
        VaeTrainer t = VaeTrainer.builder(Vae.builder(Synthetic.DIM, 2).hidden(32).build(), data).optimizer(Adam.of(1e-2)).seed(1).build();
        for (int e = 0; e < 5; e++) t.runEpoch(VaeTrainer.BatchListener.NONE);
        double logLik = t.testLogLikelihood(50);
        TrainingState s = t.state();
        assertEquals(5, s.epoch());
        assertEquals(200, data.nTest());
        assertTrue(logLik > t.history().get(0).testElbo(), "log p(x) " + logLik + " above the first epoch's ELBO");
    }
}
