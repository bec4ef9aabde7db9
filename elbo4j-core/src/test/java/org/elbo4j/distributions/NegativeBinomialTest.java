package org.elbo4j.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * {@link NegativeBinomial} (probs form) against the distribution contract, including the gradient in the real
 * totalCount r; the logits form against its reference table.
 */
class NegativeBinomialTest extends DiscreteContractTest<NegativeBinomial> {
    @Override
    protected String family() {
        return "NegativeBinomial";
    }

    @Override
    protected List<String> paramNames() {
        return List.of("totalCount", "probs");
    }

    @Override
    protected NegativeBinomial create(List<Tensor> p) {
        return NegativeBinomial.ofProbs(p.get(0), p.get(1));
    }

    @Override
    protected List<Params> cases() {
        return List.of(
                params("r=3 p=0.4", 3.0, 0.4),
                params("r=0.5 p=0.2", 0.5, 0.2),
                params("r=10 p=0.7", 10.0, 0.7),
                params("r=50 p=0.5", 50.0, 0.5),
                params("batched [3]", Tensor.of(0.1, 2.0, 400.0), Tensor.of(0.6, 0.05, 0.3)),
                params("broadcast [2,1] x [2]", Tensor.of(new double[] {1.0, 7.5}, 2, 1), Tensor.of(0.25, 0.8)));
    }

    @Override
    protected List<Params> gradientCases() {
        return List.of(params("r=3 p=0.4", 3.0, 0.4), params("r=0.5 p=0.2", 0.5, 0.2), params("r=10 p=0.7", 10.0, 0.7));
    }

    @Override
    protected List<Reference> references() {
        return readScalarReferences(
                "negative_binomial.csv", "negative_binomial.csv, mpmath/SciPy via make_discrete_reference.py");
    }

    @Override
    protected List<BadParams> badParams() {
        return List.of(
                bad("totalCount", 0.0, 0.5),
                bad("totalCount", -1.0, 0.5),
                bad("totalCount", Double.NaN, 0.5),
                bad("probs", 3.0, 1.0),
                bad("probs", 3.0, -0.1),
                bad("probs", 3.0, Double.NaN));
    }

    @Override
    protected List<Tensor> outsideValues(NegativeBinomial d) {
        return integerOutsideValues(d);
    }

    @Test
    void logitsFormMatchesReferenceValues() {
        int checked = 0;
        for (double[][] r : readTable("negative_binomial_logits.csv")) {
            double got = NegativeBinomial.ofLogits(Tensor.scalar(r[0][0]), Tensor.scalar(r[1][0]))
                    .logProb(Tensor.scalar(r[2][0]))
                    .item();
            double want = r[3][0];
            if (want == Double.NEGATIVE_INFINITY) assertEquals(want, got);
            else
                assertEquals(
                        want,
                        got,
                        REFERENCE_REL_TOL * Math.max(1, Math.abs(want)),
                        "r=" + r[0][0] + " l=" + r[1][0] + " k=" + r[2][0]);
            checked++;
        }
        assertTrue(checked >= 7);
    }
}
