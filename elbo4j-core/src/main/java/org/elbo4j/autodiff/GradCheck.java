package org.elbo4j.autodiff;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.elbo4j.tensor.Tensor;

/**
 * Compares reverse-mode gradients with central finite differences,
 * {@code (f(x + h·e_i) − f(x − h·e_i)) / 2h} with {@code h = step·max(1, |x_i|)}.
 *
 * <p>The truncation error of the central difference is O(h²·f''') and the rounding error O(ε·|f|/h); with
 * {@code step = 1e-6} and smooth functions of moderate size both are below 1e-8, so a relative tolerance of
 * 1e-6 separates a wrong gradient from numerical noise.
 */
public final class GradCheck {
    private GradCheck() {}

    /** The worst entry of a comparison: where, the two values and their scaled difference. */
    public record Result(int param, int index, double analytic, double numeric, double error, int checked) {
        @Override
        public String toString() {
            return "worst entry: parameter " + param + " index " + index + ": autodiff " + analytic
                    + " vs finite difference " + numeric + " (scaled error " + error + ", " + checked
                    + " entries checked)";
        }
    }

    /**
     * Checks every entry of every parameter.
     *
     * @return the entry with the largest error {@code |a − n| / max(1, |a|, |n|)}
     */
    public static Result compare(List<Tensor> params, Function<List<Tensor>, Tensor> f, double step) {
        List<Tensor> g = Autodiff.valueAndGrad(params, f).gradients();
        Result worst = new Result(-1, -1, 0, 0, 0, 0);
        int checked = 0;
        for (int p = 0; p < params.size(); p++) {
            double[] x = params.get(p).toArray();
            for (int i = 0; i < x.length; i++) {
                double h = step * Math.max(1, Math.abs(x[i]));
                double fp = eval(params, p, x, i, x[i] + h, f), fm = eval(params, p, x, i, x[i] - h, f);
                double num = (fp - fm) / (2 * h), ana = g.get(p).at(i);
                double err = Math.abs(ana - num) / Math.max(1, Math.max(Math.abs(ana), Math.abs(num)));
                if (Double.isNaN(err)) err = Double.POSITIVE_INFINITY;
                checked++;
                if (err > worst.error() || worst.param() < 0) worst = new Result(p, i, ana, num, err, 0);
            }
        }
        return new Result(worst.param(), worst.index(), worst.analytic(), worst.numeric(), worst.error(), checked);
    }

    private static double eval(
            List<Tensor> params, int p, double[] x, int i, double v, Function<List<Tensor>, Tensor> f) {
        double[] y = x.clone();
        y[i] = v;
        List<Tensor> ps = new ArrayList<>(params);
        ps.set(p, Tensor.of(y, params.get(p).shape()));
        return f.apply(ps).item();
    }
}
