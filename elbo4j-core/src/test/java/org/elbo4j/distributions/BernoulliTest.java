package org.elbo4j.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elbo4j.autodiff.Autodiff;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** {@link Bernoulli} (probs form) against the distribution contract, plus the certain-outcome edges p ∈ {0, 1}. */
class BernoulliTest extends DiscreteContractTest<Bernoulli> {
    @Override
    protected String family() {
        return "Bernoulli";
    }

    @Override
    protected List<String> paramNames() {
        return List.of("probs");
    }

    @Override
    protected Bernoulli create(List<Tensor> p) {
        return Bernoulli.ofProbs(p.get(0));
    }

    /** Interior probabilities only: the gradient checks step p by ±h, which must stay in [0, 1] (edges below). */
    @Override
    protected List<Params> cases() {
        return List.of(
                params("p=0.3", 0.3),
                params("p=0.5", 0.5),
                params("p=0.9", 0.9),
                params("p=0.02", 0.02),
                params("batched [3]", Tensor.of(0.1, 0.5, 0.97)),
                params("batched [2,3]", Tensor.of(new double[] {0.2, 0.4, 0.6, 0.8, 0.05, 0.95}, 2, 3)));
    }

    /** p ± 0.05 (toward ½): stays in [0, 1]; at 40 000 draws the SE of a frequency is ≤ 0.0025, so ≥ 20 SE. */
    @Override
    protected List<Tensor> perturb(List<Tensor> p) {
        double[] v = p.get(0).toArray();
        for (int i = 0; i < v.length; i++) v[i] += v[i] <= 0.5 ? 0.05 : -0.05;
        return List.of(Tensor.of(v, p.get(0).shape()));
    }

    @Override
    protected List<Reference> references() {
        return readScalarReferences("bernoulli.csv", "bernoulli.csv, mpmath/SciPy via make_discrete_reference.py");
    }

    @Override
    protected List<BadParams> badParams() {
        return List.of(
                bad("probs", -0.1),
                bad("probs", 1.1),
                bad("probs", Double.NaN),
                bad("probs", Double.POSITIVE_INFINITY));
    }

    @Override
    protected List<Tensor> outsideValues(Bernoulli d) {
        return integerOutsideValues(d, 2.0);
    }

    @Override
    protected List<KlCase> klCases() {
        return List.of(
                new KlCase("Bernoulli(0.3) || Bernoulli(0.6)", params("p=0.3", 0.3), Bernoulli.ofProbs(0.6)),
                new KlCase(
                        "Bernoulli(0.02) || Bernoulli(0.5) (logits)",
                        params("p=0.02", 0.02),
                        Bernoulli.ofLogits(Tensor.scalar(0.0))),
                new KlCase(
                        "Bernoulli([0.1,0.5,0.97]) || Bernoulli(0.4)",
                        params("batched", Tensor.of(0.1, 0.5, 0.97)),
                        Bernoulli.ofProbs(0.4)));
    }

    /** At p ∈ {0, 1}: certain outcomes, entropy 0, draws constant, and no NaN in the logProb gradient. */
    @Test
    void certainOutcomesAtTheEnds() {
        Bernoulli d = Bernoulli.ofProbs(Tensor.of(0.0, 1.0));
        assertEquals(
                Tensor.of(0.0, 0.0).toString(), d.logProb(Tensor.of(0.0, 1.0)).toString());
        Tensor wrong = d.logProb(Tensor.of(1.0, 0.0));
        assertEquals(Double.NEGATIVE_INFINITY, wrong.at(0));
        assertEquals(Double.NEGATIVE_INFINITY, wrong.at(1));
        assertEquals(0.0, d.entropy().at(0), 0.0);
        assertEquals(0.0, d.entropy().at(1), 0.0);
        Tensor x = d.sample(org.elbo4j.random.RandomStream.of(SEED), 1000);
        for (int i = 0; i < 1000; i++) {
            assertEquals(0.0, x.at(2 * i), 0.0);
            assertEquals(1.0, x.at(2 * i + 1));
        }
        // d/dp [y log p + (1−y) log(1−p)] at (p, y) = (0, 0) is −1 and at (1, 1) is +1: finite, no 0·∞
        Tensor g = Autodiff.grad(
                        List.of(Tensor.of(0.0, 1.0)),
                        ps -> Bernoulli.ofProbs(ps.get(0))
                                .logProb(Tensor.of(0.0, 1.0))
                                .sum())
                .get(0);
        assertEquals(-1.0, g.at(0), 1e-15);
        assertEquals(1.0, g.at(1), 1e-15);
    }

    /** A value outside {0, 1} gets −∞ without turning the parameter's gradient into NaN. */
    @Test
    void outsideValueLeavesTheGradientFinite() {
        Tensor g = Autodiff.grad(List.of(Tensor.scalar(0.3)), ps -> {
                    Tensor lp = Bernoulli.ofProbs(ps.get(0)).logProb(Tensor.of(1.0, 7.0));
                    return Tensor.where(Tensor.of(1.0, 0.0), lp, Tensor.scalar(0.0))
                            .sum();
                })
                .get(0);
        assertEquals(1 / 0.3, g.item(), 1e-12);
        assertTrue(Double.isFinite(g.item()));
    }
}
