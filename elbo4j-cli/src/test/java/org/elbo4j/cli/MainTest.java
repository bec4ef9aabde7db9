package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    /** Exit status, stdout and stderr of one run. */
    record Result(int status, String out, String err) {}

    static Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
        return new Result(status, out.toString(), err.toString());
    }

    static Result run(String... args) {
        return run(Map.of(), args);
    }

    @Test
    void versionNamesProjectVersionJavaAndBlas() {
        Result r = run("--version");
        assertEquals(0, r.status);
        String[] lines = r.out.split("\\R");
        assertEquals("elbo4j 0.1.0-SNAPSHOT", lines[0]);
        assertTrue(lines[1].startsWith("Java " + System.getProperty("java.version")), lines[1]);
        assertTrue(r.out.contains("BLAS backend: "), r.out);
        // surefire runs with --add-modules jdk.incubator.vector (parent pom)
        assertTrue(r.out.contains("Vector API (jdk.incubator.vector): present"), r.out);
    }

    @Test
    void helpListsEverySubcommandWithADescription() {
        Result r = run("--help");
        assertEquals(0, r.status);
        assertTrue(r.out.startsWith("Usage: elbo4j"), r.out);
        int listed = 0;
        for (Object sub : Commands.all()) {
            picocli.CommandLine cl = new picocli.CommandLine(sub);
            String name = cl.getCommandName();
            String[] desc = cl.getCommandSpec().usageMessage().description();
            assertTrue(desc.length > 0 && !desc[0].isBlank(), name + " has no description");
            assertTrue(
                    r.out.lines().anyMatch(l -> l.strip().startsWith(name + " ")),
                    name + " missing from --help:\n" + r.out);
            listed++;
        }
        assertEquals(Commands.all().size(), listed);
        assertTrue(listed >= 2, "expected at least data and help");
    }

    @Test
    void namedGivesEveryListedSubcommandButHelpUnderItsAnnotatedName() {
        int named = 0;
        for (Object sub : Commands.all()) {
            String name = new picocli.CommandLine(sub).getCommandName();
            Object one = Commands.named(name);
            if (sub instanceof picocli.CommandLine.HelpCommand) {
                assertEquals(null, one, name);
            } else {
                assertTrue(one != null && one.getClass() == sub.getClass(), name + " -> " + one);
                named++;
            }
        }
        assertEquals(Commands.all().size() - 1, named);
        assertEquals(null, Commands.named("dat"));
    }

    @Test
    void aCommandLineNamingASubcommandRegistersOnlyThatOne() {
        assertEquals(
                java.util.Set.of("fit"),
                Main.commandLine(Map.of(), new String[] {"fit", "eight_schools_noncentered"})
                        .getSubcommands()
                        .keySet());
        assertEquals(
                java.util.Set.of("cavi"),
                Main.commandLine(Map.of(), new String[] {"--debug", "cavi", "gmm"})
                        .getSubcommands()
                        .keySet());
        int all = Commands.all().size();
        assertEquals(
                all,
                Main.commandLine(Map.of(), new String[] {"--help", "fit"})
                        .getSubcommands()
                        .size());
        assertEquals(
                all,
                Main.commandLine(Map.of(), new String[] {"help", "fit"})
                        .getSubcommands()
                        .size());
        assertEquals(
                all,
                Main.commandLine(Map.of(), new String[] {"dat"})
                        .getSubcommands()
                        .size());
        assertEquals(
                all, Main.commandLine(Map.of(), new String[0]).getSubcommands().size());
    }

    @Test
    void debugBeforeTheSubcommandStillParses() {
        Result r = run("--debug", "models");
        assertEquals(0, r.status, r.err);
        assertTrue(r.out.contains("eight_schools_noncentered"), r.out);
    }

    @Test
    void unknownOptionIsAUsageErrorWithStatus2() {
        Result r = run("--no-such-option");
        assertEquals(2, r.status);
        assertTrue(r.err.startsWith("elbo4j: error: Unknown option: '--no-such-option'"), r.err);
        assertTrue(r.err.contains("Try 'elbo4j --help'"), r.err);
    }

    @Test
    void mistypedSubcommandSuggestsTheRightOne() {
        Result r = run("dat", "x.json");
        assertEquals(2, r.status);
        assertTrue(r.err.contains("Did you mean: elbo4j data?"), r.err);
    }

    @Test
    void missingSubcommandIsAUsageError() {
        Result r = run();
        assertEquals(2, r.status);
        assertTrue(r.err.startsWith("elbo4j: error: missing command"), r.err);
        assertTrue(r.err.contains("Commands:"), r.err);
    }

    @Test
    void runtimeErrorIsOneLineWithStatus1AndNoStackTrace() {
        Result r = run("data", "/no/such/dir/data.json");
        assertEquals(1, r.status);
        assertEquals("elbo4j: error: no such file or directory: /no/such/dir/data.json", r.err.strip());
        assertFalse(r.err.contains("\tat "), r.err);
    }

    @Test
    void debugOptionOrEnvironmentAddsTheStackTrace() {
        Result viaOption = run("data", "--debug", "/no/such/file.json");
        Result viaGlobalOption = run("--debug", "data", "/no/such/file.json");
        Result viaEnv = run(Map.of(Main.DEBUG_ENV, "1"), "data", "/no/such/file.json");
        for (Result r : new Result[] {viaOption, viaGlobalOption, viaEnv}) {
            assertEquals(1, r.status);
            assertTrue(r.err.startsWith("elbo4j: error: no such file or directory: /no/such/file.json"), r.err);
            assertTrue(r.err.contains("java.nio.file.NoSuchFileException"), r.err);
            assertTrue(r.err.contains("\tat "), r.err);
        }
    }

    @Test
    void malformedDataFileReportsFileAndVariable(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("bad.json");
        Files.writeString(f, "{\"N\": 2, \"y\": [1, \"x\"]}");
        Result r = run("data", f.toString());
        assertEquals(1, r.status);
        assertTrue(r.err.startsWith("elbo4j: error: " + f + ": variable 'y' at element y[2]"), r.err);
        assertEquals(1, r.err.strip().lines().count(), r.err);
    }

    @Test
    void dataCommandDescribesEightSchools() {
        Path f = TestData.posterior("eight_schools-eight_schools_noncentered").resolve("data.json");
        Result r = run("data", f.toString());
        assertEquals(0, r.status, r.err);
        assertTrue(r.out.contains("3 variables"), r.out);
        assertTrue(r.out.lines().anyMatch(l -> l.matches("\\s+y\\s+int\\s+\\[8\\]\\s+-3\\.0+\\s+28\\.0+\\s+0")), r.out);
    }

    @Test
    void dataCommandDescribesMnistImagesAndLabels() {
        Result images = run("data", TestData.mnistImages().toString());
        assertEquals(0, images.status, images.err);
        assertTrue(images.out.contains("IDX images, 10000 images of 28 × 28"), images.out);
        Result labels = run("data", TestData.mnistLabels().toString());
        assertEquals(0, labels.status, labels.err);
        assertTrue(labels.out.contains("IDX labels, 10000 labels"), labels.out);
    }

    @Test
    void oneLineFoldsMultiLineMessages() {
        assertEquals("a b c", Errors.oneLine(new IllegalStateException("a\n  b\r\nc\n")));
        assertEquals("IllegalStateException", Errors.oneLine(new IllegalStateException()));
    }
}
