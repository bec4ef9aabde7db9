package org.elbo4j.stan.compile;

import org.elbo4j.tensor.Tensor;

/**
 * A compiled expression: a node of the closure tree. Each node overrides the view natural to its type (an int
 * expression {@link #i}, everything else {@link #o}); the other views convert. Variables are resolved to frame
 * slots at compile time.
 */
abstract class Ev {
    /** The value as an object: Integer, int[], Object[] (int arrays of rank >= 2) or Tensor. */
    abstract Object o(Frame f);

    /** The value of an int expression. */
    int i(Frame f) {
        return (Integer) o(f);
    }

    /** The value as a Tensor (ints promoted). */
    Tensor t(Frame f) {
        return Values.toTensor(o(f));
    }

    /** A compiled int expression. */
    abstract static class I extends Ev {
        @Override
        abstract int i(Frame f);

        @Override
        Object o(Frame f) {
            return i(f);
        }

        @Override
        Tensor t(Frame f) {
            return Tensor.scalar(i(f));
        }
    }

    /** A compiled real-valued expression. */
    abstract static class T extends Ev {
        @Override
        abstract Tensor t(Frame f);

        @Override
        Object o(Frame f) {
            return t(f);
        }
    }
}
