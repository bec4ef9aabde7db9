package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code --help} of every command: the command lists show a whole sentence per command (its header), no line is
 * wider than {@link Main#USAGE_WIDTH}, every example line of a footer appears unwrapped (it copies and pastes), and
 * {@code cavi} shows its subcommands rather than a MODEL placeholder.
 */
class HelpTest {

    @Test
    void everyHelpIsWholeSentencesAndUnwrappedExamples() {
        CommandLine root = Main.commandLine(Map.of());
        List<CommandLine> all = new ArrayList<>();
        collect(root, all);
        assertTrue(all.size() >= 9, "commands: " + all.size());
        for (CommandLine cl : all) {
            String name = cl.getCommandSpec().qualifiedName();
            String[] args =
                    (name.replaceFirst("^elbo4j ?", "") + " --help").trim().split(" ");
            MainTest.Result r = MainTest.run(args);
            assertEquals(0, r.status(), name + ": " + r.err());
            for (String line : r.out().split("\\R")) {
                assertTrue(
                        line.length() <= Main.USAGE_WIDTH,
                        name + ": line wider than " + Main.USAGE_WIDTH + ": " + line);
            }
            for (String example : cl.getCommandSpec().usageMessage().footer()) {
                if (example.strip().startsWith("elbo4j")) {
                    assertTrue(
                            r.out().contains(example),
                            name + ": example wrapped or missing: " + example + "\n" + r.out());
                }
            }
            for (CommandLine sub : cl.getSubcommands().values()) {
                if (sub.getCommandName().equals("help")) {
                    continue;
                }
                String[] header = sub.getCommandSpec().usageMessage().header();
                if (header.length == 0) {
                    header = sub.getCommandSpec().usageMessage().description();
                }
                assertTrue(
                        header.length == 1 && header[0].endsWith("."),
                        sub.getCommandName() + " needs a one-sentence" + " header for the command list");
                String listed = r.out()
                        .lines()
                        .filter(l -> l.strip().startsWith(sub.getCommandName() + " "))
                        .findFirst()
                        .orElseThrow();
                assertTrue(
                        listed.strip().endsWith("."),
                        name + " lists " + sub.getCommandName() + " mid-sentence: " + listed);
            }
        }
        MainTest.Result cavi = MainTest.run("cavi", "--help");
        assertTrue(cavi.out().contains("Usage: elbo4j cavi [-hV] [--debug] (gmm | linreg | lda)"), cavi.out());
        assertFalse(cavi.out().contains("MODEL"), cavi.out());
    }

    private static void collect(CommandLine cl, List<CommandLine> out) {
        out.add(cl);
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!sub.getCommandName().equals("help")) {
                collect(sub, out);
            }
        }
    }
}
