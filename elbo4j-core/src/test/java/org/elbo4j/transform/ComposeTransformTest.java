package org.elbo4j.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** An elementwise affine map then stick-breaking: the chain's event rank is 1 and the affine part is summed. */
class ComposeTransformTest extends TransformContractTest {
    private static final Transform T =
            ComposeTransform.of(AffineTransform.of(0.5, -0.5), StickBreakingTransform.INSTANCE);

    @Override
    protected Transform transform() {
        return T;
    }

    @Override
    protected Tensor domainPoint(RandomStream rng) {
        return gaussian(rng, 1, 3, 4);
    }

    @Override
    protected Tensor outsideCodomain() {
        return Tensor.of(0.2, 0.2);
    }

    @Override
    protected int[] freeOutputs(Shape e) {
        return all(e.dim(0) - 1);
    }

    @Override
    protected double inverseGradStep() {
        return 1e-7;
    }

    @Test
    void eventRanksOfChains() {
        assertEquals(1, T.eventRank());
        assertEquals(1, T.codomainEventRank());
        Transform corr = ComposeTransform.of(AffineTransform.of(0.0, 2.0), CorrCholeskyTransform.INSTANCE);
        assertEquals(1, corr.eventRank());
        assertEquals(2, corr.codomainEventRank());
        Tensor x = Tensor.of(new double[] {0.1, -0.3, 0.2, 0.4, 0.5, -0.6}, 2, 3);
        // log|J| = per matrix 3·log 2 (the affine part summed over its 3 inputs) + the correlation part.
        Tensor want =
                CorrCholeskyTransform.INSTANCE.logAbsDetJacobian(x.mul(2), null).add(3 * Math.log(2));
        assertClose(want, corr.logAbsDetJacobian(x, corr.forward(x)), 1e-15, 1e-15, "chain log|J|");
        assertThrows(IllegalArgumentException.class, () -> ComposeTransform.of());
    }
}
