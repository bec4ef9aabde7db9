package org.elbo4j.stan.parse;

/**
 * The text of one Stan program with its name (a file path or a name given by the caller), and the formatting of
 * messages that point into it: {@code name:line:column: message}, the source line and a caret under the column.
 */
public final class Source {
    private final String name;
    private final String text;
    private final String[] lines;

    /** @param name shown in messages, e.g. the file path; @param text the program */
    public Source(String name, String text) {
        this.name = name;
        this.text = text;
        this.lines = text.split("\r\n|\n|\r", -1);
    }

    /** The name shown in messages. */
    public String name() {
        return name;
    }

    /** The program text. */
    public String text() {
        return text;
    }

    /** Line {@code line} (1-based) without its line break, or "" past the end. */
    public String line(int line) {
        return line >= 1 && line <= lines.length ? lines[line - 1] : "";
    }

    /**
     * A message pointing at {@code pos}: {@code name:line:column: what}, then the source line and a caret.
     *
     * @param kind e.g. "syntax error", "type error"
     */
    public String format(Pos pos, String kind, String what) {
        String src = line(pos.line()).replace('\t', ' ');
        int col = Math.max(1, Math.min(pos.column(), src.length() + 1));
        int nl = what.indexOf('\n');
        String head = nl < 0 ? what : what.substring(0, nl), detail = nl < 0 ? "" : what.substring(nl);
        return name + ":" + pos.line() + ":" + pos.column() + ": " + kind + ": " + head + "\n"
                + "    " + src + "\n"
                + "    " + " ".repeat(col - 1) + "^" + detail;
    }
}
