package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Progress when stderr is not a terminal (as in these in-process runs): plain lines without carriage returns, and a
 * last line that says how the run ended, for fit, vae, check, cavi gmm and cavi lda.
 */
class ProgressLinesTest {

    private static String lastLine(String err) {
        List<String> l = err.strip().lines().toList();
        return l.get(l.size() - 1);
    }

    @Test
    void fitEndsWithConvergedOrStepLimit() {
        FitCommandTest.Run r = FitCommandTest.run("fit", "normal_normal", "--fast", "--seed", "3");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains("\r"), "no carriage returns in a log");
        assertTrue(
                lastLine(r.err()).matches("fit normal_normal: converged after \\d+ steps \\(in \\d+:\\d\\d\\)"),
                r.err());
        FitCommandTest.Run recipe = FitCommandTest.run("fit", "normal_normal", "--seed", "3");
        assertEquals(0, recipe.code(), recipe.err());
        assertTrue(
                lastLine(recipe.err())
                        .matches("fit normal_normal: done, the answer from the \\S+ guide after \\d+ steps"
                                + " \\(\\d+ gradient evaluations\\) in .* s; (trusted|not trusted)"),
                recipe.err());
        FitCommandTest.Run budget =
                FitCommandTest.run("fit", "normal_normal", "--fast", "--stop", "budget", "--steps", "300");
        assertTrue(
                lastLine(budget.err()).startsWith("fit normal_normal: stopped at the step limit of 300 steps (in "),
                budget.err());
    }

    @Test
    void vaeCheckAndCaviEndWithHowTheRunEnded(@TempDir Path tmp) throws Exception {
        VaeCommandTest.Run v = VaeCommandTest.run(java.util.Arrays.stream(VaeCommandTest.args(tmp, "--epochs", "1"))
                .filter(a -> !a.equals("--quiet"))
                .toArray(String[]::new));
        assertEquals(0, v.code(), v.err());
        assertTrue(v.err().contains("vae: stopped at the epoch limit, epoch 1 of --epochs 1"), v.err());
        MainTest.Result c = MainTest.run("cavi", "gmm", "--k", "2", "--restarts", "2");
        assertEquals(0, c.status(), c.err());
        assertTrue(lastLine(c.err()).startsWith("cavi gmm: best restart converged after"), c.err());
        Path post = java.nio.file.Files.createDirectories(tmp.resolve("eight_schools-eight_schools_noncentered"));
        try (java.io.InputStream in = getClass().getResourceAsStream("/org/elbo4j/cli/data/eight_schools.json")) {
            java.nio.file.Files.write(post.resolve("data.json"), in.readAllBytes());
        }
        java.nio.file.Files.writeString(
                post.resolve("reference.json"), "{\"parameters\": {\"mu\": {\"mean\": 4.4," + " \"sd\": 3.3}}}");
        MainTest.Result k = MainTest.run(
                "check",
                post.toString(),
                "--restarts",
                "1",
                "--explore-steps",
                "300",
                "--anneal-steps",
                "50",
                "--draws",
                "200",
                "--out",
                tmp.resolve("check").toString());
        assertEquals(0, k.status(), k.err());
        assertTrue(
                lastLine(k.err())
                        .matches("check eight_schools-eight_schools_noncentered \\(meanfield\\): done, \\d+"
                                + " steps, \\d+ gradient evaluations in .* s"),
                k.err());
    }

    @Test
    void caviLdaEndsWithHowTheRunEnded(@TempDir Path tmp) throws Exception {
        StringBuilder docs = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            docs.append(i % 2 == 0 ? "apple banana cherry orchard fruit\n" : "engine wheel brake garage motor\n");
        }
        Path corpus = java.nio.file.Files.writeString(tmp.resolve("docs.txt"), docs.toString());
        MainTest.Result r =
                MainTest.run("cavi", "lda", corpus.toString(), "--k", "2", "--batch-size", "10", "--max-df", "1.0");
        assertEquals(0, r.status(), r.err());
        assertFalse(r.err().contains("\r"), "no carriage returns in a log");
        assertTrue(r.err().contains("cavi lda: "), r.err());
        // 54 training documents (6 of 60 held out) in batches of 10: 6 steps in one pass
        assertTrue(
                lastLine(r.err())
                        .matches("cavi lda: finished: 2 topics after 6 steps, held-out per-word"
                                + " log-likelihood -?[0-9.]+"),
                r.err());
    }
}
