package org.elbo4j.distributions;

import java.util.List;
import org.elbo4j.tensor.Tensor;

/** {@link Exponential} against the distribution contract. */
class ExponentialTest extends DistributionContractTest<Exponential> {
    @Override
    protected String family() {
        return "Exponential";
    }

    @Override
    protected List<String> paramNames() {
        return List.of("rate");
    }

    @Override
    protected Exponential create(List<Tensor> p) {
        return Exponential.of(p.get(0));
    }

    @Override
    protected List<Params> cases() {
        return List.of(
                params("unit", 1.0),
                params("rate 2.5", 2.5),
                params("slow", 1e-3),
                params("fast", 1e3),
                params("batched [2,2]", Tensor.of(new double[] {0.5, 1.0, 4.0, 10.0}, 2, 2)));
    }

    @Override
    protected List<Params> gradientCases() {
        return List.of(params("unit", 1.0), params("rate 2.5", 2.5));
    }

    @Override
    protected List<Reference> references() {
        return readScalarReferences("exponential.csv", "exponential.csv, mpmath closed form via make_reference.py");
    }

    @Override
    protected List<BadParams> badParams() {
        return List.of(
                bad("rate", 0.0), bad("rate", -2.0), bad("rate", Double.NaN), bad("rate", Double.POSITIVE_INFINITY));
    }

    @Override
    protected List<KlCase> klCases() {
        return List.of(
                new KlCase("Exp(1) || Exp(2.5)", params("unit", 1.0), Exponential.of(2.5)),
                new KlCase(
                        "Exp([0.5,1,4,10]) || Exp(1.5)",
                        params("batched", Tensor.of(0.5, 1.0, 4.0, 10.0)),
                        Exponential.of(1.5)));
    }
}
