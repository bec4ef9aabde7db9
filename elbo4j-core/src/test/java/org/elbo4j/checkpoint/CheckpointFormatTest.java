package org.elbo4j.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.elbo4j.optim.Adam;
import org.elbo4j.optim.Optimizer;
import org.elbo4j.optim.ParamStore;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The checkpoint format: exact round trips, damage caught, elbo4j 0.1's VAE checkpoints still read. */
class CheckpointFormatTest {

    static Checkpoint sample() {
        ParamStore p = new ParamStore();
        p.put("w \"quoted\" \\ ü", Tensor.of(new double[] {Math.PI, -0.0, Double.MIN_VALUE, 1e308, 5, 6}, 2, 3));
        p.put("b", Tensor.scalar(0.1 + 0.2));
        p.put("empty", Tensor.of(new double[0], 0));
        Optimizer opt = Adam.of(0.01);
        opt.step(p, Map.of("w \"quoted\" \\ ü", Tensor.full(0.5, 2, 3), "b", Tensor.scalar(-1)));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("model", "eight_schools");
        settings.put("tab\tnew\nline", "\u0001 control");
        Map<String, Double> scalars = new LinkedHashMap<>();
        scalars.put("nan", Double.NaN);
        scalars.put("inf", Double.NEGATIVE_INFINITY);
        scalars.put("third", 1.0 / 3);
        scalars.put("big", 0x1p53 + 0); // whole, beyond 18 digits? no: 9007199254740992 has 16
        scalars.put("huge", 1e300);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("trace", Tensor.of(Double.NaN, Double.POSITIVE_INFINITY, -1.5));
        return new Checkpoint(
                "svi",
                12345678901L,
                settings,
                p.asMap(),
                opt.saveState(),
                Map.of("step", RandomStream.of(3).state()),
                scalars,
                tensors,
                Map.of("blas", "test"));
    }

    static void assertSame(Checkpoint a, Checkpoint b) {
        assertEquals(a.kind(), b.kind());
        assertEquals(a.step(), b.step());
        assertEquals(a.settings(), b.settings());
        assertEquals(a.rng(), b.rng());
        assertEquals(a.info(), b.info());
        assertEquals(a.optimizer().kind(), b.optimizer().kind());
        assertEquals(a.optimizer().scalars().keySet(), b.optimizer().scalars().keySet());
        a.optimizer()
                .scalars()
                .forEach((k, v) -> assertEquals(
                        Double.doubleToRawLongBits(v),
                        Double.doubleToRawLongBits(b.optimizer().scalars().get(k)),
                        k));
        assertEquals(a.scalars().keySet(), b.scalars().keySet());
        a.scalars()
                .forEach((k, v) -> assertEquals(
                        Double.doubleToRawLongBits(v),
                        Double.doubleToRawLongBits(b.scalars().get(k)),
                        k));
        assertTensors(a.params(), b.params());
        assertTensors(a.optimizer().buffers(), b.optimizer().buffers());
        assertTensors(a.tensors(), b.tensors());
    }

    static void assertTensors(Map<String, Tensor> a, Map<String, Tensor> b) {
        assertEquals(a.keySet().stream().toList(), b.keySet().stream().toList(), "names, in order");
        a.forEach((k, t) -> {
            Tensor u = b.get(k);
            assertEquals(t.shape(), u.shape(), k);
            for (int i = 0; i < t.size(); i++) {
                assertEquals(
                        Double.doubleToRawLongBits(t.at(i)), Double.doubleToRawLongBits(u.at(i)), k + "[" + i + "]");
            }
        });
    }

