package org.elbo4j.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * {@link Binomial} (probs form) against the distribution contract; the cases run both samplers (inversion for
 * n·min(p, q) < 10, BTRS above) and the p > ½ reflection. The logits form is checked against its own reference
 * table.
 *
 * <p>totalCount is a count, not a differentiable parameter, but the contract's gradient checks perturb every
 * parameter; so the test factory snaps a totalCount within 0.1 of an integer back to it (the finite-difference
 * and the autodiff gradients for it are then both 0). The gradient cases keep n ≤ 40 so that the largest step,
 * 2e−3·n, snaps back.
 */
class BinomialTest extends DiscreteContractTest<Binomial> {
    @Override
    protected String family() {
        return "Binomial";
    }

    @Override
    protected List<String> paramNames() {
        return List.of("totalCount", "probs");
    }

    @Override
    protected Binomial create(List<Tensor> p) {
        double[] n = p.get(0).toArray();
        for (int i = 0; i < n.length; i++) if (Math.abs(n[i] - Math.rint(n[i])) <= 0.1) n[i] = Math.rint(n[i]);
        return Binomial.ofProbs(Tensor.of(n, p.get(0).shape()), p.get(1));
    }

    @Override
    protected List<Params> cases() {
        return List.of(
                params("n=10 p=0.3 (inversion)", 10.0, 0.3),
                params("n=1 p=0.5", 1.0, 0.5),
                params("n=25 p=0.9 (reflected, inversion)", 25.0, 0.9),
                params("n=40 p=0.4 (BTRS)", 40.0, 0.4),
                params("n=1000 p=0.02 (BTRS, n*p=20)", 1000.0, 0.02),
                params("n=5000 p=0.001 (inversion, n*p=5)", 5000.0, 0.001),
                params("n=300 p=0.97 (reflected, inversion)", 300.0, 0.97),
                params("batched [4]", Tensor.of(5.0, 50.0, 500.0, 20000.0), Tensor.of(0.5, 0.2, 0.7, 0.35)),
                params("broadcast [2,1] x [3]", Tensor.of(new double[] {3.0, 40.0}, 2, 1), Tensor.of(0.1, 0.6, 0.999)));
    }

    @Override
    protected List<Params> gradientCases() {
        return List.of(
                params("n=10 p=0.3", 10.0, 0.3), params("n=25 p=0.9", 25.0, 0.9), params("n=40 p=0.4", 40.0, 0.4));
    }

    /** The count is data: its score-function "gradient" is not a parameter gradient. */
    @Override
    protected java.util.Set<Integer> scoreFunctionParams() {
        return indices(1);
    }

    /**
     * p moved toward ½ by δ = min(0.05, 1/√n, (1 − p)/2 or p/2), n unchanged (a perturbed count is not a count).
     * Large enough that 40 000 draws reject every case (the power test asserts it; e.g. n = 20 000, p = 0.35 moves
     * the mean by 2.1 SD), small enough that the perturbed pmf still covers the draws (the chi-square pools the mass
     * beyond the largest draw into one cell, so a model whose mass lies wholly beyond the draws would leave one cell
     * and no test).
     */
    @Override
    protected List<Tensor> perturb(List<Tensor> p) {
        Tensor nb = p.get(0)
                .broadcastTo(
                        Shape.broadcast("perturb", p.get(0).shape(), p.get(1).shape()));
        double[] out = nb.mul(0).add(p.get(1)).toArray();
        for (int i = 0; i < out.length; i++) {
            double pi = out[i], d = Math.min(0.05, 1 / Math.sqrt(nb.at(i)));
            out[i] += pi <= 0.5 ? Math.min(d, pi / 2) : -Math.min(d, (1 - pi) / 2);
        }
        return List.of(p.get(0), Tensor.of(out, nb.shape()));
    }

    @Override
    protected List<Reference> references() {
        return readScalarReferences("binomial.csv", "binomial.csv, mpmath/SciPy via make_discrete_reference.py");
    }

    @Override
    protected List<BadParams> badParams() {
        return List.of(
                bad("totalCount", -1.0, 0.5),
                bad("totalCount", 2.5, 0.5),
                bad("totalCount", Double.NaN, 0.5),
                bad("totalCount", Double.POSITIVE_INFINITY, 0.5),
                bad("probs", 10.0, -0.1),
                bad("probs", 10.0, 1.1),
                bad("probs", 10.0, Double.NaN));
    }

    @Override
    protected List<Tensor> outsideValues(Binomial d) {
        return integerOutsideValues(
                d, d.totalCount().broadcastTo(d.batchShape()).max().item() + 1);
    }

    @Override
    protected List<KlCase> klCases() {
        return List.of(
                new KlCase(
                        "Binomial(10,0.3) || Binomial(10,0.5)",
                        params("n=10 p=0.3", 10.0, 0.3),
                        Binomial.ofProbs(10, 0.5)),
                new KlCase(
                        "Binomial(40,0.4) || Binomial(40, logits 1)",
                        params("n=40 p=0.4", 40.0, 0.4),
                        Binomial.ofLogits(Tensor.scalar(40.0), Tensor.scalar(1.0))));
    }

    /** The logits form against its mpmath table (including ℓ = ±∞ and large n). */
    @Test
    void logitsFormMatchesReferenceValues() {
        int checked = 0;
        for (double[][] r : readTable("binomial_logits.csv")) {
            double got = Binomial.ofLogits(Tensor.scalar(r[0][0]), Tensor.scalar(r[1][0]))
                    .logProb(Tensor.scalar(r[2][0]))
                    .item();
            double want = r[3][0];
            if (want == Double.NEGATIVE_INFINITY)
                assertEquals(want, got, "n=" + r[0][0] + " l=" + r[1][0] + " k=" + r[2][0]);
            else
                assertEquals(
                        want,
                        got,
                        REFERENCE_REL_TOL * Math.max(1, Math.abs(want)),
                        "n=" + r[0][0] + " l=" + r[1][0] + " k=" + r[2][0]);
            checked++;
        }
        assertTrue(checked >= 10);
    }

    /** A value above the (batched) totalCount is outside the support. */
    @Test
    void supportFollowsTheBatchedCount() {
        Binomial d = Binomial.ofProbs(Tensor.of(2.0, 5.0), Tensor.scalar(0.5));
        Tensor lp = d.logProb(Tensor.of(3.0, 3.0));
        assertEquals(Double.NEGATIVE_INFINITY, lp.at(0));
        assertEquals(Math.log(10.0 / 32), lp.at(1), 1e-14);
    }
}
