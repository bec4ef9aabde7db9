package org.elbo4j.distributions;

import java.util.List;
import java.util.Set;
import org.elbo4j.tensor.Tensor;

/** {@link InverseGamma} (β/Gamma(α, 1)) against the distribution contract, with closed-form expectations. */
class InverseGammaTest extends DistributionContractTest<InverseGamma> {
    @Override
    protected String family() {
        return "InverseGamma";
    }

    @Override
    protected List<String> paramNames() {
        return List.of("concentration", "rate");
    }

    @Override
    protected InverseGamma create(List<Tensor> p) {
        return InverseGamma.of(p.get(0), p.get(1));
    }

    /** α's gradient is implicit; β's is the fixed-noise path z = β/x. */
    @Override
    protected Set<Integer> fixedNoisePathwiseParams() {
        return Set.of(1);
    }

    @Override
    protected List<Params> cases() {
        return List.of(
                params("(3, 2)", 3.0, 2.0),
                params("heavy (0.5, 1)", 0.5, 1.0),
                params("(1.5, 0.01)", 1.5, 0.01),
                params("(6, 5)", 6.0, 5.0),
                params("large (500, 1000)", 500.0, 1000.0),
                params("batched [3]", Tensor.of(0.8, 3.0, 20.0), Tensor.of(1.0, 2.0, 0.5)));
    }

    /** α ≥ 5 so that z (E z² &lt; ∞ needs α &gt; 2) and its gradient estimates have finite variance. */
    @Override
    protected List<Params> gradientCases() {
        return List.of(params("(6, 5)", 6.0, 5.0), params("(9, 2)", 9.0, 2.0));
    }

    @Override
    protected List<TestFunction> testFunctions() {
        return List.of(IDENTITY, GammaMoments.RECIPROCAL, GammaMoments.LOG);
    }

    /** With 1/z ~ Gamma(α, β): E[z] = β/(α − 1), E[1/z] = α/β, E[log z] = log β − ψ(α). */
    @Override
    protected Tensor expectation(List<Tensor> p, TestFunction f) {
        Tensor a = p.get(0), b = p.get(1);
        return switch (f.name()) {
            case "z" -> b.div(a.sub(1));
            case "1/z" -> a.div(b);
            case "log z" -> b.log().sub(a.digamma());
            default -> null;
        };
    }

    /** α only: with both scaled the law's bulk barely moves at α = 500. */
    @Override
    protected List<Tensor> perturb(List<Tensor> p) {
        return List.of(p.get(0).mul(1.1), p.get(1));
    }

    @Override
    protected List<Reference> references() {
        return readScalarReferences(
                "inverse_gamma.csv", "inverse_gamma.csv, mpmath cross-checked with SciPy via make_reference_gamma.py");
    }

    @Override
    protected List<BadParams> badParams() {
        return List.of(
                bad("concentration", 0.0, 1.0),
                bad("concentration", -1.0, 1.0),
                bad("concentration", Double.NaN, 1.0),
                bad("rate", 2.0, 0.0),
                bad("rate", 2.0, -1.0),
                bad("rate", 2.0, Double.POSITIVE_INFINITY));
    }

    @Override
    protected List<KlCase> klCases() {
        return List.of(
                new KlCase("InvGamma(3, 2) || InvGamma(2, 1)", params("(3, 2)", 3.0, 2.0), InverseGamma.of(2.0, 1.0)),
                new KlCase(
                        "InvGamma(batched) || InvGamma(4, 3)",
                        params("batched", Tensor.of(0.8, 3.0, 20.0), Tensor.of(1.0, 2.0, 0.5)),
                        InverseGamma.of(4.0, 3.0)));
    }
}
