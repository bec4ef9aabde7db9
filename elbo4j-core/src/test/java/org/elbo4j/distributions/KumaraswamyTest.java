package org.elbo4j.distributions;

import java.util.List;
import org.elbo4j.tensor.Tensor;

/** {@link Kumaraswamy} against the distribution contract. */
class KumaraswamyTest extends DistributionContractTest<Kumaraswamy> {
    @Override
    protected String family() {
        return "Kumaraswamy";
    }

    @Override
    protected List<String> paramNames() {
        return List.of("concentration1", "concentration0");
    }

    @Override
    protected Kumaraswamy create(List<Tensor> p) {
        return Kumaraswamy.of(p.get(0), p.get(1));
    }

    @Override
    protected List<Params> cases() {
        return List.of(
                params("uniform", 1.0, 1.0),
                params("a 2 b 5", 2.0, 5.0),
                params("U-shaped", 0.5, 0.5),
                params("a 5 b 2", 5.0, 2.0),
                params("a 0.2 b 20", 0.2, 20.0),
                params("batched [3]", Tensor.of(0.5, 1.0, 3.0), Tensor.of(2.0, 1.0, 0.7)));
    }

    @Override
    protected List<Params> gradientCases() {
        return List.of(params("a 2 b 5", 2.0, 5.0), params("U-shaped", 0.5, 0.5));
    }

    /**
     * Without the U-shaped case: with b < 1 the density (1 − x^a)^{b−1} is singular at x = 1, where doubles cannot
     * resolve 1 − x below 1.1e−16, so quadrature misses ~1e−8 of the mass (above QUADRATURE_TOL).
     */
    @Override
    protected List<Params> quadratureCases() {
        return List.of(
                params("uniform", 1.0, 1.0),
                params("a 2 b 5", 2.0, 5.0),
                params("a 5 b 2", 5.0, 2.0),
                params("a 0.2 b 20", 0.2, 20.0));
    }

    /** z and z², whose expectations have a closed form (valid for the U-shaped case, where quadrature is not). */
    @Override
    protected List<TestFunction> testFunctions() {
        return List.of(IDENTITY, SQUARE);
    }

    /** E[z^n] = b·B(1 + n/a, b) (Jones 2009, eq. 2.2), differentiable through logBeta. */
    @Override
    protected Tensor expectation(List<Tensor> p, TestFunction f) {
        int n = f == IDENTITY ? 1 : f == SQUARE ? 2 : 0;
        if (n == 0) return null;
        Tensor a = p.get(0), b = p.get(1);
        return b.mul(TensorFunctions.logBeta(a.reciprocal().mul(n).add(1), b).exp());
    }

    /** a moved by 10% only: moving a and b up together partly cancels (a shifts mass right, b left). */
    @Override
    protected List<Tensor> perturb(List<Tensor> p) {
        return List.of(p.get(0).mul(1.1), p.get(1));
    }

    @Override
    protected List<Reference> references() {
        return readScalarReferences("kumaraswamy.csv", "kumaraswamy.csv, mpmath closed form via make_reference.py");
    }

    @Override
    protected List<BadParams> badParams() {
        return List.of(
                bad("concentration1", 0.0, 1.0),
                bad("concentration1", Double.NaN, 1.0),
                bad("concentration0", 1.0, -0.5),
                bad("concentration0", 1.0, Double.POSITIVE_INFINITY));
    }
}
