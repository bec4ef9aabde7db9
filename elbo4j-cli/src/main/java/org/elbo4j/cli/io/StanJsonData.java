package org.elbo4j.cli.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Data in Stan's JSON format, as read by CmdStan and stored by posteriordb.
 *
 * <p>The file is one JSON object whose members are the variables. A scalar is a number; an array
 * or vector is a JSON array; a matrix is an array of rows, so nested arrays are row-major; deeper
 * nesting gives higher-rank arrays. A number written without fraction or exponent is an integer
 * ({@link DataValue#integer()}); {@code 1.0} is a real. Non-finite values may be written as the
 * strings {@code "NaN"}, {@code "Inf"}, {@code "-Inf"} (also {@code "+Inf"}, {@code "Infinity"},
 * {@code "-Infinity"}, any case) or as the bare tokens {@code NaN} and {@code Infinity}; they are
 * accepted here and left for the caller to reject ({@link #requireFinite(String)}).
 *
 * <p>Every error names the file, the variable and, for a bad element, its subscript and the line
 * and column. Stan 2.33 tuples (JSON objects) are not supported.
 *
 * <pre>{@code
 * StanJsonData d = StanJsonData.read(dir.resolve("eight_schools/data.json"));
 * int J = d.requireInt("J");
 * double[] y = d.requireVector("y", J);
 * double[] sigma = d.requireVector("sigma", J);
 * }</pre>
 *
 * <blockquote>Stan Development Team, "JSON Format for CmdStan", CmdStan User's Guide.</blockquote>
 */
public final class StanJsonData {

    /** Pass as an expected size to accept any size. */
    public static final int ANY = -1;

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final String source;
    private final Map<String, DataValue> variables;

    private StanJsonData(String source, Map<String, DataValue> variables) {
        this.source = source;
        this.variables = Collections.unmodifiableMap(variables);
    }

    /**
     * Reads a Stan JSON data file.
     *
     * @param file the file; not modified
     * @return the variables in file order
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if the content is not valid Stan JSON data; the message names
     *     the file, the variable and the position
     */
    public static StanJsonData read(Path file) throws IOException {
        Inputs.requireReadableFile(file, "a Stan JSON data file");
        try (InputStream in = Files.newInputStream(file)) {
            return parse(JSON.createParser(in), file.toString());
        }
    }

    /**
     * Parses Stan JSON data from a string.
     *
     * @param json the JSON text
     * @param source a name for error messages (a file name, or e.g. {@code "<inline>"})
     * @return the variables in document order
     * @throws IllegalArgumentException if the content is not valid Stan JSON data
     */
    public static StanJsonData parse(String json, String source) {
        try {
            return parse(JSON.createParser(json), source);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static StanJsonData parse(JsonParser p, String source) throws IOException {
        try (p) {
            Map<String, DataValue> vars = new LinkedHashMap<>();
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException(source + ": expected a JSON object {\"name\": value, ...}"
                        + " at the top level, found " + describe(t, p) + at(p.currentTokenLocation()));
            }
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                vars.put(name, new VariableParser(p, source, name).parse());
            }
            if (t != JsonToken.END_OBJECT) {
                throw new IllegalArgumentException(source + ": malformed JSON" + at(p.currentTokenLocation()));
            }
            JsonToken extra = p.nextToken();
            if (extra != null) {
                throw new IllegalArgumentException(
                        source + ": unexpected content after the top-level object" + at(p.currentTokenLocation()));
            }
            return new StanJsonData(source, vars);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    source + ": malformed JSON" + at(e.getLocation()) + ": " + JsonErrors.clean(e.getOriginalMessage()),
                    e);
        }
    }

    /** @return the file (or source name) the data came from, as used in error messages */
    public String source() {
        return source;
    }

    /** @return the variable names in file order */
    public List<String> names() {
        return List.copyOf(variables.keySet());
    }

    /** @return all variables in file order; unmodifiable */
    public Map<String, DataValue> variables() {
        return variables;
    }

    /**
     * @param name a variable name
     * @return whether the file defines it
     */
    public boolean contains(String name) {
        return variables.containsKey(name);
    }

    /**
     * The variable {@code name}, whatever its shape.
     *
     * @param name a variable name
     * @return the variable
     * @throws IllegalArgumentException if the file does not define it (the message lists what it does)
     */
    public DataValue require(String name) {
        DataValue v = variables.get(name);
        if (v == null) {
            throw new IllegalArgumentException(source + ": variable '" + name + "' is missing; the file has "
                    + (variables.isEmpty() ? "no variables" : String.join(", ", variables.keySet())));
        }
        return v;
    }

    /**
     * A real (or integer) scalar.
     *
     * @param name a variable name
     * @return its value, possibly NaN or ±∞
     * @throws IllegalArgumentException if missing or not a scalar
     */
    public double requireReal(String name) {
        DataValue v = requireRank(name, 0, "a scalar");
        return v.at(0);
    }

    /**
     * An integer scalar, as Stan's {@code int}.
     *
     * @param name a variable name
     * @return its value
     * @throws IllegalArgumentException if missing, not a scalar, not written as an integer, or
     *     outside the 32-bit range
     */
    public int requireInt(String name) {
        DataValue v = requireRank(name, 0, "an integer scalar");
        return toInt(v, 0);
    }

    /**
     * A vector (rank-1 array) of reals.
     *
     * @param name a variable name
     * @param expectedLength the required length, or {@link #ANY}
     * @return a copy of its elements, length = expectedLength unless ANY
     * @throws IllegalArgumentException if missing, not rank 1, or of the wrong length
     */
    public double[] requireVector(String name, int expectedLength) {
        DataValue v = requireRank(name, 1, "a vector");
        checkDim(v, 0, expectedLength, "length");
        return v.values();
    }

    /**
     * A vector (rank-1 array) of integers, as Stan's {@code array[N] int}.
     *
     * @param name a variable name
     * @param expectedLength the required length, or {@link #ANY}
     * @return its elements
     * @throws IllegalArgumentException if missing, not rank 1, of the wrong length, or an element is
     *     not an integer in the 32-bit range
     */
    public int[] requireIntVector(String name, int expectedLength) {
        DataValue v = requireRank(name, 1, "an integer vector");
        checkDim(v, 0, expectedLength, "length");
        int[] out = new int[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = toInt(v, i);
        }
        return out;
    }

    /**
     * A matrix (rank-2 array, an array of rows). An empty JSON array {@code []} is accepted as a
     * matrix with zero rows.
     *
     * @param name a variable name
     * @param rows the required number of rows, or {@link #ANY}
     * @param cols the required number of columns, or {@link #ANY}
     * @return the variable, with dims [rows, cols] and values row-major
     * @throws IllegalArgumentException if missing, not rank 2, or of the wrong size
     */
    public DataValue requireMatrix(String name, int rows, int cols) {
        DataValue v = require(name);
        if (v.rank() == 1 && v.size() == 0 && (rows == ANY || rows == 0)) {
            return new DataValue(name, new int[] {0, Math.max(cols, 0)}, new double[0], v.integer());
        }
        requireRank(name, 2, "a matrix (an array of rows)");
        checkDim(v, 0, rows, "number of rows");
        checkDim(v, 1, cols, "number of columns");
        return v;
    }

    /**
     * The variable {@code name}, checked to hold no NaN or infinite element.
     *
     * @param name a variable name
     * @return the variable
     * @throws IllegalArgumentException if missing or an element is not finite (the message gives
     *     its subscript and value)
     */
    public DataValue requireFinite(String name) {
        DataValue v = require(name);
        int bad = v.firstNonFinite();
        if (bad >= 0) {
            throw new IllegalArgumentException(source + ": variable '" + name + "': element " + name + v.subscript(bad)
                    + " is " + v.at(bad) + "; finite values are required");
        }
        return v;
    }

    private DataValue requireRank(String name, int rank, String what) {
        DataValue v = require(name);
        if (v.rank() != rank) {
            throw new IllegalArgumentException(source + ": variable '" + name + "' must be " + what + " (rank " + rank
                    + ") but has dims " + Arrays.toString(v.dims()) + " (rank " + v.rank() + ")");
        }
        return v;
    }

    private void checkDim(DataValue v, int axis, int expected, String what) {
        int actual = v.dims()[axis];
        if (expected != ANY && actual != expected) {
            throw new IllegalArgumentException(source + ": variable '" + v.name() + "' has " + what + " " + actual
                    + " but " + expected + " is required");
        }
    }

    private int toInt(DataValue v, int i) {
        double x = v.at(i);
        if (!v.integer()) {
            throw new IllegalArgumentException(source + ": variable '" + v.name() + "' must be an integer"
                    + " but is written as a real number (element " + v.name() + v.subscript(i) + " = " + x + ")");
        }
        if (x < Integer.MIN_VALUE || x > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(source + ": variable '" + v.name() + "': element " + v.name()
                    + v.subscript(i) + " = " + x + " is outside the 32-bit integer range");
        }
        return (int) x;
    }

    private static String at(JsonLocation loc) {
        if (loc == null || loc.getLineNr() < 0) {
            return "";
        }
        return " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }

    private static String describe(JsonToken t, JsonParser p) throws IOException {
        if (t == null) {
            return "nothing (empty input)";
        }
        return switch (t) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "the string \"" + p.getText() + "\"";
            case VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> p.getText();
            default -> "the number " + p.getText();
        };
    }

    /** Parses one variable's value into dims + row-major values, checking rectangularity. */
    private static final class VariableParser {
        private final JsonParser p;
        private final String source;
        private final String name;
        private double[] buf = new double[16];
        private int n;
        private boolean integer = true;
        private final List<Integer> path = new ArrayList<>();

        VariableParser(JsonParser p, String source, String name) {
            this.p = p;
            this.source = source;
            this.name = name;
        }

        DataValue parse() throws IOException {
            int[] dims = element();
            return new DataValue(name, dims, Arrays.copyOf(buf, n), integer);
        }

        /** Parses the element at the current token; returns its dims. */
        private int[] element() throws IOException {
            JsonToken t = p.currentToken();
            switch (t) {
                case VALUE_NUMBER_INT -> {
                    add(p.getDoubleValue());
                    return new int[0];
                }
                case VALUE_NUMBER_FLOAT -> {
                    integer = false;
                    add(p.getDoubleValue());
                    return new int[0];
                }
                case VALUE_STRING -> {
                    integer = false;
                    add(special(p.getText()));
                    return new int[0];
                }
                case START_ARRAY -> {
                    return array();
                }
                case START_OBJECT -> throw error("objects (e.g. Stan tuples) are not supported");
                default -> throw error("non-numeric value " + describe(t, p));
            }
        }

        private int[] array() throws IOException {
            int count = 0;
            int[] first = null;
            path.add(0);
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw error("unterminated array");
                }
                path.set(path.size() - 1, count);
                int[] d = element();
                if (first == null) {
                    first = d;
                } else if (!Arrays.equals(first, d)) {
                    throw error("ragged array: element " + name + subscript(path.size()) + " has " + shape(d)
                            + " but element " + name + firstSubscript(path.size()) + " has " + shape(first));
                }
                count++;
            }
            path.remove(path.size() - 1);
            int[] dims = new int[1 + (first == null ? 0 : first.length)];
            dims[0] = count;
            if (first != null) {
                System.arraycopy(first, 0, dims, 1, first.length);
            }
            return dims;
        }

        private double special(String s) {
            String k = s.strip().toLowerCase(Locale.ROOT);
            switch (k) {
                case "nan":
                    return Double.NaN;
                case "inf", "+inf", "infinity", "+infinity":
                    return Double.POSITIVE_INFINITY;
                case "-inf", "-infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    throw error("non-numeric string \"" + s + "\" (only \"NaN\", \"Inf\", \"-Inf\" may be strings)");
            }
        }

        private void add(double x) {
            if (n == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            buf[n++] = x;
        }

        private IllegalArgumentException error(String what) {
            String where = path.isEmpty() ? "" : " at element " + name + subscript(path.size());
            return new IllegalArgumentException(
                    source + ": variable '" + name + "'" + where + ": " + what + at(p.currentTokenLocation()));
        }

        /** 1-based subscript of the first {@code depth} levels of the current path, e.g. [2,3]. */
        private String subscript(int depth) {
            StringBuilder sb = new StringBuilder("[");
            for (int k = 0; k < depth; k++) {
                sb.append(k == 0 ? "" : ",").append(path.get(k) + 1);
            }
            return sb.append(']').toString();
        }

        /** The subscript of the first sibling of the current element. */
        private String firstSubscript(int depth) {
            StringBuilder sb = new StringBuilder("[");
            for (int k = 0; k < depth; k++) {
                sb.append(k == 0 ? "" : ",").append(k == depth - 1 ? 1 : path.get(k) + 1);
            }
            return sb.append(']').toString();
        }

        private static String shape(int[] d) {
            return d.length == 0 ? "a number" : "dims " + Arrays.toString(d);
        }
    }
}
