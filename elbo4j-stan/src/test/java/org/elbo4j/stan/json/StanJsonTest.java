package org.elbo4j.stan.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Stan JSON: a table of good inputs with their values, a table of bad inputs with their messages, and the corpus. */
class StanJsonTest {
    static final double INF = Double.POSITIVE_INFINITY;

    static JsonValue v(int[] dims, double[] values, boolean ints) {
        return new JsonValue(dims, values, ints);
    }

    static int[] d(int... dims) {
        return dims;
    }

    static double[] x(double... values) {
        return values;
    }

    static Stream<Arguments> good() {
        return Stream.of(
                Arguments.of("{\"N\": 3}", "N", v(d(), x(3), true)),
                Arguments.of("{\"x\": -2.5}", "x", v(d(), x(-2.5), false)),
                Arguments.of("{\"x\": 1e3}", "x", v(d(), x(1000), false)),
                Arguments.of("{\"x\": 1.0}", "x", v(d(), x(1), false)),
                Arguments.of("{\"x\": -0}", "x", v(d(), x(-0.0), true)),
                Arguments.of("{\"x\": 3000000000}", "x", v(d(), x(3e9), false)),
                Arguments.of("{\"y\": [1, 2, 3]}", "y", v(d(3), x(1, 2, 3), true)),
                Arguments.of("{\"y\": [1, 2.5, 3]}", "y", v(d(3), x(1, 2.5, 3), false)),
                Arguments.of("{\"y\": [[1, 2, 3], [4, 5, 6]]}", "y", v(d(2, 3), x(1, 2, 3, 4, 5, 6), true)),
                Arguments.of("{\"y\": [[[1], [2]], [[3], [4]]]}", "y", v(d(2, 2, 1), x(1, 2, 3, 4), true)),
                Arguments.of("{\"y\": []}", "y", v(d(0), x(), true)),
                Arguments.of("{\"y\": [[], []]}", "y", v(d(2, 0), x(), true)),
                Arguments.of("{\"y\": [[]]}", "y", v(d(1, 0), x(), true)),
                Arguments.of("{\"y\": [\"inf\", \"-inf\", \"+inf\"]}", "y", v(d(3), x(INF, -INF, INF), false)),
                Arguments.of("{\"y\": [\"Infinity\", \"-Infinity\", \"INF\"]}", "y", v(d(3), x(INF, -INF, INF), false)),
                Arguments.of("{\"y\": [\"NaN\", \"nan\"]}", "y", v(d(2), x(Double.NaN, Double.NaN), false)),
                Arguments.of(
                        "{\"y\": [Infinity, -Infinity, NaN, 1]}", "y", v(d(4), x(INF, -INF, Double.NaN, 1), false)),
                Arguments.of("{\"y\": 1.5E-3}", "y", v(d(), x(0.0015), false)),
                Arguments.of("\uFEFF{\"a\\u0062\": 1}", "ab", v(d(), x(1), true)),
                Arguments.of("{\n  \"N\" : 2 ,\r\n  \"z\":[ 0.1 ,\t0.2 ]\n}\n", "z", v(d(2), x(0.1, 0.2), false)));
    }

    @ParameterizedTest
    @MethodSource("good")
    void goodInputsRead(String json, String name, JsonValue want) {
        Map<String, JsonValue> data = StanJson.parse(json, "good.json");
        assertEquals(want, data.get(name), json);
    }

    @Test
    void variablesComeInFileOrderWithTheirPositions() {
        Map<String, JsonValue> data = StanJson.parse("{\"z\": 1,\n \"a\": [1],\n   \"m\": [[1.5]]}", "d.json");
        assertEquals(List.of("z", "a", "m"), new ArrayList<>(data.keySet()));
        assertEquals(2, data.get("a").line());
        assertEquals(2, data.get("a").column());
        assertEquals(3, data.get("m").line());
        assertEquals(4, data.get("m").column());
        assertArrayEquals(new int[] {1}, data.get("a").intValues());
        assertTrue(StanJson.parse("{}", "e.json").isEmpty());
        assertThrows(IllegalStateException.class, () -> data.get("m").intValues());
    }

