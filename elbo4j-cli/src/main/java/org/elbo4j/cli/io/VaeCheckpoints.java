package org.elbo4j.cli.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.elbo4j.optim.OptimizerState;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.vae.EpochMetrics;
import org.elbo4j.vae.TrainingState;

/**
 * VAE training checkpoints on disk: one zip file per epoch, {@code checkpoint-<epoch, 4+ digits>.zip},
 * holding {@code header.json} (format, version, epoch, settings, RNG state, optimizer scalars,
 * metrics, and the names and shapes of the tensors) and {@code tensors.f64} (every tensor's values
 * as raw little-endian IEEE-754 float64, in the header's order, with its SHA-256 in the header).
 * The format is specified in {@code docs/checkpoint-format.md}; it is not Java serialization and
 * can be read with {@code unzip}, {@code python3 -c "import json, numpy"} or any zip + JSON library.
 *
 * <p>Writing is atomic ({@link AtomicFiles}: a reader sees the old file or the complete new one),
 * and {@link #write} keeps the newest two checkpoints, so when the newest is damaged (a disk
 * error, a copy cut short) the previous one is still there. Reading checks the zip CRCs, the
 * header, the sizes and the SHA-256, and reports any damage as an
 * {@link IllegalArgumentException} naming the file and what is wrong.
 *
 * <pre>{@code
 * Path file = VaeCheckpoints.write(outDir, trainer.state(), Map.of("blas", Blas.backend()));
 * TrainingState s = VaeCheckpoints.readLatest(outDir);      // newest intact checkpoint, or a clear error
 * }</pre>
 */
public final class VaeCheckpoints {

    /** The value of the header's {@code format} field. */
    public static final String FORMAT = "elbo4j-vae-checkpoint";
    /** The version this code writes and reads. */
    public static final int VERSION = 1;
    /** Name of the JSON entry. */
    public static final String HEADER_ENTRY = "header.json";
    /** Name of the float64 entry. */
    public static final String BLOB_ENTRY = "tensors.f64";

    private static final Pattern NAME = Pattern.compile("checkpoint-(\\d{4,})\\.zip");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String PARAM = "param:";
    private static final String OPT = "optimizer:";

    private VaeCheckpoints() {}

    /** The file name of the checkpoint after {@code epoch} epochs: {@code checkpoint-0007.zip}. */
    public static String fileName(int epoch) {
        return String.format(java.util.Locale.ROOT, "checkpoint-%04d.zip", epoch);
    }

    /**
     * Writes the state atomically to {@code dir/checkpoint-<epoch>.zip}, then deletes the
     * checkpoints in {@code dir} older than the previous one (two are kept).
     *
     * @param dir an existing directory
     * @param info free-form text stored in the header's {@code info} object (e.g. the BLAS backend);
     *     not read back
     * @return the file written
     * @throws IOException if writing fails (an older checkpoint is then untouched)
     */
    public static Path write(Path dir, TrainingState state, Map<String, String> info) throws IOException {
        Path file = dir.resolve(fileName(state.epoch()));
        AtomicFiles.writeBytes(file, encode(state, info));
        for (Path old : list(dir)) {
            int e = epochOf(old);
            if (e < state.epoch() - 1) {
                Files.deleteIfExists(old);
            }
        }
        return file;
    }

