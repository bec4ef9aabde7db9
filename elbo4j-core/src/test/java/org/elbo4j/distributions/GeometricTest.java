package org.elbo4j.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** {@link Geometric} (probs form) against the distribution contract; the logits form against its reference table. */
class GeometricTest extends DiscreteContractTest<Geometric> {
    @Override
    protected String family() {
        return "Geometric";
    }

    @Override
    protected List<String> paramNames() {
        return List.of("probs");
    }

    @Override
    protected Geometric create(List<Tensor> p) {
        return Geometric.ofProbs(p.get(0));
    }

    @Override
    protected List<Params> cases() {
        return List.of(
                params("p=0.3", 0.3),
                params("p=0.8", 0.8),
                params("p=0.05", 0.05),
                params("p=0.5", 0.5),
                params("batched [3]", Tensor.of(0.2, 0.5, 0.9)),
                params("batched [2,2]", Tensor.of(new double[] {0.01, 0.6, 0.35, 0.99}, 2, 2)));
    }

    /** p·0.9 (the default ×1.1 would leave (0, 1] at 0.99): the mean (1 − p)/p grows by ≥ 11%. */
    @Override
    protected List<Tensor> perturb(List<Tensor> p) {
        return List.of(p.get(0).mul(0.9));
    }

    @Override
    protected List<Reference> references() {
        return readScalarReferences("geometric.csv", "geometric.csv, mpmath/SciPy via make_discrete_reference.py");
    }

    @Override
    protected List<BadParams> badParams() {
        return List.of(bad("probs", 0.0), bad("probs", -0.1), bad("probs", 1.1), bad("probs", Double.NaN));
    }

    @Override
    protected List<Tensor> outsideValues(Geometric d) {
        return integerOutsideValues(d);
    }

    @Override
    protected List<KlCase> klCases() {
        return List.of(
                new KlCase("Geometric(0.3) || Geometric(0.6)", params("p=0.3", 0.3), Geometric.ofProbs(0.6)),
                new KlCase(
                        "Geometric(0.8) || Geometric(logits -1)",
                        params("p=0.8", 0.8),
                        Geometric.ofLogits(Tensor.scalar(-1.0))),
                new KlCase(
                        "Geometric([0.2,0.5,0.9]) || Geometric(0.4)",
                        params("batched", Tensor.of(0.2, 0.5, 0.9)),
                        Geometric.ofProbs(0.4)));
    }

    @Test
    void logitsFormMatchesReferenceValues() {
        int checked = 0;
        for (double[][] r : readTable("geometric_logits.csv")) {
            double
                    got =
                            Geometric.ofLogits(Tensor.scalar(r[0][0]))
                                    .logProb(Tensor.scalar(r[1][0]))
                                    .item(),
                    want = r[2][0];
            if (want == Double.NEGATIVE_INFINITY) assertEquals(want, got);
            else
                assertEquals(
                        want, got, REFERENCE_REL_TOL * Math.max(1, Math.abs(want)), "l=" + r[0][0] + " k=" + r[1][0]);
            checked++;
        }
        assertTrue(checked >= 6);
    }

    /** p = 1 is the point mass at 0: draws 0, entropy 0, mean 0. */
    @Test
    void certainSuccess() {
        Geometric d = Geometric.ofProbs(1.0);
        Tensor x = d.sample(org.elbo4j.random.RandomStream.of(SEED), 100);
        for (int i = 0; i < 100; i++) assertEquals(0.0, x.at(i), 0.0);
        assertEquals(0.0, d.entropy().item(), 0.0);
        assertEquals(0.0, d.mean().item(), 0.0);
    }
}
