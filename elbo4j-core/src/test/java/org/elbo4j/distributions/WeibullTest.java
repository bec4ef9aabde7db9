package org.elbo4j.distributions;

import java.util.List;
import org.elbo4j.tensor.Tensor;

/** {@link Weibull} against the distribution contract. */
class WeibullTest extends DistributionContractTest<Weibull> {
    @Override
    protected String family() {
        return "Weibull";
    }

    @Override
    protected List<String> paramNames() {
        return List.of("scale", "concentration");
    }

    @Override
    protected Weibull create(List<Tensor> p) {
        return Weibull.of(p.get(0), p.get(1));
    }

    @Override
    protected List<Params> cases() {
        return List.of(
                params("exponential", 1.0, 1.0),
                params("k 0.5", 2.0, 0.5),
                params("k 3", 1.5, 3.0),
                params("small scale", 1e-3, 2.0),
                params("large scale", 1e3, 0.7),
                params("batched [3]", Tensor.of(0.5, 1.0, 2.0), Tensor.of(0.8, 1.5, 4.0)));
    }

    /**
     * Moderate shapes: at k = 0.5 the estimators' per-draw variances reach 1e8 (z = λE², so f = z² is ~E⁴ with
     * E ~ Exp(1)); finite, but batch means of such draws are too skewed for the normal-theory tolerance to mean
     * what it says. k = 0.5 stays in every other check.
     */
    @Override
    protected List<Params> gradientCases() {
        return List.of(params("k 1.5", 2.0, 1.5), params("k 3", 1.5, 3.0));
    }

    @Override
    protected List<Reference> references() {
        return readScalarReferences("weibull.csv", "weibull.csv, mpmath closed form via make_reference.py");
    }

    @Override
    protected List<BadParams> badParams() {
        return List.of(
                bad("scale", 0.0, 1.0),
                bad("scale", Double.NaN, 1.0),
                bad("concentration", 1.0, 0.0),
                bad("concentration", 1.0, -1.0),
                bad("concentration", 1.0, Double.POSITIVE_INFINITY));
    }
}
