package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.elbo4j.cli.MainTest.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code elbo4j cavi gmm} and {@code elbo4j cavi linreg}: output, files, and errors that name file, line and column. */
class CaviCommandTest {

    @TempDir
    Path tmp;

    private Path csv(String name, String text) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static void assertError(Result r, String... parts) {
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().startsWith(Errors.PREFIX), r.err());
        for (String p : parts) {
            assertTrue(r.err().contains(p), "'" + p + "' missing from: " + r.err());
        }
    }

    private static void assertPng(Path file, int width, int height) throws Exception {
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(file.toFile());
        assertTrue(img != null, file + " is not an image");
        assertEquals(width, img.getWidth(), file.toString());
        assertEquals(height, img.getHeight(), file.toString());
    }

    @Test
    void gmmOnBuiltinDataPrintsComponentsAndWritesFiles() throws Exception {
        Path out = tmp.resolve("gmm");
        Result r = MainTest.run("cavi", "gmm", "--k", "3", "--n", "300", "--restarts", "3", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("built-in synthetic data"), r.out());
        assertTrue(r.out().contains("component 3: weight"), r.out());
        assertTrue(r.out().contains(" sweep ") && r.out().contains("converged after"), r.out());
        JsonNode s = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
        assertEquals(3, s.get("components").size());
        assertEquals(3, s.get("result").get("restart_elbos").size());
        JsonNode trace = s.get("result").get("elbo_trace");
        for (int i = 1; i < trace.size(); i++) {
            assertTrue(trace.get(i).asDouble() >= trace.get(i - 1).asDouble() - 1e-9, "ELBO trace decreases at " + i);
        }
        double wsum = 0;
        for (JsonNode c : s.get("components")) {
            wsum += c.get("weight").asDouble();
        }
        assertEquals(1.0, wsum, 1e-12, "weights sum to one");
        assertTrue(s.get("components").get(0).get("weight").asDouble() > 0.4, "heaviest first");
        assertPng(out.resolve("elbo.png"), 800, 500);
        assertPng(out.resolve("clusters.png"), 800, 650);
    }

    @Test
    void gmmReadsCsvColumnsAndSkipsTheClusterPlotUnless2d() throws Exception {
        StringBuilder sb = new StringBuilder("id,a,b,c\n");
        java.util.Random rnd = new java.util.Random(3);
        for (int i = 0; i < 60; i++) {
            double off = i % 2 == 0 ? 0 : 8;
            sb.append(String.format(
                    Locale.ROOT,
                    "%d,%.4f,%.4f,%.4f%n",
                    i,
                    off + rnd.nextGaussian(),
                    rnd.nextGaussian(),
                    off + rnd.nextGaussian()));
        }
        Path data = csv("pts.csv", sb.toString());
        Path out = tmp.resolve("g3");
        Result r = MainTest.run(
                "cavi",
                "gmm",
                "--data",
                data.toString(),
                "--columns",
                "a,b,c",
                "--k",
                "2",
                "--restarts",
                "2",
                "--out",
                out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("60 points in 3-D from " + data), r.out());
        assertTrue(r.out().contains("30.0 points"), "two clusters of 30: " + r.out());
        assertTrue(Files.exists(out.resolve("summary.json")) && Files.exists(out.resolve("elbo.png")));
        assertFalse(Files.exists(out.resolve("clusters.png")), "no scatter plot for 3-D data");
    }

    @Test
    void gmmUnitVarianceModel() {
        Result r = MainTest.run("cavi", "gmm", "--model", "unit", "--k", "3", "--n", "200", "--restarts", "2");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("unit-variance Gaussian mixture"), r.out());
        assertTrue(r.out().contains("covariance (fixed)"), r.out());
    }

    @Test
    void linregPrintsCaviNextToTheExactPosterior() throws Exception {
        Path out = tmp.resolve("lr");
        Result r = MainTest.run("cavi", "linreg", "--n", "50", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("exact log evidence"), r.out());
        assertTrue(r.out().contains("(intercept)") && r.out().contains("tau"), r.out());
        JsonNode s = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
        for (JsonNode c : s.get("coefficients")) {
            assertEquals(c.get("exact_mean").asDouble(), c.get("mean").asDouble(), 1e-9, "CAVI mean = exact mean");
            assertTrue(c.get("sd").asDouble() < c.get("exact_sd").asDouble(), "mean-field is narrower");
        }
        assertTrue(
                s.get("result").get("elbo").asDouble() < s.get("log_evidence").asDouble());
        assertPng(out.resolve("elbo.png"), 800, 500);
    }

    @Test
    void linregSideBySideWithSvi() throws Exception {
        Path out = tmp.resolve("lrsvi");
        Result r = MainTest.run(
                "cavi", "linreg", "--svi", "--svi-steps", "1000", "--svi-draws", "2000", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("SVI (full-rank)") && r.out().contains("iterations"), r.out());
        JsonNode s = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
        assertEquals(1000, s.get("svi").get("steps").asInt());
        for (JsonNode c : s.get("coefficients")) {
            // SVI means from 2000 draws: within 0.3 CAVI sds (see LinearRegressionSviTest for the measured spread).
            assertEquals(
                    c.get("mean").asDouble(),
                    c.get("svi_mean").asDouble(),
                    0.3 * c.get("sd").asDouble(),
                    c.get("name").asText());
        }
        assertTrue(Files.exists(out.resolve("elbo-svi.png")));
    }

    @Test
    void linregReadsCsvAndStanJson() throws Exception {
        Path data = csv("lr.csv", "y,u,v\n1.0,0.5,2\n2.1,1.0,1\n2.9,1.5,3\n4.2,2.0,0\n5.1,2.5,2\n");
        Result r = MainTest.run("cavi", "linreg", "--data", data.toString(), "--x", "u");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("5 observations, 2 coefficients ((intercept), u)"), r.out());
        Path json = tmp.resolve("lr.json");
        Files.writeString(
                json, "{\"N\": 4, \"D\": 1, \"x\": [[0.5], [1.0], [1.5], [2.0]], \"y\": [1.0, 2.1, 2.9, 4.2]}");
        r = MainTest.run("cavi", "linreg", "--data", json.toString(), "--no-intercept");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("4 observations, 1 coefficient (x[1])"), r.out());
    }

    // ---- bad input ----

    @Test
    void emptyData() throws Exception {
        assertError(MainTest.run("cavi", "gmm", "--data", csv("h.csv", "a,b\n").toString()), "h.csv", "no data rows");
        assertError(MainTest.run("cavi", "gmm", "--data", csv("e.csv", "").toString()), "e.csv", "empty file");
        assertError(
                MainTest.run("cavi", "linreg", "--data", csv("l.csv", "y,x\n").toString()), "l.csv", "no data rows");
    }

    @Test
    void moreComponentsThanPoints() throws Exception {
        assertError(
                MainTest.run(
                        "cavi",
                        "gmm",
                        "--data",
                        csv("two.csv", "a,b\n1,2\n3,4\n").toString(),
                        "--k",
                        "3"),
                "two.csv",
                "has 2 points, fewer than --k 3");
    }

    @Test
    void nanInTheData() throws Exception {
        assertError(
                MainTest.run(
                        "cavi",
                        "gmm",
                        "--data",
                        csv("nan.csv", "a,b\n1,2\n3,NaN\n5,6\n").toString(),
                        "--k",
                        "2"),
                "nan.csv: line 3, column 2 ('b')",
                "'NaN' is not a finite number");
        assertError(
                MainTest.run(
                        "cavi",
                        "linreg",
                        "--data",
                        csv("nan2.csv", "y,x\n1,2\nnan,3\n").toString()),
                "nan2.csv: line 3, column 1 ('y')");
    }

    @Test
    void nonNumericCsv() throws Exception {
        assertError(
                MainTest.run(
                        "cavi",
                        "gmm",
                        "--data",
                        csv("bad.csv", "a,b\n1,2\n3,x7\n").toString(),
                        "--k",
                        "1"),
                "bad.csv: line 3, column 2 ('b')",
                "'x7' is not a number");
        assertError(
                MainTest.run(
                        "cavi",
                        "linreg",
                        "--data",
                        csv("bad2.csv", "# comment\ny,x\n1,2\n\n2,three\n").toString()),
                "bad2.csv: line 5, column 2 ('x')",
                "'three' is not a number");
    }

    @Test
    void otherDataErrorsNameTheFile() throws Exception {
        assertError(
                MainTest.run(
                        "cavi",
                        "gmm",
                        "--data",
                        csv("const.csv", "a,b\n1,3\n2,3\n4,3\n").toString(),
                        "--k",
                        "2"),
                "const.csv: ",
                "column 2 is constant");
        assertError(
                MainTest.run(
                        "cavi", "linreg", "--data", csv("noy.csv", "a,b\n1,2\n").toString()),
                "noy.csv",
                "no column 'y'");
        MainTest.Result k0 = MainTest.run("cavi", "gmm", "--k", "0");
        assertEquals(2, k0.status(), k0.err()); // a usage error
        assertTrue(k0.err().startsWith(Errors.PREFIX + "--k must be >= 1"), k0.err());
    }

    @Test
    void caviWithoutModelIsAUsageError() {
        Result r = MainTest.run("cavi");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("missing model"), r.err());
        Result h = MainTest.run("cavi", "--help");
        assertEquals(0, h.status());
        assertTrue(h.out().contains("gmm") && h.out().contains("linreg"), h.out());
    }

    @Test
    void compactNumbers() {
        assertEquals("1e-06", CaviReport.compact(1e-6));
        assertEquals("100", CaviReport.compact(100));
        assertEquals("0.01", CaviReport.compact(0.01));
        assertEquals("2.5", CaviReport.compact(2.5));
    }
}
