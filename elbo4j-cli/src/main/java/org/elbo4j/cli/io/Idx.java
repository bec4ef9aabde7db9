package org.elbo4j.cli.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reader for the IDX files of the MNIST database: unsigned-byte images (magic 2051) and labels
 * (magic 2049), plain or gzip-compressed.
 *
 * <p>Layout, all integers 32-bit big-endian: magic {@code 0x00000803} (type 0x08 = unsigned byte,
 * 3 dimensions), count n, rows, cols, then n·rows·cols pixel bytes, row-major, image after image;
 * labels: magic {@code 0x00000801}, count n, then n bytes. Compression is detected from the gzip
 * magic bytes {@code 1f 8b}, not from the file name. Errors (wrong magic, truncated data, trailing
 * bytes, a damaged gzip stream) are {@link IllegalArgumentException}s naming the file.
 *
 * <pre>{@code
 * Idx.Images train = Idx.readImages(dir.resolve("data/mnist10k-images-idx3-ubyte.gz"));
 * Idx.Labels labels = Idx.readLabels(dir.resolve("data/mnist10k-labels-idx1-ubyte.gz"));
 * double[] x = train.pixelsUnit();     // n × 784, row-major, in [0, 1]
 * }</pre>
 *
 * <blockquote>Y. LeCun, C. Cortes, C. J. C. Burges, "The MNIST database of handwritten digits"
 * (file format section).</blockquote>
 */
public final class Idx {

    /** Magic number of an unsigned-byte, 3-dimensional IDX file (images). */
    public static final int IMAGES_MAGIC = 2051;
    /** Magic number of an unsigned-byte, 1-dimensional IDX file (labels). */
    public static final int LABELS_MAGIC = 2049;

    private Idx() {}

    /**
     * Images: n grayscale images of rows × cols unsigned bytes.
     *
     * @param count n
     * @param rows pixel rows per image
     * @param cols pixel columns per image
     * @param pixels n·rows·cols bytes, row-major, image after image; read as unsigned (0–255).
     *     Shared, not copied (MNIST is ~8 MB): do not modify.
     */
    public record Images(int count, int rows, int cols, byte[] pixels) {
        /** @throws IllegalArgumentException if the sizes disagree */
        public Images {
            if (count < 0 || rows < 0 || cols < 0 || (long) count * rows * cols != pixels.length) {
                throw new IllegalArgumentException("Images: " + count + " × " + rows + " × " + cols + " does not match "
                        + pixels.length + " pixel bytes");
            }
        }

        /** @return rows × cols */
        public int pixelsPerImage() {
            return rows * cols;
        }

        /**
         * All pixels scaled to [0, 1] (v / 255).
         *
         * @return a new array of length count·rows·cols, row-major
         */
        public double[] pixelsUnit() {
            double[] out = new double[pixels.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = (pixels[i] & 0xFF) / 255.0;
            }
            return out;
        }

        /**
         * One image scaled to [0, 1].
         *
         * @param i 0 ≤ i &lt; count
         * @return a new array of length rows·cols, row-major
         * @throws IndexOutOfBoundsException if i is out of range
         */
        public double[] imageUnit(int i) {
            if (i < 0 || i >= count) {
                throw new IndexOutOfBoundsException("image " + i + " of " + count);
            }
            int p = pixelsPerImage();
            double[] out = new double[p];
            for (int k = 0; k < p; k++) {
                out[k] = (pixels[i * p + k] & 0xFF) / 255.0;
            }
            return out;
        }
    }

    /**
     * Labels: n unsigned bytes (digits 0–9 for MNIST).
     *
     * @param count n
     * @param labels n bytes, read as unsigned; shared, not copied: do not modify
     */
    public record Labels(int count, byte[] labels) {
        /** @throws IllegalArgumentException if the sizes disagree */
        public Labels {
            if (count != labels.length) {
                throw new IllegalArgumentException("Labels: count " + count + " but " + labels.length + " bytes");
            }
        }

        /**
         * @param i 0 ≤ i &lt; count
         * @return label i as an int in 0–255
         */
        public int label(int i) {
            return labels[i] & 0xFF;
        }
    }

