package org.elbo4j.cli.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.elbo4j.checkpoint.Checkpoint;
import org.elbo4j.cli.TestData;
import org.elbo4j.optim.Adam;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.blas.Blas;
import org.elbo4j.vae.TrainingState;
import org.elbo4j.vae.Vae;
import org.elbo4j.vae.VaeData;
import org.elbo4j.vae.VaeTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The javadoc examples of {@code org.elbo4j.cli.io}, verbatim, each followed by checks of what its comments claim;
 * {@code dir} is a temporary directory holding the files an example reads.
 */
class JavadocExamplesTest {

    private static void eightSchoolsIn(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("eight_schools"));
        Files.copy(
                TestData.posterior("eight_schools-eight_schools_noncentered").resolve("data.json"),
                dir.resolve("eight_schools/data.json"));
    }

    @Test
    void packageInfo(@TempDir Path dir) throws Exception {
        eightSchoolsIn(dir);
        Files.copy(TestData.mnistImages(), dir.resolve("mnist10k-images-idx3-ubyte.gz"));
        StanJsonData d = StanJsonData.read(dir.resolve("eight_schools/data.json"));
        int J = d.requireInt("J");
        double[] y = d.requireVector("y", J), sigma = d.requireVector("sigma", J);
        Idx.Images train = Idx.readImages(dir.resolve("mnist10k-images-idx3-ubyte.gz"));
        AtomicFiles.writeString(dir.resolve("summary.txt"), "J = " + J + ", images = " + train.count());
        assertEquals("J = 8, images = 10000", Files.readString(dir.resolve("summary.txt")));
        assertEquals(28.0, y[0]);
        assertEquals(15.0, sigma[0]);
    }

    @Test
    void stanJsonData(@TempDir Path dir) throws Exception {
        eightSchoolsIn(dir);
        StanJsonData d = StanJsonData.read(dir.resolve("eight_schools/data.json"));
        int J = d.requireInt("J");
        double[] y = d.requireVector("y", J);
        double[] sigma = d.requireVector("sigma", J);
        assertArrayEquals(new double[] {28, 8, -3, 7, -1, 1, 18, 12}, y);
        assertArrayEquals(new double[] {15, 10, 16, 11, 9, 11, 10, 18}, sigma);
    }

    @Test
    void atomicFiles(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("runs/fit"));
        String text = "mu 3.1\n";
        AtomicFiles.Content csv = o -> o.write("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.writeString(dir.resolve("runs/fit/summary.txt"), text);
        AtomicFiles.write(dir.resolve("runs/fit/draws.csv"), out -> csv.writeTo(out));
        assertEquals(text, Files.readString(dir.resolve("runs/fit/summary.txt")));
        assertEquals("a,b\n1,2\n", Files.readString(dir.resolve("runs/fit/draws.csv")));
        try (var files = Files.list(dir.resolve("runs/fit"))) {
            assertEquals(2, files.count(), "no temporary file left");
        }
    }

    @Test
    void cmdStanCsv(@TempDir Path dir) throws Exception {
        int n = 5;
        double[] meanRow = new double[9];
        double[][] draws = new double[n][9];
        double[] logP = new double[n], logG = new double[n];
        for (int i = 0; i < n; i++) {
            draws[i][0] = i;
            logP[i] = -i;
            logG[i] = -2 * i;
        }
        var vars = List.of(new CmdStanCsv.Variable("mu"), new CmdStanCsv.Variable("theta", 8));
        var run = CmdStanCsv.Run.of("eight_schools_noncentered", "meanfield", 0.1, 42L);
        CmdStanCsv.write(dir.resolve("draws.csv"), run, vars, meanRow, draws, logP, logG);
        List<String> rows = Files.readAllLines(dir.resolve("draws.csv")).stream()
                .filter(l -> !l.startsWith("#"))
                .toList();
        assertTrue(rows.get(0).contains("mu") && rows.get(0).contains("theta.8"), rows.get(0));
        assertEquals(1 + 1 + n, rows.size(), "header, the mean row, one row per draw");
    }

    @Test
    void csvData(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("regression.csv"), "y,x1,x2\n1.5,0.1,0.2\n2.5,0.3,0.4\n");
        CsvData t = CsvData.read(dir.resolve("regression.csv"));
        double[] y = t.column("y");
        double[] xRowMajor = t.columns(List.of("x1", "x2")); // n × 2, row-major
        assertArrayEquals(new double[] {1.5, 2.5}, y);
        assertArrayEquals(new double[] {0.1, 0.2, 0.3, 0.4}, xRowMajor);
    }

    @Test
    void idx(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.copy(TestData.mnistImages(), dir.resolve("data/mnist10k-images-idx3-ubyte.gz"));
        Files.copy(TestData.mnistLabels(), dir.resolve("data/mnist10k-labels-idx1-ubyte.gz"));
        Idx.Images train = Idx.readImages(dir.resolve("data/mnist10k-images-idx3-ubyte.gz"));
        Idx.Labels labels = Idx.readLabels(dir.resolve("data/mnist10k-labels-idx1-ubyte.gz"));
        double[] x = train.pixelsUnit(); // n × 784, row-major, in [0, 1]
        assertEquals(10_000 * 784, x.length);
        assertEquals(10_000, labels.count());
        for (double v : x) assertTrue(v >= 0 && v <= 1);
    }

    @Test
    void vaeCheckpoints(@TempDir Path outDir) throws Exception {
        RandomStream rng = RandomStream.of(1);
        double[] pixels = new double[12 * 16];
        for (int i = 0; i < pixels.length; i++) pixels[i] = rng.nextDouble() < 0.3 ? 1 : 0;
        VaeTrainer trainer = VaeTrainer.builder(Vae.builder(16, 2).hidden(4).build(), VaeData.split(pixels, 16, 8))
                .optimizer(Adam.of(1e-2))
                .seed(1)
                .build();
        trainer.runEpoch(VaeTrainer.BatchListener.NONE);
        Path file = VaeCheckpoints.write(outDir, trainer.state(), Map.of("blas", Blas.backend()));
        TrainingState s = VaeCheckpoints.readLatest(outDir); // newest intact checkpoint, or a clear error
        assertTrue(Files.isRegularFile(file));
        assertEquals(1, s.epoch());
    }

    @Test
    void checkpointFiles(@TempDir Path outDir) throws Exception {
        org.elbo4j.optim.ParamStore p = new org.elbo4j.optim.ParamStore();
        p.put("w", org.elbo4j.tensor.Tensor.of(1.0, 2.0));
        Checkpoint checkpoint = new Checkpoint(
                "svi", 100, Map.of(), p.asMap(), Adam.of(0.1).saveState(), Map.of(), Map.of(), Map.of(), Map.of());
        Path file = CheckpointFiles.write(outDir, checkpoint); // outDir/checkpoint-0100.zip for step 100
        Checkpoint newest = CheckpointFiles.readLatest(outDir, "step"); // or a clear error naming the damaged file
        assertEquals(outDir.resolve("checkpoint-0100.zip"), file);
        assertEquals(100, newest.step());
    }
}
