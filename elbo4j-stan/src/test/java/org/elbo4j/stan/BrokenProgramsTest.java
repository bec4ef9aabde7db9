package org.elbo4j.stan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The corpus of broken programs and data files under {@code resources/org/elbo4j/stan/broken}: each ends with
 * {@code // expect: <message part>}, optionally {@code // at: line:column} (the message must start with
 * {@code file:line:column:} and show the line with a caret) and {@code // stage: parse|data|eval}; a
 * {@code .json} beside it is the data. Each must fail with exactly one StanException carrying that text.
 */
class BrokenProgramsTest {
    @TestFactory
    Stream<DynamicTest> everyBrokenProgramGivesOneClearMessage() throws IOException, URISyntaxException {
        Path dir = Path.of(getClass().getResource("/org/elbo4j/stan/broken").toURI());
        List<Path> files = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.filter(p -> p.toString().endsWith(".stan")).sorted().forEach(files::add);
        }
        assertTrue(files.size() >= 40, "at least 40 broken programs, found " + files.size());
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    private static void check(Path f) throws IOException {
        String text = Files.readString(f);
        String expect = header(text, "expect"), at = header(text, "at"), stage = header(text, "stage");
        String name = f.getFileName().toString();
        Path json = Path.of(f.toString().replace(".stan", ".json"));
        try {
            StanProgram p = StanProgram.parse(text, name);
            if (stage.equals("parse")) fail("expected a syntax/type error: " + expect);
            StanData d = Files.exists(json)
                    ? StanData.parse(Files.readString(json), json.getFileName().toString())
                    : StanData.empty();
            StanModel m = p.instantiate(d);
            if (stage.equals("data")) fail("expected a data error: " + expect);
            m.logDensity(Tensor.zeros(m.unconstrainedSize()));
            fail("expected a rejection: " + expect);
        } catch (StanException e) {
            String msg = e.getMessage();
            assertTrue(msg.contains(expect), "message should contain [" + expect + "] but was:\n" + msg);
            if (at != null) {
                assertTrue(msg.startsWith(name + ":" + at + ": "), "location " + at + " expected:\n" + msg);
                String[] lines = msg.split("\n");
                assertTrue(lines.length >= 3, "message, source line, caret:\n" + msg);
                int col = Integer.parseInt(at.split(":")[1]);
                assertEquals(4 + col - 1, lines[2].indexOf('^'), "caret under column " + col + ":\n" + msg);
            }
            if (stage.equals("eval")) assertTrue(e instanceof StanRejectException, "a rejection, not " + e.getClass());
        }
    }

    private static String header(String text, String key) {
        for (String line : text.split("\n")) {
            if (line.startsWith("// " + key + ": "))
                return line.substring(key.length() + 5).strip();
        }
        return null;
    }
}
