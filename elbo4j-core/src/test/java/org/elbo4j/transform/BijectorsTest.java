package org.elbo4j.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The constraint → transform registry: every continuous constraint maps onto itself; discrete ones are refused. */
class BijectorsTest {
    @Test
    void everyContinuousConstraintHasATransformOntoItself() {
        // constraint → the shape of an unconstrained input
        Map<Constraint, int[]> cases = new LinkedHashMap<>();
        cases.put(Constraints.REAL, new int[] {5});
        cases.put(Constraints.POSITIVE, new int[] {5});
        cases.put(Constraints.NON_NEGATIVE, new int[] {5});
        cases.put(Constraints.greaterThan(2.5), new int[] {5});
        cases.put(Constraints.greaterThanEq(-1), new int[] {5});
        cases.put(Constraints.lessThan(3), new int[] {5});
        cases.put(Constraints.interval(-2, 5), new int[] {5});
        cases.put(Constraints.UNIT_INTERVAL, new int[] {5});
        cases.put(Constraints.SIMPLEX, new int[] {2, 4});
        cases.put(Constraints.LOWER_CHOLESKY, new int[] {2, 3, 3});
        cases.put(Constraints.CORRELATION_CHOLESKY, new int[] {2, 6});
        cases.put(Constraints.POSITIVE_DEFINITE, new int[] {3, 3});
        RandomStream rng = RandomStream.of(17);
        int checked = 0;
        for (var e : cases.entrySet()) {
            Constraint c = e.getKey();
            Transform t = Bijectors.bijectTo(c);
            assertEquals(c, t.codomain(), "codomain of bijectTo(" + c.name() + ") = " + t.name());
            assertEquals(Constraints.REAL, t.domain(), t.name());
            for (int k = 0; k < 3; k++) {
                Tensor x = TransformContractTest.gaussian(rng, 2, e.getValue());
                Tensor y = t.forward(x);
                assertTrue(c.contains(y), t.name() + ".forward(" + x + ") = " + y + " is outside " + c.name());
                assertEquals(c.eventRank(), t.codomainEventRank(), "event rank of " + t.name());
            }
            checked++;
        }
        assertEquals(12, checked);
    }

    @Test
    void theStanChoices() {
        assertSame(IdentityTransform.INSTANCE, Bijectors.bijectTo(Constraints.REAL));
        assertSame(ExpTransform.INSTANCE, Bijectors.bijectTo(Constraints.POSITIVE));
        assertSame(ExpTransform.INSTANCE, Bijectors.bijectTo(Constraints.greaterThan(0)));
        assertSame(SigmoidTransform.INSTANCE, Bijectors.bijectTo(Constraints.UNIT_INTERVAL));
        assertSame(StickBreakingTransform.INSTANCE, Bijectors.bijectTo(Constraints.SIMPLEX));
        assertSame(CorrCholeskyTransform.INSTANCE, Bijectors.bijectTo(Constraints.CORRELATION_CHOLESKY));
        assertTrue(Bijectors.bijectTo(Constraints.greaterThan(1)) instanceof LowerBoundTransform);
        assertTrue(Bijectors.bijectTo(Constraints.lessThan(1)) instanceof UpperBoundTransform);
        assertTrue(Bijectors.bijectTo(Constraints.interval(1, 2)) instanceof IntervalTransform);
        var pd = (ComposeTransform) Bijectors.bijectTo(Constraints.POSITIVE_DEFINITE);
        assertEquals(List.of(LowerCholeskyTransform.INSTANCE, CholeskyOuterTransform.INSTANCE), pd.parts());
    }

    @Test
    void discreteConstraintsAreRefusedByName() {
        for (Constraint c :
                List.of(Constraints.BOOLEAN, Constraints.NON_NEGATIVE_INTEGER, Constraints.integerInterval(0, 4))) {
            var e = assertThrows(IllegalArgumentException.class, () -> Bijectors.bijectTo(c));
            assertTrue(e.getMessage().contains(c.name()) && e.getMessage().contains("discrete"), e.getMessage());
        }
    }
}
