package org.elbo4j.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.elbo4j.tensor.Tensor;

/**
 * The adaptive step-size sequence of Stan's ADVI (Kucukelbir et al. 2017, §3.3, eq. 10), so that elbo4j can
 * reproduce Stan's optimiser exactly. Elementwise, for the i-th iteration,
 * \[ s_i = \begin{cases} g_1^2 &amp; i = 1 \\ \alpha\, g_i^2 + (1-\alpha)\, s_{i-1} &amp; i > 1 \end{cases}, \qquad
 *    \rho_i = \eta\; i^{-1/2+\epsilon}\; \frac{1}{\tau + \sqrt{s_i}}, \qquad
 *    \theta_i = \theta_{i-1} - \rho_i\, g_i, \]
 * with α = 0.1, τ = 1 and η the step-size scale (chosen by Stan's {@code adapt_eta} grid search from
 * {100, 10, 1, 0.1, 0.01}; that search belongs to the fitting loop, which starts a fresh optimizer per trial).
 * Here g is the gradient of the loss −ELBO, so the step is the paper's ascent step with the sign turned;
 * g² and the division are symmetric in sign, so the iterates are bit for bit Stan's.
 *
 * <p><b>Exactly as Stan's code</b> ({@code stan/variational/advi.hpp}, {@code stochastic_gradient_ascent}),
 * which differs from the paper in two details reproduced here:
 * <ul>
 *   <li>s<sub>1</sub> = g<sub>1</sub>² (the paper's recursion from s<sub>0</sub> = 0 would give α g<sub>1</sub>²);
 *   <li>the decay is η/√i: the paper's ε = 10⁻¹⁶ changes −1/2 by one ulp in double precision, which Stan's
 *       code drops, so this class uses {@code Math.sqrt} rather than {@code Math.pow}.
 * </ul>
 * The operations are ordered as Stan's Eigen expressions: s = (1−α)·s + α·(g·g) with 1−α = 0.9 exactly for
 * α = 0.1, and θ − (η/√i · g) / (τ + √s). A schedule, if given, multiplies η (it is 1 by default, which
 * changes nothing). i counts this parameter's updates, which is Stan's iteration counter when every parameter
 * gets a gradient at every step.
 *
 * <p>Buffer: {@code "s/<param>"}. Hyper-parameters in the state: {@code alpha}, {@code tau}.
 *
 * <pre>{@code
 * Optimizer opt = StanAdaptiveStep.of(1.0);      // eta = 1, Stan's default before adaptation
 * }</pre>
 *
 * <blockquote>A. Kucukelbir, D. Tran, R. Ranganath, A. Gelman, D. M. Blei. Automatic differentiation
 * variational inference. Journal of Machine Learning Research 18(14), 1–45, 2017.</blockquote>
 */
public final class StanAdaptiveStep extends AbstractOptimizer {
    private static final String KIND = "StanAdaptiveStep";

    private final double alpha;
    private final double tau;

    private StanAdaptiveStep(double eta, Schedule schedule, double alpha, double tau) {
        super(KIND, eta, schedule, "s");
        this.alpha = Checks.openClosedUnit(KIND, "alpha", alpha);
        this.tau = Checks.positive(KIND, "tau", tau);
    }

    /**
     * Stan's sequence with step-size scale {@code eta} (η; the {@link #learningRate()}).
     *
     * @implSpec α = 0.1, τ = 1 (Stan's constants), constant schedule.
     * @throws IllegalArgumentException unless {@code eta} is finite and {@literal > 0}
     */
    public static StanAdaptiveStep of(double eta) {
        return new StanAdaptiveStep(eta, Schedule.constant(), 0.1, 1.0);
    }

    /**
     * A new optimizer with weight α = {@code alpha} on the newest squared gradient, and fresh state.
     *
     * @throws IllegalArgumentException unless {@code alpha} is in (0, 1]
     */
    public StanAdaptiveStep alpha(double alpha) {
        return new StanAdaptiveStep(learningRate(), currentSchedule(), alpha, tau);
    }

    /**
     * A new optimizer with offset τ = {@code tau} and fresh state.
     *
     * @throws IllegalArgumentException unless {@code tau} is finite and {@literal > 0}
     */
    public StanAdaptiveStep tau(double tau) {
        return new StanAdaptiveStep(learningRate(), currentSchedule(), alpha, tau);
    }

    /**
     * A new optimizer with this schedule (multiplying η) and fresh state.
     *
     * @throws IllegalArgumentException if {@code schedule} is null
     */
    public StanAdaptiveStep schedule(Schedule schedule) {
        return new StanAdaptiveStep(learningRate(), schedule, alpha, tau);
    }

    @Override
    void update(Tensor x, Tensor g, double[][] cur, double[][] next, double[] out, double lr, long t) {
        double[] s = cur[0];
        double[] sNew = next[0];
        double etaScaled = lr / Math.sqrt((double) t);
        double pre = 1 - alpha; // Stan's pre_factor 0.9 (1 - 0.1 rounds to the double nearest 0.9)
        double post = alpha; // Stan's post_factor
        boolean first = t == 1;
        for (int i = 0; i < out.length; i++) {
            double gi = g.at(i);
            double si = first ? gi * gi : pre * s[i] + post * (gi * gi);
            sNew[i] = si;
            out[i] = x.at(i) - etaScaled * gi / (tau + Math.sqrt(si));
        }
    }

    @Override
    Map<String, Double> hyperParams() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("alpha", alpha);
        m.put("tau", tau);
        return m;
    }
}
