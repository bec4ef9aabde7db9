package org.elbo4j.stan.functions;

import static org.elbo4j.stan.functions.Grad.m;
import static org.elbo4j.stan.functions.Grad.s;
import static org.elbo4j.stan.functions.Grad.v;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Size queries (the Stan type picks the method: size(matrix) is sizeMatrix) and constants. */
class QueriesAndConstantsTest {
    @Test
    void sizes() {
        Tensor mat = m(new double[][] {{1, 2, 3}, {4, 5, 6}});
        Tensor arrOfVec = Tensor.zeros(4, 3); // array[4] vector[3]
        assertEquals(6, Containers.sizeMatrix(mat));
        assertEquals(4, Containers.size(arrOfVec));
        assertEquals(3, Containers.size(v(1, 2, 3)));
        assertEquals(3, Containers.size(new int[] {1, 2, 3}));
        assertArrayEquals(new int[] {4, 3}, Containers.dims(arrOfVec));
        assertArrayEquals(new int[0], Containers.dims(s(1)));
        assertEquals(2, Containers.rows(mat));
        assertEquals(3, Containers.cols(mat));
        assertEquals(1, Containers.rowsRowVector(v(1, 2)));
        assertEquals(1, Containers.colsVector(v(1, 2)));
        assertEquals(3, Containers.rows(v(1, 2, 3)));
        assertEquals(12, Containers.numElements(arrOfVec));
        assertEquals(6, Containers.sum(new int[] {1, 2, 3}));
        assertEquals(3, Containers.max(new int[] {1, 3, 2}));
        assertArrayEquals(new int[] {1, 3, 6}, Containers.cumulativeSum(new int[] {1, 2, 3}));
    }

    @Test
    void constants() {
        assertEquals(Math.PI, MathFunctions.pi().item());
        assertEquals(Math.E, MathFunctions.e().item());
        assertEquals(Double.NEGATIVE_INFINITY, MathFunctions.negativeInfinity().item());
        assertEquals(Double.POSITIVE_INFINITY, MathFunctions.positiveInfinity().item());
        assertEquals(Math.ulp(1.0), MathFunctions.machinePrecision().item());
        assertEquals(0, MathFunctions.pi().rank());
    }
}
