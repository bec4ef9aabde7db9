package org.elbo4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.elbo4j.cli.io.Idx;
import org.elbo4j.vae.VaeData;

/**
 * The images {@code elbo4j vae} trains on, loaded from IDX files, and what to say about them.
 *
 * <p>Sources, in order of precedence:
 * <ul>
 *   <li>{@code --data FILE --test-data FILE}: the first file is the training set, the second the test set;</li>
 *   <li>{@code --data train-images-idx3-ubyte[.gz]} alone, with MNIST's {@code t10k-images-idx3-ubyte[.gz]} in the
 *       same directory: MNIST's own split, 60,000 training and 10,000 test digits (found and reported);</li>
 *   <li>{@code --data FILE} alone otherwise: the first {@code --train} images (default: 80 %) train, the rest
 *       test;</li>
 *   <li>nothing: the 10,000 MNIST digits embedded in the jar ({@code shared/data/mnist10k-*}), the first 8,000
 *       train and the last 2,000 test.</li>
 * </ul>
 * Labels (optional, only for the latent scatter plot) follow the same rules ({@code --labels},
 * {@code --test-labels}, {@code t10k-labels-idx1-ubyte[.gz]}, the embedded labels).
 */
final class VaeDataset {
    static final String EMBEDDED = "embedded:mnist10k";
    static final String EMBEDDED_IMAGES = "/org/elbo4j/cli/data/mnist10k-images-idx3-ubyte.gz";
    static final String EMBEDDED_LABELS = "/org/elbo4j/cli/data/mnist10k-labels-idx1-ubyte.gz";

    final VaeData data;
    final int rows;
    final int cols;
    /** Test labels, or null. */
    final int[] testLabels;
    /** The training source ({@link #EMBEDDED} or a path) and the test source (a path, or "split"). */
    final String source;

    final String testSource;
    /** SHA-256 of the training pixels then the test pixels, as stored (uint8). */
    final String sha256;
    /** One line saying what is used for what. */
    final String description;

    private VaeDataset(
            VaeData data,
            int rows,
            int cols,
            int[] testLabels,
            String source,
            String testSource,
            String sha256,
            String description) {
        this.data = data;
        this.rows = rows;
        this.cols = cols;
        this.testLabels = testLabels;
        this.source = source;
        this.testSource = testSource;
        this.sha256 = sha256;
        this.description = description;
    }

