package org.elbo4j.stan.compile;

/** A compiled statement. {@link #run} returns how control leaves it. */
abstract class Ex {
    static final int NORMAL = 0, BREAK = 1, CONTINUE = 2, RETURN = 3;

    /** Runs the statement; returns NORMAL, BREAK, CONTINUE or RETURN. */
    abstract int run(Frame f);
}
