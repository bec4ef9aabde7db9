package org.elbo4j.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elbo4j.autodiff.GradCheck;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * {@link NormalIdGlm}: the fused log density against its definition (a Normal at α + xβ, computed by a plain loop),
 * its closed-form gradients against central finite differences in every argument, draws, and errors.
 */
class NormalIdGlmTest {
    static final int N = 7, K = 3;
    /** Per-entry agreement of two double computations of the same sum of K + 3 terms. */
    static final double VALUE_TOL = 1e-13;

    private static Tensor gaussian(RandomStream rng, int... dims) {
        Shape s = Shape.of(dims);
        double[] v = new double[s.size()];
        rng.fillGaussian(v, 0, v.length);
        return Tensor.of(v, s);
    }

    /** log N(y_i | α_i + x_i·β, σ_i) by a plain loop. */
    private static double[] byDefinition(Tensor x, Tensor a, Tensor b, Tensor s, Tensor y) {
        double[] out = new double[N];
        for (int i = 0; i < N; i++) {
            double m = a.rank() == 0 ? a.item() : a.at(i);
            for (int j = 0; j < K; j++) m += x.get(i, j) * b.at(j);
            double sd = s.rank() == 0 ? s.item() : s.at(i), z = (y.at(i) - m) / sd;
            out[i] = -0.5 * z * z - Math.log(sd) - 0.5 * Math.log(2 * Math.PI);
        }
        return out;
    }

    @Test
    void logProbIsTheNormalAtTheLinearPredictor() {
        RandomStream rng = RandomStream.of(1);
        Tensor x = gaussian(rng, N, K),
                b = gaussian(rng, K),
                y = gaussian(rng, N).mul(3);
        int checked = 0;
        for (Tensor a : List.of(Tensor.scalar(0.7), gaussian(rng, N))) {
            for (Tensor s : List.of(Tensor.scalar(1.3), gaussian(rng, N).abs().add(0.2))) {
                Tensor lp = NormalIdGlm.of(x, a, b, s).logProb(y);
                assertEquals(Shape.of(N), lp.shape());
                double[] want = byDefinition(x, a, b, s, y);
                for (int i = 0; i < N; i++) assertEquals(want[i], lp.at(i), VALUE_TOL * Math.max(1, Math.abs(want[i])));
                checked++;
            }
        }
        assertEquals(4, checked);
    }

    @Test
    void gradientsMatchFiniteDifferencesInEveryArgument() {
        RandomStream rng = RandomStream.of(2);
        Tensor x = gaussian(rng, N, K),
                b = gaussian(rng, K),
                y = gaussian(rng, N).mul(2);
        Tensor w = gaussian(rng, N); // a non-uniform upstream gradient: Σ w_i log p(y_i)
        for (boolean vectorParams : new boolean[] {false, true}) {
            Tensor a = vectorParams ? gaussian(rng, N) : Tensor.scalar(0.4);
            Tensor s = vectorParams ? gaussian(rng, N).abs().add(0.5) : Tensor.scalar(1.7);
            GradCheck.Result r = GradCheck.compare(
                    List.of(x, a, b, s, y),
                    p -> NormalIdGlm.of(p.get(0), p.get(1), p.get(2), p.get(3))
                            .logProb(p.get(4))
                            .mul(w)
                            .sum(),
                    1e-6);
            assertTrue(r.error() < 1e-6, (vectorParams ? "vector α, σ: " : "scalar α, σ: ") + r);
        }
    }

    @Test
    void leadingSampleDimensionsGoThroughNormal() {
        RandomStream rng = RandomStream.of(3);
        Tensor x = gaussian(rng, N, K), b = gaussian(rng, K);
        NormalIdGlm d = NormalIdGlm.of(x, 0.5, b, 2.0);
        Tensor ys = d.sample(rng, Shape.of(4));
        assertEquals(Shape.of(4, N), ys.shape());
        Tensor lp = d.logProb(ys);
        assertEquals(Shape.of(4, N), lp.shape());
        Tensor row = d.logProb(ys.index(2));
        for (int i = 0; i < N; i++) assertEquals(row.at(i), lp.get(2, i), 1e-12 * Math.abs(row.at(i)));
    }

    /**
     * Draws: the mean of 4000 draws of each y_i lies within 5 standard errors (σ/√4000) of α + x_iβ; a correct
     * sampler fails this for one of the 7 rows with probability ≤ 7·5.7e-7.
     */
    @Test
    void drawsAreCentredOnTheLinearPredictor() {
        RandomStream rng = RandomStream.of(4);
        Tensor x = gaussian(rng, N, K), b = gaussian(rng, K);
        NormalIdGlm d = NormalIdGlm.of(x, -1.0, b, 0.5);
        Tensor ys = d.sample(rng, Shape.of(4000));
        Tensor mean = ys.mean(0), loc = d.mean();
        for (int i = 0; i < N; i++) assertEquals(loc.at(i), mean.at(i), 5 * 0.5 / Math.sqrt(4000));
    }

    @Test
    void badArgumentsAreNamed() {
        Tensor x = Tensor.zeros(N, K), b = Tensor.zeros(K);
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> NormalIdGlm.of(x, Tensor.scalar(0), Tensor.zeros(K + 1), Tensor.scalar(1)));
        assertTrue(e.getMessage().contains("beta") && e.getMessage().contains("[" + K + "]"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class, () -> NormalIdGlm.of(x, Tensor.zeros(N + 1), b, Tensor.scalar(1)));
        assertTrue(e.getMessage().contains("alpha"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NormalIdGlm.of(x, 0.0, b, -1.0));
        assertTrue(e.getMessage().contains("sigma") && e.getMessage().contains("-1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NormalIdGlm.of(Tensor.zeros(N), 0.0, b, 1.0));
        assertTrue(e.getMessage().contains("x must be a matrix"), e.getMessage());
        double[] bad = new double[N * K];
        bad[2 * K + 1] = Double.NaN;
        e = assertThrows(
                IllegalArgumentException.class,
                () -> NormalIdGlm.of(Tensor.of(bad, N, K), 0.0, b, 1.0).logProb(Tensor.zeros(N)));
        assertTrue(e.getMessage().contains("x[2, 1]") && e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> NormalIdGlm.of(x, 0.0, b, 1.0).logProb(Tensor.zeros(N + 1)));
        assertTrue(e.getMessage().contains("NormalIdGlm"), e.getMessage());
    }
}
