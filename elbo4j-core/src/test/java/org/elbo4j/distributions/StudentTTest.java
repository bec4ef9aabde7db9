package org.elbo4j.distributions;

import java.util.List;
import java.util.Set;
import org.elbo4j.tensor.Tensor;

/** {@link StudentT} against the distribution contract. */
class StudentTTest extends DistributionContractTest<StudentT> {
    @Override
    protected String family() {
        return "StudentT";
    }

    @Override
    protected List<String> paramNames() {
        return List.of("df", "loc", "scale");
    }

    @Override
    protected StudentT create(List<Tensor> p) {
        return StudentT.of(p.get(0), p.get(1), p.get(2));
    }

    @Override
    protected boolean isLocationScale() {
        return true;
    }

    /** df's pathwise gradient is implicit (through the χ² draw's CDF), not the derivative of the fixed-noise draw. */
    @Override
    protected Set<Integer> fixedNoisePathwiseParams() {
        return Set.of(1, 2);
    }

    /**
     * z and z² (finite-variance estimates need E z⁴ < ∞, i.e. df > 4: the gradient cases have df ≥ 6), and two
     * bounded, non-oscillating f with decaying derivatives (fast quadrature).
     */
    @Override
    protected List<TestFunction> testFunctions() {
        return List.of(IDENTITY, SQUARE, TANH, LORENTZ);
    }

    @Override
    protected List<Params> cases() {
        return List.of(
                params("df 1 (Cauchy)", 1.0, 0.0, 1.0),
                params("df 3", 3.0, 0.0, 1.0),
                params("df 0.5", 0.5, 1.0, 2.0),
                params("narrow", 2.5, -1.0, 1e-3),
                params("wide", 30.0, 2.0, 1e3),
                params("df 6", 6.0, 0.5, 2.0),
                params("batched [3]", Tensor.of(1.0, 4.0, 50.0), Tensor.of(-1.0, 0.0, 2.0), Tensor.of(0.5, 1.0, 3.0)));
    }

    /** df ≥ 5 so that z² has a finite-variance pathwise estimate (E z⁴ < ∞ needs df > 4). */
    @Override
    protected List<Params> gradientCases() {
        return List.of(params("df 6", 6.0, 0.5, 2.0), params("df 9", 9.0, 0.0, 1.0));
    }

    @Override
    protected List<Reference> references() {
        return readScalarReferences("studentt.csv", "studentt.csv, mpmath closed form via make_reference.py");
    }

    @Override
    protected List<BadParams> badParams() {
        return List.of(
                bad("df", 0.0, 0.0, 1.0),
                bad("df", -1.0, 0.0, 1.0),
                bad("df", Double.NaN, 0.0, 1.0),
                bad("scale", 3.0, 0.0, 0.0),
                bad("scale", 3.0, 0.0, Double.NaN),
                bad("loc", 3.0, Double.NaN, 1.0),
                bad("loc", 3.0, Double.POSITIVE_INFINITY, 1.0));
    }
}
