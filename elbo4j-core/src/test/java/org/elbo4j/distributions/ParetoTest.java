package org.elbo4j.distributions;

import java.util.List;
import java.util.Set;
import org.elbo4j.tensor.Tensor;

/** {@link Pareto} against the distribution contract. */
class ParetoTest extends DistributionContractTest<Pareto> {
    @Override
    protected String family() {
        return "Pareto";
    }

    @Override
    protected List<String> paramNames() {
        return List.of("scale", "alpha");
    }

    @Override
    protected Pareto create(List<Tensor> p) {
        return Pareto.of(p.get(0), p.get(1));
    }

    /** The scale moves the support's lower end, so its score-function estimate is biased (no boundary term): alpha only. */
    @Override
    protected Set<Integer> scoreFunctionParams() {
        return Set.of(1);
    }

    /**
     * z (finite-variance pathwise and score estimates need E[z² log² z] < ∞, i.e. alpha > 2: the gradient cases
     * have alpha ≥ 3), and bounded non-oscillating f.
     */
    @Override
    protected List<TestFunction> testFunctions() {
        return List.of(IDENTITY, TANH, LORENTZ);
    }

    @Override
    protected List<Params> cases() {
        return List.of(
                params("alpha 3", 1.0, 3.0),
                params("alpha 0.5 (no mean)", 0.5, 0.5),
                params("alpha 1.5 (no variance)", 2.0, 1.5),
                params("small scale", 1e-3, 2.0),
                params("large scale", 1e3, 5.0),
                params("batched [3]", Tensor.of(0.5, 1.0, 2.0), Tensor.of(1.0, 2.5, 6.0)));
    }

    @Override
    protected List<Params> gradientCases() {
        return List.of(params("alpha 3", 1.0, 3.0), params("alpha 4.5", 0.5, 4.5));
    }

    @Override
    protected List<Reference> references() {
        return readScalarReferences("pareto.csv", "pareto.csv, mpmath closed form via make_reference.py");
    }

    @Override
    protected List<BadParams> badParams() {
        return List.of(
                bad("scale", 0.0, 1.0),
                bad("scale", -1.0, 1.0),
                bad("scale", Double.NaN, 1.0),
                bad("alpha", 1.0, 0.0),
                bad("alpha", 1.0, Double.NaN),
                bad("alpha", 1.0, Double.POSITIVE_INFINITY));
    }
}
