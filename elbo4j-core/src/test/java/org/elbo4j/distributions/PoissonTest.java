package org.elbo4j.distributions;

import java.util.List;
import org.elbo4j.tensor.Tensor;

/** {@link Poisson} against the distribution contract: Knuth's sampler below λ = 10, PTRS from 10 on. */
class PoissonTest extends DiscreteContractTest<Poisson> {
    @Override
    protected String family() {
        return "Poisson";
    }

    @Override
    protected List<String> paramNames() {
        return List.of("rate");
    }

    @Override
    protected Poisson create(List<Tensor> p) {
        return Poisson.of(p.get(0));
    }

    /** Both samplers and their switch point (9.99 Knuth, 10 PTRS), a small and a large rate. */
    @Override
    protected List<Params> cases() {
        return List.of(
                params("rate=0.5", 0.5),
                params("rate=3", 3.0),
                params("rate=9.99", 9.99),
                params("rate=10", 10.0),
                params("rate=150", 150.0),
                params("rate=2000", 2000.0),
                params("batched [4]", Tensor.of(0.05, 7.0, 12.5, 30000.0)),
                params("batched [2,3]", Tensor.of(new double[] {1.0, 2.0, 4.0, 11.0, 60.0, 500.0}, 2, 3)));
    }

    /**
     * λ + ½√λ + 0.02: a shift of half a standard deviation (plus a floor for tiny λ), which 40 000 draws detect by a
     * wide margin, while the perturbed pmf still covers the draws (the default ×1.1 moves λ = 30 000 by 17 SD: the
     * chi-square pools the mass beyond the largest draw into one cell and has nothing left to compare).
     */
    @Override
    protected List<Tensor> perturb(List<Tensor> p) {
        return List.of(p.get(0).add(p.get(0).sqrt().mul(0.5)).add(0.02));
    }

    @Override
    protected List<Params> gradientCases() {
        return List.of(
                params("rate=0.5", 0.5), params("rate=3", 3.0), params("rate=10", 10.0), params("rate=150", 150.0));
    }

    @Override
    protected List<Reference> references() {
        return readScalarReferences("poisson.csv", "poisson.csv, mpmath/SciPy via make_discrete_reference.py");
    }

    @Override
    protected List<BadParams> badParams() {
        return List.of(
                bad("rate", 0.0), bad("rate", -1.0), bad("rate", Double.NaN), bad("rate", Double.POSITIVE_INFINITY));
    }

    @Override
    protected List<Tensor> outsideValues(Poisson d) {
        return integerOutsideValues(d);
    }

    @Override
    protected List<KlCase> klCases() {
        return List.of(
                new KlCase("Poisson(3) || Poisson(5)", params("rate=3", 3.0), Poisson.of(5.0)),
                new KlCase("Poisson(150) || Poisson(140)", params("rate=150", 150.0), Poisson.of(140.0)),
                new KlCase(
                        "Poisson([0.05,7,12.5,30000]) || Poisson(8)",
                        params("batched", Tensor.of(0.05, 7.0, 12.5, 30000.0)),
                        Poisson.of(8.0)));
    }
}
