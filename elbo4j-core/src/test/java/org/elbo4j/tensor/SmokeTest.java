package org.elbo4j.tensor;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.elbo4j.autodiff.Autodiff;
import org.elbo4j.autodiff.GradCheck;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void gradientsOfAMixedExpression() {
        Tensor x = Tensor.of(new double[] {0.3, -1.2, 2.0, 0.7, 1.1, -0.4}, 2, 3);
        Tensor w = Tensor.of(0.5, -0.25, 1.5);
        Tensor l = Tensor.of(new double[] {2, 0, 0, 0.5, 1.5, 0, -0.3, 0.2, 1.1}, 3, 3);
        var r = GradCheck.compare(List.of(x, w, l), p -> {
            Tensor a = p.get(0).matmul(p.get(2)).add(p.get(1)).tanh();
            Tensor b = p.get(0).mul(p.get(1)).softplus().logSumExp(1);
            Tensor c = p.get(2).matmul(p.get(2).transpose()).add(Tensor.eye(3)).cholesky();
            Tensor d = c.solveTriangular(p.get(1), true, false).square().sum();
            return a.sum().add(b.sum()).add(d).add(p.get(0).sigmoid().log1p().mean());
        }, 1e-6);
        assertTrue(r.error() < 1e-6, r.toString());
        assertEquals(18, r.checked());
        System.out.println(Tensor.of(new double[][] {{1, 2.5}, {3, 4}}));
    }
}
