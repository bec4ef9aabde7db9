package org.elbo4j.distributions;

import java.util.List;
import org.elbo4j.tensor.Tensor;

/** {@link HalfNormal} (σ·|ε|) against the distribution contract, with closed-form expectations. */
class HalfNormalTest extends DistributionContractTest<HalfNormal> {
    @Override
    protected String family() {
        return "HalfNormal";
    }

    @Override
    protected List<String> paramNames() {
        return List.of("scale");
    }

    @Override
    protected HalfNormal create(List<Tensor> p) {
        return HalfNormal.of(p.get(0));
    }

    /** z = σ·|ε| is a scale family: the pathwise variance must be the smaller one for z and z². */
    @Override
    protected boolean isLocationScale() {
        return true;
    }

    @Override
    protected List<Params> cases() {
        return List.of(
                params("unit", 1.0),
                params("scale 2.5", 2.5),
                params("narrow", 1e-3),
                params("wide", 1e3),
                params("batched [3]", Tensor.of(0.1, 1.0, 7.0)));
    }

    @Override
    protected List<Params> gradientCases() {
        return List.of(params("unit", 1.0), params("scale 2.5", 2.5));
    }

    @Override
    protected List<TestFunction> testFunctions() {
        return List.of(IDENTITY, SQUARE, TANH);
    }

    /** E[z] = σ√(2/π), E[z²] = σ²; tanh by quadrature (null). */
    @Override
    protected Tensor expectation(List<Tensor> p, TestFunction f) {
        Tensor s = p.get(0);
        return switch (f.name()) {
            case "z" -> s.mul(Math.sqrt(2 / Math.PI));
            case "z^2" -> s.square();
            default -> null;
        };
    }

    @Override
    protected List<Reference> references() {
        return readScalarReferences(
                "half_normal.csv", "half_normal.csv, mpmath cross-checked with SciPy via make_reference_gamma.py");
    }

    @Override
    protected List<BadParams> badParams() {
        return List.of(
                bad("scale", 0.0),
                bad("scale", -1.0),
                bad("scale", Double.NaN),
                bad("scale", Double.POSITIVE_INFINITY));
    }

    @Override
    protected List<KlCase> klCases() {
        return List.of(
                new KlCase("HalfN(1) || HalfN(2.5)", params("unit", 1.0), HalfNormal.of(2.5)),
                new KlCase(
                        "HalfN(batched) || HalfN(0.5)",
                        params("batched", Tensor.of(0.1, 1.0, 7.0)),
                        HalfNormal.of(0.5)));
    }
}