    static Stream<Arguments> bad() {
        return Stream.of(
                Arguments.of(
                        "{\"y\": [[1, 2], [3]]}",
                        "bad.json:1:16: variable 'y': ragged array: this array has 1 element but the first array at the same depth has 2"),
                Arguments.of("{\"y\": [1, [2]]}", "bad.json:1:11: variable 'y': ragged array: expected a number here"),
                Arguments.of("{\"y\": [[1], 2]}", "bad.json:1:13: variable 'y': ragged array: expected an array here"),
                Arguments.of(
                        "{\"y\": [[], [1]]}",
                        "bad.json:1:12: variable 'y': ragged array: this array has 1 element but the first array at the same depth has 0"),
                Arguments.of("{\"y\": \"abc\"}", "bad.json:1:7: variable 'y': string value \"abc\"; expected a number"),
                Arguments.of("{\"y\": [1, \"2\"]}", "bad.json:1:11: variable 'y': string value \"2\""),
                Arguments.of(
                        "{\"y\": {\"a\": 1}}", "bad.json:1:7: variable 'y': a JSON object is not a Stan data value"),
                Arguments.of(
                        "{\"y\": [{\"a\": 1}]}", "bad.json:1:8: variable 'y': a JSON object is not a Stan data value"),
                Arguments.of("{\"y\": true}", "bad.json:1:7: variable 'y': 'true' is not a Stan data value"),
                Arguments.of("{\"y\": null}", "bad.json:1:7: variable 'y': 'null' is not a Stan data value"),
                Arguments.of("{\"y\": 1} x", "bad.json:1:10: unexpected 'x' after the end of the JSON object"),
                Arguments.of("{\"y\": 1}}", "bad.json:1:9: unexpected '}' after the end of the JSON object"),
                Arguments.of("{\"y\": 1,\n \"y\": 2}", "bad.json:2:2: duplicate variable name 'y' (also at line 1)"),
                Arguments.of(
                        "{\"y\": [1, 2",
                        "bad.json:1:12: variable 'y': unexpected end of file (the file is truncated?)"),
                Arguments.of("{\"y\": 1", "bad.json:1:8: unexpected end of file"),
                Arguments.of("{\"y\": ", "bad.json:1:7: variable 'y': unexpected end of file"),
                Arguments.of("{\"y", "bad.json:1:4: unexpected end of file inside a string"),
                Arguments.of("", "bad.json:1:1: the file is empty"),
                Arguments.of("[1, 2]", "bad.json:1:1: expected '{' to start the JSON object"),
                Arguments.of("{y: 1}", "bad.json:1:2: expected a variable name in double quotes, found 'y'"),
                Arguments.of("{\"y\" 1}", "bad.json:1:6: expected ':' after the variable name \"y\""),
                Arguments.of("{\"y\": 1 \"z\": 2}", "bad.json:1:9: expected ',' or '}' after the value of 'y'"),
                Arguments.of(
                        "{\"y\": [1 2]}", "bad.json:1:10: variable 'y': expected ',' or ']' in the array, found '2'"),
                Arguments.of("{\"y\": 01}", "bad.json:1:7: variable 'y': a JSON number has no leading zeros"),
                Arguments.of("{\"y\": 1.}", "bad.json:1:9: variable 'y': expected digits after the decimal point"),
                Arguments.of("{\"y\": 1e}", "bad.json:1:9: variable 'y': expected digits in the exponent"),
                Arguments.of("{\"y\": -}", "bad.json:1:7: variable 'y': expected a number, found '-'"),
                Arguments.of("{\"y\": [1,]}", "bad.json:1:10: variable 'y': expected a number, found ']'"),
                Arguments.of(
                        "{\n\"a\": 1,\n\"b\": [[1, 2],\n      [3, 4, 5]]}",
                        "bad.json:4:7: variable 'b': ragged array"));
    }

    @ParameterizedTest
    @MethodSource("bad")
    void badInputsGiveOneClearMessage(String json, String messageStart) {
        StanJsonException e = assertThrows(StanJsonException.class, () -> StanJson.parse(json, "bad.json"), json);
        assertTrue(
                e.getMessage().startsWith(messageStart),
                "for " + json + "\n got: " + e.getMessage() + "\nwant: " + messageStart);
        assertEquals("bad.json", e.source());
    }

    @Test
    void readsAFileAndNamesItInErrors(@TempDir Path dir) throws IOException {
        Path good = dir.resolve("data.json"), bad = dir.resolve("broken.json");
        Files.writeString(good, "{\"N\": 2, \"y\": [0.5, 1]}");
        Files.writeString(bad, "{\"N\": 2,\n \"y\": [0.5, [1]]}");
        assertArrayEquals(new double[] {0.5, 1}, StanJson.read(good).get("y").values());
        StanJsonException e = assertThrows(StanJsonException.class, () -> StanJson.read(bad));
        assertEquals(
                bad
                        + ":2:13: variable 'y': ragged array: expected a number here (as in the first element at this depth), found '['",
                e.getMessage());
        assertEquals("y", e.variable());
        assertEquals(2, e.line());
        assertEquals(13, e.column());
    }

    /** Every data.json of the posteriordb corpus reads, and a sample of values is as written. */
    @Test
    void everyCorpusDataFileReads() throws IOException {
        Path corpus = org.elbo4j.testkit.SharedData.require("posteriordb-all");
        int files = 0, variables = 0;
        try (Stream<Path> dirs = Files.list(corpus)) {
            for (Path dir : (Iterable<Path>) dirs.sorted()::iterator) {
                Path data = dir.resolve("data.json");
                if (!Files.exists(data)) continue;
                Map<String, JsonValue> vars = StanJson.read(data);
                for (JsonValue jv : vars.values()) {
                    int n = 1;
                    for (int k : jv.dims()) n *= k;
                    assertEquals(n, jv.values().length, data + ": product of dims");
                    variables++;
                }
                files++;
            }
        }
        assertEquals(132, files, "data.json files in " + corpus);
        assertTrue(variables > 132, "variables read: " + variables);
        Map<String, JsonValue> eight =
                StanJson.read(corpus.resolve("eight_schools-eight_schools_noncentered/data.json"));
        assertEquals(new JsonValue(new int[0], new double[] {8}, true), eight.get("J"));
        assertArrayEquals(
                new double[] {28, 8, -3, 7, -1, 1, 18, 12}, eight.get("y").values());
        assertArrayEquals(new int[] {8}, eight.get("sigma").dims());
    }
}
