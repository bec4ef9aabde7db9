package org.elbo4j.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import org.elbo4j.cli.io.CsvData;
import org.elbo4j.cli.io.DataValue;
import org.elbo4j.cli.io.Idx;
import org.elbo4j.cli.io.StanJsonData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code elbo4j data FILE}: reads a data file the way the fitting commands do and describes it, so
 * a malformed file is found (with its line and variable) before a long run.
 */
@Command(
        name = "data",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Check and describe a data file: Stan JSON, numeric CSV or MNIST IDX.")
final class DataCommand implements Callable<Integer> {

    /** The formats this command reads. */
    enum Format {
        auto,
        json,
        csv,
        idx
    }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The data file.")
    Path file;

    @Option(
            names = "--format",
            description = "One of ${COMPLETION-CANDIDATES}; auto: by extension (.json, .csv), else IDX.",
            defaultValue = "auto")
    Format format;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        org.elbo4j.cli.io.Inputs.requireReadableFile(file, "a data file (Stan JSON, CSV or IDX)");
        Format f = format == Format.auto ? guess(file) : format;
        switch (f) {
            case json -> describe(StanJsonData.read(file), out);
            case csv -> describe(CsvData.read(file), out);
            default -> describeIdx(file, out);
        }
        out.flush();
        return 0;
    }

    private static Format guess(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return Format.json;
        }
        if (name.endsWith(".csv")) {
            return Format.csv;
        }
        return Format.idx;
    }

    private static void describe(StanJsonData d, PrintWriter out) {
        out.printf(
                Locale.ROOT,
                "%s: Stan JSON data, %d variables%n",
                d.source(),
                d.names().size());
        out.printf(
                Locale.ROOT, "  %-20s %-5s %-14s %14s %14s %s%n", "name", "type", "dims", "min", "max", "non-finite");
        for (DataValue v : d.variables().values()) {
            double[] x = v.values();
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            int nonFinite = 0;
            for (double e : x) {
                if (Double.isFinite(e)) {
                    min = Math.min(min, e);
                    max = Math.max(max, e);
                } else {
                    nonFinite++;
                }
            }
            boolean any = min <= max;
            out.printf(
                    Locale.ROOT,
                    "  %-20s %-5s %-14s %14s %14s %d%n",
                    v.name(),
                    v.integer() ? "int" : "real",
                    Arrays.toString(v.dims()),
                    any ? fmt(min) : "-",
                    any ? fmt(max) : "-",
                    nonFinite);
        }
    }

    private static void describe(CsvData t, PrintWriter out) {
        out.printf(Locale.ROOT, "%s: CSV, %d rows × %d columns%n", t.source(), t.rows(), t.cols());
        out.printf(Locale.ROOT, "  %-20s %14s %14s %14s%n", "column", "min", "max", "mean");
        for (String name : t.names()) {
            double[] c = t.column(name);
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (double e : c) {
                min = Math.min(min, e);
                max = Math.max(max, e);
                sum += e;
            }
            out.printf(Locale.ROOT, "  %-20s %14s %14s %14s%n", name, fmt(min), fmt(max), fmt(sum / c.length));
        }
    }

    private static void describeIdx(Path file, PrintWriter out) throws Exception {
        int magic = peekMagic(file);
        if (magic == Idx.LABELS_MAGIC) {
            Idx.Labels l = Idx.readLabels(file);
            int[] counts = new int[256];
            for (int i = 0; i < l.count(); i++) {
                counts[l.label(i)]++;
            }
            StringBuilder hist = new StringBuilder();
            for (int k = 0; k < 256; k++) {
                if (counts[k] > 0) {
                    hist.append(hist.length() == 0 ? "" : ", ")
                            .append(k)
                            .append(": ")
                            .append(counts[k]);
                }
            }
            out.printf(Locale.ROOT, "%s: IDX labels, %d labels%n  counts {%s}%n", file, l.count(), hist);
        } else {
            Idx.Images im = Idx.readImages(file); // also reports a wrong magic number
            double sum = 0;
            for (byte b : im.pixels()) {
                sum += b & 0xFF;
            }
            out.printf(
                    Locale.ROOT,
                    "%s: IDX images, %d images of %d × %d, mean pixel %.4f (of 1)%n",
                    file,
                    im.count(),
                    im.rows(),
                    im.cols(),
                    im.pixels().length == 0 ? 0.0 : sum / im.pixels().length / 255);
        }
    }

    /** The first 4 bytes as a big-endian int (after gunzip if compressed), or -1 if shorter. */
    private static int peekMagic(Path file) throws Exception {
        byte[] head;
        try (InputStream raw = Files.newInputStream(file)) {
            head = raw.readNBytes(2);
        }
        boolean gz = head.length == 2 && (head[0] & 0xFF) == 0x1f && (head[1] & 0xFF) == 0x8b;
        try (InputStream in = gz ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file)) {
            byte[] b = in.readNBytes(4);
            if (b.length < 4) {
                return -1;
            }
            return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        } catch (java.io.IOException e) {
            return -1; // let the full reader report the problem with its message
        }
    }

    private static String fmt(double x) {
        return String.format(Locale.ROOT, "%.6g", x);
    }
}
