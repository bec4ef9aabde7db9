package org.elbo4j.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.elbo4j.tensor.Tensor;

/**
 * Stochastic gradient descent with momentum (Polyak's heavy ball), classical or Nesterov, in the form PyTorch
 * uses (the buffer holds gradients, not steps, so a change of learning rate acts at once):
 * \[ b_k = \mu\, b_{k-1} + g_k, \qquad b_0 = 0, \]
 * \[ \theta_k = \theta_{k-1} - \eta_k\, b_k \quad\text{(classical)}, \qquad
 *    \theta_k = \theta_{k-1} - \eta_k\, (g_k + \mu\, b_k) \quad\text{(Nesterov)}, \]
 * with μ ∈ [0, 1) the momentum and η<sub>k</sub> = η · schedule.factor(k − 1). With a constant η this is the
 * heavy-ball method θ<sub>k</sub> = θ<sub>k−1</sub> − η g<sub>k</sub> + μ (θ<sub>k−1</sub> − θ<sub>k−2</sub>);
 * the Nesterov form evaluates the look-ahead as in Sutskever et al. (2013).
 *
 * <p>Buffer: {@code "b/<param>"}. Hyper-parameters in the state: {@code momentum}, {@code nesterov} (0/1).
 *
 * <pre>{@code
 * Optimizer opt = Momentum.of(0.01).momentum(0.9).nesterov(true);
 * }</pre>
 *
 * <blockquote>B. T. Polyak. Some methods of speeding up the convergence of iteration methods. USSR Computational
 * Mathematics and Mathematical Physics 4(5), 1–17, 1964.<br>
 * Y. Nesterov. A method for solving the convex programming problem with convergence rate O(1/k²). Soviet
 * Mathematics Doklady 27, 372–376, 1983.<br>
 * I. Sutskever, J. Martens, G. Dahl, G. Hinton. On the importance of initialization and momentum in deep
 * learning. ICML 2013.</blockquote>
 */
public final class Momentum extends AbstractOptimizer {
    private static final String KIND = "Momentum";

    private final double momentum;
    private final boolean nesterov;

    private Momentum(double lr, Schedule schedule, double momentum, boolean nesterov) {
        super(KIND, lr, schedule, "b");
        this.momentum = Checks.unitInterval(KIND, "momentum", momentum);
        this.nesterov = nesterov;
    }

    /**
     * Classical momentum with learning rate {@code lr} (η).
     *
     * @implSpec momentum μ = 0.9, classical (not Nesterov), constant schedule.
     * @throws IllegalArgumentException unless {@code lr} is finite and {@literal > 0}
     */
    public static Momentum of(double lr) {
        return new Momentum(lr, Schedule.constant(), 0.9, false);
    }

    /**
     * A new optimizer with momentum μ = {@code momentum} and fresh state.
     *
     * @throws IllegalArgumentException unless {@code momentum} is in [0, 1)
     */
    public Momentum momentum(double momentum) {
        return new Momentum(learningRate(), currentSchedule(), momentum, nesterov);
    }

    /** A new optimizer using (or not) Nesterov's look-ahead, with fresh state. */
    public Momentum nesterov(boolean nesterov) {
        return new Momentum(learningRate(), currentSchedule(), momentum, nesterov);
    }

    /**
     * A new optimizer with this schedule and fresh state.
     *
     * @throws IllegalArgumentException if {@code schedule} is null
     */
    public Momentum schedule(Schedule schedule) {
        return new Momentum(learningRate(), schedule, momentum, nesterov);
    }

    @Override
    void update(Tensor x, Tensor g, double[][] cur, double[][] next, double[] out, double lr, long t) {
        double[] b = cur[0];
        double[] bNew = next[0];
        double mu = momentum;
        if (nesterov) {
            for (int i = 0; i < out.length; i++) {
                double gi = g.at(i);
                double bi = mu * b[i] + gi;
                bNew[i] = bi;
                out[i] = x.at(i) - lr * (gi + mu * bi);
            }
        } else {
            for (int i = 0; i < out.length; i++) {
                double bi = mu * b[i] + g.at(i);
                bNew[i] = bi;
                out[i] = x.at(i) - lr * bi;
            }
        }
    }

    @Override
    Map<String, Double> hyperParams() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("momentum", momentum);
        m.put("nesterov", nesterov ? 1.0 : 0.0);
        return m;
    }
}
