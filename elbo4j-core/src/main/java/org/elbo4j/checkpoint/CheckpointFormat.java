package org.elbo4j.checkpoint;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.elbo4j.optim.OptimizerState;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * The checkpoint file format (version 1, specified in {@code docs/checkpoint-format.md}): a standard zip with two
 * entries, {@code header.json} (format, version, kind, step, settings, random-stream states, optimizer scalars, run
 * scalars, and the names, shapes and offsets of the tensors) and {@code tensors.f64} (every tensor's values as raw
 * little-endian IEEE-754 float64, in the header's order, its SHA-256 in the header). Readable with {@code unzip} and
 * any JSON library; never Java serialization. This class works on bytes and streams only: the caller opens files
 * and writes them atomically (the CLI writes to a temporary file and renames it).
 *
 * <p>A reader checks both entries' CRC-32, the format and version, the blob's length and SHA-256, that the tensors'
 * offsets are consecutive and cover the blob, and every field's type; any failure is an
 * {@link IllegalArgumentException} starting {@code checkpoint <source> is damaged or not a checkpoint:}. It also
 * reads the VAE checkpoints that elbo4j 0.1 wrote ({@code "format": "elbo4j-vae-checkpoint"}, version 1) as kind
 * {@code "vae"}.
 *
 * <pre>{@code
 * ByteArrayOutputStream out = new ByteArrayOutputStream();
 * CheckpointFormat.write(checkpoint, out);
 * Checkpoint back = CheckpointFormat.read(new ByteArrayInputStream(out.toByteArray()), "mem");
 * }</pre>
 */
public final class CheckpointFormat {
    /** The value of the header's {@code format} field. */
    public static final String FORMAT = "elbo4j-checkpoint";
    /** The format of elbo4j 0.1's VAE checkpoints, still read. */
    public static final String LEGACY_VAE_FORMAT = "elbo4j-vae-checkpoint";
    /** The version this code writes and reads. */
    public static final int VERSION = 1;
    /** Name of the JSON entry. */
    public static final String HEADER_ENTRY = "header.json";
    /** Name of the float64 entry. */
    public static final String BLOB_ENTRY = "tensors.f64";
    /** The columns of the legacy VAE header's {@code history} rows, as the {@code "history"} run tensor holds them. */
    public static final List<String> LEGACY_HISTORY_COLUMNS =
            List.of("epoch", "trainElbo", "testElbo", "seconds", "evalSeconds", "skippedSteps", "learningRate");

    private static final String PARAM = "param:";
    private static final String OPT = "optimizer:";
    private static final String RUN = "run:";

    private CheckpointFormat() {}

    // ------------------------------------------------------------------------------------------ encode

    /**
     * The bytes of a checkpoint file.
     *
     * @throws IllegalArgumentException if the tensors hold more than 2<sup>28</sup> − 8 values (one zip entry's
     *         2 GB)
     */
    public static byte[] encode(Checkpoint c) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        c.params().forEach((k, v) -> tensors.put(PARAM + k, v));
        c.optimizer().buffers().forEach((k, v) -> tensors.put(OPT + k, v));
        c.tensors().forEach((k, v) -> tensors.put(RUN + k, v));
        long count = 0;
        for (Tensor t : tensors.values()) count += t.size();
        if (count * 8 > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException(
                    "checkpoint: " + count + " values exceed the 2 GB limit of one zip entry");
        }
        ByteBuffer blob = ByteBuffer.allocate((int) (count * 8)).order(ByteOrder.LITTLE_ENDIAN);
        List<Object> list = new ArrayList<>();
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", e.getKey());
            List<Object> shape = new ArrayList<>();
            for (int d : t.shape().dims()) shape.add((long) d);
            o.put("shape", shape);
            o.put("offset", offset);
            list.add(o);
            offset += t.size();
            for (int i = 0; i < t.size(); i++) blob.putDouble(t.at(i));
        }
        byte[] blobBytes = blob.array();
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("format", FORMAT);
        h.put("version", (long) VERSION);
        h.put("kind", c.kind());
        h.put("step", c.step());
        h.put("settings", new LinkedHashMap<String, Object>(c.settings()));
        Map<String, Object> rng = new LinkedHashMap<>();
        c.rng().forEach((k, v) -> rng.put(k, v.encode()));
        h.put("rng", rng);
        Map<String, Object> opt = new LinkedHashMap<>();
        opt.put("kind", c.optimizer().kind());
        opt.put("scalars", new LinkedHashMap<String, Object>(c.optimizer().scalars()));
        h.put("optimizer", opt);
        h.put("run", new LinkedHashMap<String, Object>(c.scalars()));
        h.put("tensors", list);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("entry", BLOB_ENTRY);
        b.put("dtype", "float64");
        b.put("byteOrder", "little-endian");
        b.put("count", count);
        b.put("sha256", sha256(blobBytes));
        h.put("blob", b);
        h.put("info", new LinkedHashMap<String, Object>(c.info()));
        StringBuilder json = new StringBuilder();
        Json.write(json, h, 0);
        json.append('\n');
        byte[] header = json.toString().getBytes(StandardCharsets.UTF_8);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream(blobBytes.length + header.length + 1024);
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(HEADER_ENTRY));
            zip.write(header);
            zip.closeEntry();
            ZipEntry be = new ZipEntry(BLOB_ENTRY);
            be.setMethod(ZipEntry.STORED); // float64 values do not compress; stored = seekable
            be.setSize(blobBytes.length);
            be.setCompressedSize(blobBytes.length);
            CRC32 crc = new CRC32();
            crc.update(blobBytes);
            be.setCrc(crc.getValue());
            zip.putNextEntry(be);
            zip.write(blobBytes);
            zip.closeEntry();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /**
     * Writes {@link #encode}'s bytes to {@code out} (not closed).
     *
     * @throws IOException if {@code out} fails
     */
    public static void write(Checkpoint c, OutputStream out) throws IOException {
        out.write(encode(c));
        out.flush();
    }

    // ------------------------------------------------------------------------------------------ decode

    /**
     * Reads a checkpoint from {@code in} (to its end; not closed).
     *
     * @param source names the file in error messages
     * @throws IOException if {@code in} fails
     * @throws IllegalArgumentException if the bytes are damaged or not a checkpoint of this version
     */
    public static Checkpoint read(InputStream in, String source) throws IOException {
        return decode(in.readAllBytes(), source);
    }

    /**
     * Parses the bytes of a checkpoint file.
     *
     * @param source names the file in error messages
     * @throws IllegalArgumentException if the bytes are damaged or not a checkpoint of this version
     */
    public static Checkpoint decode(byte[] bytes, String source) {
        byte[] header = null;
        byte[] blob = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                byte[] content = zip.readAllBytes(); // checks the entry's CRC-32 at its end
                if (e.getName().equals(HEADER_ENTRY) && header == null) {
                    header = content;
                } else if (e.getName().equals(BLOB_ENTRY) && blob == null) {
                    blob = content;
                } else {
                    throw damaged(source, "unexpected entry '" + e.getName() + "'");
                }
            }
        } catch (ZipException | EOFException e) {
            throw damaged(source, "not a complete zip file (truncated or corrupted): " + e.getMessage());
        } catch (IOException e) {
            throw damaged(source, "unreadable zip data: " + e.getMessage());
        }
        if (header == null) {
            throw damaged(
                    source,
                    bytes.length == 0
                            ? "the file is empty"
                            : "no " + HEADER_ENTRY + " entry (truncated, or not a checkpoint)");
        }
        if (blob == null) throw damaged(source, "no " + BLOB_ENTRY + " entry (truncated?)");
        Map<String, Object> h;
        try {
            h = object(Json.parse(new String(header, StandardCharsets.UTF_8)), HEADER_ENTRY);
        } catch (IllegalArgumentException e) {
            throw damaged(source, HEADER_ENTRY + " is not valid JSON: " + e.getMessage());
        }
        try {
            return parse(h, blob);
        } catch (IllegalArgumentException | ClassCastException | ArithmeticException e) {
            throw damaged(source, e.getMessage());
        }
    }

    private static Checkpoint parse(Map<String, Object> h, byte[] blob) {
        String format = text(h, "format");
        boolean legacy = LEGACY_VAE_FORMAT.equals(format);
        if (!FORMAT.equals(format) && !legacy) {
            throw new IllegalArgumentException("header field 'format' is '" + format + "', expected '" + FORMAT + "'");
        }
        long version = integer(h, "version");
        if (version != VERSION) {
            throw new IllegalArgumentException("format version " + version + "; this elbo4j reads version " + VERSION);
        }
        String kind = legacy ? "vae" : text(h, "kind");
        long step = integer(h, legacy ? "epoch" : "step");
        Map<String, String> settings = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : object(h.get("settings"), "settings").entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw new IllegalArgumentException("setting '" + e.getKey() + "' is not text: " + e.getValue());
            }
            settings.put(e.getKey(), s);
        }
        Map<String, RandomStream.State> rng = new LinkedHashMap<>();
        if (legacy) {
            rng.put("train", RandomStream.State.decode(text(h, "rng")));
        } else {
            for (Map.Entry<String, Object> e : object(h.get("rng"), "rng").entrySet()) {
                if (!(e.getValue() instanceof String s)) {
                    throw new IllegalArgumentException("rng '" + e.getKey() + "' is not text");
                }
                rng.put(e.getKey(), RandomStream.State.decode(s));
            }
        }
        Map<String, Object> opt = object(h.get("optimizer"), "optimizer");
        Map<String, Double> optScalars = numbers(object(opt.get("scalars"), "optimizer.scalars"), "optimizer scalar");
        Map<String, Double> run = legacy ? new LinkedHashMap<>() : numbers(object(h.get("run"), "run"), "run scalar");

        Map<String, Object> b = object(h.get("blob"), "blob");
        if (!"float64".equals(b.get("dtype")) || !"little-endian".equals(b.get("byteOrder"))) {
            throw new IllegalArgumentException(
                    "blob must be float64 little-endian, header says " + b.get("dtype") + " " + b.get("byteOrder"));
        }
        long count = integer(b, "count");
        if (count < 0 || count * 8 != blob.length) {
            throw new IllegalArgumentException(BLOB_ENTRY + " has " + blob.length + " bytes, the header promises "
                    + count + " float64 values (" + count * 8 + " bytes)");
        }
        String sha = sha256(blob);
        if (!sha.equals(text(b, "sha256"))) {
            throw new IllegalArgumentException(
                    BLOB_ENTRY + " has SHA-256 " + sha + ", the header records " + text(b, "sha256"));
        }
        ByteBuffer buf = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, Tensor> params = new LinkedHashMap<>();
        Map<String, Tensor> buffers = new LinkedHashMap<>();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        long offset = 0;
        if (!(h.get("tensors") instanceof List<?> list)) {
            throw new IllegalArgumentException("header has no 'tensors' array");
        }
        for (Object item : list) {
            Map<String, Object> t = object(item, "tensors[]");
            String name = text(t, "name");
            if (!(t.get("shape") instanceof List<?> sh)) {
                throw new IllegalArgumentException("tensor '" + name + "' has no shape");
            }
            int[] dims = new int[sh.size()];
            long size = 1;
            for (int i = 0; i < dims.length; i++) {
                if (!(sh.get(i) instanceof Long d) || d < 0 || d > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("tensor '" + name + "' has a bad shape " + sh);
                }
                dims[i] = (int) (long) d;
                size = Math.multiplyExact(size, dims[i]);
            }
            if (integer(t, "offset") != offset) {
                throw new IllegalArgumentException(
                        "tensor '" + name + "' has offset " + t.get("offset") + ", expected " + offset);
            }
            if (offset + size > count) {
                throw new IllegalArgumentException("tensor '" + name + "' runs past the end of " + BLOB_ENTRY);
            }
            double[] v = new double[(int) size];
            for (int i = 0; i < v.length; i++) v[i] = buf.getDouble((int) ((offset + i) * 8));
            offset += size;
            Tensor value = Tensor.wrap(v, Shape.of(dims));
            Map<String, Tensor> into;
            String key;
            if (name.startsWith(PARAM)) {
                into = params;
                key = name.substring(PARAM.length());
            } else if (name.startsWith(OPT)) {
                into = buffers;
                key = name.substring(OPT.length());
            } else if (name.startsWith(RUN) && !legacy) {
                into = tensors;
                key = name.substring(RUN.length());
            } else {
                throw new IllegalArgumentException(
                        "tensor '" + name + "' is neither a 'param:', an 'optimizer:' nor a 'run:' tensor");
            }
            if (into.put(key, value) != null) throw new IllegalArgumentException("tensor '" + name + "' twice");
        }
        if (offset != count) {
            throw new IllegalArgumentException(
                    "the tensors cover " + offset + " of the " + count + " values in " + BLOB_ENTRY);
        }
        if (legacy) tensors.put("history", legacyHistory(h));
        Map<String, String> info = new LinkedHashMap<>();
        if (h.get("info") instanceof Map<?, ?> in) {
            in.forEach((k, v) -> info.put(String.valueOf(k), String.valueOf(v)));
        }
        return new Checkpoint(
                kind,
                step,
                settings,
                params,
                new OptimizerState(text(opt, "kind"), optScalars, buffers),
                rng,
                run,
                tensors,
                info);
    }

    /** The legacy header's {@code history} objects as a [epochs, 7] tensor ({@link #LEGACY_HISTORY_COLUMNS}). */
    private static Tensor legacyHistory(Map<String, Object> h) {
        if (!(h.get("history") instanceof List<?> hist)) {
            throw new IllegalArgumentException("header has no 'history' array");
        }
        int cols = LEGACY_HISTORY_COLUMNS.size();
        double[] v = new double[hist.size() * cols];
        for (int r = 0; r < hist.size(); r++) {
            Map<String, Object> m = object(hist.get(r), "history[" + r + "]");
            for (int c = 0; c < cols; c++) {
                String col = LEGACY_HISTORY_COLUMNS.get(c);
                v[r * cols + c] = number(m.get(col), "history[" + r + "]." + col);
            }
        }
        return Tensor.wrap(v, Shape.of(hist.size(), cols));
    }

    private static IllegalArgumentException damaged(String source, String why) {
        return new IllegalArgumentException("checkpoint " + source + " is damaged or not a checkpoint: " + why);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object n, String field) {
        if (!(n instanceof Map<?, ?>)) throw new IllegalArgumentException("header has no object '" + field + "'");
        return (Map<String, Object>) n;
    }

    private static String text(Map<String, Object> h, String field) {
        if (!(h.get(field) instanceof String s)) {
            throw new IllegalArgumentException("header has no text field '" + field + "'");
        }
        return s;
    }

    private static long integer(Map<String, Object> h, String field) {
        if (!(h.get(field) instanceof Long n)) {
            throw new IllegalArgumentException("header field '" + field + "' is not an integer: " + h.get(field));
        }
        return n;
    }

    private static Map<String, Double> numbers(Map<String, Object> m, String what) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            out.put(e.getKey(), number(e.getValue(), what + " '" + e.getKey() + "'"));
        }
        return out;
    }

    private static double number(Object n, String what) {
        if (n instanceof Long l) return l;
        if (n instanceof Double d) return d;
        if (n instanceof String s) {
            switch (s) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException(what + " is not a number: " + n);
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
