package org.elbo4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The javadoc examples of {@code org.elbo4j.optim}, verbatim (JavadocExamplesCoverageTest checks that they stay so),
 * each followed by checks of what its comments claim.
 */
class JavadocExamplesTest {

    /** A quadratic ½‖w‖² from w = (3, −2): every configured optimizer must take a finite step towards 0. */
    private static void stepsTowardsZero(Optimizer opt) {
        ParamStore p = new ParamStore();
        p.put("w", Tensor.of(3.0, -2.0));
        double before = p.get("w").square().sum().item();
        for (int k = 0; k < 10; k++) opt.step(p, Map.of("w", p.get("w")));
        double after = p.get("w").square().sum().item();
        assertTrue(after < before && Double.isFinite(after), "‖w‖² " + before + " -> " + after);
    }

    @Test
    void packageInfo() {
        ParamStore p = new ParamStore();
        p.put("w", Tensor.of(3.0, -2.0));
        Optimizer opt = Clip.byGlobalNorm(Adam.of(0.1).schedule(Schedule.cosine(500)), 10.0);
        for (int k = 0; k < 500; k++) opt.step(p, Map.of("w", p.get("w"))); // gradient of ½‖w‖²
        p.get("w"); // ≈ [0, 0]
        assertArrayEquals(new double[] {0, 0}, p.get("w").toArray(), 0.05);
    }

    @Test
    void adaGrad() {
        Optimizer opt = AdaGrad.of(0.1).eps(1e-10).initialAccumulator(0.1);
        stepsTowardsZero(opt);
    }

    @Test
    void adam() {
        Optimizer opt = Adam.of(0.01).betas(0.9, 0.999).amsgrad(true).schedule(Schedule.cosine(5000, 100));
        stepsTowardsZero(opt);
    }

    @Test
    void clip() {
        Map<String, Tensor> gradients = Map.of("w", Tensor.of(3.0, -0.5));
        Optimizer opt = Clip.byGlobalNorm(Adam.of(1e-3), 10.0);
        Map<String, Tensor> clipped = Clip.clipByValue(gradients, 1.0);
        assertArrayEquals(new double[] {1.0, -0.5}, clipped.get("w").toArray(), 0);
        stepsTowardsZero(opt);
    }

    @Test
    void iterateAverage() {
        IterateAverage avg = new IterateAverage(0.9);
        ParamStore p = new ParamStore();
        p.put("w", Tensor.of(1.0));
        avg.update(p); // x̄ = 1
        p.put("w", Tensor.of(2.0));
        avg.update(p); // x̄ = 0.9·1 + 0.1·2 = 1.1
        avg.applyTo(p); // p's "w" is now 1.1
        assertEquals(1.1, p.get("w").item(), 1e-15);
        IterateAverage back = new IterateAverage(0.9);
        back.restore(avg.state(), avg.seen());
        p.put("w", Tensor.of(3.0));
        avg.update(p);
        back.update(p);
        assertArrayEquals(avg.state().get("w"), back.state().get("w"), 0);
    }

    @Test
    void lbfgs() {
        Lbfgs.Result r = Lbfgs.of()
                .minimize(
                        (x, g) -> { // f(x) = (x0 − 1)² + 10·(x1 + 2)²
                            g[0] = 2 * (x[0] - 1);
                            g[1] = 20 * (x[1] + 2);
                            return (x[0] - 1) * (x[0] - 1) + 10 * (x[1] + 2) * (x[1] + 2);
                        },
                        new double[] {0, 0});
        r.x(); // [1.0, -2.0]
        assertArrayEquals(new double[] {1.0, -2.0}, r.x(), 1e-6);
    }

    @Test
    void momentum() {
        Optimizer opt = Momentum.of(0.01).momentum(0.9).nesterov(true);
        stepsTowardsZero(opt);
    }

    @Test
    void paramStore() {
        ParamStore p = new ParamStore();
        p.put("w", Tensor.zeros(3));
        p.get("w"); // [0.0, 0.0, 0.0]
        ParamStore copy = p.copy(); // a snapshot, to restore after a failed step
        assertArrayEquals(new double[] {0, 0, 0}, p.get("w").toArray(), 0);
        p.put("w", Tensor.ones(3));
        assertArrayEquals(new double[] {0, 0, 0}, copy.get("w").toArray(), 0, "the copy is a snapshot");
    }

    @Test
    void rmsProp() {
        Optimizer opt = RmsProp.of(0.01).alpha(0.9).centered(true);
        stepsTowardsZero(opt);
    }

    @Test
    void schedule() {
        Optimizer opt = Adam.of(0.01).schedule(Schedule.cosine(10_000, 500)); // 500 warm-up steps, then cosine
        Schedule.stepDecay(1000, 0.5).factor(2500); // 0.25
        assertEquals(0.25, Schedule.stepDecay(1000, 0.5).factor(2500), 1e-15);
        stepsTowardsZero(opt);
    }

    @Test
    void sgd() {
        Optimizer opt = Sgd.of(0.1).schedule(Schedule.exponential(0.999));
        stepsTowardsZero(opt);
    }

    @Test
    void stanAdaptiveStep() {
        Optimizer opt = StanAdaptiveStep.of(1.0); // eta = 1, Stan's default before adaptation
        stepsTowardsZero(opt);
    }
}