    @Test
    void aRoundTripIsExact() throws Exception {
        Checkpoint c = sample();
        assertSame(c, CheckpointFormat.decode(CheckpointFormat.encode(c), "mem"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CheckpointFormat.write(c, out);
        assertSame(c, CheckpointFormat.read(new java.io.ByteArrayInputStream(out.toByteArray()), "mem"));
    }

    @Test
    void theHeaderIsPlainJsonWithTheDocumentedFields() throws Exception {
        String h = header(CheckpointFormat.encode(sample()));
        for (String field : new String[] {
            "\"format\": \"elbo4j-checkpoint\"", "\"version\": 1", "\"kind\": \"svi\"", "\"step\": 12345678901",
            "\"nan\": \"NaN\"", "\"inf\": \"-Infinity\"", "\"name\": \"param:b\"", "\"shape\": [2, 3]",
            "\"name\": \"run:trace\"", "\"byteOrder\": \"little-endian\""
        }) {
            assertTrue(h.contains(field), field + " in\n" + h);
        }
        assertEquals(Json.parse(h), Json.parse(h.replace("\n", " ")), "whitespace-insensitive");
    }

    static String header(byte[] zip) throws Exception {
        try (ZipInputStream z = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            ZipEntry e = z.getNextEntry();
            assertEquals(CheckpointFormat.HEADER_ENTRY, e.getName());
            return new String(z.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Every 5th byte flipped: either the "damaged" error (CRC-32 of each entry, SHA-256 of the blob, the JSON parser,
     * the header checks) or, in zip metadata that carries no data (timestamps, flags), the same state. Never a
     * silently different state.
     */
    @Test
    void aFlippedBitIsCaughtOrHarmless() {
        Checkpoint c = sample();
        byte[] good = CheckpointFormat.encode(c);
        int caught = 0, harmless = 0;
        for (int pos = 0; pos < good.length; pos += 5) {
            byte[] bad = good.clone();
            bad[pos] ^= 0x04;
            Checkpoint back;
            try {
                back = CheckpointFormat.decode(bad, "x.zip");
            } catch (IllegalArgumentException e) {
                assertTrue(
                        e.getMessage().startsWith("checkpoint x.zip is damaged or not a checkpoint: "), e.getMessage());
                caught++;
                continue;
            }
            assertSame(c, back);
            harmless++;
        }
        assertTrue(caught > 0.75 * (caught + harmless), caught + " caught, " + harmless + " harmless");
    }

    @Test
    void truncationAndOtherFilesAreNamed() {
        Checkpoint c = sample();
        byte[] good = CheckpointFormat.encode(c);
        // a cut in the central directory at the end loses no data: the entries, each with its CRC-32, are complete
        assertSame(c, CheckpointFormat.decode(java.util.Arrays.copyOf(good, good.length - 30), "f.zip"));
        for (int cut : new int[] {0, 10, good.length / 2, good.length - 200}) {
            var e = assertThrows(
                    IllegalArgumentException.class,
                    () -> CheckpointFormat.decode(java.util.Arrays.copyOf(good, cut), "f.zip"));
            assertTrue(e.getMessage().startsWith("checkpoint f.zip is damaged or not a checkpoint: "), e.getMessage());
        }
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> CheckpointFormat.decode("{}".getBytes(StandardCharsets.UTF_8), "f.json"));
        assertTrue(e.getMessage().contains("not a checkpoint"), e.getMessage());
    }

    @Test
    void anotherVersionIsRefused() throws Exception {
        byte[] good = CheckpointFormat.encode(sample());
        String h = header(good).replace("\"version\": 1", "\"version\": 2");
        var e = assertThrows(IllegalArgumentException.class, () -> CheckpointFormat.decode(rezip(h, good), "v2.zip"));
        assertTrue(e.getMessage().endsWith("format version 2; this elbo4j reads version 1"), e.getMessage());
    }

    /** A zip with header {@code h} and the blob of {@code like}. */
    static byte[] rezip(String h, byte[] like) throws Exception {
        byte[] blob;
        try (ZipInputStream z = new ZipInputStream(new java.io.ByteArrayInputStream(like))) {
            z.getNextEntry();
            z.readAllBytes();
            z.getNextEntry();
            blob = z.readAllBytes();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry(CheckpointFormat.HEADER_ENTRY));
            z.write(h.getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry(CheckpointFormat.BLOB_ENTRY));
            z.write(blob);
        }
        return out.toByteArray();
    }

    /**
     * elbo4j 0.1 wrote VAE checkpoints as {@code elbo4j-vae-checkpoint} (docs/checkpoint-format.md, "Older files"):
     * the same zip and blob; "epoch" for the step, one "rng" string, metrics as JSON objects. This header is that
     * format's, written out by hand, with a one-epoch history.
     */
    @Test
    void theVaeCheckpointsOfElbo4j01StillRead() throws Exception {
        ParamStore p = new ParamStore();
        p.put("encoder.0.weight", Tensor.of(new double[] {1, 2, 3, 4}, 2, 2));
        Optimizer opt = Adam.of(0.001);
        opt.step(p, Map.of("encoder.0.weight", Tensor.full(0.25, 2, 2)));
        Checkpoint modern =
                new Checkpoint("vae", 1, Map.of(), p.asMap(), opt.saveState(), Map.of(), Map.of(), Map.of(), Map.of());
        byte[] blobSource = CheckpointFormat.encode(modern);
        String rng = RandomStream.of(9).encode();
        String legacy = "{\"format\": \"elbo4j-vae-checkpoint\", \"version\": 1, \"epoch\": 1,"
                + " \"settings\": {\"latent\": \"2\", \"seed\": \"1\"}, \"rng\": \"" + rng + "\","
                + " \"optimizer\": {\"kind\": \"Adam\", \"scalars\": "
                + scalarsJson(opt.saveState().scalars()) + "},"
                + " \"tensors\": " + tensorsJson(header(blobSource)) + ","
                + " \"blob\": " + blobJson(header(blobSource)) + ","
                + " \"history\": [{\"epoch\": 1, \"trainElbo\": -244.2, \"testElbo\": \"NaN\", \"seconds\": 0.9,"
                + " \"evalSeconds\": 0.07, \"skippedSteps\": 0, \"learningRate\": 0.001}],"
                + " \"info\": {\"blas\": \"x\"}}";
        Checkpoint c = CheckpointFormat.decode(rezip(legacy, blobSource), "old.zip");
        assertEquals("vae", c.kind());
        assertEquals(1, c.step());
        assertEquals(Map.of("latent", "2", "seed", "1"), c.settings());
        assertEquals(RandomStream.State.decode(rng), c.rngState("train"));
        assertTensors(modern.params(), c.params());
        assertTensors(modern.optimizer().buffers(), c.optimizer().buffers());
        Tensor h = c.tensor("history");
        assertEquals(Shape.of(1, 7), h.shape());
        assertEquals(-244.2, h.at(1));
        assertTrue(Double.isNaN(h.at(2)));
        assertEquals(0.001, h.at(6));
    }

    private static String scalarsJson(Map<String, Double> m) {
        StringBuilder b = new StringBuilder("{");
        m.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "")
                .append('"')
                .append(k)
                .append("\": ")
                .append(v));
        return b.append('}').toString();
    }

    @SuppressWarnings("unchecked")
    private static String tensorsJson(String header) {
        Map<String, Object> h = (Map<String, Object>) Json.parse(header);
        StringBuilder b = new StringBuilder();
        Json.write(b, h.get("tensors"), 0);
        return b.toString();
    }

    @SuppressWarnings("unchecked")
    private static String blobJson(String header) {
        Map<String, Object> h = (Map<String, Object>) Json.parse(header);
        StringBuilder b = new StringBuilder();
        Json.write(b, h.get("blob"), 0);
        return b.toString();
    }

    @Test
    void jsonRejectsWhatIsNotJson() {
        for (String bad :
                new String[] {"", "{", "{\"a\" 1}", "[1,]", "01", "\"\\x\"", "{\"a\":1,\"a\":2}", "1 2", "nul"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("invalid JSON at character "), e.getMessage());
        }
        assertEquals(
                Map.of("a", java.util.List.of(1L, -2.5e-3, true, "é\n")),
                Json.parse("{\"a\": [1, -2.5e-3, true, \"\\u00e9\\n\"]}"));
    }

    @Test
    void settingsDifferencesAreNamed() {
        Checkpoint c = sample();
        assertEquals(java.util.Optional.empty(), c.settingsDifference(Map.of("model", "eight_schools")));
        assertEquals(
                "model: the checkpoint has eight_schools, this run radon",
                c.settingsDifference(Map.of("model", "radon")).orElseThrow());
        var e = assertThrows(IllegalArgumentException.class, () -> c.requireSettings(Map.of("seed", "2")));
        assertEquals(
                "cannot resume from this checkpoint: seed: the checkpoint has no such setting, this run 2",
                e.getMessage());
    }
}
