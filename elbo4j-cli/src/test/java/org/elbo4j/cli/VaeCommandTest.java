package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.elbo4j.cli.io.Idx;
import org.elbo4j.cli.io.VaeCheckpoints;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.vae.TrainingState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code elbo4j vae} end to end through Main.execute, on small synthetic IDX files (8×8 images of four bar
 * prototypes with 5 % of pixels flipped) so that a run takes well under a second; the embedded MNIST file is
 * checked by loading it.
 */
class VaeCommandTest {
    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.execute(args, new PrintWriter(o), new PrintWriter(e), Map.of("CI", "true"));
        return new Run(code, o.toString(), e.toString());
    }

    /** n 8×8 images as IDX bytes: prototype k = i mod 4 (two rows, two columns, a diagonal, a frame), 5 % flips. */
    static byte[] images(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        ByteBuffer b = ByteBuffer.allocate(16 + n * 64);
        b.putInt(Idx.IMAGES_MAGIC).putInt(n).putInt(8).putInt(8);
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(4);
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    boolean on = switch (k) {
                        case 0 -> y == 3 || y == 4;
                        case 1 -> x == 3 || x == 4;
                        case 2 -> Math.abs(x - y) <= 1;
                        default -> (x == 1 || x == 6 || y == 1 || y == 6) && x >= 1 && x <= 6 && y >= 1 && y <= 6;
                    };
                    if (r.nextDouble() < 0.05) {
                        on = !on;
                    }
                    b.put((byte) (on ? 230 : 10));
                }
            }
        }
        return b.array();
    }

    static String[] args(Path dir, String... more) throws Exception {
        Path train = dir.resolve("train.idx");
        Path test = dir.resolve("test.idx");
        if (!Files.exists(train)) {
            Files.write(train, images(400, 1));
            Files.write(test, images(100, 2));
        }
        List<String> a = new ArrayList<>(List.of(
                "vae",
                "--data",
                train.toString(),
                "--test-data",
                test.toString(),
                "--hidden",
                "16",
                "--latent",
                "2",
                "--batch",
                "50",
                "--lr",
                "0.01",
                "--is-samples",
                "20",
                "--threads",
                "1",
                "--quiet"));
        for (int i = 0; i + 1 < more.length; i += 2) { // an option given in 'more' replaces the default above
            int at = a.indexOf(more[i]);
            if (at >= 0) {
                a.remove(at + 1);
                a.remove(at);
            }
        }
        a.addAll(Arrays.asList(more));
        return a.toArray(new String[0]);
    }

    @Test
    void trainsPrintsAndWritesEverything(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        Run r = run(args(dir, "--epochs", "2", "--out", out.toString()));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("epoch   1/2") && r.out().contains("epoch   2/2"), r.out());
        assertTrue(r.out().contains("binarisation: static"), r.out());
        assertTrue(r.out().contains("test log-likelihood (importance sampled, K = 20"), r.out());
        for (String f : List.of(
                "metrics.csv",
                "elbo.png",
                "samples.png",
                "reconstructions.png",
                "manifold.png",
                "summary.json",
                "checkpoint-0001.zip",
                "checkpoint-0002.zip")) {
            assertTrue(Files.size(out.resolve(f)) > 100, f);
        }
        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(VaeReport.CSV_HEADER, csv.get(0));
        assertEquals(3, csv.size());
        double e1 = Double.parseDouble(csv.get(1).split(",")[2]),
                e2 = Double.parseDouble(csv.get(2).split(",")[2]);
        assertTrue(e2 > e1, "test ELBO rises: " + e1 + " -> " + e2);
    }

    /**
     * --eval-every N computes the test ELBO only after every N-th epoch and the last (0: never per epoch), and leaves
     * the training alone: the same train ELBO per epoch, the same test ELBO where computed, the same final figures.
     */
    @Test
    void evalEveryOnlySkipsTheTestElboBetweenEpochs(@TempDir Path dir) throws Exception {
        Map<String, List<String[]>> csv = new java.util.LinkedHashMap<>();
        Map<String, Run> runs = new java.util.LinkedHashMap<>();
        for (String n : new String[] {"1", "2", "0"}) {
            Path out = dir.resolve("every" + n);
            Run r = run(args(dir, "--epochs", "3", "--out", out.toString(), "--eval-every", n));
            assertEquals(0, r.code(), r.err());
            runs.put(n, r);
            List<String[]> rows = new ArrayList<>();
            for (String line : untimed(out.resolve("metrics.csv")).subList(1, 4)) {
                rows.add(line.split(","));
            }
            csv.put(n, rows);
            assertTrue(Files.size(out.resolve("elbo.png")) > 100, n);
        }
        for (int e = 0; e < 3; e++) {
            String[] all = csv.get("1").get(e),
                    two = csv.get("2").get(e),
                    none = csv.get("0").get(e);
            assertEquals(all[1], two[1], "train ELBO, epoch " + (e + 1));
            assertEquals(all[1], none[1], "train ELBO, epoch " + (e + 1));
            assertTrue(Double.isFinite(Double.parseDouble(all[2])), all[2]);
            // every 2: epoch 2 and the last (3) are evaluated, epoch 1 is not
            assertEquals(e == 0 ? "NaN" : all[2], two[2], "test ELBO with --eval-every 2, epoch " + (e + 1));
            assertEquals("NaN", none[2], "--eval-every 0, epoch " + (e + 1));
        }
        assertEquals(finalLines(runs.get("1").out()), finalLines(runs.get("0").out()));
        assertEquals(2, finalLines(runs.get("0").out()).size(), runs.get("0").out());
        assertTrue(
                runs.get("0").out().contains("test ELBO         -"),
                runs.get("0").out());
        assertFalse(
                runs.get("1").out().contains("test ELBO         -"),
                runs.get("1").out());
    }

    /** metrics.csv without its timing columns (seconds, eval_seconds, images_per_second). */
    private static List<String> untimed(Path csv) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(csv)) {
            String[] f = line.split(",");
            out.add(f[0] + "," + f[1] + "," + f[2] + "," + f[6] + "," + f[7]);
        }
        return out;
    }

    private static List<String> finalLines(String out) {
        List<String> l = new ArrayList<>();
        for (String s : out.split("\n")) {
            if (s.startsWith("after ")) {
                l.add(s);
            }
            if (s.startsWith("test log-likelihood")) {
                l.add(s.substring(0, s.indexOf("nats")));
            }
        }
        return l;
    }

    /**
     * Stopping after one epoch and resuming gives the uninterrupted run bit for bit: the same metrics, the same final
     * figures, the same parameters, optimizer state and random stream in the last checkpoint. Then a truncated newest
     * checkpoint gets an error naming it and the intact previous one, which still resumes.
     */
    @Test
    void resumeContinuesBitForBitAndSurvivesADamagedCheckpoint(@TempDir Path dir) throws Exception {
        Path whole = dir.resolve("whole");
        Path parts = dir.resolve("parts");
        Run a = run(args(dir, "--epochs", "3", "--out", whole.toString(), "--binarize", "dynamic"));
        assertEquals(0, a.code(), a.err());
        Run b1 = run(args(dir, "--epochs", "1", "--out", parts.toString(), "--binarize", "dynamic"));
        assertEquals(0, b1.code(), b1.err());
        Run b2 = run(
                "vae",
                "--resume",
                parts.toString(),
                "--epochs",
                "3",
                "--quiet",
                "--is-samples",
                "20",
                "--threads",
                "2");
        assertEquals(0, b2.code(), b2.err());
        assertTrue(b2.out().contains("resumed from " + parts + " at epoch 1"), b2.out());
        assertEquals(untimed(whole.resolve("metrics.csv")), untimed(parts.resolve("metrics.csv")));
        assertEquals(finalLines(a.out()), finalLines(b2.out()));
        assertEquals(2, finalLines(a.out()).size(), a.out());
        TrainingState sa = VaeCheckpoints.read(whole.resolve("checkpoint-0003.zip"));
        TrainingState sb = VaeCheckpoints.read(parts.resolve("checkpoint-0003.zip"));
        assertEquals(sa.params().keySet(), sb.params().keySet());
        for (Map.Entry<String, Tensor> e : sa.params().entrySet()) {
            assertTrue(e.getValue().valueEquals(sb.params().get(e.getKey())), e.getKey());
        }
        for (Map.Entry<String, Tensor> e : sa.optimizer().buffers().entrySet()) {
            assertTrue(e.getValue().valueEquals(sb.optimizer().buffers().get(e.getKey())), e.getKey());
        }
        assertEquals(sa.optimizer().scalars(), sb.optimizer().scalars());
        assertEquals(sa.rng(), sb.rng());
        assertTrue(Files.notExists(parts.resolve("checkpoint-0001.zip")), "only the newest two checkpoints are kept");

        // Damage the newest checkpoint: cut it in half.
        Path newest = parts.resolve("checkpoint-0003.zip");
        byte[] bytes = Files.readAllBytes(newest);
        Files.write(newest, Arrays.copyOf(bytes, bytes.length / 2));
        Run bad = run("vae", "--resume", parts.toString(), "--epochs", "4", "--quiet", "--is-samples", "0");
        assertEquals(1, bad.code());
        assertTrue(
                bad.err().contains("checkpoint " + newest + " is damaged")
                        && bad.err().contains("checkpoint-0002.zip (epoch 2) is intact"),
                bad.err());
        Run fromPrevious = run(
                "vae",
                "--resume",
                parts.resolve("checkpoint-0002.zip").toString(),
                "--epochs",
                "3",
                "--quiet",
                "--is-samples",
                "20");
        assertEquals(0, fromPrevious.code(), fromPrevious.err());
        assertEquals(finalLines(a.out()), finalLines(fromPrevious.out()));
    }

    @Test
    void resumeRefusesAConflictingOption(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        assertEquals(
                0,
                run(args(dir, "--epochs", "1", "--out", out.toString(), "--is-samples", "0"))
                        .code());
        Run r = run("vae", "--resume", out.toString(), "--latent", "3", "--epochs", "2", "--quiet");
        assertEquals(2, r.code()); // a usage error
        assertTrue(r.err().contains("--latent 3 differs from the checkpoint's latent = 2"), r.err());
    }

    @Test
    void badInputIsNamed(@TempDir Path dir) throws Exception {
        Path labels = dir.resolve("labels.idx");
        Files.write(
                labels,
                ByteBuffer.allocate(8 + 3)
                        .putInt(Idx.LABELS_MAGIC)
                        .putInt(3)
                        .put(new byte[3])
                        .array());
        Run r = run("vae", "--data", labels.toString(), "--quiet");
        assertEquals(1, r.code());
        assertTrue(
                r.err().contains(labels + ": not an IDX images file") && r.err().contains("labels file"), r.err());
        r = run(args(dir, "--epochs", "1", "--batch", "0"));
        assertEquals(2, r.code()); // a usage error
        assertTrue(r.err().contains("--batch must be >= 1, got 0"), r.err());
        r = run(args(dir, "--epochs", "1", "--labels", labels.toString()));
        assertEquals(1, r.code());
        assertTrue(r.err().contains("3 labels for 400 images"), r.err());
        r = run("vae", "--resume", dir.resolve("nothing").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("no such file or directory"), r.err());
    }

    @Test
    void theEmbeddedDigitsAreMnistSplit8000And2000() throws Exception {
        VaeDataset ds = VaeDataset.load(null, null, null, null, null);
        assertEquals(8000, ds.data.nTrain());
        assertEquals(2000, ds.data.nTest());
        assertEquals(784, ds.data.dim());
        assertEquals(2000, ds.testLabels.length);
        // the test set starts at image 8,000 of the embedded file, read independently by Idx
        Idx.Images shared = Idx.readImages(TestData.mnistImages());
        assertEquals((shared.pixels()[8000 * 784 + 300] & 0xFF) / 255.0, ds.data.test()[300]);
    }

    /** A train-images-* file with MNIST's t10k-images-* beside it uses that file as the test set, and says so. */
    @Test
    void mnistsOwnSplitIsFoundBesideTheTrainingFile(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("train-images-idx3-ubyte"), images(120, 3));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), images(30, 4));
        VaeDataset ds = VaeDataset.load(dir.resolve("train-images-idx3-ubyte"), null, null, null, null);
        assertEquals(120, ds.data.nTrain());
        assertEquals(30, ds.data.nTest());
        assertTrue(ds.description.startsWith("MNIST's own split (found t10k-images-idx3-ubyte)"), ds.description);
        VaeDataset split = VaeDataset.load(dir.resolve("train-images-idx3-ubyte"), null, 100, null, null);
        assertEquals(100, split.data.nTrain());
        assertEquals(20, split.data.nTest());
    }
}
