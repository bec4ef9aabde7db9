package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.elbo4j.optim.Optimizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The javadoc example of {@code org.elbo4j.cli}, verbatim, followed by checks of what it prints. */
class JavadocExamplesTest {

    @Test
    void packageInfo(@TempDir Path dir) throws Exception {
        Files.copy(
                TestData.posterior("eight_schools-eight_schools_noncentered").resolve("data.json"),
                dir.resolve("data.json"));
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            StringWriter out = new StringWriter(), err = new StringWriter();
            int status = Main.execute(
                    new String[] {"data", dir.resolve("data.json").toString()},
                    new PrintWriter(out, true),
                    new PrintWriter(err, true),
                    System.getenv());
            assert status == 0 : err;
            System.out.print(out);
            assertTrue(status == 0, err.toString());
        } finally {
            System.setOut(stdout);
        }
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("3 variables"), printed.toString());
    }

    @Test
    void usage() {
        int steps = 100;
        double lr = 0.01;
        String name = "adam";
        Usage.atLeast("--steps", steps, 1);
        Usage.positive("--lr", lr);
        Optimizer o = Usage.parse("--optimizer", name, n -> Optimizers.byName(n, lr));
        assertTrue(o != null);
        UsageException e = assertThrows(
                UsageException.class, () -> Usage.parse("--optimizer", "lbfgs", n -> Optimizers.byName(n, lr)));
        assertTrue(e.getMessage().contains("'lbfgs'"), e.getMessage());
        assertThrows(UsageException.class, () -> Usage.atLeast("--steps", 0, 1));
        assertThrows(UsageException.class, () -> Usage.positive("--lr", Double.NaN));
    }
}
