package org.elbo4j.stan.parse;

import org.elbo4j.stan.StanException;

/** A syntax error: the message is {@code file:line:column: syntax error: ...}, the source line and a caret. */
public final class StanSyntaxException extends StanException {
    private final Pos pos;

    /** @param source the program; @param pos where; @param what what was expected and found */
    public StanSyntaxException(Source source, Pos pos, String what) {
        super(source.format(pos, "syntax error", what));
        this.pos = pos;
    }

    /** Where the error is. */
    public Pos pos() {
        return pos;
    }
}
