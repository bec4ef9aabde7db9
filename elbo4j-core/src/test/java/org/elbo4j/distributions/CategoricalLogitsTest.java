package org.elbo4j.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elbo4j.autodiff.Autodiff;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * {@link Categorical} (logits form, the fused log-softmax) against the distribution contract: its score-function
 * gradient check compares the Monte Carlo mean of f(k)·∇_ℓ log p(k) with the exact ∇_ℓ Σ_k softmax(ℓ)_k f(k).
 */
class CategoricalLogitsTest extends DiscreteContractTest<Categorical> {
    @Override
    protected String family() {
        return "Categorical";
    }

    @Override
    protected List<String> paramNames() {
        return List.of("logits");
    }

    @Override
    protected Categorical create(List<Tensor> p) {
        return Categorical.ofLogits(p.get(0));
    }

    @Override
    protected boolean isVector(int i) {
        return true;
    }

    @Override
    protected List<Params> cases() {
        return List.of(
                params("K=3", Tensor.of(0.0, 1.0, -1.0)),
                params("K=2", Tensor.of(2.0, -0.5)),
                params("K=6 wide", Tensor.of(-5.0, 3.0, 0.0, 0.5, 2.9, -1.0)),
                params("batched [2,3]", Tensor.of(new double[] {0.0, 0.0, 1.0, 4.0, -4.0, 0.0}, 2, 3)));
    }

    @Override
    protected List<Params> gradientCases() {
        return List.of(
                params("K=3", Tensor.of(0.0, 1.0, -1.0)),
                params("K=2", Tensor.of(2.0, -0.5)),
                params("batched [2,3]", Tensor.of(new double[] {0.0, 0.0, 1.0, 4.0, -4.0, 0.0}, 2, 3)));
    }

    /** E[f(k)] = Σ_k softmax(ℓ)_k·f(k) (softmax by plain tensor ops, independent of the fused kernel). */
    @Override
    protected Tensor expectation(List<Tensor> p, TestFunction f) {
        Tensor l = p.get(0), e = l.sub(l.max(-1, true).detach()).exp();
        Tensor fk = f.f().apply(Tensor.range(l.dim(-1)));
        return e.div(e.sum(-1, true)).mul(fk).sum(-1);
    }

    /**
     * The largest logit of each row + 0.5: moves its probability by ≈ p(1 − p)·0.5, least in the row [4, −4, 0]
     * (p = 0.982: by 0.0088, 13 SE of a frequency at 40 000 draws); a fixed category could have a tiny p and
     * barely move.
     */
    @Override
    protected List<Tensor> perturb(List<Tensor> p) {
        double[] v = p.get(0).toArray();
        int k = p.get(0).dim(-1);
        for (int r = 0; r < v.length / k; r++) {
            int best = r * k;
            for (int i = 1; i < k; i++) if (v[r * k + i] > v[best]) best = r * k + i;
            v[best] += 0.5;
        }
        return List.of(Tensor.of(v, p.get(0).shape()));
    }

    @Override
    protected List<Reference> references() {
        return readVectorReferences(
                "categorical_logits.csv", "categorical_logits.csv, mpmath via make_discrete_reference.py");
    }

    @Override
    protected List<BadParams> badParams() {
        return List.of(
                new BadParams("logits", List.of(Tensor.of(0.0, Double.NaN))),
                new BadParams("logits", List.of(Tensor.of(0.0, Double.POSITIVE_INFINITY))),
                new BadParams("logits", List.of(Tensor.of(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY))),
                new BadParams("logits", List.of(Tensor.scalar(0.0))));
    }

    @Override
    protected List<Tensor> outsideValues(Categorical d) {
        return integerOutsideValues(d, d.numCategories());
    }

    @Override
    protected List<KlCase> klCases() {
        return List.of(new KlCase(
                "Cat(l=[0,1,-1]) || Cat(l=[1,0,0])",
                params("K=3", Tensor.of(0.0, 1.0, -1.0)),
                Categorical.ofLogits(Tensor.of(1.0, 0.0, 0.0))));
    }

    /**
     * The parameter is a vector, so no case is "all scalar"; the scalar-batch cases go through the inherited
     * mass and entropy check (sums over the K categories; Categorical has no mean or variance).
     */
    @Override
    protected List<Params> quadratureCases() {
        return cases().stream()
                .filter(c -> create(c.values()).batchShape().isScalar())
                .toList();
    }

    /** −∞ logits: an impossible category with finite gradients elsewhere; logits shifted by a constant change nothing. */
    @Test
    void minusInfinityAndShiftInvariance() {
        Tensor l = Tensor.of(Double.NEGATIVE_INFINITY, 0.5, 0.2);
        Categorical d = Categorical.ofLogits(l);
        assertEquals(Double.NEGATIVE_INFINITY, d.logProb(Tensor.scalar(0.0)).item());
        assertEquals(0.0, d.probs().at(0), 0.0);
        Tensor g = Autodiff.grad(List.of(l), ps -> {
                    Categorical c = Categorical.ofLogits(ps.get(0));
                    return c.logProb(Tensor.of(1.0, 2.0)).sum().add(c.entropy());
                })
                .get(0);
        for (int i = 0; i < 3; i++) assertTrue(Double.isFinite(g.at(i)), "gradient " + g);
        assertEquals(0.0, g.at(0), 0.0);
        Categorical shifted = Categorical.ofLogits(Tensor.of(100.0, 101.0, 99.0));
        Categorical base = Categorical.ofLogits(Tensor.of(0.0, 1.0, -1.0));
        for (int k = 0; k < 3; k++) {
            assertEquals(
                    base.logProb(Tensor.scalar(k)).item(),
                    shifted.logProb(Tensor.scalar(k)).item(),
                    1e-13);
        }
    }
}
