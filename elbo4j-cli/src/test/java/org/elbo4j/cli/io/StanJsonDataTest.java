package org.elbo4j.cli.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.elbo4j.cli.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StanJsonDataTest {

    /*
     * Expected names, types and dims, computed independently with Python's json module:
     *   cd shared/data/posteriordb && python3 -c "import json,glob; ..."  (flatten each value; int if
     *   every element is a Python int; shape from nested list lengths)
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = ';',
            value = {
                "arK-arK; K:int[] T:int[] y:real[200]",
                "diamonds-diamonds; N:int[] Y:real[5000] K:int[] X:real[5000,25] prior_only:int[]",
                "earnings-logearn_height; N:int[] earn:int[1192] height:int[1192] male:int[1192]",
                "eight_schools-eight_schools_noncentered; J:int[] y:int[8] sigma:int[8]",
                "garch-garch11; T:int[] y:real[200] sigma1:real[]",
                "kidiq-kidscore_momiq; N:int[] kid_score:int[434] mom_hs:int[434] mom_iq:real[434] mom_hs_new:int[] mom_iq_new:int[]",
                "low_dim_gauss_mix-low_dim_gauss_mix; N:int[] y:real[1000]",
                "mesquite-logmesquite_logvolume; N:int[] canopy_height:real[46] density:int[46] diam1:real[46] diam2:real[46] group:int[46] total_height:real[46] weight:real[46]",
                "nes1972-nes; N:int[] age_discrete:int[1330] educ1:int[1330] gender:int[1330] income:int[1330] partyid7:int[1330] race_adj:real[1330] real_ideo:int[1330] year:int[1330]",
                "sblrc-blr; y:real[100] X:real[100,5] D:int[] N:int[]",
            })
    void everyPosteriordbDataFileLoadsWithTheRightShapes(String dir, String expected) throws Exception {
        Path file = TestData.posterior(dir).resolve("data.json");
        StanJsonData d = StanJsonData.read(file);
        List<String> got = new ArrayList<>();
        for (DataValue v : d.variables().values()) {
            got.add(v.name() + ":" + (v.integer() ? "int" : "real")
                    + Arrays.toString(v.dims()).replace(" ", ""));
        }
        assertEquals(expected, String.join(" ", got));
        // Values: row-major order equals the document order of an independent tree parse.
        JsonNode tree = new ObjectMapper().readTree(file.toFile());
        for (DataValue v : d.variables().values()) {
            List<Double> flat = new ArrayList<>();
            flatten(tree.get(v.name()), flat);
            assertEquals(flat.size(), v.size(), v.name());
            for (int i = 0; i < flat.size(); i++) {
                assertEquals(flat.get(i), v.at(i), 0.0, v.name() + v.subscript(i));
            }
        }
    }

    /** The fixtures hold the ten posteriors, all with their data but diamonds (2.3 MB, from ../shared/data). */
    @Test
    void allTenPosteriordbDirectoriesAreCovered() throws Exception {
        try (var s = Files.list(TestData.posteriordb())) {
            List<String> dirs = s.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
            assertEquals(10, dirs.size(), dirs.toString());
            for (String d : dirs) {
                Path p = TestData.posteriordb().resolve(d);
                assertTrue(
                        Files.isRegularFile(p.resolve("reference.json"))
                                && Files.isRegularFile(p.resolve("model.stan")),
                        d);
                assertEquals(!d.equals("diamonds-diamonds"), Files.isRegularFile(p.resolve("data.json")), d);
            }
        }
    }

    private static void flatten(JsonNode n, List<Double> out) {
        if (n.isArray()) {
            for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
                flatten(it.next(), out);
            }
        } else {
            out.add(n.asDouble());
        }
    }

    @Test
    void eightSchoolsValues() throws Exception {
        StanJsonData d = StanJsonData.read(
                TestData.posterior("eight_schools-eight_schools_noncentered").resolve("data.json"));
        int j = d.requireInt("J");
        assertEquals(8, j);
        assertArrayEquals(new double[] {28, 8, -3, 7, -1, 1, 18, 12}, d.requireVector("y", j));
        assertArrayEquals(new int[] {15, 10, 16, 11, 9, 11, 10, 18}, d.requireIntVector("sigma", j));
    }

    @Test
    void matrixIsRowMajor() {
        StanJsonData d = StanJsonData.parse("{\"X\": [[1, 2, 3], [4, 5, 6]]}", "m.json");
        DataValue x = d.requireMatrix("X", 2, 3);
        assertArrayEquals(new int[] {2, 3}, x.dims());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, x.values());
        assertEquals("[2,1]", x.subscript(3));
        assertTrue(x.integer());
    }

    @Test
    void integersAndRealsAreToldApart() {
        StanJsonData d = StanJsonData.parse(
                "{\"a\": 3, \"b\": 3.0, \"c\": [1, 2.5], \"d\": 1e2, \"e\": [], \"f\": [[], []]}", "t.json");
        assertTrue(d.require("a").integer());
        assertFalse(d.require("b").integer());
        assertFalse(d.require("c").integer());
        assertFalse(d.require("d").integer());
        assertEquals(100.0, d.requireReal("d"));
        assertEquals(3.0, d.requireReal("a"), "an int is also a real");
        assertArrayEquals(new int[] {0}, d.require("e").dims());
        assertArrayEquals(new int[] {2, 0}, d.require("f").dims());
        assertEquals(0, d.requireMatrix("e", StanJsonData.ANY, 4).size(), "[] is a matrix with 0 rows");
        assertEquals(List.of("a", "b", "c", "d", "e", "f"), d.names());
    }

    @Test
    void nonFiniteStringsAndTokensAreAcceptedForTheCallerToCheck() {
        StanJsonData d = StanJsonData.parse(
                "{\"x\": [\"NaN\", \"Inf\", \"-Inf\", \"+inf\", \"Infinity\", \"-infinity\", NaN, -Infinity, 1]}",
                "nf.json");
        DataValue x = d.require("x");
        assertFalse(x.integer());
        double inf = Double.POSITIVE_INFINITY;
        assertArrayEquals(new double[] {Double.NaN, inf, -inf, inf, inf, -inf, Double.NaN, -inf, 1}, x.values());
        assertEquals(0, x.firstNonFinite());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.requireFinite("x"));
        assertEquals("nf.json: variable 'x': element x[1] is NaN; finite values are required", e.getMessage());
    }

    @Test
    void requireFinitePassesFiniteData() {
        StanJsonData d = StanJsonData.parse("{\"x\": [[1, 2], [3, 4]]}", "f.json");
        assertEquals(-1, d.requireFinite("x").firstNonFinite());
    }

    @Test
    void raggedArrayNamesFileVariableAndElement() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> StanJsonData.parse("{\"N\": 2,\n \"X\": [[1, 2, 3], [4, 5]]}", "rag.json"));
        assertTrue(
                e.getMessage()
                        .startsWith("rag.json: variable 'X' at element X[2]: ragged array:"
                                + " element X[2] has dims [2] but element X[1] has dims [3]"),
                e.getMessage());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void mixingNumbersAndArraysIsRagged() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> StanJsonData.parse("{\"y\": [1, [2]]}", "mix.json"));
        assertTrue(
                e.getMessage().contains("ragged array: element y[2] has dims [1] but element y[1] has a number"),
                e.getMessage());
    }

    @Test
    void nonNumericEntriesAreRejectedWithTheirPosition() {
        Map<String, String> cases = Map.of(
                "{\"y\": [1, \"abc\"]}", "mal.json: variable 'y' at element y[2]: non-numeric string \"abc\"",
                "{\"y\": [[1, 2], [true, 4]]}", "mal.json: variable 'y' at element y[2,1]: non-numeric value true",
                "{\"y\": null}", "mal.json: variable 'y': non-numeric value null",
                "{\"t\": {\"1\": 2}}", "mal.json: variable 't': objects (e.g. Stan tuples) are not supported");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> StanJsonData.parse(c.getKey(), "mal.json"));
            assertTrue(e.getMessage().startsWith(c.getValue()), c.getKey() + " -> " + e.getMessage());
            assertTrue(e.getMessage().contains("(line 1, column "), e.getMessage());
        }
    }

    @Test
    void malformedJsonIsReportedWithPosition() {
        for (String bad : new String[] {
            "{\"y\": [1, 2}", "{\"y\": 1,}", "{\"y\": 1", "", "[1, 2]", "{\"y\": 1} {\"z\": 2}", "{\"y\": 1, \"y\": 2}"
        }) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> StanJsonData.parse(bad, "bad.json"), bad);
            assertTrue(e.getMessage().startsWith("bad.json: "), e.getMessage());
        }
        IllegalArgumentException dup = assertThrows(
                IllegalArgumentException.class, () -> StanJsonData.parse("{\"y\": 1, \"y\": 2}", "dup.json"));
        assertTrue(dup.getMessage().contains("Duplicate field 'y'"), dup.getMessage());
        IllegalArgumentException top =
                assertThrows(IllegalArgumentException.class, () -> StanJsonData.parse("[1, 2]", "top.json"));
        assertTrue(top.getMessage().startsWith("top.json: expected a JSON object"), top.getMessage());
    }

    @Test
    void missingVariableListsWhatTheFileHas() {
        StanJsonData d = StanJsonData.parse("{\"N\": 3, \"y\": [1, 2, 3]}", "d.json");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.require("sigma"));
        assertEquals("d.json: variable 'sigma' is missing; the file has N, y", e.getMessage());
        assertFalse(d.contains("sigma"));
    }

    @Test
    void wrongRankOrSizeIsNamed() {
        StanJsonData d = StanJsonData.parse(
                "{\"N\": 3, \"r\": 2.5, \"big\": 3000000000, \"y\": [1, 2, 3], \"X\": [[1, 2], [3, 4]]}", "d.json");
        assertMessage("d.json: variable 'y' has length 3 but 4 is required", () -> d.requireVector("y", 4));
        assertMessage(
                "d.json: variable 'X' must be a vector (rank 1) but has dims [2, 2] (rank 2)",
                () -> d.requireVector("X", StanJsonData.ANY));
        assertMessage(
                "d.json: variable 'y' must be a matrix (an array of rows) (rank 2) but has dims [3] (rank 1)",
                () -> d.requireMatrix("y", StanJsonData.ANY, StanJsonData.ANY));
        assertMessage(
                "d.json: variable 'X' has number of columns 2 but 3 is required", () -> d.requireMatrix("X", 2, 3));
        assertMessage(
                "d.json: variable 'y' must be an integer scalar (rank 0) but has dims [3] (rank 1)",
                () -> d.requireInt("y"));
        assertMessage(
                "d.json: variable 'r' must be an integer but is written as a real number (element r = 2.5)",
                () -> d.requireInt("r"));
        assertMessage(
                "d.json: variable 'big': element big = 3.0E9 is outside the 32-bit integer range",
                () -> d.requireInt("big"));
        assertEquals(3, d.requireVector("y", StanJsonData.ANY).length);
    }

    @Test
    void readsFromFileAndNamesTheFileInErrors(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("data.json");
        Files.writeString(f, "{\n  \"N\": 2,\n  \"y\": [0.5, \"oops\"]\n}\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StanJsonData.read(f));
        assertTrue(
                e.getMessage().startsWith(f + ": variable 'y' at element y[2]: non-numeric string \"oops\""),
                e.getMessage());
        assertTrue(
                e.getMessage().endsWith("(line 3, column 22)") || e.getMessage().contains("(line 3,"), e.getMessage());
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
    }
}
