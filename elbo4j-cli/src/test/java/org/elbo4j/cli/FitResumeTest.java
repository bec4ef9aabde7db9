package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.elbo4j.checkpoint.Checkpoint;
import org.elbo4j.cli.FitCommandTest.Run;
import org.elbo4j.cli.io.CheckpointFiles;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fit --checkpoint-every K} and {@code fit --resume DIR}: a quick run stopped at step 150 and resumed to 300
 * writes the same checkpoint and the same draws.csv, byte for byte, as the run that went to 300 at once; a resume
 * with another option is refused naming it; a checkpoint that cannot be written leaves the previous one intact.
 */
class FitResumeTest {
    static final String MODEL = "eight_schools_noncentered";

    static Run fit(String... more) {
        return FitCommandTest.run(Stream.concat(Stream.of("fit", MODEL, "-q", "--draws", "200"), Stream.of(more))
                .toArray(String[]::new));
    }

    static List<String> names(Path dir) throws Exception {
        return CheckpointFiles.list(dir).stream()
                .map(p -> p.getFileName().toString())
                .toList();
    }

    @Test
    void aStoppedAndResumedFitEqualsTheWholeOneBitForBit(@TempDir Path tmp) throws Exception {
        Path whole = tmp.resolve("whole"), parts = tmp.resolve("parts");
        Run a = fit(
                "--fast",
                "--stop",
                "budget",
                "--steps",
                "300",
                "--seed",
                "3",
                "--averaging",
                "0.9",
                "--checkpoint-every",
                "100",
                "--out",
                whole.toString());
        assertEquals(0, a.code(), a.err());
        assertEquals(List.of("checkpoint-0300.zip", "checkpoint-0200.zip"), names(whole), "the newest two are kept");

        Run b = fit(
                "--fast",
                "--stop",
                "budget",
                "--steps",
                "150",
                "--seed",
                "3",
                "--averaging",
                "0.9",
                "--checkpoint-every",
                "100",
                "--out",
                parts.toString());
        assertEquals(0, b.code(), b.err());
        assertEquals(List.of("checkpoint-0150.zip", "checkpoint-0100.zip"), names(parts));

        // every other option comes from the checkpoint
        Run c = FitCommandTest.run(
                "fit", MODEL, "-q", "--draws", "200", "--resume", parts.toString(), "--steps", "300");
        assertEquals(0, c.code(), c.err());
        assertTrue(c.out().contains("resumed from " + parts + " at step 150"), c.out());
        assertEquals(List.of("checkpoint-0300.zip", "checkpoint-0200.zip"), names(parts));

        Checkpoint x = CheckpointFiles.read(whole.resolve("checkpoint-0300.zip"));
        Checkpoint y = CheckpointFiles.read(parts.resolve("checkpoint-0300.zip"));
        assertEquals(x.params().keySet(), y.params().keySet());
        for (String name : x.params().keySet()) {
            Tensor p = x.params().get(name), q = y.params().get(name);
            for (int i = 0; i < p.size(); i++) {
                assertEquals(Double.doubleToRawLongBits(p.at(i)), Double.doubleToRawLongBits(q.at(i)), name + i);
            }
        }
        for (String name : x.optimizer().buffers().keySet()) {
            assertEquals(
                    x.optimizer().buffers().get(name).toString(),
                    y.optimizer().buffers().get(name).toString(),
                    name);
        }
        assertEquals(x.rng(), y.rng());
        assertEquals(
                Files.readString(whole.resolve("draws.csv")),
                Files.readString(parts.resolve("draws.csv")),
                "the draws of the averaged fit, byte for byte");
    }

    /** A Stan program with a data file: the resumed run finds both again (the data's path is in the checkpoint). */
    @Test
    void aStanProgramResumesBitForBit(@TempDir Path tmp) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        if (!Files.exists(root.resolve("examples"))) {
            root = root.getParent(); // surefire runs in the module directory
        }
        String stan = root.resolve("examples/eight_schools/model.stan").toString();
        String data = root.resolve("examples/eight_schools/data.json").toString();
        Path whole = tmp.resolve("whole"), parts = tmp.resolve("parts");
        String[] common = {"fit", stan, "--data", data, "-q", "--draws", "100", "--stop", "budget", "--seed", "5"};
        Run a = FitCommandTest.run(Stream.concat(
                        Stream.of(common),
                        Stream.of("--steps", "120", "--checkpoint-every", "60", "--out", whole.toString()))
                .toArray(String[]::new));
        assertEquals(0, a.code(), a.err());
        Run b = FitCommandTest.run(Stream.concat(
                        Stream.of(common),
                        Stream.of("--steps", "60", "--checkpoint-every", "60", "--out", parts.toString()))
                .toArray(String[]::new));
        assertEquals(0, b.code(), b.err());
        Run c = FitCommandTest.run("fit", stan, "-q", "--draws", "100", "--resume", parts.toString(), "--steps", "120");
        assertEquals(0, c.code(), c.err());
        assertEquals(
                Files.readString(whole.resolve("draws.csv")),
                Files.readString(parts.resolve("draws.csv")),
                "the draws, byte for byte");
        Checkpoint x = CheckpointFiles.read(whole.resolve("checkpoint-0120.zip"));
        assertTrue(x.settings().containsKey("model_sha256"), x.settings().toString());
    }

    @Test
    void aResumeWithAnotherOptionOrModelIsRefusedNamingIt(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("r");
        Run a = fit("--fast", "--stop", "budget", "--steps", "50", "--checkpoint-every", "50", "--out", dir.toString());
        assertEquals(0, a.code(), a.err());

        Run lr = fit("--resume", dir.toString(), "--steps", "100", "--lr", "0.05");
        assertEquals(2, lr.code(), lr.err());
        assertTrue(
                lr.err()
                        .startsWith("elbo4j: error: --resume " + dir + ": --lr: the checkpoint has 0.02, this run"
                                + " 0.05 (leave the option out"),
                lr.err());

        Run other = FitCommandTest.run("fit", "normal_normal", "-q", "--resume", dir.toString(), "--steps", "100");
        assertEquals(2, other.code(), other.err());
        assertTrue(
                other.err().contains("model: the checkpoint has " + MODEL + ", this run normal_normal"), other.err());

        Run done = fit("--resume", dir.toString(), "--steps", "50");
        assertEquals(2, done.code(), done.err());
        assertTrue(done.err().contains("has already done 50 steps"), done.err());
        assertEquals(List.of("checkpoint-0050.zip"), names(dir), "nothing written by the refused runs");
    }

    @Test
    void aCheckpointThatCannotBeWrittenLeavesThePreviousOneIntact(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("f");
        Files.createDirectories(dir.resolve("checkpoint-0100.zip")); // a directory where the second checkpoint goes
        Run r = fit(
                "--fast", "--stop", "budget", "--steps", "150", "--checkpoint-every", "50", "--out", dir.toString());
        assertEquals(1, r.code(), r.err());
        List<String> lines = r.err().strip().lines().toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("elbo4j: error: cannot write the checkpoint of step 100"), r.err());
        assertEquals(
                50, CheckpointFiles.read(dir.resolve("checkpoint-0050.zip")).step(), "the previous one reads");
        try (Stream<Path> s = Files.list(dir)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void aQuickRunOptionImpliesFastWithANote() {
        Run r = FitCommandTest.run("fit", "normal_normal", "-q", "--lr", "0.05", "--steps", "300", "--draws", "100");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("elbo4j: note: --lr implies --fast"), r.err());
        assertTrue(r.out().contains("normal_normal: meanfield guide"), r.out());
    }
}
