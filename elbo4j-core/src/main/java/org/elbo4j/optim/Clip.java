package org.elbo4j.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.elbo4j.tensor.Tensor;

/**
 * Gradient clipping, as helpers on a gradient map and as decorators around any {@link Optimizer}.
 *
 * <ul>
 *   <li><b>By global norm</b> (Pascanu, Mikolov &amp; Bengio 2013): with ‖g‖ the Euclidean norm of all
 *       gradients together, \[ g \leftarrow g \cdot \min\bigl(1,\; c / \lVert g \rVert\bigr), \] which keeps the
 *       direction and bounds the length by c.
 *   <li><b>By value</b>: each element is clamped to [−c, c], which changes the direction.
 * </ul>
 * Gradients that need no clipping are passed on as the same tensors (no copy). Non-finite gradients are passed on
 * unchanged, so that the wrapped optimizer reports them by parameter name ({@link
 * org.elbo4j.tensor.NonFiniteException}) instead of this class turning an infinity into NaNs.
 *
 * <p>The decorators delegate the learning rate, step count and state to the wrapped optimizer; clipping itself
 * has no state.
 *
 * <pre>{@code
 * Optimizer opt = Clip.byGlobalNorm(Adam.of(1e-3), 10.0);
 * Map<String, Tensor> clipped = Clip.clipByValue(gradients, 1.0);
 * }</pre>
 *
 * <blockquote>R. Pascanu, T. Mikolov, Y. Bengio. On the difficulty of training recurrent neural networks. ICML
 * 2013.</blockquote>
 */
public final class Clip {
    private Clip() {}

    /**
     * An optimizer that rescales the gradients to global norm at most {@code maxNorm} and then steps {@code inner}.
     *
     * @throws IllegalArgumentException unless {@code maxNorm} is finite and {@literal > 0}, or if inner is null
     */
    public static Optimizer byGlobalNorm(Optimizer inner, double maxNorm) {
        Checks.positive("Clip.byGlobalNorm", "maxNorm", maxNorm);
        return new Clipped(requireInner("Clip.byGlobalNorm", inner), g -> clipByGlobalNorm(g, maxNorm));
    }

    /**
     * An optimizer that clamps every gradient element to [−{@code clipValue}, {@code clipValue}] and then steps
     * {@code inner}.
     *
     * @throws IllegalArgumentException unless {@code clipValue} is finite and {@literal > 0}, or if inner is null
     */
    public static Optimizer byValue(Optimizer inner, double clipValue) {
        Checks.positive("Clip.byValue", "clipValue", clipValue);
        return new Clipped(requireInner("Clip.byValue", inner), g -> clipByValue(g, clipValue));
    }

    /**
     * The Euclidean norm of all gradients together, √(Σ g²) over every element of every tensor; NaN if any
     * element is NaN. Does not overflow for finite gradients (rescales by the largest |g| when the plain sum of
     * squares overflows).
     *
     * @param gradients any shapes. Not modified.
     */
    public static double globalNorm(Map<String, Tensor> gradients) {
        double ss = 0;
        for (Tensor g : gradients.values()) {
            if (g == null) continue; // the wrapped optimizer names it
            for (int i = 0, n = g.size(); i < n; i++) {
                double v = g.at(i);
                ss += v * v;
            }
        }
        if (ss < Double.POSITIVE_INFINITY || Double.isNaN(ss)) return Math.sqrt(ss);
        double max = 0;
        for (Tensor g : gradients.values()) {
            if (g == null) continue;
            for (int i = 0, n = g.size(); i < n; i++) max = Math.max(max, Math.abs(g.at(i)));
        }
        if (max == Double.POSITIVE_INFINITY) return max;
        double scaled = 0;
        for (Tensor g : gradients.values()) {
            if (g == null) continue;
            for (int i = 0, n = g.size(); i < n; i++) {
                double v = g.at(i) / max;
                scaled += v * v;
            }
        }
        return max * Math.sqrt(scaled);
    }

