package org.elbo4j.stan.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elbo4j.stan.StanException;

/**
 * STAND-IN for the Stan JSON reader owned by the JSON part of elbo4j-stan ({@code org.elbo4j.stan.json.StanJson}):
 * a minimal reader of CmdStan's JSON data (numbers, nested rectangular arrays, "inf"/"-inf"/"NaN"/"Infinity"),
 * used until that reader is merged.
 */
public final class JsonStandin {
    private final String s, name;
    private int i, line = 1, lineStart, leafDepth;

    private JsonStandin(String s, String name) {
        this.s = s;
        this.name = name;
    }

    /** Parses a JSON object of data variables. @throws StanException naming the file, line and column */
    public static Map<String, DataValue> read(String text, String name) {
        return new JsonStandin(text, name).object();
    }

    private Map<String, DataValue> object() {
        Map<String, DataValue> out = new LinkedHashMap<>();
        ws();
        expect('{');
        ws();
        if (peek() == '}') {
            i++;
            return out;
        }
        while (true) {
            ws();
            String where = where();
            String key = string();
            ws();
            expect(':');
            ws();
            List<Object> flat = new ArrayList<>();
            List<Integer> dims = new ArrayList<>();
            leafDepth = -1;
            value(flat, dims, 0, key);
            while (dims.size() > 0 && dims.get(dims.size() - 1) == -1) dims.remove(dims.size() - 1);
            double[] v = new double[flat.size()];
            boolean ints = true;
            for (int k = 0; k < v.length; k++) {
                Object o = flat.get(k);
                v[k] = o instanceof Double d ? d : ((Long) o).doubleValue();
                if (!(o instanceof Long)) ints = false;
            }
            int[] d = dims.stream().mapToInt(Integer::intValue).toArray();
            out.put(key, new DataValue(d, v, ints, where));
            ws();
            if (peek() == ',') {
                i++;
                continue;
            }
            expect('}');
            return out;
        }
    }

    private void value(List<Object> flat, List<Integer> dims, int level, String key) {
        ws();
        char c = peek();
        if (c == '[') {
            i++;
            int n = 0;
            ws();
            if (peek() == ']') {
                i++;
                setDim(dims, level, 0, key);
                return;
            }
            while (true) {
                value(flat, dims, level + 1, key);
                n++;
                ws();
                if (peek() == ',') {
                    i++;
                    continue;
                }
                expect(']');
                break;
            }
            setDim(dims, level, n, key);
            return;
        }
        if (leafDepth < 0) leafDepth = level;
        else if (leafDepth != level) throw error("ragged array in '" + key + "': a number where an array was expected, or the reverse");
        if (c == '"') {
            String t = string();
            switch (t) {
                case "inf", "Inf", "Infinity", "+inf" -> flat.add(Double.POSITIVE_INFINITY);
                case "-inf", "-Inf", "-Infinity" -> flat.add(Double.NEGATIVE_INFINITY);
                case "NaN", "nan" -> flat.add(Double.NaN);
                default -> throw error("'" + key + "': the string \"" + t + "\" is not a number");
            }
            return;
        }
        int st = i;
        while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
        String num = s.substring(st, i);
        if (num.isEmpty()) {
            if (s.startsWith("Infinity", i)) {
                i += 8;
                flat.add(Double.POSITIVE_INFINITY);
                return;
            }
            if (s.startsWith("NaN", i)) {
                i += 3;
                flat.add(Double.NaN);
                return;
            }
            if (s.startsWith("-Infinity", i)) {
                i += 9;
                flat.add(Double.NEGATIVE_INFINITY);
                return;
            }
            throw error("'" + key + "': expected a number or an array");
        }
        try {
            if (num.matches("-?\\d+")) flat.add(Long.parseLong(num));
            else flat.add(Double.parseDouble(num));
        } catch (NumberFormatException e) {
            throw error("'" + key + "': malformed number " + num);
        }
    }

    private void setDim(List<Integer> dims, int level, int n, String key) {
        while (dims.size() <= level) dims.add(-1);
        if (n == 0 && leafDepth < 0) leafDepth = level + 1;
        if (dims.get(level) == -1) dims.set(level, n);
        else if (dims.get(level) != n) throw error("ragged array in '" + key + "': rows of " + dims.get(level) + " and " + n + " elements");
    }

    private String string() {
        expect('"');
        int st = i;
        while (i < s.length() && s.charAt(i) != '"') i++;
        String t = s.substring(st, i);
        expect('"');
        return t;
    }

    private char peek() { return i < s.length() ? s.charAt(i) : '\0'; }

    private void expect(char c) {
        if (peek() != c) throw error("expected '" + c + "'" + (i < s.length() ? ", found '" + s.charAt(i) + "'" : ", found end of file"));
        i++;
    }

    private void ws() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            if (s.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
            i++;
        }
    }

    private String where() { return name + ":" + line + ":" + (i - lineStart + 1); }

    private StanException error(String what) {
        return new StanException(where() + ": JSON error: " + what);
    }
}
