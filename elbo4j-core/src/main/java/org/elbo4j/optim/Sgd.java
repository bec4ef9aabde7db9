package org.elbo4j.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.elbo4j.tensor.Tensor;

/**
 * Plain stochastic gradient descent (Robbins &amp; Monro 1951):
 * \[ \theta_k = \theta_{k-1} - \eta_k\, g_k, \]
 * with g<sub>k</sub> the gradient of the loss and η<sub>k</sub> = η · schedule.factor(k − 1).
 *
 * <p>No buffers; the state is the learning rate and the step count.
 *
 * <pre>{@code
 * Optimizer opt = Sgd.of(0.1).schedule(Schedule.exponential(0.999));
 * }</pre>
 *
 * <blockquote>H. Robbins, S. Monro. A stochastic approximation method. Annals of Mathematical Statistics 22(3),
 * 400–407, 1951.</blockquote>
 */
public final class Sgd extends AbstractOptimizer {
    private static final String KIND = "Sgd";

    private Sgd(double lr, Schedule schedule) {
        super(KIND, lr, schedule);
    }

    /**
     * SGD with learning rate {@code lr} (often written η) and a constant schedule.
     *
     * @throws IllegalArgumentException unless {@code lr} is finite and {@literal > 0}
     */
    public static Sgd of(double lr) {
        return new Sgd(lr, Schedule.constant());
    }

    /**
     * A new optimizer with the same settings, this schedule and fresh state.
     *
     * @throws IllegalArgumentException if {@code schedule} is null
     */
    public Sgd schedule(Schedule schedule) {
        return new Sgd(learningRate(), schedule);
    }

    @Override
    void update(Tensor x, Tensor g, double[][] cur, double[][] next, double[] out, double lr, long t) {
        for (int i = 0; i < out.length; i++) out[i] = x.at(i) - lr * g.at(i);
    }

    @Override
    Map<String, Double> hyperParams() {
        return new LinkedHashMap<>();
    }
}
