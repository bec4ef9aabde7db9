package org.elbo4j.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** {@link Uniform} against the distribution contract. */
class UniformTest extends DistributionContractTest<Uniform> {
    @Override
    protected String family() {
        return "Uniform";
    }

    @Override
    protected List<String> paramNames() {
        return List.of("low", "high");
    }

    @Override
    protected Uniform create(List<Tensor> p) {
        return Uniform.of(p.get(0), p.get(1));
    }

    /**
     * Both bounds move the support, so the score-function estimator is biased for both (it misses the boundary
     * terms) and is not checked; with nothing to compare, the pathwise-variance assertion does not apply.
     */
    @Override
    protected Set<Integer> scoreFunctionParams() {
        return Set.of();
    }

    @Override
    protected List<Params> cases() {
        return List.of(
                params("unit", 0.0, 1.0),
                params("shifted", -2.0, 3.0),
                params("narrow", 1.0, 1.001),
                params("wide", -1e3, 1e3),
                params("batched [3]", Tensor.of(-1.0, 0.0, 2.0), Tensor.of(0.5, 1.0, 3.0)),
                params("broadcast [2,1] x [3]", Tensor.of(new double[] {0.0, -5.0}, 2, 1), Tensor.of(1.0, 2.0, 0.1)));
    }

    @Override
    protected List<Params> gradientCases() {
        return List.of(params("unit", 0.0, 1.0), params("shifted", -2.0, 3.0));
    }

    @Override
    protected List<Reference> references() {
        return readScalarReferences("uniform.csv", "uniform.csv, mpmath closed form via make_reference.py");
    }

    @Override
    protected List<BadParams> badParams() {
        return List.of(
                bad("high", 0.0, 0.0),
                bad("high", 1.0, -1.0),
                bad("low", Double.NaN, 1.0),
                bad("high", 0.0, Double.NaN),
                bad("low", Double.NEGATIVE_INFINITY, 1.0),
                bad("high", 0.0, Double.POSITIVE_INFINITY),
                new BadParams("high", List.of(Tensor.of(0.0, 1.0), Tensor.of(1.0, 0.5))));
    }

    @Override
    protected List<KlCase> klCases() {
        return List.of(
                new KlCase("U(0,1) || U(-1,2)", params("unit", 0.0, 1.0), Uniform.of(-1.0, 2.0)),
                new KlCase(
                        "U([-1,0,2],[0.5,1,3]) || U(-2, 4)",
                        params("batched", Tensor.of(-1.0, 0.0, 2.0), Tensor.of(0.5, 1.0, 3.0)),
                        Uniform.of(-2.0, 4.0)));
    }

    @Test
    void klIsInfiniteWhenTheSupportIsNotContained() {
        Tensor kl = KlDivergence.of(Uniform.of(Tensor.of(0.0, 0.0), Tensor.of(1.0, 3.0)), Uniform.of(-1.0, 2.0));
        assertEquals(Math.log(3.0), kl.at(0), 1e-15);
        assertEquals(Double.POSITIVE_INFINITY, kl.at(1));
    }

    @Test
    void batchedBoundsGiveABatchedSupport() {
        Uniform u = Uniform.of(Tensor.of(0.0, 10.0), Tensor.of(1.0, 11.0));
        Tensor lp = u.logProb(Tensor.of(0.5, 0.5));
        assertEquals(0.0, lp.at(0), 0.0);
        assertEquals(Double.NEGATIVE_INFINITY, lp.at(1));
        assertTrue(u.support().contains(Tensor.of(0.5, 10.5)));
    }
}
