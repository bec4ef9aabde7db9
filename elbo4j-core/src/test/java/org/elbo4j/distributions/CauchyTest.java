package org.elbo4j.distributions;

import java.util.List;
import org.elbo4j.tensor.Tensor;

/** {@link Cauchy} against the distribution contract. */
class CauchyTest extends DistributionContractTest<Cauchy> {
    @Override
    protected String family() {
        return "Cauchy";
    }

    @Override
    protected List<String> paramNames() {
        return List.of("loc", "scale");
    }

    @Override
    protected Cauchy create(List<Tensor> p) {
        return Cauchy.of(p.get(0), p.get(1));
    }

    @Override
    protected boolean isLocationScale() {
        return true;
    }

    /**
     * Bounded test functions whose derivative decays fast enough that both estimators have finite variance: not
     * z or z² (no moments) and not sin z (∂/∂scale sin(loc + scale·ε) = cos(z)·ε has infinite variance; measured
     * per-draw variances of 2.9e3 and 5.9e5 on two runs before it was dropped).
     */
    @Override
    protected List<TestFunction> testFunctions() {
        return List.of(LORENTZ, TANH);
    }

    /**
     * Closed form where one exists (the rest by quadrature): 1/(1+z²) = π·(the standard Cauchy density), and Cauchy
     * laws convolve by adding scales, so E[1/(1+z²)] = (γ+1)/((γ+1)² + μ²).
     */
    @Override
    protected Tensor expectation(List<Tensor> p, TestFunction f) {
        Tensor mu = p.get(0), g = p.get(1);
        if (f == LORENTZ) return g.add(1).div(g.add(1).square().add(mu.square()));
        return null;
    }

    /**
     * Empty: for the bounded test functions the comparison goes either way (per-draw variances printed by this
     * test, Cauchy(0, 1), d/d loc: 1/(1+z²) 0.182 pathwise vs 0.128 score, tanh z 0.144 vs 0.075; d/d scale:
     * 1/(1+z²) 0.025 vs 0.146), and z, z² have no expectation.
     */
    @Override
    protected java.util.Set<String> pathwiseVarianceSmallerFor() {
        return java.util.Set.of();
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
        return readScalarReferences("cauchy.csv", "cauchy.csv, mpmath closed form via make_reference.py");
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
