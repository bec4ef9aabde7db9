package org.elbo4j.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elbo4j.autodiff.GradCheck;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Elementwise affine map with tensor loc [3] and scale [2, 3] (negative entries included), x of shape [2, 3]. */
class AffineTransformTest extends TransformContractTest {
    static final Tensor LOC = Tensor.of(0.5, -1, 2);
    static final Tensor SCALE = Tensor.of(new double[][] {{2, -0.5, 3}, {-1.5, 0.25, 1}});
    private static final AffineTransform T = AffineTransform.of(LOC, SCALE);

    @Override
    protected Transform transform() {
        return T;
    }

    @Override
    protected Tensor domainPoint(RandomStream rng) {
        return gaussian(rng, 3, 2, 3);
    }

    @Override
    protected Tensor outsideCodomain() {
        return Tensor.of(new double[][] {{0, 0, 0}, {0, Double.NaN, 0}});
    }

    @Test
    void logAbsDetJacobianIsLogAbsScaleBroadcast() {
        Tensor l = T.logAbsDetJacobian(Tensor.zeros(2, 3), null);
        assertEquals(Shape.of(2, 3), l.shape());
        for (int i = 0; i < 6; i++) assertEquals(Math.log(Math.abs(SCALE.at(i))), l.at(i), 0);
    }

    @Test
    void gradientsWithRespectToLocAndScale() {
        Tensor x = Tensor.of(new double[][] {{0.3, -1, 2}, {0.1, 0.7, -0.4}});
        Tensor w = Tensor.of(new double[][] {{1, -2, 0.5}, {0.3, 1.1, -0.7}});
        var r = GradCheck.compare(
                List.of(LOC, SCALE),
                p -> {
                    AffineTransform t = AffineTransform.of(p.get(0), p.get(1));
                    Tensor y = t.forward(x);
                    return y.mul(w)
                            .sum()
                            .add(t.logAbsDetJacobian(x, y).sum())
                            .add(t.inverse(y.add(1)).mul(w).sum());
                },
                1e-6);
        assertTrue(r.error() < GRAD_TOL, r.toString());
        assertEquals(9, r.checked());
    }

    @Test
    void badParametersAndShapesAreRejected() {
        var e = assertThrows(
                IllegalArgumentException.class, () -> AffineTransform.of(Tensor.scalar(0), Tensor.of(1, 0)));
        assertTrue(
                e.getMessage().contains("scale")
                        && e.getMessage().contains("0.0")
                        && e.getMessage().contains("index 1"),
                e.getMessage());
        assertThrows(
                IllegalArgumentException.class, () -> AffineTransform.of(Tensor.scalar(Double.NaN), Tensor.scalar(1)));
        assertThrows(IllegalArgumentException.class, () -> AffineTransform.of(0, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> AffineTransform.of(Tensor.zeros(2), Tensor.ones(3)));
        var f = assertThrows(IllegalArgumentException.class, () -> T.forward(Tensor.zeros(4)));
        assertTrue(f.getMessage().contains("affine") && f.getMessage().contains("[4]"), f.getMessage());
    }
}