    /**
     * Reads an images file (magic 2051), plain or gzip-compressed.
     *
     * @param file the file; not modified
     * @return the images
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if it is not a well-formed IDX images file
     */
    public static Images readImages(Path file) throws IOException {
        return parseImages(readAll(file), file.toString());
    }

    /**
     * Reads an images file (magic 2051), plain or gzip-compressed, from a stream (e.g. a resource in
     * the jar).
     *
     * @param in the bytes of the file; read to the end, not closed
     * @param source names the data in error messages (a path or a resource name)
     * @return the images
     * @throws IOException if the stream cannot be read
     * @throws IllegalArgumentException if it is not a well-formed IDX images file
     */
    public static Images readImages(InputStream in, String source) throws IOException {
        return parseImages(readAll(in, source), source);
    }

    private static Images parseImages(byte[] b, String file) {
        int magic = header(b, 0, file, "magic number");
        if (magic != IMAGES_MAGIC) {
            throw new IllegalArgumentException(file + ": not an IDX images file: magic number " + magic
                    + " (0x" + Integer.toHexString(magic) + "), expected " + IMAGES_MAGIC + " (0x803)"
                    + (magic == LABELS_MAGIC ? "; this is a labels file" : ""));
        }
        int n = header(b, 4, file, "image count");
        int rows = header(b, 8, file, "row count");
        int cols = header(b, 12, file, "column count");
        if (n < 0 || rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException(
                    file + ": bad sizes in the header: " + n + " images of " + rows + " × " + cols);
        }
        long expected = (long) n * rows * cols;
        byte[] pixels = body(b, 16, expected, file, n + " images of " + rows + " × " + cols);
        return new Images(n, rows, cols, pixels);
    }

    /**
     * Reads a labels file (magic 2049), plain or gzip-compressed.
     *
     * @param file the file; not modified
     * @return the labels
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if it is not a well-formed IDX labels file
     */
    public static Labels readLabels(Path file) throws IOException {
        return parseLabels(readAll(file), file.toString());
    }

    /**
     * Reads a labels file (magic 2049), plain or gzip-compressed, from a stream.
     *
     * @param in the bytes of the file; read to the end, not closed
     * @param source names the data in error messages
     * @return the labels
     * @throws IOException if the stream cannot be read
     * @throws IllegalArgumentException if it is not a well-formed IDX labels file
     */
    public static Labels readLabels(InputStream in, String source) throws IOException {
        return parseLabels(readAll(in, source), source);
    }

    private static Labels parseLabels(byte[] b, String file) {
        int magic = header(b, 0, file, "magic number");
        if (magic != LABELS_MAGIC) {
            throw new IllegalArgumentException(file + ": not an IDX labels file: magic number " + magic
                    + " (0x" + Integer.toHexString(magic) + "), expected " + LABELS_MAGIC + " (0x801)"
                    + (magic == IMAGES_MAGIC ? "; this is an images file" : ""));
        }
        int n = header(b, 4, file, "label count");
        if (n < 0) {
            throw new IllegalArgumentException(file + ": bad label count in the header: " + n);
        }
        return new Labels(n, body(b, 8, n, file, n + " labels"));
    }

    /** Whether the file starts with the gzip magic bytes 1f 8b. */
    static boolean isGzip(byte[] firstTwo) {
        return firstTwo.length >= 2 && (firstTwo[0] & 0xFF) == 0x1f && (firstTwo[1] & 0xFF) == 0x8b;
    }

    private static byte[] readAll(Path file) throws IOException {
        Inputs.requireReadableFile(file, "an IDX file");
        try (InputStream raw = Files.newInputStream(file)) {
            return readAll(raw, file.toString());
        }
    }

