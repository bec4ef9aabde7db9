package org.elbo4j.stan.json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads Stan's JSON data format as CmdStan does: one top-level object whose members are the data variables, each
 * a number, a (possibly empty) rectangular nested array of numbers, or one of the non-finite values, written as
 * the strings {@code "inf"}, {@code "+inf"}, {@code "-inf"}, {@code "Infinity"}, {@code "+Infinity"},
 * {@code "-Infinity"}, {@code "NaN"} (any case) or as the bare tokens {@code Infinity}, {@code -Infinity},
 * {@code NaN}. Hand-written (no JSON library), one pass, with line and column kept for every error.
 *
 * <p>Rejected, each with {@code file:line:column}, the variable's name and what was expected: a ragged array, a
 * number next to an array, another string, a nested object, {@code true}/{@code false}/{@code null}, a duplicate
 * name, anything after the top-level object, a truncated file.
 *
 * <pre>{@code
 * Map<String, JsonValue> data = StanJson.parse("{\"N\": 2, \"y\": [[1, 2.5], [3, \"inf\"]]}", "data.json");
 * data.get("y").dims();          // [2, 2]
 * data.get("N").allIntegers();   // true
 * }</pre>
 */
public final class StanJson {
    private final String text;
    private final String source;
    private int pos;
    private int line = 1;
    private int lineStart;
    private String variable;

    // the value being read
    private double[] values = new double[16];
    private int count;
    private boolean allIntegers;
    /** The length of the arrays at each depth (the first one seen there sets it), -1 while none has closed. */
    private final int[] dimsAt = new int[MAX_DEPTH];

    private int leafDepth;

    /** Deeper nesting is rejected (Stan's arrays of matrices have a handful of dimensions). */
    private static final int MAX_DEPTH = 64;

    private StanJson(String text, String source) {
        this.text = text;
        this.source = source;
    }

    /**
     * Reads a Stan JSON data file (UTF-8).
     *
     * @return the variables in file order
     * @throws StanJsonException if the file is not valid Stan JSON (the message has {@code file:line:column})
     * @throws IOException       if the file cannot be read
     */
    public static Map<String, JsonValue> read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * Parses Stan JSON text.
     *
     * @param text       the JSON text
     * @param sourceName the name used in error messages (normally the file name)
     * @return the variables in file order (an unmodifiable map)
     * @throws StanJsonException if the text is not valid Stan JSON
     */
    public static Map<String, JsonValue> parse(String text, String sourceName) {
        return new StanJson(text, sourceName).document();
    }

    // ------------------------------------------------------------------ grammar

