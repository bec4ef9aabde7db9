package org.elbo4j.checkpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little JSON a checkpoint header needs, so that core depends on no JSON library: a writer for objects, arrays,
 * strings and numbers, and a strict parser (RFC 8259) into {@code Map} (insertion-ordered), {@code List},
 * {@code String}, {@code Double}/{@code Long}, {@code Boolean} and {@code null}. Numbers are written in Java's
 * shortest round-trip form ({@link Double#toString}), so they read back to the same bits; non-finite numbers are
 * written as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.
 */
final class Json {
    private Json() {}

    // ------------------------------------------------------------------------------------------ writer

    /** Appends {@code v} (Map, List, String, Number, Boolean or null) as indented JSON. */
    static void write(StringBuilder b, Object v, int indent) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof String s) {
            string(b, s);
        } else if (v instanceof Double d) {
            number(b, d);
        } else if (v instanceof Float f) {
            number(b, f.doubleValue());
        } else if (v instanceof Number n) {
            b.append(n.longValue());
        } else if (v instanceof Boolean z) {
            b.append(z.booleanValue());
        } else if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                b.append("{}");
                return;
            }
            if (m.size() <= 3 && m.values().stream().allMatch(Json::flat)) { // a tensor entry on one line
                b.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    b.append(first ? "" : ", ");
                    first = false;
                    string(b, (String) e.getKey());
                    b.append(": ");
                    write(b, e.getValue(), indent);
                }
                b.append('}');
                return;
            }
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                b.append(first ? "\n" : ",\n");
                first = false;
                pad(b, indent + 2);
                string(b, (String) e.getKey());
                b.append(": ");
                write(b, e.getValue(), indent + 2);
            }
            b.append('\n');
            pad(b, indent);
            b.append('}');
        } else if (v instanceof List<?> l) {
            // short lists of numbers (shapes) on one line; others one element per line
            boolean flat = l.stream().allMatch(x -> x instanceof Number);
            if (l.isEmpty() || flat) {
                b.append('[');
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) b.append(", ");
                    write(b, l.get(i), indent);
                }
                b.append(']');
                return;
            }
            b.append('[');
            for (int i = 0; i < l.size(); i++) {
                b.append(i == 0 ? "\n" : ",\n");
                pad(b, indent + 2);
                write(b, l.get(i), indent + 2);
            }
            b.append('\n');
            pad(b, indent);
            b.append(']');
        } else {
            throw new IllegalArgumentException(
                    "Json: cannot write a " + v.getClass().getName());
        }
    }

    /** A number, short string or list of numbers: written on one line. */
    private static boolean flat(Object v) {
        return v instanceof Number
                || v instanceof String t && t.length() <= 40
                || v instanceof List<?> l && l.stream().allMatch(x -> x instanceof Number);
    }

    private static void pad(StringBuilder b, int n) {
        for (int i = 0; i < n; i++) b.append(' ');
    }

    private static void number(StringBuilder b, double d) {
        if (Double.isFinite(d)) {
            b.append(d);
        } else {
            string(b, Double.toString(d));
        }
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        b.append('"');
    }

    // ------------------------------------------------------------------------------------------ parser

    /**
     * Parses one JSON value filling the whole text.
     *
     * @throws IllegalArgumentException naming the character offset of the first error
     */
    static Object parse(String text) {
        Json.Parser p = new Json.Parser(text);
        p.ws();
        Object v = p.value(0);
        p.ws();
        if (p.i != text.length()) throw p.error("text after the JSON value");
        return v;
    }

    private static final class Parser {
        private static final int MAX_DEPTH = 64;
        final String s;
        int i;

        Parser(String s) {
            this.s = s;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("invalid JSON at character " + i + ": " + what);
        }

        void ws() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t') break;
                i++;
            }
        }

        Object value(int depth) {
            if (depth > MAX_DEPTH) throw error("nested more than " + MAX_DEPTH + " deep");
            if (i >= s.length()) throw error("unexpected end");
            char c = s.charAt(i);
            switch (c) {
                case '{' -> {
                    i++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    ws();
                    if (peek('}')) return m;
                    while (true) {
                        ws();
                        if (i >= s.length() || s.charAt(i) != '"') throw error("expected a string key");
                        String k = string();
                        ws();
                        expect(':');
                        ws();
                        if (m.put(k, value(depth + 1)) != null) throw error("duplicate key '" + k + "'");
                        ws();
                        if (peek('}')) return m;
                        expect(',');
                    }
                }
                case '[' -> {
                    i++;
                    List<Object> l = new ArrayList<>();
                    ws();
                    if (peek(']')) return l;
                    while (true) {
                        ws();
                        l.add(value(depth + 1));
                        ws();
                        if (peek(']')) return l;
                        expect(',');
                    }
                }
                case '"' -> {
                    return string();
                }
                case 't' -> {
                    literal("true");
                    return Boolean.TRUE;
                }
                case 'f' -> {
                    literal("false");
                    return Boolean.FALSE;
                }
                case 'n' -> {
                    literal("null");
                    return null;
                }
                default -> {
                    return number();
                }
            }
        }

        boolean peek(char c) {
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        void expect(char c) {
            if (!peek(c)) throw error("expected '" + c + "'");
        }

        void literal(String word) {
            if (!s.startsWith(word, i)) throw error("expected " + word);
            i += word.length();
        }

        String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                if (i >= s.length()) throw error("unterminated string");
                char c = s.charAt(i++);
                if (c == '"') return b.toString();
                if (c < 0x20) throw error("control character in a string");
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                if (i >= s.length()) throw error("unterminated escape");
                char e = s.charAt(i++);
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        if (i + 4 > s.length()) throw error("short \\u escape");
                        try {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        } catch (NumberFormatException x) {
                            throw error("bad \\u escape");
                        }
                        i += 4;
                    }
                    default -> throw error("bad escape \\" + e);
                }
            }
        }

        Object number() {
            int start = i;
            if (peek('-')) {}
            int digits = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
            if (i == digits) throw error("expected a value");
            if (s.charAt(digits) == '0' && i - digits > 1) throw error("leading zero");
            boolean integral = true;
            if (peek('.')) {
                integral = false;
                int f = i;
                while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
                if (i == f) throw error("digits expected after '.'");
            }
            if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                integral = false;
                i++;
                if (!peek('+')) peek('-');
                int f = i;
                while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
                if (i == f) throw error("digits expected in the exponent");
            }
            String t = s.substring(start, i);
            if (integral && t.length() <= 18) return Long.parseLong(t);
            return Double.parseDouble(t);
        }
    }
}
