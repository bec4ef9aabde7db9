package org.elbo4j.stan.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The javadoc examples of package {@code org.elbo4j.stan.json}, verbatim (see JavadocExamplesCoverageTest). */
class JavadocExamplesTest {
    @Test
    void packageInfo(@TempDir Path dir) throws Exception {
        Files.writeString(
                dir.resolve("eight_schools.json"),
                "{\"J\": 8, \"y\": [28, 8, -3, 7, -1, 1, 18, 12], \"sigma\": [15, 10, 16, 11, 9, 11, 10, 18]}");
        Map<String, JsonValue> data = StanJson.read(dir.resolve("eight_schools.json")); // dir: where the file is
        JsonValue y = data.get("y"); // dims [8], values 28, 8, -3, ...
        boolean ints = y.allIntegers(); // true: every value was written as an integer
        assertArrayEquals(new int[] {8}, y.dims());
        assertArrayEquals(new double[] {28, 8, -3}, java.util.Arrays.copyOf(y.values(), 3));
        assertTrue(ints);
    }

    @Test
    void stanJson() throws Exception {
        Map<String, JsonValue> data = StanJson.parse("{\"N\": 2, \"y\": [[1, 2.5], [3, \"inf\"]]}", "data.json");
        data.get("y").dims(); // [2, 2]
        data.get("N").allIntegers(); // true
        assertArrayEquals(new int[] {2, 2}, data.get("y").dims());
        assertTrue(data.get("N").allIntegers());
        assertFalse(data.get("y").allIntegers());
        assertEquals(Double.POSITIVE_INFINITY, data.get("y").values()[3]);
    }
}
