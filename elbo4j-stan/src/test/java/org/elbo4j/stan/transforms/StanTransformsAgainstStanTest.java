package org.elbo4j.stan.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.elbo4j.autodiff.Autodiff;
import org.elbo4j.stan.json.JsonValue;
import org.elbo4j.stan.json.StanJson;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The transforms against real Stan: {@code stan_transforms_probe.json} holds rstan 2.21's
 * {@code log_prob(upars, adjust_transform = TRUE)}, {@code grad_log_prob} and {@code constrain_pars} for a program
 * that declares one parameter of every constraint and has an empty model block
 * (elbo4j-bench/peers/stan-reference/probe/stan_transforms_probe/model.stan; made by make_reference.R and
 * probe_to_stan_json.py, see docs/stan-reference.md). So Stan's log density is exactly the sum of the transforms'
 * log-Jacobians (no constant dropped), and its gradient and the constrained values check each transform and Stan's
 * unconstrained layout (matrices column-major, arrays row-major).
 *
 * <p>Tolerance: Stan printed every double with 17 significant digits and evaluated at the printed upars; the two
 * implementations differ only in floating-point rounding (e.g. Stan's running products against sums), about
 * 1e−15 relative per operation over a few hundred operations, so 1e−12 (relative to max(1, |x|)) fails only a
 * different formula or layout.
 */
class StanTransformsAgainstStanTest {
    static final double TOL = 1e-12;

    /** The probe's parameters in declaration order: name, unconstrained size, transform of its slice. */
    record Param(String name, int size, Function<Tensor, Constrained> transform, Function<Tensor, double[]> inverse) {}

    static final Tensor NEG_INF = Tensor.scalar(Double.NEGATIVE_INFINITY);

    static List<Param> params() {
        List<Param> ps = new ArrayList<>();
        ps.add(new Param(
                "a",
                1,
                x -> StanTransforms.lower(x, Tensor.scalar(1.5)),
                y -> StanTransforms.unconstrainLower(y, Tensor.scalar(1.5))));
        ps.add(new Param(
                "b",
                1,
                x -> StanTransforms.upper(x, Tensor.scalar(-1)),
                y -> StanTransforms.unconstrainUpper(y, Tensor.scalar(-1))));
        ps.add(new Param(
                "c",
                1,
                x -> StanTransforms.lowerUpper(x, Tensor.scalar(-3), Tensor.scalar(0.25)),
                y -> StanTransforms.unconstrainLowerUpper(y, Tensor.scalar(-3), Tensor.scalar(0.25))));
        ps.add(new Param(
                "d",
                1,
                x -> StanTransforms.offsetMultiplier(x, Tensor.scalar(1), Tensor.scalar(2.5)),
                y -> StanTransforms.unconstrainOffsetMultiplier(y, Tensor.scalar(1), Tensor.scalar(2.5))));
        ps.add(new Param(
                "e",
                3,
                x -> StanTransforms.lowerUpper(x, Tensor.scalar(-1), Tensor.scalar(2)),
                y -> StanTransforms.unconstrainLowerUpper(y, Tensor.scalar(-1), Tensor.scalar(2))));
        ps.add(new Param(
                "s",
                StanConstraint.SIMPLEX.unconstrainedSize(new int[0], 5),
                StanTransforms::simplex,
                StanTransforms::unconstrainSimplex));
        ps.add(new Param(
                "u",
                StanConstraint.UNIT_VECTOR.unconstrainedSize(new int[0], 3),
                StanTransforms::unitVector,
                StanTransforms::unconstrainUnitVector));
        ps.add(new Param(
                "o",
                StanConstraint.ORDERED.unconstrainedSize(new int[0], 4),
                StanTransforms::ordered,
                StanTransforms::unconstrainOrdered));
        ps.add(new Param(
                "po",
                StanConstraint.POSITIVE_ORDERED.unconstrainedSize(new int[0], 4),
                StanTransforms::positiveOrdered,
                StanTransforms::unconstrainPositiveOrdered));
        ps.add(new Param(
                "lc",
                StanConstraint.CHOLESKY_FACTOR_CORR.unconstrainedSize(new int[0], 4),
                x -> StanTransforms.choleskyFactorCorr(x, 4),
                StanTransforms::unconstrainCholeskyFactorCorr));
        ps.add(new Param(
                "lv",
                StanConstraint.CHOLESKY_FACTOR_COV.unconstrainedSize(new int[0], 4, 3),
                x -> StanTransforms.choleskyFactorCov(x, 4, 3),
                StanTransforms::unconstrainCholeskyFactorCov));
        ps.add(new Param(
                "cm",
                StanConstraint.CORR_MATRIX.unconstrainedSize(new int[0], 4),
                x -> StanTransforms.corrMatrix(x, 4),
                StanTransforms::unconstrainCorrMatrix));
        ps.add(new Param(
                "cv",
                StanConstraint.COV_MATRIX.unconstrainedSize(new int[0], 3),
                x -> StanTransforms.covMatrix(x, 3),
                StanTransforms::unconstrainCovMatrix));
        ps.add(new Param(
                "m",
                StanConstraint.LOWER.unconstrainedSize(new int[0], 2, 3),
                x -> StanTransforms.lower(StanTransforms.fromStanOrder(x, 2, 3), Tensor.scalar(0)),
                y -> StanTransforms.toStanOrder(StanTransforms.unconstrainLower(y, Tensor.scalar(0)), 2, 3)));
        ps.add(new Param(
                "ar",
                StanConstraint.LOWER.unconstrainedSize(new int[] {2, 3}),
                x -> StanTransforms.lower(x.reshape(2, 3), Tensor.scalar(0)),
                y -> StanTransforms.unconstrainLower(y, Tensor.scalar(0))));
        ps.add(new Param(
                "as",
                StanConstraint.SIMPLEX.unconstrainedSize(new int[] {2}, 3),
                x -> StanTransforms.simplex(x.reshape(2, 2)),
                StanTransforms::unconstrainSimplex));
        return ps;
    }

    static Map<String, JsonValue> probe() throws IOException, URISyntaxException {
        var url = StanTransformsAgainstStanTest.class.getResource("stan_transforms_probe.json");
        assertTrue(url != null, "test resource stan_transforms_probe.json is missing");
        return StanJson.read(Path.of(url.toURI()));
    }

    /** Constrains the whole unconstrained vector: the values by name and the total log|J|. */
    static Map<String, Constrained> constrainAll(Tensor upars) {
        Map<String, Constrained> out = new LinkedHashMap<>();
        int at = 0;
        for (Param p : params()) {
            out.put(p.name(), p.transform().apply(upars.slice(at, at + p.size())));
            at += p.size();
        }
        assertEquals(upars.size(), at, "the probe's parameters use every unconstrained value");
        return out;
    }

    static Tensor totalLogJacobian(Tensor upars) {
        Tensor total = Tensor.scalar(0);
        for (Constrained c : constrainAll(upars).values()) total = total.add(c.logJacobian());
        return total;
    }

    @Test
    void logDensityAndGradientEqualStans() throws Exception {
        Map<String, JsonValue> probe = probe();
        int d = (int) probe.get("num_upars").values()[0];
        JsonValue upars = probe.get("upars"), lp = probe.get("log_prob"), grad = probe.get("grad");
        int points = upars.dims()[0];
        assertTrue(points >= 3, "points: " + points);
        for (int k = 0; k < points; k++) {
            double[] u = java.util.Arrays.copyOfRange(upars.values(), k * d, (k + 1) * d);
            var vg = Autodiff.valueAndGrad(List.of(Tensor.of(u)), ps -> totalLogJacobian(ps.get(0)));
            double want = lp.values()[k], got = vg.value().item();
            assertEquals(want, got, TOL * Math.max(1, Math.abs(want)), "log_prob at point " + (k + 1));
            double[] g = vg.gradients().get(0).toArray();
            for (int i = 0; i < d; i++) {
                double gw = grad.values()[k * d + i];
                assertEquals(
                        gw,
                        g[i],
                        TOL * Math.max(1, Math.abs(gw)),
                        "gradient entry " + (i + 1) + " at point " + (k + 1));
            }
        }
    }

    @Test
    void constrainedValuesAndInversesEqualStans() throws Exception {
        Map<String, JsonValue> probe = probe();
        int d = (int) probe.get("num_upars").values()[0];
        double[] u = java.util.Arrays.copyOfRange(probe.get("upars").values(), 0, d);
        Map<String, Constrained> mine = constrainAll(Tensor.of(u));
        int at = 0;
        for (Param p : params()) {
            JsonValue stan = probe.get("constrained_" + p.name());
            assertTrue(stan != null, "the probe has constrain_pars values of " + p.name());
            double[] got = mine.get(p.name()).value().toArray(), want = stan.values();
            assertEquals(want.length, got.length, p.name());
            for (int i = 0; i < want.length; i++) {
                assertEquals(
                        want[i],
                        got[i],
                        TOL * Math.max(1, Math.abs(want[i])),
                        p.name() + " element " + (i + 1) + " (row-major)");
            }
            // Stan's constrained value, unconstrained here, gives back Stan's upars (Stan printed the constrained
            // values to 17 digits; the inverse's conditioning costs a few more ulps than the forward map)
            // (unit_vector is not one-to-one: its inverse gives the unit vector itself)
            double[] back = p.inverse()
                    .apply(Tensor.of(want, mine.get(p.name()).value().shape().dims()));
            double[] expected = p.name().equals("u") ? want : java.util.Arrays.copyOfRange(u, at, at + p.size());
            assertEquals(expected.length, back.length, p.name());
            for (int i = 0; i < back.length; i++) {
                assertEquals(
                        expected[i],
                        back[i],
                        1e-9 * Math.max(1, Math.abs(expected[i])),
                        p.name() + ": unconstrain, element " + (i + 1));
            }
            at += p.size();
        }
        assertEquals(d, at);
    }
}
