package org.elbo4j.distributions;

import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;

/**
 * The values handed to a discrete family's {@code logProb}, cleaned before any arithmetic: entries outside the
 * support are replaced by 0 (so that the log mass and its gradient stay finite there) and remembered in a mask,
 * and {@link #mask} puts −∞ back at the end. Masking after the arithmetic instead would leave 0·∞ = NaN in the
 * parameters' gradients (the {@code where} sends a zero adjoint into an infinite partial).
 *
 * @param values the values, outside entries set to 0 (then broadcast to the shape of the support check); no
 *               gradient. The caller broadcasts them against the parameters.
 * @param ok     1 where the value is in the support, else 0; null when {@code all}
 * @param all    true when every entry is in the support
 */
record DiscreteValues(Tensor values, Tensor ok, boolean all) {
    /**
     * Cleans {@code value} against {@code support} (an elementwise constraint whose check broadcasts the value
     * against any batched bounds).
     */
    static DiscreteValues of(Tensor value, Constraint support) {
        // the usual case, allocation-free: every value is in the support (values then keep their own shape)
        if (support.contains(value)) return new DiscreteValues(value.detach(), null, true);
        Tensor ok = support.check(value);
        Shape s = ok.shape();
        Tensor v = value.detach();
        if (!v.shape().equals(s)) v = v.broadcastTo(s);
        boolean all = true;
        for (int i = 0; i < ok.size(); i++) all &= ok.at(i) != 0;
        if (all) return new DiscreteValues(v, ok, true);
        double[] c = new double[s.size()];
        for (int i = 0; i < c.length; i++) c[i] = ok.at(i) != 0 ? v.at(i) : 0;
        return new DiscreteValues(Tensor.wrap(c, s), ok, false);
    }

    /** {@code logProb} where the value is in the support, −∞ elsewhere (broadcasting {@code logProb} to the mask). */
    Tensor mask(Tensor logProb) {
        if (all) return logProb;
        return Tensor.where(ok, logProb, Tensor.scalar(Double.NEGATIVE_INFINITY));
    }
}
