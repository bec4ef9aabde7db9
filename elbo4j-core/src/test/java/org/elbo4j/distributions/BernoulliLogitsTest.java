package org.elbo4j.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elbo4j.autodiff.Autodiff;
import org.elbo4j.autodiff.GradCheck;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * {@link Bernoulli} (logits form: the fused kernel) against the distribution contract. Its score-function gradient
 * check compares the Monte Carlo mean of f(y)·∂ log p(y)/∂ℓ with the exact gradient of E[f(y)] = σ(−ℓ)f(0) +
 * σ(ℓ)f(1) (a finite sum, differentiated by central differences).
 */
class BernoulliLogitsTest extends DiscreteContractTest<Bernoulli> {
    @Override
    protected String family() {
        return "Bernoulli";
    }

    @Override
    protected List<String> paramNames() {
        return List.of("logits");
    }

    @Override
    protected Bernoulli create(List<Tensor> p) {
        return Bernoulli.ofLogits(p.get(0));
    }

    @Override
    protected List<Params> cases() {
        return List.of(
                params("l=0", 0.0),
                params("l=-0.85", -0.85),
                params("l=2.2", 2.2),
                params("l=-4", -4.0),
                params("batched [3]", Tensor.of(-2.0, 0.5, 3.0)),
                params("batched [2,2]", Tensor.of(new double[] {-1.0, 1.0, 0.25, -3.0}, 2, 2)));
    }

    /**
     * ℓ + 0.2 (the default ×1.1 barely moves ℓ = 0.25): changes p by σ'(ℓ)·0.2, at least 0.0035 (ℓ = −4), which is
     * 5 SE of the frequency at 40 000 draws.
     */
    @Override
    protected List<Tensor> perturb(List<Tensor> p) {
        return List.of(p.get(0).add(0.2));
    }

    @Override
    protected List<Reference> references() {
        return readScalarReferences(
                "bernoulli_logits.csv", "bernoulli_logits.csv, mpmath via make_discrete_reference.py");
    }

    /** Only NaN is rejected (±∞ are certain outcomes). */
    @Override
    protected List<BadParams> badParams() {
        return List.of(bad("logits", Double.NaN));
    }

    @Override
    protected List<Tensor> outsideValues(Bernoulli d) {
        return integerOutsideValues(d, 2.0);
    }

    @Override
    protected List<KlCase> klCases() {
        return List.of(
                new KlCase(
                        "Bernoulli(l=-0.85) || Bernoulli(l=1)",
                        params("l=-0.85", -0.85),
                        Bernoulli.ofLogits(Tensor.scalar(1.0))),
                new KlCase(
                        "Bernoulli(l=[-2,0.5,3]) || Bernoulli(p=0.3)",
                        params("batched", Tensor.of(-2.0, 0.5, 3.0)),
                        Bernoulli.ofProbs(0.3)));
    }

    /** ℓ = ±∞: log p = 0 or −∞, entropy 0, variance 0, and the gradient y − σ(ℓ) = 0 (the lead's version gave NaN). */
    @Test
    void infiniteLogitsAreCertainOutcomes() {
        Tensor l = Tensor.of(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
        Bernoulli d = Bernoulli.ofLogits(l);
        Tensor lp = d.logProb(Tensor.of(1.0, 0.0));
        assertEquals(0.0, lp.at(0), 0.0);
        assertEquals(0.0, lp.at(1), 0.0);
        assertEquals(0.0, d.entropy().at(0), 0.0);
        assertEquals(0.0, d.entropy().at(1), 0.0);
        assertEquals(0.0, d.variance().at(0), 0.0);
        Tensor g = Autodiff.grad(
                        List.of(l),
                        ps -> Bernoulli.ofLogits(ps.get(0))
                                .logProb(Tensor.of(1.0, 0.0))
                                .sum())
                .get(0);
        assertEquals(0.0, g.at(0), 0.0);
        assertEquals(0.0, g.at(1), 0.0);
    }

    /** Entropy for large |ℓ| keeps its relative accuracy (≈ e^−40·41 at ℓ = 40), against mpmath. */
    @Test
    void entropyIsAccurateInTheTails() {
        // mpmath, 50 digits: p = 1/(1+exp(-40)); q = 1/(1+exp(40)); -(p*log(p) + q*log(q)) = 1.7418252446695514e-16
        double h = Bernoulli.ofLogits(Tensor.scalar(40.0)).entropy().item();
        assertEquals(1.7418252446695514e-16, h, 1e-30);
        var r = GradCheck.compare(
                List.of(Tensor.of(-30.0, -3.0, 0.0, 0.7, 25.0)),
                ps -> Bernoulli.ofLogits(ps.get(0)).entropy().sum(),
                1e-6);
        assertTrue(r.error() < 1e-7, r.toString());
    }
}
