package org.elbo4j.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.elbo4j.tensor.Tensor;

/**
 * RMSProp (Tieleman &amp; Hinton 2012): AdaGrad with a forgetting accumulator. Elementwise,
 * \[ v_k = \alpha\, v_{k-1} + (1-\alpha)\, g_k^2, \qquad v_0 = 0, \qquad
 *    \theta_k = \theta_{k-1} - \eta_k\, \frac{g_k}{\sqrt{v_k} + \epsilon}, \]
 * with α ∈ [0, 1) the smoothing constant and η<sub>k</sub> = η · schedule.factor(k − 1). The centered variant
 * (Graves 2013) divides by an estimate of the standard deviation instead of the root mean square:
 * \[ \bar g_k = \alpha\, \bar g_{k-1} + (1-\alpha)\, g_k, \qquad
 *    \theta_k = \theta_{k-1} - \eta_k\, \frac{g_k}{\sqrt{\max(v_k - \bar g_k^2,\, 0)} + \epsilon}. \]
 * (v<sub>k</sub> − ḡ<sub>k</sub>² ≥ 0 in exact arithmetic; the max keeps rounding from taking a square root
 * of a tiny negative number.)
 *
 * <p>Buffers: {@code "v/<param>"}, and {@code "gbar/<param>"} when centered. Hyper-parameters in the state:
 * {@code alpha}, {@code eps}, {@code centered} (0/1).
 *
 * <pre>{@code
 * Optimizer opt = RmsProp.of(0.01).alpha(0.9).centered(true);
 * }</pre>
 *
 * <blockquote>T. Tieleman, G. Hinton. Lecture 6.5 — RMSProp: divide the gradient by a running average of its
 * recent magnitude. COURSERA: Neural Networks for Machine Learning, 2012.<br>
 * A. Graves. Generating sequences with recurrent neural networks. arXiv:1308.0850, 2013 (eq. 38–41).</blockquote>
 */
public final class RmsProp extends AbstractOptimizer {
    private static final String KIND = "RmsProp";

    private final double alpha;
    private final double eps;
    private final boolean centered;

    private RmsProp(double lr, Schedule schedule, double alpha, double eps, boolean centered) {
        super(KIND, lr, schedule, centered ? new String[] {"v", "gbar"} : new String[] {"v"});
        this.alpha = Checks.unitInterval(KIND, "alpha", alpha);
        this.eps = Checks.positive(KIND, "eps", eps);
        this.centered = centered;
    }

    /**
     * RMSProp with learning rate {@code lr} (η).
     *
     * @implSpec α = 0.99, ε = 1e−8 (PyTorch's defaults), not centered, constant schedule.
     * @throws IllegalArgumentException unless {@code lr} is finite and {@literal > 0}
     */
    public static RmsProp of(double lr) {
        return new RmsProp(lr, Schedule.constant(), 0.99, 1e-8, false);
    }

    /**
     * A new optimizer with smoothing constant α = {@code alpha} and fresh state.
     *
     * @throws IllegalArgumentException unless {@code alpha} is in [0, 1)
     */
    public RmsProp alpha(double alpha) {
        return new RmsProp(learningRate(), currentSchedule(), alpha, eps, centered);
    }

    /**
     * A new optimizer with this ε and fresh state.
     *
     * @throws IllegalArgumentException unless {@code eps} is finite and {@literal > 0}
     */
    public RmsProp eps(double eps) {
        return new RmsProp(learningRate(), currentSchedule(), alpha, eps, centered);
    }

    /** A new optimizer, centered or not, with fresh state. */
    public RmsProp centered(boolean centered) {
        return new RmsProp(learningRate(), currentSchedule(), alpha, eps, centered);
    }

    /**
     * A new optimizer with this schedule and fresh state.
     *
     * @throws IllegalArgumentException if {@code schedule} is null
     */
    public RmsProp schedule(Schedule schedule) {
        return new RmsProp(learningRate(), schedule, alpha, eps, centered);
    }

    @Override
    void update(Tensor x, Tensor g, double[][] cur, double[][] next, double[] out, double lr, long t) {
        double[] v = cur[0];
        double[] vNew = next[0];
        double a = alpha;
        double b = 1 - alpha;
        if (centered) {
            double[] gbar = cur[1];
            double[] gbarNew = next[1];
            for (int i = 0; i < out.length; i++) {
                double gi = g.at(i);
                double vi = a * v[i] + b * gi * gi;
                double mi = a * gbar[i] + b * gi;
                vNew[i] = vi;
                gbarNew[i] = mi;
                out[i] = x.at(i) - lr * gi / (Math.sqrt(Math.max(vi - mi * mi, 0.0)) + eps);
            }
        } else {
            for (int i = 0; i < out.length; i++) {
                double gi = g.at(i);
                double vi = a * v[i] + b * gi * gi;
                vNew[i] = vi;
                out[i] = x.at(i) - lr * gi / (Math.sqrt(vi) + eps);
            }
        }
    }

    @Override
    Map<String, Double> hyperParams() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("alpha", alpha);
        m.put("eps", eps);
        m.put("centered", centered ? 1.0 : 0.0);
        return m;
    }
}
