package org.elbo4j.cli;

import java.util.Locale;

/**
 * Up-front size checks: where a command knows how much memory a request needs before it starts (the draws of
 * {@code fit}, a data file's declared size), it fails at once with the figure and the heap limit, instead of running
 * out of memory later.
 */
final class Memory {
    private Memory() {}

    /**
     * @param what what needs the memory, naming the option and value, e.g. "--draws 2000000000 (10 values each)"
     * @param bytes the estimated need
     * @throws IllegalArgumentException if {@code bytes} exceeds the JVM's maximum heap (or cannot be indexed by an int
     *     array), with the heap size and how to raise it
     */
    static void require(String what, double bytes) {
        long max = Runtime.getRuntime().maxMemory();
        if (bytes > max || bytes / 8 > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "%s needs about %s, more than the maximum heap of"
                            + " %s; ask for less, or give the JVM more memory (JAVA_OPTS=-Xmx...)",
                    what,
                    size(bytes),
                    size(max)));
        }
    }

    /** "1.5 GiB", "300 MiB". */
    static String size(double bytes) {
        return bytes >= 1L << 30
                ? String.format(Locale.ROOT, "%.1f GiB", bytes / (1L << 30))
                : String.format(Locale.ROOT, "%.0f MiB", bytes / (1L << 20));
    }
}
