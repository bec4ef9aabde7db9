package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The javadoc example of {@code org.elbo4j.cli}, verbatim, followed by checks of what it prints. */
class JavadocExamplesTest {

    @Test
    void packageInfo(@TempDir Path dir) throws Exception {
        Files.copy(TestData.posterior("eight_schools-eight_schools_noncentered").resolve("data.json"),
                dir.resolve("data.json"));
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            StringWriter out = new StringWriter(), err = new StringWriter();
            int status = Main.execute(new String[] {"data", dir.resolve("data.json").toString()},
                new PrintWriter(out, true), new PrintWriter(err, true), System.getenv());
            assert status == 0 : err;
            System.out.print(out);
            assertTrue(status == 0, err.toString());
        } finally {
            System.setOut(stdout);
        }
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("3 variables"), printed.toString());
    }
}
