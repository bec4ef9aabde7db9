package org.elbo4j.nn;

import static org.elbo4j.autodiff.GradientAssertions.expectGradient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.elbo4j.autodiff.Autodiff;
import org.elbo4j.optim.ParamStore;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LinearTest {
    private static Tensor gauss(RandomStream r, double scale, int... shape) {
        double[] v = new double[Shape.of(shape).size()];
        r.fillGaussian(v, 0, v.length);
        for (int i = 0; i < v.length; i++) v[i] *= scale;
        return Tensor.of(v, shape);
    }

    private static Tensor opByOp(Tensor x, Tensor w, Tensor b, Activation f) {
        Tensor a = x.matmul(w).add(b);
        return switch (f) {
            case TANH -> a.tanh();
            case RELU -> a.relu();
            case SOFTPLUS -> a.softplus();
            case SIGMOID -> a.sigmoid();
            case IDENTITY -> a;
        };
    }

    /** Tolerance of the value comparison: both sides round differently (GEMM with β = 1 vs add afterwards). */
    static final double VALUE_TOL = 1e-13;

    @Test
    void fusedLayerEqualsTheOpByOpForm() {
        RandomStream r = RandomStream.of(3);
        Tensor x = gauss(r, 1, 7, 5), w = gauss(r, 0.5, 5, 4), b = gauss(r, 0.5, 4);
        for (Activation f : Activation.values()) {
            Tensor fused = Linear.apply("t", x, w, b, f), ref = opByOp(x, w, b, f);
            assertEquals(Shape.of(7, 4), fused.shape());
            for (int i = 0; i < ref.size(); i++) assertEquals(ref.at(i), fused.at(i), VALUE_TOL, f + " at " + i);
        }
    }

    @Test
    void gradientsOfTheFusedLayerMatchFiniteDifferences() {
        RandomStream r = RandomStream.of(4);
        Tensor x = gauss(r, 1, 6, 5), w = gauss(r, 0.5, 5, 3), b = gauss(r, 0.5, 3);
        int cases = 0;
        for (Activation f : Activation.values()) {
            cases += expectGradient("linear " + f, p -> Linear.apply("t", p.get(0), p.get(1), p.get(2), f), x, w, b);
        }
        // rank-3 input (L samples of a batch), relu away from its kink
        Tensor x3 = gauss(r, 1, 2, 3, 5);
        cases += expectGradient(
                "linear rank 3", p -> Linear.apply("t", p.get(0), p.get(1), p.get(2), Activation.TANH), x3, w, b);
        assertEquals(Activation.values().length + 1, cases);
    }

    @Test
    void dataInputsGetNoGradientAndParamsDo() {
        RandomStream r = RandomStream.of(5);
        Tensor x = gauss(r, 1, 4, 3), w = gauss(r, 1, 3, 2), b = gauss(r, 1, 2);
        List<Tensor> g = Autodiff.grad(
                List.of(w, b),
                p -> Linear.apply("t", x, p.get(0), p.get(1), Activation.TANH).sum());
        assertEquals(w.shape(), g.get(0).shape());
        assertEquals(b.shape(), g.get(1).shape());
    }

    @Test
    void shapesAreCheckedWithNamedMessages() {
        Linear l = Linear.of("enc", 5, 3);
        ParamStore s = new ParamStore();
        l.initialize(s, RandomStream.of(1));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> l.forward(Params.of(s), Tensor.zeros(2, 4)));
        assertTrue(e.getMessage().contains("enc") && e.getMessage().contains("[2, 4]"), e.getMessage());
        s.put("enc.bias", Tensor.zeros(3));
        ParamStore bad = new ParamStore();
        bad.put("enc.weight", Tensor.zeros(3, 5));
        bad.put("enc.bias", Tensor.zeros(3));
        e = assertThrows(IllegalArgumentException.class, () -> l.forward(Params.of(bad), Tensor.zeros(2, 5)));
        assertTrue(e.getMessage().contains("enc.weight"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Linear.of("x", 0, 3));
        assertEquals(Map.of("enc.weight", Shape.of(5, 3), "enc.bias", Shape.of(3)), l.parameterShapes());
    }

    /**
     * Initialisations: range and moments of 400×784 = 313,600 draws. The sample variance of U(−r, r) has standard
     * error ≈ r²·0.298/√n ≈ 5e-4·r², of N(0, s²) ≈ s²·√(2/n) ≈ 2.5e-3·s²: tolerances of 2 % are > 8 standard errors.
     */
    @Test
    void initialisationsHaveTheirStatedDistributions() {
        int in = 784, out = 400;
        double[] w = new double[in * out], b = new double[out];
        Init.xavierUniform().fill(w, b, in, out, RandomStream.of(1));
        double r = Math.sqrt(6.0 / (in + out));
        assertEquals(r * r / 3, variance(w), 0.02 * r * r / 3);
        for (double v : w) assertTrue(Math.abs(v) <= r);
        for (double v : b) assertEquals(0.0, v);

        Init.normal(0.01).fill(w, b, in, out, RandomStream.of(2));
        assertEquals(1e-4, variance(w), 0.02 * 1e-4);

        Init.fanInUniform().fill(w, b, in, out, RandomStream.of(3));
        double t = 1 / Math.sqrt(in);
        assertEquals(t * t / 3, variance(w), 0.02 * t * t / 3);
        for (double v : b) assertTrue(Math.abs(v) <= t && v != 0);

        for (String id : new String[] {"xavier", "torch", "normal:0.05"})
            assertEquals(id, Init.byName(id).id());
        assertEquals("normal:0.01", Init.byName("normal").id());
        assertThrows(IllegalArgumentException.class, () -> Init.byName("he"));
        assertThrows(IllegalArgumentException.class, () -> Init.normal(-1));
    }

    private static double variance(double[] v) {
        double m = 0, s = 0;
        for (double x : v) m += x;
        m /= v.length;
        for (double x : v) s += (x - m) * (x - m);
        return s / (v.length - 1);
    }
}
