package org.elbo4j.cli.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A numeric table read from CSV: one header row of column names, then rows of finite decimal
 * numbers separated by commas.
 *
 * <p>Accepted: a UTF-8 byte-order mark, fields in double quotes (as R's {@code write.csv} writes
 * them, without embedded line breaks), spaces around fields, blank lines, and comment lines that
 * start with {@code #} (so CmdStan CSV output can be read). Rejected, with the file, the line and
 * the column (number and name) in the message: an empty file, a row with the wrong number of
 * fields, an empty or non-numeric cell, and NaN or infinite values.
 *
 * <pre>{@code
 * CsvData t = CsvData.read(dir.resolve("regression.csv"));
 * double[] y = t.column("y");
 * double[] xRowMajor = t.columns(List.of("x1", "x2"));   // n × 2, row-major
 * }</pre>
 */
public final class CsvData {

    // Plain decimal numbers only: Double.parseDouble would also take "1f", "0x1p3" and "Infinity".
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private final String source;
    private final List<String> names;
    private final int rows;
    private final double[] values; // row-major, rows × names.size()

    private CsvData(String source, List<String> names, int rows, double[] values) {
        this.source = source;
        this.names = List.copyOf(names);
        this.rows = rows;
        this.values = values;
    }

    /**
     * Reads a numeric CSV file with a header row.
     *
     * @param file the file; not modified
     * @return the table
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if the content is not a numeric table (see class doc)
     */
    public static CsvData read(Path file) throws IOException {
        Inputs.requireReadableFile(file, "a CSV file");
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r, file.toString());
        }
    }

    /**
     * Parses CSV text.
     *
     * @param csv the text
     * @param source a name for error messages
     * @return the table
     * @throws IllegalArgumentException if the content is not a numeric table
     */
    public static CsvData parse(String csv, String source) {
        try {
            return parse(new StringReader(csv), source);
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
    }

    private static CsvData parse(Reader reader, String source) throws IOException {
        BufferedReader r = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<String> header = null;
        int headerLine = 0;
        double[] buf = new double[1024];
        int n = 0;
        int rows = 0;
        int lineNo = 0;
        String line;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            List<String> fields = split(line, source, lineNo);
            if (header == null) {
                header = checkHeader(fields, source, lineNo);
                headerLine = lineNo;
                continue;
            }
            if (fields.size() != header.size()) {
                throw new IllegalArgumentException(source + ": line " + lineNo + ": expected " + header.size()
                        + " fields as in the header (line " + headerLine + ") but found " + fields.size());
            }
            for (int c = 0; c < fields.size(); c++) {
                if (n == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                buf[n++] = number(fields.get(c), source, lineNo, c, header.get(c));
            }
            rows++;
        }
        if (header == null) {
            throw new IllegalArgumentException(source + ": empty file (no header row)");
        }
        if (rows == 0) {
            throw new IllegalArgumentException(source + ": has a header (line " + headerLine + ") but no data rows");
        }
        return new CsvData(source, header, rows, Arrays.copyOf(buf, n));
    }

    private static List<String> checkHeader(List<String> fields, String source, int lineNo) {
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < fields.size(); c++) {
            String name = fields.get(c);
            if (name.isEmpty()) {
                throw new IllegalArgumentException(
                        source + ": line " + lineNo + ", column " + (c + 1) + ": empty column name in the header");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException(
                        source + ": line " + lineNo + ", column " + (c + 1) + ": duplicate column name '" + name + "'");
            }
        }
        return fields;
    }

    private static double number(String cell, String source, int lineNo, int col, String name) {
        String where = source + ": line " + lineNo + ", column " + (col + 1) + " ('" + name + "')";
        if (cell.isEmpty()) {
            throw new IllegalArgumentException(where + ": empty cell; a number is required");
        }
        if (!NUMBER.matcher(cell).matches()) {
            String lower = cell.toLowerCase(java.util.Locale.ROOT);
            if (lower.equals("nan") || lower.equals("na") || lower.contains("inf")) {
                throw new IllegalArgumentException(where + ": '" + cell + "' is not a finite number;"
                        + " missing or non-finite values are not allowed");
            }
            throw new IllegalArgumentException(where + ": '" + cell + "' is not a number");
        }
        double x = Double.parseDouble(cell);
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException(where + ": '" + cell + "' overflows a double");
        }
        return x;
    }

    /** Splits one line on commas; fields may be double-quoted with "" for a quote. Trims spaces. */
    private static List<String> split(String line, String source, int lineNo) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int len = line.length();
        while (true) {
            while (i < len && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
            StringBuilder f = new StringBuilder();
            if (i < len && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= len) {
                        throw new IllegalArgumentException(source + ": line " + lineNo + ", column " + (out.size() + 1)
                                + ": unterminated quoted field");
                    }
                    char ch = line.charAt(i++);
                    if (ch == '"') {
                        if (i < len && line.charAt(i) == '"') {
                            f.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        f.append(ch);
                    }
                }
                while (i < len && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                    i++;
                }
                if (i < len && line.charAt(i) != ',') {
                    throw new IllegalArgumentException(source + ": line " + lineNo + ", column " + (out.size() + 1)
                            + ": unexpected text after a quoted field");
                }
                out.add(f.toString());
            } else {
                int start = i;
                while (i < len && line.charAt(i) != ',') {
                    i++;
                }
                out.add(line.substring(start, i).strip());
            }
            if (i >= len) {
                return out;
            }
            i++; // skip the comma
        }
    }

    /** @return the file (or source name), as used in error messages */
    public String source() {
        return source;
    }

    /** @return the column names in file order */
    public List<String> names() {
        return names;
    }

    /** @return the number of data rows (≥ 1) */
    public int rows() {
        return rows;
    }

    /** @return the number of columns (≥ 1) */
    public int cols() {
        return names.size();
    }

    /**
     * One cell.
     *
     * @param row 0-based data row
     * @param col 0-based column
     * @return the value
     * @throws IndexOutOfBoundsException if out of range
     */
    public double get(int row, int col) {
        if (row < 0 || row >= rows || col < 0 || col >= names.size()) {
            throw new IndexOutOfBoundsException(
                    "cell (" + row + ", " + col + ") outside " + rows + " × " + names.size());
        }
        return values[row * names.size() + col];
    }

    /**
     * One column by name.
     *
     * @param name a column name
     * @return a new array of length rows()
     * @throws IllegalArgumentException if there is no such column (the message lists the columns)
     */
    public double[] column(String name) {
        int c = indexOf(name);
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
            out[r] = values[r * names.size() + c];
        }
        return out;
    }

    /**
     * Several columns as a row-major matrix.
     *
     * @param columnNames the columns, in the order wanted
     * @return a new array of length rows() × columnNames.size(), row-major
     * @throws IllegalArgumentException if a column is missing
     */
    public double[] columns(List<String> columnNames) {
        int k = columnNames.size();
        int[] idx = new int[k];
        for (int j = 0; j < k; j++) {
            idx[j] = indexOf(columnNames.get(j));
        }
        double[] out = new double[rows * k];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < k; j++) {
                out[r * k + j] = values[r * names.size() + idx[j]];
            }
        }
        return out;
    }

    /** @return all values, row-major, rows() × cols(); a new array */
    public double[] rowMajor() {
        return values.clone();
    }

    private int indexOf(String name) {
        int c = names.indexOf(name);
        if (c < 0) {
            throw new IllegalArgumentException(
                    source + ": no column '" + name + "'; the columns are " + String.join(", ", names));
        }
        return c;
    }
}
