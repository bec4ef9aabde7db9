package org.elbo4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * A chain of 1,000 scalar ops (125 steps of 8) through which the parameters enter at every step. Each step is
 * a small residual update, h ← 0.999·(h + c·log(exp(tanh(a·h + b)))), whose derivative in h lies in
 * [0.99, 1.01]: the gradient with respect to the starting point x stays O(1) across all 1,000 ops, and every
 * step contributes about 1/125 of the gradients with respect to a, b and c. Running the rules out of reverse
 * creation order, skipping or repeating one anywhere on the tape (including across its regrowth at 256 and
 * 512 entries) changes a gradient by ≳1e-3 relative, far above the tolerance.
 */
class LongChainTest {
    static final int STEPS = 125, OPS_PER_STEP = 8;

    static Tensor chain(Tensor x, Tensor a, Tensor b, Tensor c) {
        Tensor h = x;
        for (int i = 0; i < STEPS; i++) {
            Tensor t = h.mul(a).add(b).tanh().exp().log().mul(c); // 6 ops
            h = h.add(t).mul(0.999); // 2 ops
        }
        return h;
    }

    /**
     * Step 1e-5 rather than the default 1e-6: the chain's value carries about 1,000 roundings (≈1e-13), so the
     * difference quotient's rounding error is ≈1e-13/1e-5 = 1e-8 and its truncation error ≈h²·|f'''| ≈ 1e-10;
     * a tolerance of 1e-6 is ≥ 100× that noise.
     */
    @Test
    void thousandOpChainMatchesFiniteDifferences() {
        List<Tensor> params = List.of(Tensor.scalar(0.3), Tensor.scalar(0.9), Tensor.scalar(-0.2), Tensor.scalar(0.01));
        AtomicInteger recorded = new AtomicInteger();
        ValueAndGrad vg = Autodiff.valueAndGrad(params, p -> {
            Tensor out = chain(p.get(0), p.get(1), p.get(2), p.get(3));
            recorded.set(out.tape().size());
            return out;
        });
        assertEquals(4 + STEPS * OPS_PER_STEP, recorded.get(), "4 leaves and 1,000 ops, each recorded once");
        assertEquals(1000, STEPS * OPS_PER_STEP);
        double dx = vg.gradient(0).item();
        assertTrue(dx > 0.5 && dx < 3, "the start still matters after 1,000 ops: dh/dx = " + dx);
        for (int i = 1; i < 4; i++) {
            assertTrue(Math.abs(vg.gradient(i).item()) > 0.1, "parameter " + i + ": " + vg.gradient(i));
        }
        GradCheck.Result r = GradCheck.compare(params, p -> chain(p.get(0), p.get(1), p.get(2), p.get(3)), 1e-5);
        assertEquals(4, r.checked());
        assertTrue(r.error() < 1e-6, r.toString());
    }
}
