package org.elbo4j.stan.check;

import org.elbo4j.stan.StanException;
import org.elbo4j.stan.parse.Pos;
import org.elbo4j.stan.parse.Source;

/** A type or scope error: {@code file:line:column: type error: ...}, the source line and a caret. */
public final class StanTypeException extends StanException {
    private final Pos pos;

    /** @param source the program; @param pos where; @param what what is wrong and what was expected */
    public StanTypeException(Source source, Pos pos, String what) {
        super(source.format(pos, "type error", what));
        this.pos = pos;
    }

    /** Where the error is. */
    public Pos pos() {
        return pos;
    }
}
