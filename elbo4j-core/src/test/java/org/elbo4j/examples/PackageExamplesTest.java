package org.elbo4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.diag.Psis;
import org.elbo4j.distributions.KlDivergence;
import org.elbo4j.distributions.Normal;
import org.elbo4j.infer.AutoGuide;
import org.elbo4j.infer.Fit;
import org.elbo4j.infer.Model;
import org.elbo4j.infer.Stop;
import org.elbo4j.infer.Svi;
import org.elbo4j.optim.Adam;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The examples in the package-info files of dist, diag and infer, run as written, with their claims checked. */
class PackageExamplesTest {
    @Test
    void distExample() {
        RandomStream rng = RandomStream.of(1);
        Normal q = Normal.of(Tensor.of(0.0, 1.0), Tensor.of(1.0, 2.0));
        Tensor z = q.rsample(rng, Shape.of(500));
        Tensor lp = q.logProb(z);
        Tensor kl = KlDivergence.of(q, Normal.of(0, 1));
        assertEquals(Shape.of(500, 2), z.shape());
        assertEquals(Shape.of(500, 2), lp.shape());
        assertEquals(0.0, kl.at(0), 1e-15);
        assertEquals(1.30685, kl.at(1), 1e-5); // log(1/2) + (4 + 1)/2 − 1/2
    }

    @Test
    void diagExample() {
        double[] logRatios = new double[1000];
        RandomStream rng = RandomStream.of(2);
        for (int i = 0; i < 1000; i++) logRatios[i] = 0.3 * rng.nextGaussian();
        Psis.Result r = Psis.smooth(logRatios);
        assertTrue(r.k() < 0.3, "k " + r.k());
        assertEquals("good", r.verdict());
    }

    @Test
    void inferExample() {
        Tensor y = Tensor.of(2.1, 3.4, 2.9, 4.0, 3.3);
        Model model = s -> s.observe("y", Normal.of(s.sample("mu", Normal.of(0, 10)), Tensor.scalar(1.0)), y);
        Fit fit = Svi.of(model, AutoGuide.meanField(model)).optimizer(Adam.of(0.05)).seed(1).run(Stop.after(2000));
        // exact posterior: mean Σy/(5 + 0.01) = 15.7/5.01 = 3.1337, sd 1/√5.01 = 0.4468
        assertEquals(3.1337, fit.param("mu_loc").item(), 0.15 * 0.4468);
        assertTrue(fit.paretoK(1000, 2).k() < 0.5);
    }
}
