package org.elbo4j.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * {@link MixtureSameFamily} against the distribution contract, as Stan's two-component {@code log_mix}: weights
 * (θ, 1 − θ) and Normal components (loc1, scale1), (loc2, scale2), so that every parameter is a scalar the
 * contract can perturb (batched cases hold [3]-vectors of each). More components and batched component shapes are
 * checked by the tests below the contract.
 */
class MixtureSameFamilyTest extends DistributionContractTest<MixtureSameFamily> {
    @Override
    protected String family() {
        return "MixtureSameFamily";
    }

    @Override
    protected List<String> paramNames() {
        return List.of("theta", "loc1", "loc2", "scale1", "scale2");
    }

    @Override
    protected MixtureSameFamily create(List<Tensor> p) {
        Tensor theta = p.get(0);
        return MixtureSameFamily.ofProbs(
                pair(theta, theta.rsub(1)), Normal.of(pair(p.get(1), p.get(2)), pair(p.get(3), p.get(4))));
    }

    /** [..., 2] from two tensors of shape [...] (broadcast). */
    static Tensor pair(Tensor a, Tensor b) {
        org.elbo4j.tensor.Shape s = org.elbo4j.tensor.Shape.broadcast("pair", a.shape(), b.shape());
        org.elbo4j.tensor.Shape s1 = s.append(org.elbo4j.tensor.Shape.of(1));
        return Tensor.concat(
                s.rank(), a.broadcastTo(s).reshape(s1), b.broadcastTo(s).reshape(s1));
    }

    @Override
    protected List<Params> cases() {
        return List.of(
                params("two components", 0.3, -1.0, 2.0, 0.5, 1.5),
                params("low_dim_gauss_mix-like", 0.62, -2.7, 2.9, 1.0, 1.0),
                params("overlapping", 0.5, 0.0, 0.5, 1.0, 3.0),
                params(
                        "batched [3]",
                        Tensor.of(0.2, 0.5, 0.9),
                        Tensor.of(-1.0, 0.0, 3.0),
                        Tensor.of(2.0, 1.0, 4.0),
                        Tensor.of(0.5, 1.0, 2.0),
                        Tensor.of(1.0, 0.3, 1.0)));
    }

    @Override
    protected List<Reference> references() {
        List<Reference> refs = new ArrayList<>();
        for (double[][] row : readTable("mixture_normal.csv")) {
            if (row[0].length != 2) continue; // more components: see threeComponentsMatchTheReference
            Params p = params("theta " + row[0][0], row[0][0], row[1][0], row[1][1], row[2][0], row[2][1]);
            refs.add(new Reference(
                    p,
                    Tensor.scalar(row[3][0]),
                    Tensor.scalar(row[4][0]),
                    "mixture_normal.csv, mpmath via make_mixture_reference.py"));
        }
        return refs;
    }

    @Override
    protected List<BadParams> badParams() {
        return List.of(
                bad("probs", 1.2, 0.0, 1.0, 1.0, 1.0),
                bad("probs", -0.1, 0.0, 1.0, 1.0, 1.0),
                bad("probs", Double.NaN, 0.0, 1.0, 1.0, 1.0));
    }

    @Test
    void threeComponentsMatchTheReference() {
        int checked = 0;
        for (double[][] row : readTable("mixture_normal.csv")) {
            if (row[0].length != 3) continue;
            MixtureSameFamily m =
                    MixtureSameFamily.ofProbs(Tensor.of(row[0]), Normal.of(Tensor.of(row[1]), Tensor.of(row[2])));
            assertEquals(
                    row[4][0], m.logProb(Tensor.scalar(row[3][0])).item(), REFERENCE_REL_TOL * Math.abs(row[4][0]));
            checked++;
        }
        assertEquals(3, checked);
    }

