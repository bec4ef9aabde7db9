package org.elbo4j.stan.json;

/**
 * A Stan JSON data file that cannot be read: the message is {@code file:line:column: variable 'name': what was
 * wrong and what was expected} (the variable part only when the error is inside a variable's value).
 */
public class StanJsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final int line;
    private final int column;
    private final String variable;

    /**
     * @param source   the file name (or another name for the text)
     * @param line     1-based line
     * @param column   1-based column
     * @param variable the variable whose value is wrong, or null
     * @param problem  what was wrong and what was expected
     */
    public StanJsonException(String source, int line, int column, String variable, String problem) {
        super(source + ":" + line + ":" + column + ": " + (variable == null ? "" : "variable '" + variable + "': ")
                + problem);
        this.source = source;
        this.line = line;
        this.column = column;
        this.variable = variable;
    }

    /** The file name given to the reader. */
    public String source() {
        return source;
    }

    /** The 1-based line of the error. */
    public int line() {
        return line;
    }

    /** The 1-based column of the error. */
    public int column() {
        return column;
    }

    /** The variable whose value is wrong, or null when the error is outside a value. */
    public String variable() {
        return variable;
    }
}
