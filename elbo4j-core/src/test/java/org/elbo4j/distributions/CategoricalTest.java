package org.elbo4j.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elbo4j.autodiff.Autodiff;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * {@link Categorical} (probs form) against the distribution contract. The parameter is a vector (batch + [K]), so
 * the gradient check uses the exact expectation E[f(k)] = Σ_k p_k f(k) (autodiff of the finite sum), and the
 * mass/entropy check sums over the K categories of each scalar-batch case.
 */
class CategoricalTest extends DiscreteContractTest<Categorical> {
    @Override
    protected String family() {
        return "Categorical";
    }

    @Override
    protected List<String> paramNames() {
        return List.of("probs");
    }

    @Override
    protected Categorical create(List<Tensor> p) {
        return Categorical.ofProbs(p.get(0));
    }

    @Override
    protected boolean isVector(int i) {
        return true;
    }

    @Override
    protected List<Params> cases() {
        return List.of(
                params("K=3", Tensor.of(0.2, 0.3, 0.5)),
                params("K=2", Tensor.of(0.6, 0.4)),
                params("K=10", Tensor.of(0.01, 0.02, 0.03, 0.04, 0.1, 0.2, 0.3, 0.15, 0.1, 0.05)),
                params("batched [2,4]", Tensor.of(new double[] {0.1, 0.2, 0.3, 0.4, 0.25, 0.25, 0.25, 0.25}, 2, 4)),
                params("batched [2,1,3]", Tensor.of(new double[] {0.7, 0.2, 0.1, 0.05, 0.05, 0.9}, 2, 1, 3)));
    }

    @Override
    protected List<Params> gradientCases() {
        return List.of(
                params("K=3", Tensor.of(0.2, 0.3, 0.5)),
                params("K=2", Tensor.of(0.6, 0.4)),
                params("batched [2,4]", Tensor.of(new double[] {0.1, 0.2, 0.3, 0.4, 0.25, 0.25, 0.25, 0.25}, 2, 4)));
    }

    /** E[f(k)] = Σ_k (p_k / Σ_j p_j)·f(k): a finite sum, differentiable in p. */
    @Override
    protected Tensor expectation(List<Tensor> p, TestFunction f) {
        Tensor probs = p.get(0);
        int k = probs.dim(-1);
        Tensor fk = f.f().apply(Tensor.range(k));
        return probs.div(probs.sum(-1, true)).mul(fk).sum(-1);
    }

    /** 0.8p + 0.2·e₀: moves mass to category 0 (a mix toward uniform would leave a uniform row unchanged). */
    @Override
    protected List<Tensor> perturb(List<Tensor> p) {
        Tensor probs = p.get(0);
        double[] e0 = new double[probs.dim(-1)];
        e0[0] = 0.2;
        return List.of(probs.mul(0.8).add(Tensor.of(e0)));
    }

    @Override
    protected List<Reference> references() {
        return readVectorReferences("categorical.csv", "categorical.csv, mpmath/SciPy via make_discrete_reference.py");
    }

    @Override
    protected List<BadParams> badParams() {
        return List.of(
                new BadParams("probs", List.of(Tensor.of(0.5, -0.1, 0.6))),
                new BadParams("probs", List.of(Tensor.of(0.5, 0.4))),
                new BadParams("probs", List.of(Tensor.of(0.5, Double.NaN, 0.5))),
                new BadParams("probs", List.of(Tensor.of(Double.POSITIVE_INFINITY, 0.5))),
                new BadParams("probs", List.of(Tensor.scalar(1.0))),
                new BadParams("probs", List.of(Tensor.of(new double[] {0.5, 0.5, 0.5, 0.6}, 2, 2))));
    }

    @Override
    protected List<Tensor> outsideValues(Categorical d) {
        return integerOutsideValues(d, d.numCategories());
    }

    @Override
    protected List<KlCase> klCases() {
        return List.of(
                new KlCase(
                        "Cat(0.2,0.3,0.5) || Cat(0.4,0.4,0.2)",
                        params("K=3", Tensor.of(0.2, 0.3, 0.5)),
                        Categorical.ofProbs(0.4, 0.4, 0.2)),
                new KlCase(
                        "Cat([2,4]) || Cat(logits [0,1,2,3])",
                        params("batched", Tensor.of(new double[] {0.1, 0.2, 0.3, 0.4, 0.25, 0.25, 0.25, 0.25}, 2, 4)),
                        Categorical.ofLogits(Tensor.of(0.0, 1.0, 2.0, 3.0))));
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

    /** A zero-probability category: never drawn, log p = −∞, and the gradient of entropy/logProb stays finite. */
    @Test
    void zeroProbabilityCategory() {
        Tensor p = Tensor.of(0.0, 0.25, 0.75);
        Categorical d = Categorical.ofProbs(p);
        Tensor x = d.sample(RandomStream.of(SEED), 10_000);
        for (int i = 0; i < x.size(); i++) assertTrue(x.at(i) != 0, "drew the impossible category");
        assertEquals(Double.NEGATIVE_INFINITY, d.logProb(Tensor.scalar(0.0)).item());
        List<Tensor> g = Autodiff.grad(List.of(p), ps -> {
            Categorical c = Categorical.ofProbs(ps.get(0));
            return c.logProb(Tensor.of(1.0, 2.0, 2.0)).sum().add(c.entropy());
        });
        for (int i = 0; i < 3; i++) assertTrue(Double.isFinite(g.get(0).at(i)), "gradient " + g.get(0));
        // ∂/∂p_j of [log(p₁/S) + 2 log(p₂/S) − Σ (p_k/S) log(p_k/S)] at S = 1: δ_j1/p₁ + 2δ_j2/p₂ − 3 − (log p_j + 1) +
        // Σ_k p_k(log p_k + 1)
        double hsum = 0.25 * Math.log(0.25) + 0.75 * Math.log(0.75) + 1;
        assertEquals(1 / 0.25 - 3 - (Math.log(0.25) + 1) + hsum, g.get(0).at(1), 1e-12);
        assertEquals(2 / 0.75 - 3 - (Math.log(0.75) + 1) + hsum, g.get(0).at(2), 1e-12);
    }

    /** logProb broadcasts a value against the batch (the fast path and the general one agree). */
    @Test
    void logProbBroadcasting() {
        Categorical d = Categorical.ofProbs(Tensor.of(new double[] {0.1, 0.9, 0.6, 0.4}, 2, 2));
        Tensor a =
                d.logProb(Tensor.of(new double[] {1.0, 0.0, 0.0, 1.0, 1.0, 1.0}, 3, 2)); // fast path: [3] + batch [2]
        assertEquals(Shape.of(3, 2), a.shape());
        assertEquals(Math.log(0.9), a.at(0), 1e-15);
        assertEquals(Math.log(0.6), a.at(1), 1e-15);
        Tensor b = d.logProb(Tensor.of(new double[] {1.0, 0.0}, 2, 1)); // [2,1] against batch [2] → [2,2]
        assertEquals(Shape.of(2, 2), b.shape());
        assertEquals(Math.log(0.9), b.at(0), 1e-15);
        assertEquals(Math.log(0.4), b.at(1), 1e-15);
        assertEquals(Math.log(0.1), b.at(2), 1e-15);
        assertEquals(Math.log(0.6), b.at(3), 1e-15);
    }
}
