package org.elbo4j.infer;

import org.elbo4j.dist.Normal;
import org.elbo4j.optim.Adam;
import org.elbo4j.optim.Schedule;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class NormalMeanProbe {
    @Test
    void probe() {
        double[] y = {2.1, 3.4, 2.9, 4.0, 3.3, 2.2, 3.8, 3.1, 2.7, 3.6, 3.0, 2.5, 4.4, 3.2, 2.8, 3.5, 2.6, 3.9, 3.3, 2.4};
        Tensor yt = Tensor.of(y);
        Model model = s -> {
            Tensor mu = s.sample("mu", Normal.of(0, 10));
            s.observe("y", Normal.of(mu, Tensor.scalar(1.0)), yt);
        };
        double prec = 1 / 100.0 + y.length, sum = 0;
        for (double v : y) sum += v;
        double mean = sum / prec, sd = 1 / Math.sqrt(prec);
        for (int seed = 0; seed < 5; seed++) {
            AutoGuide g = AutoGuide.meanField(model);
            long t0 = System.nanoTime();
            Fit fit = Svi.of(model, g).optimizer(Adam.of(0.05).schedule(Schedule.cosine(3000))).seed(seed).run(Stop.after(3000));
            long t1 = System.nanoTime();
            System.out.printf("seed %d: loc %.5f (exact %.5f) scale %.5f (exact %.5f)  %.1f us/step elbo %.3f%n", seed,
                    fit.param("mu_loc").item(), mean, fit.param("mu_scale").item(), sd, (t1 - t0) / 1e3 / 3000, fit.finalElbo());
        }
    }
}
