package org.elbo4j.tensor;

import java.util.Locale;

/** NumPy-like printing: nested brackets, six significant digits, "..." past three edge items when large. */
final class TensorFormat {
    private TensorFormat() {}

    private static final int THRESHOLD = 1000, EDGE = 3;

    static String format(Tensor t) {
        StringBuilder sb = new StringBuilder();
        boolean summarise = t.size() > THRESHOLD;
        if (t.rank() == 0) return num(t.data[0]);
        append(sb, t.data, t.shape.raw(), 0, 0, summarise, 1);
        return sb.toString();
    }

    private static void append(StringBuilder sb, double[] d, int[] dims, int level, int off, boolean sum, int indent) {
        int n = dims[level];
        int stride = 1;
        for (int i = level + 1; i < dims.length; i++) stride *= dims[i];
        sb.append('[');
        for (int i = 0; i < n; i++) {
            if (sum && n > 2 * EDGE && i == EDGE) {
                sb.append(level == dims.length - 1 ? "..., " : "...,\n" + " ".repeat(indent));
                i = n - EDGE - 1;
                continue;
            }
            if (level == dims.length - 1) {
                sb.append(num(d[off + i]));
                if (i < n - 1) sb.append(", ");
            } else {
                append(sb, d, dims, level + 1, off + i * stride, sum, indent + 1);
                // NumPy: one newline per remaining dimension, so 3-D blocks are separated by a blank line
                if (i < n - 1)
                    sb.append(',').append("\n".repeat(dims.length - 1 - level)).append(" ".repeat(indent));
            }
        }
        sb.append(']');
    }

    private static String num(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        // Locale.ROOT: a decimal point whatever the default locale (German would print "0,5")
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.format(Locale.ROOT, "%.1f", v);
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains("e")) return s;
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "");
            if (s.endsWith(".")) s += "0";
        } else {
            s += ".0"; // %.6g drops the point when all six digits precede it (123456.7 -> "123457")
        }
        return s;
    }
}
