package org.elbo4j.infer;

import org.elbo4j.dist.Normal;
import org.elbo4j.optim.Adam;
import org.elbo4j.tensor.Tensor;

public class StepCostProbe {
    public static void main(String[] a) {
        double[] y = {28, 8, -3, 7, -1, 1, 18, 12}, sg = {15, 10, 16, 11, 9, 11, 10, 18};
        Tensor yt = Tensor.of(y), sigma = Tensor.of(sg);
        Normal std = Normal.standard(8), muP = Normal.of(0, 5), tauP = Normal.of(0, 5);
        Model model = s -> {
            Tensor eta = s.sample("theta_trans", std);
            Tensor mu = s.sample("mu", muP);
            Tensor tau = s.sample("tau", tauP);
            Tensor theta = s.deterministic("theta", eta.mul(tau).add(mu));
            s.observe("y", Normal.of(theta, sigma), yt);
        };
        int steps = Integer.parseInt(a.length > 0 ? a[0] : "200000");
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            Svi.of(model, AutoGuide.meanField(model)).optimizer(Adam.of(0.01)).seed(rep).run(Stop.after(steps).evaluateEvery(Integer.MAX_VALUE, 1));
            System.out.printf("%.2f us/step%n", (System.nanoTime() - t0) / 1e3 / steps);
        }
    }
}