    private static byte[] readAll(InputStream in, String file) throws IOException {
        InputStream raw = new BufferedInputStream(in);
        raw.mark(2);
        byte[] head = raw.readNBytes(2);
        raw.reset();
        InputStream s = raw;
        try {
            if (isGzip(head)) {
                s = new GZIPInputStream(raw, 1 << 16);
            }
            // The header first: the size it declares bounds what is read, so a stream without end (/dev/zero) or a huge
            // file with a bad header fails on the header, not out of memory.
            byte[] hdr = s.readNBytes(16);
            long declared = declaredLength(hdr);
            if (declared < 0) {
                return hdr; // unknown magic or short header: the parser says which
            }
            long max =
                    Math.min(Integer.MAX_VALUE - 65_536L, Runtime.getRuntime().maxMemory() / 2);
            if (declared > max) {
                throw new IllegalArgumentException(
                        file + ": the IDX header declares " + declared + " bytes, more than this" + " JVM can hold ("
                                + (max >> 20) + " MiB; raise the heap with JAVA_OPTS=-Xmx...)");
            }
            // up to 64 KiB more than declared, to report extra bytes without reading an endless stream
            byte[] rest = s.readNBytes((int) Math.max(0, declared - hdr.length + 65_536));
            byte[] all = new byte[hdr.length + rest.length];
            System.arraycopy(hdr, 0, all, 0, hdr.length);
            System.arraycopy(rest, 0, all, hdr.length, rest.length);
            return all;
        } catch (EOFException | ZipException e) {
            throw new IllegalArgumentException(file + ": damaged or truncated gzip data: " + e.getMessage(), e);
        }
    }

    /** The total length the header declares (magic 2051 or 2049), or -1 for another magic or a short header. */
    private static long declaredLength(byte[] h) {
        if (h.length < 8) {
            return -1;
        }
        int magic = ((h[0] & 0xFF) << 24) | ((h[1] & 0xFF) << 16) | ((h[2] & 0xFF) << 8) | (h[3] & 0xFF);
        long n = ((h[4] & 0xFFL) << 24) | ((h[5] & 0xFF) << 16) | ((h[6] & 0xFF) << 8) | (h[7] & 0xFF);
        if (n > Integer.MAX_VALUE) {
            return -1; // negative as a signed count: the parser reports the bad size
        }
        if (magic == LABELS_MAGIC) {
            return 8 + n;
        }
        if (magic != IMAGES_MAGIC || h.length < 16) {
            return -1;
        }
        long rows = ((h[8] & 0xFFL) << 24) | ((h[9] & 0xFF) << 16) | ((h[10] & 0xFF) << 8) | (h[11] & 0xFF);
        long cols = ((h[12] & 0xFFL) << 24) | ((h[13] & 0xFF) << 16) | ((h[14] & 0xFF) << 8) | (h[15] & 0xFF);
        if (rows > Integer.MAX_VALUE || cols > Integer.MAX_VALUE) {
            return -1;
        }
        return (double) n * rows * cols > 1e18 ? Long.MAX_VALUE / 2 : 16 + n * rows * cols;
    }

    private static int header(byte[] b, int offset, String file, String what) {
        if (b.length < offset + 4) {
            throw new IllegalArgumentException(file + ": truncated IDX header: the " + what + " at byte "
                    + offset + " needs 4 bytes but the file has " + b.length + " bytes"
                    + (b.length == 0 ? " (empty file)" : ""));
        }
        return ((b[offset] & 0xFF) << 24)
                | ((b[offset + 1] & 0xFF) << 16)
                | ((b[offset + 2] & 0xFF) << 8)
                | (b[offset + 3] & 0xFF);
    }

    private static byte[] body(byte[] b, int offset, long expected, String file, String what) {
        long actual = b.length - (long) offset;
        if (actual < expected) {
            throw new IllegalArgumentException(file + ": truncated: the header promises " + what + " = " + expected
                    + " data bytes but only " + actual + " follow");
        }
        if (actual > expected) {
            throw new IllegalArgumentException(file + ": size mismatch: the header promises " + what + " = " + expected
                    + " data bytes but " + actual + " follow (" + (actual - expected) + " extra)");
        }
        byte[] out = new byte[(int) expected];
        System.arraycopy(b, offset, out, 0, out.length);
        return out;
    }
}
