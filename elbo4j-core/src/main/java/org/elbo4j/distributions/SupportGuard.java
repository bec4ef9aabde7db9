package org.elbo4j.distributions;

import java.util.function.UnaryOperator;
import org.elbo4j.tensor.Tensor;

/**
 * Log densities that stay NaN-free outside the support: the values outside are replaced by a point inside
 * before the density is computed, and their log density is then set to −∞. (Computing log(−1) and masking the
 * result afterwards would leave 0·NaN = NaN in the parameters' gradients.)
 */
final class SupportGuard {
    private SupportGuard() {}

    /**
     * @param d       the family (its support decides what is outside)
     * @param value   checked by the caller. Not modified.
     * @param inside  a point of the support (broadcasting against an event), used in place of outside events
     * @param density the log density of in-support values, shape sampleShape + batchShape
     * @return {@code density(value)}, with −∞ where an event of {@code value} is outside the support
     */
    static Tensor logProb(Distribution d, Tensor value, Tensor inside, UnaryOperator<Tensor> density) {
        if (d.support().eventRank() == 0 && d.support().contains(value)) return density.apply(value); // the usual case
        Tensor ok = d.support().check(value);
        boolean all = true;
        for (int i = 0; i < ok.size() && all; i++) all = ok.at(i) != 0;
        if (all) return density.apply(value);
        Tensor okEvent = ok;
        int extra = value.rank() - ok.rank(); // the event dimensions the check summarised
        if (extra > 0) {
            int[] dims = new int[value.rank()];
            for (int i = 0; i < dims.length; i++) dims[i] = i < ok.rank() ? ok.dim(i) : 1;
            okEvent = ok.reshape(dims);
        }
        Tensor lp = density.apply(Tensor.where(okEvent, value, inside));
        return Tensor.where(ok, lp, Tensor.scalar(Double.NEGATIVE_INFINITY));
    }
}
