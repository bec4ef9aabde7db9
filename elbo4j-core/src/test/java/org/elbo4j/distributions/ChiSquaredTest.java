package org.elbo4j.distributions;

import java.util.List;
import java.util.Set;
import org.elbo4j.tensor.Tensor;

/** {@link ChiSquared} (Gamma(k/2, ½)) against the distribution contract, with closed-form expectations. */
class ChiSquaredTest extends DistributionContractTest<ChiSquared> {
    @Override
    protected String family() {
        return "ChiSquared";
    }

    @Override
    protected List<String> paramNames() {
        return List.of("df");
    }

    @Override
    protected ChiSquared create(List<Tensor> p) {
        return ChiSquared.of(p.get(0));
    }

    /** df's gradient is implicit (through the gamma's CDF). */
    @Override
    protected Set<Integer> fixedNoisePathwiseParams() {
        return Set.of();
    }

    @Override
    protected List<Params> cases() {
        return List.of(
                params("df 1", 1.0),
                params("df 3", 3.0),
                params("df 0.2", 0.2),
                params("df 80", 80.0),
                params("batched [3]", Tensor.of(0.5, 2.0, 10.0)));
    }

    @Override
    protected List<Params> gradientCases() {
        return List.of(params("df 1", 1.0), params("df 3", 3.0), params("df 80", 80.0));
    }

    @Override
    protected List<TestFunction> testFunctions() {
        return List.of(IDENTITY, SQUARE, SIN, GammaMoments.LOG);
    }

    /** Gamma(k/2, ½)'s closed forms (E[z] = k, E[z²] = k(k + 2), E[log z] = ψ(k/2) + log 2, E[sin z]). */
    @Override
    protected Tensor expectation(List<Tensor> p, TestFunction f) {
        return GammaMoments.expectation(p.get(0).mul(0.5), Tensor.scalar(0.5), f);
    }

    @Override
    protected List<Reference> references() {
        return readScalarReferences(
                "chi_squared.csv", "chi_squared.csv, mpmath cross-checked with SciPy via make_reference_gamma.py");
    }

    @Override
    protected List<BadParams> badParams() {
        return List.of(bad("df", 0.0), bad("df", -2.0), bad("df", Double.NaN), bad("df", Double.POSITIVE_INFINITY));
    }

    @Override
    protected List<KlCase> klCases() {
        return List.of(
                new KlCase("ChiSquared(3) || ChiSquared(5)", params("df 3", 3.0), ChiSquared.of(5.0)),
                new KlCase(
                        "ChiSquared(batched) || ChiSquared(1)",
                        params("batched", Tensor.of(0.5, 2.0, 10.0)),
                        ChiSquared.of(1.0)));
    }
}
