package org.elbo4j.stan.compile;

/**
 * The storage one block or one function call reads and writes: the program-level variables ({@code g}, shared
 * by the blocks of one evaluation, null inside functions), the block's or function's local objects and local
 * scalar ints, the return value of a function, and the evaluation context.
 */
final class Frame {
    final Object[] g;
    final Object[] o;
    final int[] i;
    final Context ctx;
    Object ret;

    Frame(Object[] g, int objects, int ints, Context ctx) {
        this.g = g;
        this.o = new Object[objects];
        this.i = new int[ints];
        this.ctx = ctx;
    }
}