    /**
     * @param data the --data file, or null for the embedded digits
     * @param testData the --test-data file, or null
     * @param train the --train count, or null for the default
     * @param labels the --labels file, or null
     * @param testLabels the --test-labels file, or null
     * @throws IllegalArgumentException for malformed files, mismatched sizes or a bad --train (naming them)
     */
    static VaeDataset load(Path data, Path testData, Integer train, Path labels, Path testLabels) throws IOException {
        Idx.Images all;
        Idx.Labels allLabels = null;
        String source;
        if (data == null) {
            if (testData != null) {
                throw new UsageException("--test-data needs --data (the embedded digits are split 8000/2000)");
            }
            all = embeddedImages();
            allLabels = labels == null ? embeddedLabels() : Idx.readLabels(labels);
            source = EMBEDDED;
        } else {
            all = Idx.readImages(data);
            allLabels = labels == null ? null : Idx.readLabels(labels);
            source = data.toAbsolutePath().normalize().toString();
        }
        if (allLabels != null && allLabels.count() != all.count()) {
            throw new IllegalArgumentException((labels == null ? "the embedded labels" : "--labels " + labels) + ": "
                    + allLabels.count() + " labels for " + all.count() + " images of "
                    + (data == null ? "the embedded digits" : data) + "; expected one label per image");
        }
        Path autoTest = null;
        if (data != null && testData == null && train == null) {
            autoTest = sibling(data, "train-images-idx3-ubyte", "t10k-images-idx3-ubyte");
            if (autoTest != null && testLabels == null && labels != null) {
                testLabels = sibling(labels, "train-labels-idx1-ubyte", "t10k-labels-idx1-ubyte");
            }
        }
        Path testFile = testData != null ? testData : autoTest;
        if (testFile != null) {
            Idx.Images test = Idx.readImages(testFile);
            if (test.rows() != all.rows() || test.cols() != all.cols()) {
                throw new IllegalArgumentException(testFile + ": images of " + test.rows() + " × " + test.cols()
                        + " but the training images are " + all.rows() + " × " + all.cols());
            }
            int[] tl = null;
            if (testLabels != null) {
                Idx.Labels l = Idx.readLabels(testLabels);
                if (l.count() != test.count()) {
                    throw new IllegalArgumentException(
                            testLabels + ": " + l.count() + " labels for " + test.count() + " test images");
                }
                tl = labelsOf(l, 0, l.count());
            }
            String how =
                    (testData != null ? "" : "MNIST's own split (found " + testFile.getFileName() + "): ") + all.count()
                            + " training images from " + source + ", " + test.count() + " test images from " + testFile;
            VaeData vd = new VaeData(
                    unit(all.pixels(), 0, all.pixels().length),
                    all.count(),
                    unit(test.pixels(), 0, test.pixels().length),
                    test.count(),
                    all.pixelsPerImage());
            return new VaeDataset(
                    vd,
                    all.rows(),
                    all.cols(),
                    tl,
                    source,
                    testFile.toAbsolutePath().normalize().toString(),
                    sha256(all.pixels(), test.pixels()),
                    how);
        }
        if (testLabels != null) {
            throw new UsageException("--test-labels needs a separate test set (--test-data)");
        }
        int n = all.count();
        int nTrain = train != null ? train : data == null ? 8000 : n - n / 5;
        if (nTrain < 1 || nTrain > n) {
            throw new IllegalArgumentException(
                    "--train " + nTrain + ": must be between 1 and the " + n + " images of " + source);
        }
        int d = all.pixelsPerImage();
        VaeData vd = new VaeData(
                unit(all.pixels(), 0, nTrain * d), nTrain, unit(all.pixels(), nTrain * d, n * d), n - nTrain, d);
        int[] tl = allLabels == null ? null : labelsOf(allLabels, nTrain, n);
        String how = String.format(
                Locale.ROOT,
                "%d images of %d×%d from %s: the first %d train, the last %d test",
                n,
                all.rows(),
                all.cols(),
                data == null ? "the embedded MNIST file (shared/data/mnist10k)" : source,
                nTrain,
                n - nTrain);
        return new VaeDataset(vd, all.rows(), all.cols(), tl, source, "split", sha256(all.pixels()), how);
    }

    /**
     * The dataset a checkpoint was trained on: its recorded source (embedded or a path), or the files given now.
     */
    static Path pathOrNull(String source) {
        return source == null || source.equals(EMBEDDED) ? null : Path.of(source);
    }

    private static Path sibling(Path file, String prefix, String replacement) {
        String name = file.getFileName().toString();
        if (!name.startsWith(prefix)) {
            return null;
        }
        Path dir = file.toAbsolutePath().getParent();
        String rest = name.substring(prefix.length());
        for (String candidate : new String[] {replacement + rest, replacement, replacement + ".gz"}) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    static Idx.Images embeddedImages() throws IOException {
        try (InputStream in = VaeDataset.class.getResourceAsStream(EMBEDDED_IMAGES)) {
            if (in == null) {
                throw new IOException("the embedded MNIST images " + EMBEDDED_IMAGES + " are missing from the jar");
            }
            return Idx.readImages(in, "embedded " + EMBEDDED_IMAGES);
        }
    }

    static Idx.Labels embeddedLabels() throws IOException {
        try (InputStream in = VaeDataset.class.getResourceAsStream(EMBEDDED_LABELS)) {
            if (in == null) {
                throw new IOException("the embedded MNIST labels " + EMBEDDED_LABELS + " are missing from the jar");
            }
            return Idx.readLabels(in, "embedded " + EMBEDDED_LABELS);
        }
    }

    private static double[] unit(byte[] px, int from, int to) {
        double[] out = new double[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = (px[i] & 0xFF) / 255.0;
        }
        return out;
    }

    private static int[] labelsOf(Idx.Labels l, int from, int to) {
        int[] out = new int[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = l.label(i);
        }
        return out;
    }

    private static String sha256(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                md.update(p);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
