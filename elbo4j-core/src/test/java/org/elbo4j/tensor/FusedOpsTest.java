package org.elbo4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elbo4j.autodiff.GradCheck;
import org.junit.jupiter.api.Test;

/** Fused kernels against their op-by-op definitions: values to 1e-14, gradients by finite differences (1e-6). */
class FusedOpsTest {
    static final double GRAD_TOL = 1e-6; // central differences with step 1e-6: truncation and rounding both < 1e-8

    @Test
    void normalLogProbMatchesTheOpByOpFormAndItsGradient() {
        Tensor x = Tensor.of(new double[] {0.3, -1.2, 2.0, 0.7, 1.1, -0.4}, 2, 3);
        Tensor[][] cases = {
            {x, Tensor.of(0.1, -0.2, 0.5), Tensor.scalar(1.3)}, // loc [3] over rows, scalar scale
            {x, Tensor.scalar(0.2), Tensor.of(new double[] {0.5, 2.0}, 2, 1)}, // scale [2,1] over columns
            {Tensor.scalar(0.4), Tensor.of(0.1, -0.2, 0.5), Tensor.of(0.9, 1.1, 3.0)},
        };
        int checked = 0;
        for (Tensor[] c : cases) {
            Tensor fused = FusedOps.normalLogProb(c[0], c[1], c[2]);
            Tensor z = c[0].sub(c[1]).div(c[2]);
            Tensor plain = z.square().mul(-0.5).sub(c[2].log()).sub(0.5 * Math.log(2 * Math.PI));
            assertEquals(plain.shape(), fused.shape());
            for (int i = 0; i < plain.size(); i++) assertEquals(plain.at(i), fused.at(i), 1e-14);
            Tensor w = Tensor.range(plain.size()).add(1).reshape(plain.shape()); // weights: every entry matters
            var r = GradCheck.compare(
                    List.of(c[0], c[1], c[2]),
                    p -> FusedOps.normalLogProb(p.get(0), p.get(1), p.get(2))
                            .mul(w)
                            .sum(),
                    1e-6);
            assertTrue(r.error() < GRAD_TOL, r.toString());
            checked++;
        }
        assertEquals(3, checked);
    }

    @Test
    void bernoulliLogitLogProbMatchesTheOpByOpFormAndItsGradient() {
        Tensor logits = Tensor.of(new double[] {-30, -2.5, -0.1, 0.0, 0.7, 3.0, 40, 1.5}, 2, 4);
        Tensor y = Tensor.of(new double[] {0, 1, 1, 0, 1, 0, 1, 1}, 2, 4);
        Tensor fused = FusedOps.bernoulliLogitLogProb(logits, y);
        Tensor plain = y.mul(logits).sub(logits.softplus());
        for (int i = 0; i < plain.size(); i++)
            assertEquals(plain.at(i), fused.at(i), 1e-14 * Math.max(1, Math.abs(plain.at(i))));
        Tensor w = Tensor.range(8).add(1).reshape(2, 4);
        var r = GradCheck.compare(
                List.of(logits),
                p -> FusedOps.bernoulliLogitLogProb(p.get(0), y).mul(w).sum(),
                1e-6);
        assertTrue(r.error() < GRAD_TOL, r.toString());
        // y broadcast against a row of logits
        Tensor row = Tensor.of(0.3, -1.0, 2.0, 0.5);
        var r2 = GradCheck.compare(
                List.of(row),
                p -> FusedOps.bernoulliLogitLogProb(p.get(0), y).mul(w).sum(),
                1e-6);
        assertTrue(r2.error() < GRAD_TOL, r2.toString());
    }
}