    /**
     * The checkpoint files in {@code dir}, newest (highest epoch) first.
     *
     * @throws IOException if the directory cannot be listed
     */
    public static List<Path> list(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).forEach(out::add);
        }
        out.sort((a, b) -> Integer.compare(epochOf(b), epochOf(a)));
        return out;
    }

    private static int epochOf(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (!m.matches()) {
            return -1;
        }
        try {
            return Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The newest checkpoint of a run directory, or a given checkpoint file.
     *
     * @param dirOrFile a run directory (its newest {@code checkpoint-*.zip} is read) or one file
     * @return the state
     * @throws IOException if reading fails
     * @throws IllegalArgumentException if there is no checkpoint, or the newest is damaged; the
     *     message names the damaged file, says what is wrong and, when the previous checkpoint is
     *     intact, names it and how to continue from it
     */
    public static TrainingState readLatest(Path dirOrFile) throws IOException {
        if (!Files.isDirectory(dirOrFile)) {
            if (!Files.exists(dirOrFile)) {
                throw new IllegalArgumentException("--resume " + dirOrFile + ": no such file or directory");
            }
            return read(dirOrFile);
        }
        List<Path> files = list(dirOrFile);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("--resume " + dirOrFile + ": no checkpoint-NNNN.zip in this directory");
        }
        Path newest = files.get(0);
        try {
            return read(newest);
        } catch (IllegalArgumentException damaged) {
            for (Path prev : files.subList(1, files.size())) {
                TrainingState s;
                try {
                    s = read(prev);
                } catch (IllegalArgumentException alsoDamaged) {
                    continue;
                }
                throw new IllegalArgumentException(
                        damaged.getMessage() + ". The previous checkpoint "
                                + prev + " (epoch " + s.epoch() + ") is intact: delete " + newest.getFileName()
                                + " or pass --resume " + prev + " to continue from epoch " + s.epoch(),
                        damaged);
            }
            throw damaged;
        }
    }

    /**
     * Reads one checkpoint file.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if it is damaged or not a checkpoint (naming the file)
     */
    public static TrainingState read(Path file) throws IOException {
        Inputs.requireReadableFile(file, "a checkpoint file (checkpoint-NNNN.zip)");
        return decode(Files.readAllBytes(file), file.toString());
    }

    // ------------------------------------------------------------------------------------------ encode

    /**
     * The bytes of a checkpoint file (see the class doc).
     *
     * @param info free-form text for the header's {@code info} object
     */
    public static byte[] encode(TrainingState s, Map<String, String> info) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : s.params().entrySet()) {
            tensors.put(PARAM + e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Tensor> e : s.optimizer().buffers().entrySet()) {
            tensors.put(OPT + e.getKey(), e.getValue());
        }
        long count = 0;
        for (Tensor t : tensors.values()) {
            count += t.size();
        }
        if (count * 8 > Integer.MAX_VALUE - 64) {
            throw new IOException("checkpoint: " + count + " values exceed the 2 GB limit of one entry");
        }
        ByteBuffer blob = ByteBuffer.allocate((int) (count * 8)).order(ByteOrder.LITTLE_ENDIAN);
        ObjectNode h = JSON.createObjectNode();
        h.put("format", FORMAT);
        h.put("version", VERSION);
        h.put("epoch", s.epoch());
        ObjectNode settings = h.putObject("settings");
        s.settings().forEach(settings::put);
        h.put("rng", s.rng().encode());
        ObjectNode opt = h.putObject("optimizer");
        opt.put("kind", s.optimizer().kind());
        ObjectNode scalars = opt.putObject("scalars");
        s.optimizer().scalars().forEach((k, v) -> putDouble(scalars, k, v));
        ArrayNode list = h.putArray("tensors");
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            ObjectNode o = list.addObject();
            o.put("name", e.getKey());
            ArrayNode shape = o.putArray("shape");
            for (int d : t.shape().dims()) {
                shape.add(d);
            }
            o.put("offset", offset);
            offset += t.size();
            for (int i = 0; i < t.size(); i++) {
                blob.putDouble(t.at(i));
            }
        }
        byte[] blobBytes = blob.array();
        ObjectNode b = h.putObject("blob");
        b.put("entry", BLOB_ENTRY);
        b.put("dtype", "float64");
        b.put("byteOrder", "little-endian");
        b.put("count", count);
        b.put("sha256", sha256(blobBytes));
        ArrayNode hist = h.putArray("history");
        for (EpochMetrics m : s.history()) {
            ObjectNode o = hist.addObject();
            o.put("epoch", m.epoch());
            putDouble(o, "trainElbo", m.trainElbo());
            putDouble(o, "testElbo", m.testElbo());
            putDouble(o, "seconds", m.seconds());
            putDouble(o, "evalSeconds", m.evalSeconds());
            o.put("skippedSteps", m.skippedSteps());
            putDouble(o, "learningRate", m.learningRate());
        }
        ObjectNode in = h.putObject("info");
        info.forEach(in::put);
        byte[] header = JSON.writeValueAsBytes(h);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream(blobBytes.length + header.length + 1024);
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(HEADER_ENTRY));
            zip.write(header);
            zip.closeEntry();
            ZipEntry be = new ZipEntry(BLOB_ENTRY);
            be.setMethod(ZipEntry.STORED); // float64 weights do not compress; stored = seekable
            be.setSize(blobBytes.length);
            be.setCompressedSize(blobBytes.length);
            CRC32 crc = new CRC32();
            crc.update(blobBytes);
            be.setCrc(crc.getValue());
            zip.putNextEntry(be);
            zip.write(blobBytes);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** JSON numbers cannot be NaN or infinite: those are written as the strings "NaN", "Infinity", "-Infinity". */
    private static void putDouble(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.put(key, Double.toString(v));
        }
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    // ------------------------------------------------------------------------------------------ decode

    /**
     * Parses the bytes of a checkpoint file.
     *
     * @param source names the file in error messages
     * @throws IllegalArgumentException if the bytes are damaged or not a checkpoint of this version
     */
    public static TrainingState decode(byte[] bytes, String source) {
        byte[] header = null;
        byte[] blob = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                byte[] content = zip.readAllBytes(); // checks the entry's CRC-32 at its end
                if (e.getName().equals(HEADER_ENTRY)) {
                    header = content;
                } else if (e.getName().equals(BLOB_ENTRY)) {
                    blob = content;
                } else {
                    throw damaged(source, "unexpected entry '" + e.getName() + "'");
                }
            }
        } catch (ZipException | java.io.EOFException e) {
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
        if (blob == null) {
            throw damaged(source, "no " + BLOB_ENTRY + " entry (truncated?)");
        }
        JsonNode h;
        try {
            h = JSON.readTree(new String(header, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw damaged(source, HEADER_ENTRY + " is not valid JSON: " + e.getMessage());
        }
        try {
            return parse(h, blob, source);
        } catch (IllegalArgumentException | NullPointerException | ClassCastException e) {
            throw damaged(source, e.getMessage());
        }
    }

    private static TrainingState parse(JsonNode h, byte[] blob, String source) {
        String format = text(h, "format");
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("header field 'format' is '" + format + "', expected '" + FORMAT + "'");
        }
        int version = integer(h, "version");
        if (version != VERSION) {
            throw new IllegalArgumentException("format version " + version + "; this elbo4j reads version " + VERSION);
        }
        int epoch = integer(h, "epoch");
        Map<String, String> settings = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object(h, "settings").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            settings.put(e.getKey(), e.getValue().asText());
        }
        RandomStream.State rng = RandomStream.State.decode(text(h, "rng"));
        JsonNode opt = object(h, "optimizer");
        Map<String, Double> scalars = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object(opt, "scalars").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            scalars.put(e.getKey(), number(e.getValue(), "optimizer scalar '" + e.getKey() + "'"));
        }
        JsonNode b = object(h, "blob");
        if (!"float64".equals(text(b, "dtype")) || !"little-endian".equals(text(b, "byteOrder"))) {
            throw new IllegalArgumentException(
                    "blob must be float64 little-endian, header says " + b.get("dtype") + " " + b.get("byteOrder"));
        }
        long count = b.path("count").asLong(-1);
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
        long offset = 0;
        JsonNode list = h.get("tensors");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException("header has no 'tensors' array");
        }
        for (JsonNode t : list) {
            String name = text(t, "name");
            JsonNode sh = t.get("shape");
            if (sh == null || !sh.isArray()) {
                throw new IllegalArgumentException("tensor '" + name + "' has no shape");
            }
            int[] dims = new int[sh.size()];
            long size = 1;
            for (int i = 0; i < dims.length; i++) {
                dims[i] = sh.get(i).asInt(-1);
                if (dims[i] < 0) {
                    throw new IllegalArgumentException("tensor '" + name + "' has a bad shape " + sh);
                }
                size *= dims[i];
            }
            if (t.path("offset").asLong(-1) != offset) {
                throw new IllegalArgumentException(
                        "tensor '" + name + "' has offset " + t.get("offset") + ", expected " + offset);
            }
            if (offset + size > count) {
                throw new IllegalArgumentException("tensor '" + name + "' runs past the end of " + BLOB_ENTRY);
            }
            double[] v = new double[(int) size];
            for (int i = 0; i < v.length; i++) {
                v[i] = buf.getDouble((int) ((offset + i) * 8));
            }
            offset += size;
            Tensor value = Tensor.of(v, Shape.of(dims));
            if (name.startsWith(PARAM)) {
                params.put(name.substring(PARAM.length()), value);
            } else if (name.startsWith(OPT)) {
                buffers.put(name.substring(OPT.length()), value);
            } else {
                throw new IllegalArgumentException(
                        "tensor '" + name + "' is neither a 'param:' nor an 'optimizer:' tensor");
            }
        }
        if (offset != count) {
            throw new IllegalArgumentException(
                    "the tensors cover " + offset + " of the " + count + " values in " + BLOB_ENTRY);
        }
        List<EpochMetrics> history = new ArrayList<>();
        JsonNode hist = h.get("history");
        if (hist == null || !hist.isArray()) {
            throw new IllegalArgumentException("header has no 'history' array");
        }
        for (JsonNode m : hist) {
            history.add(new EpochMetrics(
                    integer(m, "epoch"),
                    number(m.get("trainElbo"), "trainElbo"),
                    number(m.get("testElbo"), "testElbo"),
                    number(m.get("seconds"), "seconds"),
                    number(m.get("evalSeconds"), "evalSeconds"),
                    integer(m, "skippedSteps"),
                    number(m.get("learningRate"), "learningRate")));
        }
        return new TrainingState(
                settings, epoch, params, new OptimizerState(text(opt, "kind"), scalars, buffers), rng, history);
    }

    private static IllegalArgumentException damaged(String source, String why) {
        return new IllegalArgumentException("checkpoint " + source + " is damaged or not a checkpoint: " + why);
    }

    private static JsonNode object(JsonNode h, String field) {
        JsonNode n = h.get(field);
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("header has no object '" + field + "'");
        }
        return n;
    }

    private static String text(JsonNode h, String field) {
        JsonNode n = h.get(field);
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException("header has no text field '" + field + "'");
        }
        return n.asText();
    }

    private static int integer(JsonNode h, String field) {
        JsonNode n = h.get(field);
        if (n == null || !n.canConvertToInt() || !n.isIntegralNumber()) {
            throw new IllegalArgumentException("header field '" + field + "' is not an integer: " + n);
        }
        return n.asInt();
    }

    private static double number(JsonNode n, String what) {
        if (n != null && n.isNumber()) {
            return n.doubleValue();
        }
        if (n != null && n.isTextual()) {
            switch (n.asText()) {
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
}
