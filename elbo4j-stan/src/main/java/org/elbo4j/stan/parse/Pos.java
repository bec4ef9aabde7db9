package org.elbo4j.stan.parse;

/** A position in a Stan program: 1-based line and column, and the character offset. */
public record Pos(int line, int column, int offset) {
    @Override
    public String toString() {
        return line + ":" + column;
    }
}
