package org.elbo4j.stan.parse;

/**
 * One token of a Stan program.
 *
 * @param kind  what it is
 * @param text  the characters (for operators and punctuation the operator itself, e.g. {@code ".*"})
 * @param pos   where it starts
 */
public record Token(Kind kind, String text, Pos pos) {
    /** Token kinds: identifiers (keywords included), literals, operators and punctuation, end of input. */
    public enum Kind {
        IDENT,
        INT,
        REAL,
        IMAG,
        STRING,
        OP,
        EOF
    }

    /** True for an operator or punctuation token with this text. */
    public boolean is(String op) {
        return (kind == Kind.OP || kind == Kind.IDENT) && text.equals(op);
    }

    /** How the token is shown in "found ..." messages. */
    public String describe() {
        return switch (kind) {
            case EOF -> "end of file";
            case STRING -> "string \"" + text + "\"";
            default -> "'" + text + "'";
        };
    }
}
