package org.elbo4j.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Affine with event rank 1: x [4, 3], log|J| summed over the last dimension, shape [4]. */
class AffineEventRankOneTransformTest extends TransformContractTest {
    private static final AffineTransform T = AffineTransform.of(Tensor.of(1, 2, 3), Tensor.of(0.5, -2, 4), 1);

    @Override
    protected Transform transform() {
        return T;
    }

    @Override
    protected Tensor domainPoint(RandomStream rng) {
        return gaussian(rng, 2, 4, 3);
    }

    @Override
    protected Tensor outsideCodomain() {
        return Tensor.of(1, Double.POSITIVE_INFINITY, 1);
    }

    @Test
    void logAbsDetJacobianSumsTheEvent() {
        Tensor l = T.logAbsDetJacobian(Tensor.zeros(4, 3), null);
        assertEquals(Shape.of(4), l.shape());
        assertEquals(Math.log(4), l.at(0), 1e-15); // log 0.5 + log 2 + log 4
    }
}
