package org.elbo4j.distributions;

import java.util.List;
import java.util.Set;
import org.elbo4j.tensor.Tensor;

/** {@link HalfCauchy} (s·tan(πu/2)) against the distribution contract. */
class HalfCauchyTest extends DistributionContractTest<HalfCauchy> {
    @Override
    protected String family() {
        return "HalfCauchy";
    }

    @Override
    protected List<String> paramNames() {
        return List.of("scale");
    }

    @Override
    protected HalfCauchy create(List<Tensor> p) {
        return HalfCauchy.of(p.get(0));
    }

    /** A scale family; bounded f only (no moments). */
    @Override
    protected boolean isLocationScale() {
        return true;
    }

    /** The variance comparison for the bounded test functions actually used (z and z² have no mean). */
    @Override
    protected Set<String> pathwiseVarianceSmallerFor() {
        return Set.of(LORENTZ.name());
    }

    @Override
    protected List<Params> cases() {
        return List.of(
                params("unit", 1.0),
                params("scale 5", 5.0),
                params("narrow", 1e-3),
                params("wide", 1e3),
                params("batched [3]", Tensor.of(0.1, 1.0, 7.0)));
    }

    @Override
    protected List<Params> gradientCases() {
        return List.of(params("unit", 1.0), params("scale 5", 5.0));
    }

    @Override
    protected List<TestFunction> testFunctions() {
        return List.of(TANH, LORENTZ);
    }

    @Override
    protected List<Reference> references() {
        return readScalarReferences(
                "half_cauchy.csv", "half_cauchy.csv, mpmath cross-checked with SciPy via make_reference_gamma.py");
    }

    @Override
    protected List<BadParams> badParams() {
        return List.of(
                bad("scale", 0.0),
                bad("scale", -1.0),
                bad("scale", Double.NaN),
                bad("scale", Double.POSITIVE_INFINITY));
    }
}
