package org.elbo4j.distributions;

import java.util.ArrayList;
import java.util.List;
import org.elbo4j.tensor.Tensor;

/**
 * The contract for the discrete (integer-valued, univariate) families: the inherited checks, with the summation
 * over the support made robust and a few shared helpers.
 *
 * <p><b>Summation.</b> The base class sums p(k) over k = 0, 1, … until the accumulated mass reaches 1 − 1e−16;
 * when rounding leaves the sum a few ulps short of that (Bernoulli(0.3): 0.7 + 0.3 may sum to 1 − 2^−53), it
 * would walk on to k = 10⁷. Here the sum also stops once it holds more than half the mass and a whole block of 256
 * terms adds less than 1e−18 of it: past the mode the pmf of these families decreases, so the rest of the tail is
 * below 1e−18·(a geometric factor) — far under the 1e−9 tolerance of the checks.
 */
public abstract class DiscreteContractTest<D extends Distribution> extends DistributionContractTest<D> {
    private static final int BLOCK = 256;

    @Override
    protected double integrate(D d, DensityIntegrand h) {
        if (!d.support().isDiscrete()) return super.integrate(d, h);
        if (!d.batchShape().isScalar())
            throw new IllegalArgumentException("integrate: needs a scalar batch, got " + d.batchShape());
        double s = 0, mass = 0;
        for (int k0 = 0; k0 < 10_000_000; k0 += BLOCK) {
            double[] ks = new double[BLOCK];
            for (int i = 0; i < BLOCK; i++) ks[i] = k0 + i;
            Tensor x = Tensor.of(ks);
            Tensor lp = d.logProb(x);
            double[] v = h.apply(x, lp);
            double block = 0;
            for (int i = 0; i < BLOCK; i++) {
                s += v[i];
                block += Math.exp(lp.at(i));
            }
            mass += block;
            if (mass >= 1 - 1e-16 || mass > 0.5 && block <= 1e-18 * mass) break;
        }
        return s;
    }

    /** Values outside an integer support: the defaults (±∞ where rejected) plus −1, 0.5 and {@code extra}. */
    protected List<Tensor> integerOutsideValues(D d, double... extra) {
        List<Tensor> out = new ArrayList<>(outsideValuesDefault(d));
        List<Double> cand = new ArrayList<>(List.of(-1.0, 0.5, 2.5));
        for (double e : extra) cand.add(e);
        for (double v : cand) {
            Tensor x = Tensor.full(v, d.batchShape());
            requireOutside(d.support(), x);
            out.add(x);
        }
        return out;
    }

    private List<Tensor> outsideValuesDefault(D d) {
        return super.outsideValues(d);
    }

    /** Reads a reference table whose first {@code vectorParams} fields may be vectors: params…, x, expected. */
    protected List<Reference> readVectorReferences(String resource, String source) {
        int k = paramNames().size();
        List<Reference> refs = new ArrayList<>();
        for (double[][] row : readTable(resource)) {
            if (row.length != k + 2)
                throw new IllegalStateException(resource + ": row with " + row.length + " fields, expected " + (k + 2));
            List<Tensor> ps = new ArrayList<>();
            for (int i = 0; i < k; i++)
                ps.add(row[i].length == 1 && !isVector(i) ? Tensor.scalar(row[i][0]) : Tensor.of(row[i]));
            Tensor x = row[k].length == 1 ? Tensor.scalar(row[k][0]) : Tensor.of(row[k]);
            refs.add(new Reference(
                    new Params(java.util.Arrays.deepToString(row), ps), x, Tensor.scalar(row[k + 1][0]), source));
        }
        return refs;
    }

    /** Whether parameter {@code i} is a vector (batch + [K]) even when it has one entry. Default: no. */
    protected boolean isVector(int i) {
        return false;
    }
}
