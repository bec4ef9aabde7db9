package org.elbo4j.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The global state of a run as a value (step, seed, RNG state, named scalars, strings and arrays), written to and read
 * from any Hadoop-compatible file system (local disk, HDFS, S3A, …) through the Hadoop {@link FileSystem} API that
 * Spark brings.
 *
 * <p><b>Format</b> (not Java serialization): UTF-8 text, one entry per line, every double as
 * {@link Double#toHexString} so that a restored value has the same bits:
 * <pre>
 * elbo4j-checkpoint 1
 * step 12
 * string kind svi
 * scalar optimizer/lr 0x1.47ae147ae147bp-7
 * array param/w_loc 20 0x1.0p0 ...
 * </pre>
 *
 * <p><b>Atomicity.</b> A checkpoint of step t goes to {@code _tmp-checkpoint-<t>-<nanos>} in the directory, is
 * closed (flushed), then renamed to {@code checkpoint-<t, 12 digits>}; a reader only considers complete
 * {@code checkpoint-*} names and takes the highest step, so a driver killed mid-write leaves the previous checkpoint
 * as the latest. Older checkpoints beyond the last two are deleted after a successful rename.
 */
public final class Checkpoint {
    static final String MAGIC = "elbo4j-checkpoint 1";
    static final String PREFIX = "checkpoint-";

    private final long step;
    private final Map<String, String> strings = new LinkedHashMap<>();
    private final Map<String, Double> scalars = new LinkedHashMap<>();
    private final Map<String, int[]> shapes = new LinkedHashMap<>();
    private final Map<String, double[]> arrays = new LinkedHashMap<>();

    /** An empty checkpoint of step {@code step}. */
    public Checkpoint(long step) {
        this.step = step;
    }

    /** The step. */
    public long step() {
        return step;
    }

    /** Adds a string (no line breaks). */
    public Checkpoint putString(String name, String value) {
        if (value.contains("\n"))
            throw new IllegalArgumentException("checkpoint string '" + name + "' has a line break");
        strings.put(name, value);
        return this;
    }

    /** Adds a scalar. */
    public Checkpoint putScalar(String name, double value) {
        scalars.put(name, value);
        return this;
    }

    /** Adds an array with its shape; the array is not copied and must not be modified afterwards. */
    public Checkpoint putArray(String name, int[] shape, double[] values) {
        long n = 1;
        for (int d : shape) n *= d;
        if (n != values.length)
            throw new IllegalArgumentException("checkpoint array '" + name + "': shape " + Arrays.toString(shape)
                    + " but " + values.length + " values");
        shapes.put(name, shape.clone());
        arrays.put(name, values);
        return this;
    }

    /** A string. @throws IllegalArgumentException naming it when absent */
    public String string(String name) {
        return need(strings, name);
    }

    /** A scalar. @throws IllegalArgumentException naming it when absent */
    public double scalar(String name) {
        return need(scalars, name);
    }

    /** An array. @throws IllegalArgumentException naming it when absent */
    public double[] array(String name) {
        return need(arrays, name);
    }

    /** An array's shape. @throws IllegalArgumentException naming it when absent */
    public int[] shape(String name) {
        return need(shapes, name).clone();
    }

    /** Names of the arrays, in insertion order. */
    public java.util.Set<String> arrayNames() {
        return arrays.keySet();
    }

    /** Names of the scalars, in insertion order. */
    public java.util.Set<String> scalarNames() {
        return scalars.keySet();
    }

    private <T> T need(Map<String, T> m, String name) {
        T v = m.get(name);
        if (v == null)
            throw new IllegalArgumentException("checkpoint of step " + step + " has no entry '" + name + "'");
        return v;
    }

    /**
     * Writes this checkpoint atomically into {@code dir} (created if needed).
     *
     * @throws UncheckedIOException naming the directory when writing or renaming fails (the previous checkpoints are
     *                              then intact)
     */
    public void write(String dir, Configuration conf) {
        Path d = new Path(dir);
        try {
            FileSystem fs = d.getFileSystem(conf);
            fs.mkdirs(d);
            Path tmp = new Path(d, "_tmp-" + PREFIX + step + "-" + System.nanoTime());
            Path target = new Path(d, String.format("%s%012d", PREFIX, step));
            try (FSDataOutputStream out = fs.create(tmp, true);
                    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                w.write(MAGIC + "\nstep " + step + "\n");
                for (var e : strings.entrySet()) w.write("string " + e.getKey() + " " + e.getValue() + "\n");
                for (var e : scalars.entrySet())
                    w.write("scalar " + e.getKey() + " " + Double.toHexString(e.getValue()) + "\n");
                for (var e : arrays.entrySet()) {
                    StringBuilder b =
                            new StringBuilder("array ").append(e.getKey()).append(' ');
                    int[] sh = shapes.get(e.getKey());
                    for (int i = 0; i < sh.length; i++)
                        b.append(i == 0 ? "" : ",").append(sh[i]);
                    if (sh.length == 0) b.append("scalar");
                    for (double v : e.getValue()) b.append(' ').append(Double.toHexString(v));
                    w.write(b.append('\n').toString());
                }
                w.write("end\n");
            }
            if (fs.exists(target)) fs.delete(target, false);
            if (!fs.rename(tmp, target)) {
                fs.delete(tmp, false);
                throw new IOException("could not rename " + tmp + " to " + target);
            }
            FileStatus[] old = complete(fs, d);
            for (int i = 0; i + 2 < old.length; i++) fs.delete(old[i].getPath(), false);
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint of step " + step + " to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Complete checkpoints in step order. */
    private static FileStatus[] complete(FileSystem fs, Path d) throws IOException {
        if (!fs.exists(d)) return new FileStatus[0];
        FileStatus[] all = fs.listStatus(d, p -> p.getName().startsWith(PREFIX));
        Arrays.sort(all, (a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
        return all;
    }

    /**
     * The checkpoint of the highest step in {@code dir}, or null when there is none (or no directory).
     *
     * @throws IllegalArgumentException naming the file when it is malformed or truncated
     */
    public static Checkpoint latest(String dir, Configuration conf) {
        Path d = new Path(dir);
        try {
            FileSystem fs = d.getFileSystem(conf);
            FileStatus[] all = complete(fs, d);
            if (all.length == 0) return null;
            Path p = all[all.length - 1].getPath();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(p), StandardCharsets.UTF_8))) {
                return parse(r, p.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading checkpoints in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Checkpoint parse(BufferedReader r, String where) throws IOException {
        if (!MAGIC.equals(r.readLine()))
            throw new IllegalArgumentException(where + ": not an elbo4j checkpoint (first line)");
        String stepLine = r.readLine();
        if (stepLine == null || !stepLine.startsWith("step "))
            throw new IllegalArgumentException(where + ": line 2 is not 'step N'");
        Checkpoint c = new Checkpoint(Long.parseLong(stepLine.substring(5).trim()));
        String line;
        int no = 2;
        boolean ended = false;
        while ((line = r.readLine()) != null) {
            no++;
            if (line.equals("end")) {
                ended = true;
                break;
            }
            String[] f = line.split(" ");
            try {
                switch (f[0]) {
                    case "string" -> c.strings.put(f[1], line.substring(("string " + f[1] + " ").length()));
                    case "scalar" -> c.scalars.put(f[1], Double.parseDouble(f[2]));
                    case "array" -> {
                        int[] shape = f[2].equals("scalar")
                                ? new int[0]
                                : Arrays.stream(f[2].split(","))
                                        .mapToInt(Integer::parseInt)
                                        .toArray();
                        double[] v = new double[f.length - 3];
                        for (int i = 0; i < v.length; i++) v[i] = Double.parseDouble(f[3 + i]);
                        c.putArray(f[1], shape, v);
                    }
                    default -> throw new IllegalArgumentException("unknown entry '" + f[0] + "'");
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(where + ", line " + no + ": " + e.getMessage(), e);
            }
        }
        if (!ended) throw new IllegalArgumentException(where + ": truncated (no 'end' line)");
        return c;
    }
}