    private Map<String, JsonValue> document() {
        if (text.startsWith("\uFEFF")) pos = 1; // a UTF-8 byte order mark
        skipSpace();
        if (pos >= text.length())
            throw error("the file is empty; expected a JSON object '{' holding the data variables");
        if (text.charAt(pos) != '{')
            throw error("expected '{' to start the JSON object holding the data variables, found " + found());
        pos++;
        Map<String, JsonValue> out = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            pos++;
        } else {
            while (true) {
                skipSpace();
                if (peek() != '"') throw error("expected a variable name in double quotes, found " + found());
                int nameLine = line, nameColumn = column();
                int namePos = pos;
                String name = string();
                if (out.containsKey(name)) {
                    pos = namePos;
                    throw error("duplicate variable name '" + name + "' (also at line "
                            + out.get(name).line() + ")");
                }
                skipSpace();
                if (peek() != ':')
                    throw error("expected ':' after the variable name \"" + name + "\", found " + found());
                pos++;
                variable = name;
                out.put(name, value(nameLine, nameColumn));
                variable = null;
                skipSpace();
                char c = peek();
                if (c == ',') {
                    pos++;
                    continue;
                }
                if (c == '}') {
                    pos++;
                    break;
                }
                throw error("expected ',' or '}' after the value of '" + name + "', found " + found());
            }
        }
        skipSpace();
        if (pos < text.length()) throw error("unexpected " + found() + " after the end of the JSON object");
        return Collections.unmodifiableMap(out);
    }

    private JsonValue value(int nameLine, int nameColumn) {
        count = 0;
        allIntegers = true;
        Arrays.fill(dimsAt, -1);
        leafDepth = -1;
        skipSpace();
        element(0);
        int rank = 0;
        while (rank < MAX_DEPTH && dimsAt[rank] >= 0) rank++;
        int[] d = Arrays.copyOf(dimsAt, rank);
        return new JsonValue(d, Arrays.copyOf(values, count), allIntegers, nameLine, nameColumn);
    }

    /** One element at array depth {@code depth}: a nested array or a number. */
    private void element(int depth) {
        skipSpace();
        char c = peek();
        if (c == '[') {
            if (leafDepth >= 0 && depth >= leafDepth) {
                throw error("ragged array: expected a number here (as in the first element at this depth), found '['");
            }
            if (depth + 1 >= MAX_DEPTH) throw error("arrays nested more than " + (MAX_DEPTH - 1) + " deep");
            int startLine = line, startColumn = column();
            pos++;
            int n = 0;
            skipSpace();
            if (peek() == ']') {
                pos++;
            } else {
                while (true) {
                    element(depth + 1);
                    n++;
                    skipSpace();
                    char d = peek();
                    if (d == ',') {
                        pos++;
                        continue;
                    }
                    if (d == ']') {
                        pos++;
                        break;
                    }
                    throw error("expected ',' or ']' in the array, found " + found());
                }
            }
            if (dimsAt[depth] < 0) {
                dimsAt[depth] = n;
            } else if (dimsAt[depth] != n) {
                throw new StanJsonException(
                        source,
                        startLine,
                        startColumn,
                        variable,
                        "ragged array: this array has " + n
                                + " element" + (n == 1 ? "" : "s") + " but the first array at the same depth has "
                                + dimsAt[depth]
                                + "; Stan's arrays, vectors and matrices are rectangular");
            }
            return;
        }
        if (c == '{') throw error("a JSON object is not a Stan data value; expected a number or an array of numbers");
        if (leafDepth < 0) {
            if (dimsAt[depth] >= 0) {
                throw error("ragged array: expected an array here (as in the first element at this depth), found "
                        + found());
            }
            leafDepth = depth;
        } else if (depth != leafDepth) {
            throw error(
                    "ragged array: expected an array here (as in the first element at this depth), found " + found());
        }
        add(number());
    }

    private void add(double v) {
        if (count == values.length) values = Arrays.copyOf(values, values.length * 2);
        values[count++] = v;
    }

    /** A number, a non-finite string, or a bare Infinity/-Infinity/NaN token. */
    private double number() {
        char c = peek();
        if (c == '"') {
            int at = pos;
            String s = string();
            Double v = nonFinite(s);
            if (v == null) {
                pos = at;
                throw error("string value \"" + s
                        + "\"; expected a number (strings are allowed only for the non-finite values "
                        + "\"inf\", \"-inf\", \"NaN\", \"Infinity\", \"-Infinity\")");
            }
            allIntegers = false;
            return v;
        }
        for (String word : new String[] {"-Infinity", "Infinity", "NaN"}) {
            if (text.startsWith(word, pos)) {
                pos += word.length();
                allIntegers = false;
                return nonFinite(word);
            }
        }
        for (String word : new String[] {"true", "false", "null"}) {
            if (text.startsWith(word, pos)) throw error("'" + word + "' is not a Stan data value; expected a number");
        }
        int start = pos;
        if (c == '-') pos++;
        int digits = pos;
        while (pos < text.length() && isDigit(text.charAt(pos))) pos++;
        if (pos == digits) {
            pos = start;
            throw error("expected a number, found " + found());
        }
        if (text.charAt(digits) == '0' && pos - digits > 1) {
            pos = start;
            throw error("a JSON number has no leading zeros: "
                    + text.substring(start, Math.min(text.length(), start + 20)));
        }
        boolean integer = true;
        if (pos < text.length() && text.charAt(pos) == '.') {
            integer = false;
            pos++;
            int f = pos;
            while (pos < text.length() && isDigit(text.charAt(pos))) pos++;
            if (pos == f) throw error("expected digits after the decimal point, found " + found());
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            integer = false;
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) pos++;
            int f = pos;
            while (pos < text.length() && isDigit(text.charAt(pos))) pos++;
            if (pos == f) throw error("expected digits in the exponent, found " + found());
        }
        String token = text.substring(start, pos);
        double v = Double.parseDouble(token);
        if (integer && (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE)) integer = false;
        if (!integer) allIntegers = false;
        return v;
    }

    private static Double nonFinite(String s) {
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "inf", "+inf", "infinity", "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            case "nan":
                return Double.NaN;
            default:
                return null;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A JSON string at pos (which holds '"'), with its escapes resolved. */
    private String string() {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) throw error("unexpected end of file inside a string; expected a closing '\"'");
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return sb.toString();
            }
            if (c == '\n') throw error("a string must end on its line; expected a closing '\"'");
            if (c == '\\') {
                if (pos + 1 >= text.length()) throw error("unexpected end of file in an escape sequence");
                char e = text.charAt(pos + 1);
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (pos + 6 > text.length()) throw error("unexpected end of file in a \\u escape");
                        try {
                            sb.append((char) Integer.parseInt(text.substring(pos + 2, pos + 6), 16));
                        } catch (NumberFormatException ex) {
                            throw error("expected four hex digits after \\u, found \""
                                    + text.substring(pos + 2, pos + 6) + "\"");
                        }
                        pos += 4;
                    }
                    default -> throw error("unknown escape sequence \\" + e + " in a string");
                }
                pos += 2;
                continue;
            }
            sb.append(c);
            pos++;
        }
    }

    // ------------------------------------------------------------------ scanning

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
                lineStart = pos + 1;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error("unexpected end of file (the file is truncated?); expected "
                    + (variable == null ? "more of the JSON object" : "the rest of this value and a closing '}'"));
        }
        return text.charAt(pos);
    }

    private int column() {
        return pos - lineStart + 1;
    }

    private String found() {
        if (pos >= text.length()) return "the end of the file";
        int end = pos + 1;
        while (end < text.length()
                && end - pos < 12
                && Character.isLetterOrDigit(text.charAt(end))
                && Character.isLetterOrDigit(text.charAt(pos))) end++;
        return "'" + text.substring(pos, end) + "'";
    }

    private StanJsonException error(String problem) {
        return new StanJsonException(source, line, column(), variable, problem);
    }
}