    /**
     * The gradients scaled by min(1, maxNorm/‖g‖): the same map when the norm is at most {@code maxNorm} or not
     * finite, otherwise a new map (same iteration order) of new tensors.
     *
     * @param gradients any shapes. Not modified.
     * @throws IllegalArgumentException unless {@code maxNorm} is finite and {@literal > 0}
     */
    public static Map<String, Tensor> clipByGlobalNorm(Map<String, Tensor> gradients, double maxNorm) {
        Checks.positive("Clip.clipByGlobalNorm", "maxNorm", maxNorm);
        double norm = globalNorm(gradients);
        if (!(norm > maxNorm) || norm == Double.POSITIVE_INFINITY) return gradients;
        double c = maxNorm / norm;
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : gradients.entrySet()) {
            Tensor g = e.getValue();
            if (g == null) {
                out.put(e.getKey(), null);
                continue;
            }
            double[] d = new double[g.size()];
            for (int i = 0; i < d.length; i++) d[i] = g.at(i) * c;
            out.put(e.getKey(), Tensor.wrap(d, g.shape()));
        }
        return out;
    }

    /**
     * The gradients with every element clamped to [−clipValue, clipValue]: tensors within the bound are passed
     * on as they are, others are replaced by new tensors; NaN stays NaN. Returns the same map when nothing changes.
     *
     * @param gradients any shapes. Not modified.
     * @throws IllegalArgumentException unless {@code clipValue} is finite and {@literal > 0}
     */
    public static Map<String, Tensor> clipByValue(Map<String, Tensor> gradients, double clipValue) {
        Checks.positive("Clip.clipByValue", "clipValue", clipValue);
        Map<String, Tensor> out = null;
        for (Map.Entry<String, Tensor> e : gradients.entrySet()) {
            Tensor g = e.getValue();
            Tensor clipped = g;
            for (int i = 0, n = g == null ? 0 : g.size(); i < n; i++) {
                if (Math.abs(g.at(i)) > clipValue) {
                    double[] d = g.toArray();
                    for (int j = i; j < n; j++) {
                        if (d[j] > clipValue) d[j] = clipValue;
                        else if (d[j] < -clipValue) d[j] = -clipValue;
                    }
                    clipped = Tensor.wrap(d, g.shape());
                    break;
                }
            }
            if (clipped != g && out == null) {
                out = new LinkedHashMap<>();
                for (Map.Entry<String, Tensor> f : gradients.entrySet()) {
                    if (f.getKey().equals(e.getKey())) break;
                    out.put(f.getKey(), f.getValue());
                }
            }
            if (out != null) out.put(e.getKey(), clipped);
        }
        return out == null ? gradients : out;
    }

    private static Optimizer requireInner(String who, Optimizer inner) {
        if (inner == null) throw new IllegalArgumentException(who + ": optimizer must not be null");
        return inner;
    }

    /** Clips, then delegates everything to the wrapped optimizer. */
    private static final class Clipped implements Optimizer {
        private final Optimizer inner;
        private final UnaryOperator<Map<String, Tensor>> clip;

        Clipped(Optimizer inner, UnaryOperator<Map<String, Tensor>> clip) {
            this.inner = inner;
            this.clip = clip;
        }

        @Override
        public void step(ParamStore params, Map<String, Tensor> gradients) {
            Objects.requireNonNull(gradients, "gradients");
            inner.step(params, clip.apply(gradients));
        }

        @Override
        public double learningRate() {
            return inner.learningRate();
        }

        @Override
        public void setLearningRate(double lr) {
            inner.setLearningRate(lr);
        }

        @Override
        public long steps() {
            return inner.steps();
        }

        @Override
        public OptimizerState saveState() {
            return inner.saveState();
        }

        @Override
        public void restoreState(OptimizerState state) {
            inner.restoreState(state);
        }

        @Override
        public String toString() {
            return "Clip(" + inner + ")";
        }
    }
}
