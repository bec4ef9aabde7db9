package org.elbo4j.cli.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.elbo4j.cli.io.CmdStanCsv.Run;
import org.elbo4j.cli.io.CmdStanCsv.Variable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CmdStanCsvTest {

    @Test
    void columnNamesFollowCmdStan() {
        assertEquals("mu", CmdStanCsv.columnName("mu"));
        assertEquals("theta.1", CmdStanCsv.columnName("theta", 1));
        assertEquals("x.1.2", CmdStanCsv.columnName("x", 1, 2));
    }

    @Test
    void headerIsColumnMajorWithinEachVariable() {
        List<String> h = CmdStanCsv.header(List.of(
                new Variable("mu"), new Variable("theta", 3), new Variable("x", 2, 3), new Variable("empty", 0)));
        assertEquals(
                List.of(
                        "lp__", "log_p__", "log_g__", "mu", "theta.1", "theta.2", "theta.3", "x.1.1", "x.2.1", "x.1.2",
                        "x.2.2", "x.1.3", "x.2.3"),
                h);
    }

    @Test
    void rowMajorValuesAreReorderedToTheHeader() throws Exception {
        // x = [[11, 12, 13], [21, 22, 23]] given row-major: value x[i,j] = 10 i + j must sit under x.i.j.
        List<Variable> vars = List.of(new Variable("a"), new Variable("x", 2, 3));
        double[] row = {5, 11, 12, 13, 21, 22, 23};
        StringBuilder sb = new StringBuilder();
        CmdStanCsv.writeTo(
                sb,
                Run.of("m", "meanfield", 0.1, 1),
                vars,
                row,
                new double[][] {row},
                new double[] {-1.5},
                new double[] {-0.5});
        CsvData t = CsvData.parse(sb.toString(), "out.csv");
        for (int i = 1; i <= 2; i++) {
            for (int j = 1; j <= 3; j++) {
                assertArrayEquals(new double[] {10 * i + j, 10 * i + j}, t.column("x." + i + "." + j));
            }
        }
    }

    @Test
    void layoutMatchesCmdStanVariationalOutput() throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("iter", "10000");
        settings.put("grad_samples", "1");
        Run run = new Run(
                "eight_schools_noncentered", "meanfield", settings, 0.25, 42L, "data.json", "elbo4j 0.1.0-SNAPSHOT");
        List<Variable> vars = List.of(new Variable("mu"), new Variable("theta", 2));
        StringBuilder sb = new StringBuilder();
        CmdStanCsv.writeTo(
                sb,
                run,
                vars,
                new double[] {1.5, 2, 3},
                new double[][] {{1, 2, 3}, {0.1, Double.NaN, Double.NEGATIVE_INFINITY}},
                new double[] {-10.25, -11},
                new double[] {-0.5, -1.75});
        String expected = String.join(
                "\n",
                "# model = eight_schools_noncentered",
                "# method = variational",
                "#   variational",
                "#     algorithm = meanfield",
                "#       meanfield",
                "#     iter = 10000",
                "#     grad_samples = 1",
                "#     eta = 0.25",
                "#     output_samples = 2",
                "# id = 1",
                "# data",
                "#   file = data.json",
                "# random",
                "#   seed = 42",
                "# producer = elbo4j 0.1.0-SNAPSHOT",
                "lp__,log_p__,log_g__,mu,theta.1,theta.2",
                "# Stepsize adaptation complete.",
                "# eta = 0.25",
                "0,0,0,1.5,2,3",
                "0,-10.25,-0.5,1,2,3",
                "0,-11,-1.75,0.1,nan,-inf",
                "");
        assertEquals(expected, sb.toString());
    }

    /**
     * What cmdstanr's read_cmdstan_csv and cmdstanpy rely on (R/csv.R, cmdstanpy/utils/stancsv.py):
     * "# key = value" comments with method = variational and id; the first non-comment line is the
     * header; the first data row is the mean and is dropped from the draws; cmdstanpy finds eta on the
     * comment line after "# Stepsize adaptation".
     */
    @Test
    void readersConventionsHold(@TempDir Path tmp) throws Exception {
        SplittableRandom rng = new SplittableRandom(7);
        int s = 50;
        double[][] draws = new double[s][4];
        double[] logP = new double[s];
        double[] logG = new double[s];
        for (int i = 0; i < s; i++) {
            for (int j = 0; j < 4; j++) {
                draws[i][j] = rng.nextDouble(-1e6, 1e6) * Math.pow(10, rng.nextInt(-300, 300) / 10.0);
            }
            logP[i] = -rng.nextDouble(1000);
            logG[i] = -rng.nextDouble(10);
        }
        double[] mean = {0.1, 1.0 / 3, -2e-300, 6.02214076e23};
        Path f = tmp.resolve("fit.csv");
        CmdStanCsv.write(f, Run.of("m", "fullrank", 1.0, 3), List.of(new Variable("b", 2, 2)), mean, draws, logP, logG);
        List<String> lines = Files.readAllLines(f);
        Map<String, String> kv = new LinkedHashMap<>();
        String header = null;
        String etaLine = null;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("#")) {
                String[] p = l.substring(1).split("=", 2);
                if (p.length == 2) {
                    kv.putIfAbsent(p[0].strip(), p[1].strip());
                }
                if (l.startsWith("# Stepsize adaptation")) {
                    etaLine = lines.get(i + 1);
                }
            } else if (header == null) {
                header = l;
            }
        }
        assertEquals("variational", kv.get("method"));
        assertEquals("fullrank", kv.get("algorithm"));
        assertEquals("1", kv.get("id"));
        assertEquals("50", kv.get("output_samples"));
        assertEquals("# eta = 1", etaLine);
        assertEquals("lp__,log_p__,log_g__,b.1.1,b.2.1,b.1.2,b.2.2", header);

        CsvData t = CsvData.read(f); // skips '#' lines
        assertEquals(s + 1, t.rows());
        assertArrayEquals(
                new double[] {0, 0, 0, 0.1, -2e-300, 1.0 / 3, 6.02214076e23},
                row(t, 0),
                0.0,
                "mean row, exact and column-major");
        for (int i = 0; i < s; i++) {
            double[] r = row(t, i + 1);
            assertEquals(0.0, r[0]);
            assertEquals(logP[i], r[1], 0.0);
            assertEquals(logG[i], r[2], 0.0);
            // exact round trip, column-major: b.1.1, b.2.1, b.1.2, b.2.2 = row-major 0, 2, 1, 3
            assertArrayEquals(
                    new double[] {draws[i][0], draws[i][2], draws[i][1], draws[i][3]},
                    java.util.Arrays.copyOfRange(r, 3, 7),
                    0.0);
        }
    }

    private static double[] row(CsvData t, int r) {
        double[] out = new double[t.cols()];
        for (int c = 0; c < out.length; c++) {
            out[c] = t.get(r, c);
        }
        return out;
    }

    @Test
    void badInputIsNamed() {
        Run run = Run.of("m", "meanfield", 0.1, 1);
        List<Variable> vars = List.of(new Variable("theta", 3));
        assertMessage(
                "mean row has 2 values but the variables [theta[3]] have 3 elements",
                () -> CmdStanCsv.writeTo(
                        new StringBuilder(), run, vars, new double[2], new double[0][], new double[0], new double[0]));
        assertMessage(
                "draw 1 has 4 values but the variables have 3 elements",
                () -> CmdStanCsv.writeTo(
                        new StringBuilder(),
                        run,
                        vars,
                        new double[3],
                        new double[][] {new double[3], new double[4]},
                        new double[2],
                        new double[2]));
        assertMessage(
                "log_p__ has 1 and log_g__ has 2 values but there are 2 draws",
                () -> CmdStanCsv.writeTo(
                        new StringBuilder(),
                        run,
                        vars,
                        new double[3],
                        new double[][] {new double[3], new double[3]},
                        new double[1],
                        new double[2]));
        assertMessage(
                "variable 'theta' appears twice",
                () -> CmdStanCsv.header(List.of(new Variable("theta"), new Variable("theta", 2))));
        assertMessage(
                "variable name 'lp__' is not a Stan identifier (a letter, then letters, digits or '_',"
                        + " not ending in \"__\")",
                () -> new Variable("lp__"));
        assertMessage(
                "variable name 'x.1' is not a Stan identifier (a letter, then letters, digits or '_',"
                        + " not ending in \"__\")",
                () -> new Variable("x.1"));
        assertMessage("variable 'x': negative size in [2, -1]", () -> new Variable("x", 2, -1));
        assertMessage(
                "setting name 'a b' must be an identifier",
                () -> new Run("m", "meanfield", Map.of("a b", "1"), 0.1, 1, null, null));
        assertMessage("model must be one line: 'a\nb'", () -> Run.of("a\nb", "meanfield", 0.1, 1));
        assertMessage("eta must be finite: NaN", () -> Run.of("m", "meanfield", Double.NaN, 1));
    }

    @Test
    void failedWriteLeavesTheOldFile(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("fit.csv");
        Files.writeString(f, "old");
        assertThrows(
                IllegalArgumentException.class,
                () -> CmdStanCsv.write(
                        f,
                        Run.of("m", "meanfield", 1, 1),
                        List.of(new Variable("a")),
                        new double[2],
                        new double[0][],
                        new double[0],
                        new double[0]));
        assertEquals("old", Files.readString(f));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
    }

    @Test
    void integersAndSpecialValuesAreWrittenAsCmdStanDoes() throws Exception {
        StringBuilder sb = new StringBuilder();
        CmdStanCsv.writeTo(
                sb,
                Run.of("m", "meanfield", 0.01, 1),
                List.of(new Variable("v", 5)),
                new double[] {-0.0, 3, Double.POSITIVE_INFINITY, 1e20, 1e-7},
                new double[0][],
                new double[0],
                new double[0]);
        assertTrue(sb.toString().endsWith("\n0,0,0,0,3,inf,1.0E20,1.0E-7\n"), sb.toString());
        assertTrue(sb.toString().contains("# eta = 0.01\n"), sb.toString());
    }
}
