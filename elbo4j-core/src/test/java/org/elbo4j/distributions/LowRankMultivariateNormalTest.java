package org.elbo4j.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** {@link LowRankMultivariateNormal} against the distribution contract, and against the full-covariance family. */
class LowRankMultivariateNormalTest extends DistributionContractTest<LowRankMultivariateNormal> {
    private static final Tensor W3 = Tensor.of(new double[] {1.0, 0.0, 0.5, 1.0, -0.3, 0.2}, 3, 2);
    private static final Tensor D3 = Tensor.of(0.5, 0.1, 2.0);

    @Override
    protected String family() {
        return "LowRankMultivariateNormal";
    }

    @Override
    protected List<String> paramNames() {
        return List.of("loc", "covFactor", "covDiag");
    }

    @Override
    protected boolean isLocationScale() {
        return true;
    }

    @Override
    protected LowRankMultivariateNormal create(List<Tensor> p) {
        return LowRankMultivariateNormal.of(p.get(0), p.get(1), p.get(2));
    }

    @Override
    protected List<Params> cases() {
        return List.of(
                params(
                        "rank 1 in 2d",
                        Tensor.of(0.0, 0.0),
                        Tensor.of(new double[] {1.0, 0.5}, 2, 1),
                        Tensor.of(1.0, 2.0)),
                params("rank 2 in 3d", Tensor.of(1.0, -2.0, 0.5), W3, D3),
                params(
                        "badly scaled",
                        Tensor.zeros(4),
                        Tensor.of(new double[] {1e-3, 1, 10, 0}, 4, 1),
                        Tensor.of(1e-4, 1, 1e2, 3)),
                params("rank 3 in 1d", Tensor.of(2.0), Tensor.of(new double[] {0.2, -0.1, 0.3}, 1, 3), Tensor.of(0.05)),
                params("batched loc [2,3]", Tensor.of(new double[] {0, 0, 0, 1, 2, 3}, 2, 3), W3, D3),
                params(
                        "batched factor [2,3,2]",
                        Tensor.of(1.0, -1.0, 0.0),
                        Tensor.stack(W3, W3.mul(-2)),
                        Tensor.of(new double[] {0.5, 0.1, 2, 1, 1, 1}, 2, 3)));
    }

    @Override
    protected List<Params> gradientCases() {
        return List.of(cases().get(0), cases().get(1));
    }

    /** Var z_i = Σ_j W_ij² + D_i; then E[Σz_i], E[Σz_i²], E[Σ sin z_i] as for MultivariateNormal. */
    @Override
    protected Tensor expectation(List<Tensor> p, TestFunction f) {
        Tensor mu = p.get(0), var = p.get(1).square().sum(-1).add(p.get(2));
        Tensor e;
        if (f == IDENTITY) e = mu.add(var.mul(0));
        else if (f == SQUARE) e = mu.square().add(var);
        else if (f == SIN) e = TestFunctions.sin(mu).mul(var.mul(-0.5).exp());
        else return null;
        return e.sum(-1);
    }

    @Override
    protected Tensor covariance(LowRankMultivariateNormal d) {
        return d.covarianceMatrix();
    }

    /** loc moved only (the default would also move W and D; fine, but loc alone keeps the message simple). */
    @Override
    protected List<Tensor> perturb(List<Tensor> p) {
        double[] v = p.get(0).toArray();
        for (int i = 0; i < v.length; i++) v[i] = v[i] == 0 ? 0.1 : 1.1 * v[i];
        return List.of(Tensor.of(v, p.get(0).shape()), p.get(1), p.get(2));
    }

    @Override
    protected List<Reference> references() {
        List<Reference> refs = new ArrayList<>();
        for (double[][] row : readTable("lowrank_mvn.csv")) {
            int d = row[0].length, k = (int) row[1][0];
            Params p = params(
                    "lowrank_mvn.csv d=" + d + " k=" + k,
                    Tensor.of(row[0]),
                    Tensor.of(row[2], d, k),
                    Tensor.of(row[3]));
            refs.add(new Reference(
                    p, Tensor.of(row[4]), Tensor.scalar(row[5][0]), "lowrank_mvn.csv, mpmath via make_reference.py"));
        }
        return refs;
    }

    @Override
    protected List<BadParams> badParams() {
        Tensor loc = Tensor.of(0.0, 0.0), w = Tensor.of(new double[] {1, 0.5}, 2, 1), dg = Tensor.of(1.0, 2.0);
        return List.of(
                new BadParams("loc", List.of(Tensor.scalar(0.0), w, dg)),
                new BadParams("loc", List.of(Tensor.of(Double.NaN, 0.0), w, dg)),
                new BadParams("covFactor", List.of(loc, Tensor.of(new double[] {1, 0.5, 2}, 3, 1), dg)),
                new BadParams(
                        "covFactor", List.of(loc, Tensor.of(new double[] {1, Double.POSITIVE_INFINITY}, 2, 1), dg)),
                new BadParams("covDiag", List.of(loc, w, Tensor.of(1.0, 0.0))),
                new BadParams("covDiag", List.of(loc, w, Tensor.of(1.0, Double.NaN))),
                new BadParams("covDiag", List.of(loc, w, Tensor.of(1.0, 2.0, 3.0))));
    }

    @Test
    void agreesWithTheFullCovarianceFamily() {
        Tensor loc = Tensor.of(new double[] {0, 0, 0, 1, 2, 3}, 2, 3);
        LowRankMultivariateNormal lr = LowRankMultivariateNormal.of(loc, W3, D3);
        MultivariateNormal full = MultivariateNormal.ofCovariance(loc, lr.covarianceMatrix());
        Tensor x = full.sample(RandomStream.of(SEED), Shape.of(5));
        Tensor a = lr.logProb(x), b = full.logProb(x);
        for (int i = 0; i < a.size(); i++) assertEquals(b.at(i), a.at(i), 1e-12 * (1 + Math.abs(b.at(i))));
        for (int i = 0; i < 2; i++)
            assertEquals(full.entropy().at(i), lr.entropy().at(i), 1e-12);
        for (int i = 0; i < 6; i++)
            assertEquals(full.variance().at(i), lr.variance().at(i), 1e-12);
    }
}