    @Test
    void batchedComponentsAndWeightsBroadcastAndSampleIndependently() {
        // components [3, 2] with shared weights; weights [4, 1, 2] against them give batch [4, 3]
        Normal comps = Normal.of(Tensor.of(new double[] {0, 10, 20, 30, 40, 50}, 3, 2), Tensor.of(0.1, 0.1));
        MixtureSameFamily a = MixtureSameFamily.ofProbs(Tensor.of(0.5, 0.5), comps);
        assertEquals(Shape.of(3), a.batchShape());
        double[] w = new double[8];
        for (int i = 0; i < 4; i++) {
            w[2 * i] = i / 3.0;
            w[2 * i + 1] = 1 - i / 3.0;
        }
        MixtureSameFamily b = MixtureSameFamily.ofProbs(Tensor.of(w, 4, 1, 2), comps);
        assertEquals(Shape.of(4, 3), b.batchShape());
        Tensor x = b.sample(RandomStream.of(9), Shape.of(2));
        assertEquals(Shape.of(2, 4, 3), x.shape());
        // row i = 0 has weight 0 on the first component, i = 3 weight 0 on the second: draws sit near the other
        for (int s = 0; s < 2; s++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(20 * j + 10, x.get(s, 0, j), 1.0);
                assertEquals(20 * j, x.get(s, 3, j), 1.0);
            }
        }
        assertEquals(Shape.of(2, 4, 3), b.logProb(x).shape());
    }

    @Test
    void twoComponentsAreStansLogMix() {
        // log_mix(θ, lp1, lp2) = log(θ e^{lp1} + (1 − θ) e^{lp2}), evaluated here in doubles at moderate values.
        double theta = 0.62, x = 0.4;
        double lp1 = Normal.of(-2.7, 1.0).logProb(Tensor.scalar(x)).item(),
                lp2 = Normal.of(2.9, 0.8).logProb(Tensor.scalar(x)).item();
        double want = Math.log(theta * Math.exp(lp1) + (1 - theta) * Math.exp(lp2));
        Tensor t = Tensor.scalar(theta);
        MixtureSameFamily m = MixtureSameFamily.ofProbs(
                Tensor.stack(t, t.rsub(1)), Normal.of(Tensor.of(-2.7, 2.9), Tensor.of(1.0, 0.8)));
        assertEquals(want, m.logProb(Tensor.scalar(x)).item(), 1e-14);
        MixtureSameFamily l = MixtureSameFamily.ofLogits(
                Tensor.of(Math.log(theta), Math.log(1 - theta)).add(3.0),
                Normal.of(Tensor.of(-2.7, 2.9), Tensor.of(1.0, 0.8)));
        assertEquals(want, l.logProb(Tensor.scalar(x)).item(), 1e-14);
    }

    @Test
    void farTailsDoNotUnderflow() {
        // Both component densities underflow in doubles at x = 1e3 (log p ≈ −5e5): log-sum-exp keeps the answer.
        MixtureSameFamily m =
                MixtureSameFamily.ofProbs(Tensor.of(0.5, 0.5), Normal.of(Tensor.of(0.0, 1.0), Tensor.of(1.0, 1.0)));
        double lp = m.logProb(Tensor.scalar(1e3)).item();
        double lp2 = Normal.of(1.0, 1.0).logProb(Tensor.scalar(1e3)).item();
        // the second component dominates by e^{999.5}: log(0.5) + lp2 to rounding
        assertEquals(Math.log(0.5) + lp2, lp, 1e-9 * Math.abs(lp2));
    }

    @Test
    void observedDataOfManyPointsGiveOneLogDensityEach() {
        MixtureSameFamily m =
                MixtureSameFamily.ofProbs(Tensor.of(0.3, 0.7), Normal.of(Tensor.of(-1.0, 2.0), Tensor.of(0.5, 1.5)));
        Tensor y = m.sample(RandomStream.of(3), Shape.of(50));
        assertEquals(Shape.of(50), m.logProb(y).shape());
    }

    @Test
    void shapesThatDoNotFitAreRejected() {
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> MixtureSameFamily.ofProbs(
                        Tensor.of(0.2, 0.3, 0.5), Normal.of(Tensor.of(0.0, 1.0), Tensor.of(1.0, 1.0))));
        assertTrue(e.getMessage().contains("probs") && e.getMessage().contains("[3]"), e.getMessage());
        var f = assertThrows(
                IllegalArgumentException.class, () -> MixtureSameFamily.ofProbs(Tensor.of(1.0), Normal.of(0, 1)));
        assertTrue(f.getMessage().contains("batch shape"), f.getMessage());
    }
}
