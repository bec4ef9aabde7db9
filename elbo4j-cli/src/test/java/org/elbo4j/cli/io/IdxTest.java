package org.elbo4j.cli.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.elbo4j.cli.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {

    @Test
    void readsTheSharedMnistFiles() throws Exception {
        Idx.Images im = Idx.readImages(TestData.mnistImages());
        Idx.Labels lb = Idx.readLabels(TestData.mnistLabels());
        assertEquals(10_000, im.count());
        assertEquals(28, im.rows());
        assertEquals(28, im.cols());
        assertEquals(10_000 * 784, im.pixels().length);
        assertEquals(10_000, lb.count());
        int[] counts = new int[10];
        for (int i = 0; i < lb.count(); i++) {
            counts[lb.label(i)]++; // throws if a label is outside 0..9
        }
        // Every digit appears; with 10,000 digits each class has roughly 1,000 (MNIST's rarest, 5, ~9 %).
        for (int k = 0; k < 10; k++) {
            assertTrue(counts[k] > 700 && counts[k] < 1300, "digit " + k + ": " + counts[k]);
        }
        double[] x = im.pixelsUnit();
        double min = Arrays.stream(x).min().orElseThrow();
        double max = Arrays.stream(x).max().orElseThrow();
        assertEquals(0.0, min);
        assertEquals(1.0, max);
        assertArrayEquals(Arrays.copyOfRange(x, 784, 2 * 784), im.imageUnit(1));
    }

    @Test
    void plainAndGzipSyntheticFilesGiveTheSameImages(@TempDir Path tmp) throws Exception {
        byte[] pixels = new byte[3 * 2 * 4];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 10);
        }
        byte[] file = images(3, 2, 4, pixels);
        Path plain = tmp.resolve("imgs.gz"); // a misleading name: detection is by magic bytes
        Files.write(plain, file);
        Path gz = tmp.resolve("imgs.idx");
        Files.write(gz, gzip(file));
        for (Path p : new Path[] {plain, gz}) {
            Idx.Images im = Idx.readImages(p);
            assertEquals(3, im.count());
            assertEquals(2, im.rows());
            assertEquals(4, im.cols());
            assertArrayEquals(pixels, im.pixels());
            assertEquals(230 / 255.0, im.pixelsUnit()[23]);
        }
    }

    @Test
    void unsignedPixelsMapToUnitInterval(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("one");
        Files.write(f, images(1, 1, 3, new byte[] {0, (byte) 128, (byte) 255}));
        assertArrayEquals(new double[] {0, 128 / 255.0, 1}, Idx.readImages(f).imageUnit(0));
    }

    @Test
    void labelsRoundTrip(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("labels");
        Files.write(f, gzip(labels(new byte[] {7, 2, 1, 0, (byte) 200})));
        Idx.Labels l = Idx.readLabels(f);
        assertEquals(5, l.count());
        assertEquals(7, l.label(0));
        assertEquals(200, l.label(4));
    }

    @Test
    void wrongMagicIsNamed(@TempDir Path tmp) throws Exception {
        Path lab = tmp.resolve("labels");
        Files.write(lab, labels(new byte[] {1, 2}));
        assertMessageStarts(
                lab + ": not an IDX images file: magic number 2049 (0x801), expected 2051 (0x803);"
                        + " this is a labels file",
                () -> Idx.readImages(lab));
        Path img = tmp.resolve("images");
        Files.write(img, images(1, 1, 1, new byte[] {1}));
        assertMessageStarts(img + ": not an IDX labels file: magic number 2051", () -> Idx.readLabels(img));
        Path text = tmp.resolve("text");
        Files.writeString(text, "hello world, not idx");
        assertMessageStarts(text + ": not an IDX images file: magic number 1751477356", () -> Idx.readImages(text));
    }

    @Test
    void truncatedDataIsNamed(@TempDir Path tmp) throws Exception {
        byte[] full = images(2, 3, 3, new byte[18]);
        Path f = tmp.resolve("short");
        Files.write(f, Arrays.copyOf(full, full.length - 5));
        assertMessageStarts(
                f + ": truncated: the header promises 2 images of 3 × 3 = 18 data bytes but only 13 follow",
                () -> Idx.readImages(f));
        Path header = tmp.resolve("header");
        Files.write(header, Arrays.copyOf(full, 10));
        assertMessageStarts(
                header + ": truncated IDX header: the row count at byte 8 needs 4 bytes but the file" + " has 10 bytes",
                () -> Idx.readImages(header));
        Path empty = tmp.resolve("empty");
        Files.write(empty, new byte[0]);
        assertMessageStarts(
                empty + ": truncated IDX header: the magic number at byte 0 needs 4 bytes but the file"
                        + " has 0 bytes (empty file)",
                () -> Idx.readLabels(empty));
    }

    @Test
    void extraBytesAreASizeMismatch(@TempDir Path tmp) throws Exception {
        byte[] full = labels(new byte[] {1, 2, 3});
        Path f = tmp.resolve("long");
        Files.write(f, Arrays.copyOf(full, full.length + 2));
        assertMessageStarts(
                f + ": size mismatch: the header promises 3 labels = 3 data bytes but 5 follow (2 extra)",
                () -> Idx.readLabels(f));
    }

    @Test
    void damagedGzipIsNamed(@TempDir Path tmp) throws Exception {
        byte[] gz = gzip(images(4, 8, 8, new byte[256]));
        Path cut = tmp.resolve("cut.gz");
        Files.write(cut, Arrays.copyOf(gz, gz.length / 2));
        assertMessageStarts(cut + ": damaged or truncated gzip data", () -> Idx.readImages(cut));
        byte[] bad = gz.clone();
        bad[10] = (byte) 0xFF; // first deflate block header: BTYPE = 11 is reserved (invalid)
        Path corrupt = tmp.resolve("corrupt.gz");
        Files.write(corrupt, bad);
        assertMessageStarts(
                corrupt + ": damaged or truncated gzip data: invalid block type", () -> Idx.readImages(corrupt));
        byte[] crc = gz.clone();
        crc[crc.length - 8] ^= 1; // CRC-32 in the trailer no longer matches the data
        Path badCrc = tmp.resolve("crc.gz");
        Files.write(badCrc, crc);
        assertMessageStarts(
                badCrc + ": damaged or truncated gzip data: Corrupt GZIP trailer", () -> Idx.readImages(badCrc));
    }

    @Test
    void missingFileIsAnIoError(@TempDir Path tmp) {
        assertThrows(java.nio.file.NoSuchFileException.class, () -> Idx.readImages(tmp.resolve("nope")));
    }

    static byte[] images(int n, int rows, int cols, byte[] pixels) {
        ByteBuffer b = ByteBuffer.allocate(16 + pixels.length); // big-endian by default
        b.putInt(Idx.IMAGES_MAGIC).putInt(n).putInt(rows).putInt(cols).put(pixels);
        return b.array();
    }

    static byte[] labels(byte[] labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(Idx.LABELS_MAGIC).putInt(labels.length).put(labels);
        return b.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(raw);
        }
        return bytes.toByteArray();
    }

    private static void assertMessageStarts(String prefix, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(
                e.getMessage().startsWith(prefix), "expected prefix\n  " + prefix + "\nbut got\n  " + e.getMessage());
    }
}
