package org.elbo4j.distributions;

import java.util.List;
import org.elbo4j.tensor.Tensor;

/** {@link Gumbel} against the distribution contract. */
class GumbelTest extends DistributionContractTest<Gumbel> {
    @Override
    protected String family() {
        return "Gumbel";
    }

    @Override
    protected List<String> paramNames() {
        return List.of("loc", "scale");
    }

    @Override
    protected Gumbel create(List<Tensor> p) {
        return Gumbel.of(p.get(0), p.get(1));
    }

    @Override
    protected boolean isLocationScale() {
        return true;
    }

    @Override
    protected List<Params> cases() {
        return List.of(
                params("standard", 0.0, 1.0),
                params("shifted", 1.5, 0.5),
                params("narrow", -2.0, 1e-3),
                params("wide", 3.0, 1e3),
                params("batched [3]", Tensor.of(-1.0, 0.0, 2.0), Tensor.of(0.5, 1.0, 3.0)),
                params("broadcast [2,1] x [3]", Tensor.of(new double[] {0.0, 5.0}, 2, 1), Tensor.of(1.0, 2.0, 0.1)));
    }

    @Override
    protected List<Params> gradientCases() {
        return List.of(params("standard", 0.0, 1.0), params("shifted", 1.5, 0.5));
    }

    @Override
    protected List<Reference> references() {
        return readScalarReferences("gumbel.csv", "gumbel.csv, mpmath closed form via make_reference.py");
    }

    @Override
    protected List<BadParams> badParams() {
        return List.of(
                bad("scale", 0.0, 0.0),
                bad("scale", 0.0, -1.0),
                bad("scale", 0.0, Double.NaN),
                bad("scale", 0.0, Double.POSITIVE_INFINITY),
                bad("loc", Double.NaN, 1.0),
                bad("loc", Double.NEGATIVE_INFINITY, 1.0));
    }
}
