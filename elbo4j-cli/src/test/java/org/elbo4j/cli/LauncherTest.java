package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./elbo4j} launcher, run by bash on a copy in a scratch repository with a fake
 * {@code mvn} and a fake {@code java} (scripts that log their arguments), so it is exercised
 * without building or starting a JVM: staleness check, build messages, exit codes, JAVA_OPTS,
 * the removal of the JVM's incubator warning (only that line), and the class-data archive (the
 * fake java writes the file named by {@code -XX:ArchiveClassesAtExit=} as the JVM would).
 */
class LauncherTest {

    /** The launcher's early-C2 options for the Vector API kernels, as they appear in the fake java's log. */
    static final String JIT = " -XX:CompileCommand=quiet"
            + " -XX:CompileCommand=CompileThresholdScaling,org.elbo4j.tensor.blas.Vector*::*,0.05";

    /** The launcher's JIT option for fit, stan, gradients, models and data: C1 only. */
    static final String C1 = " -XX:TieredStopAtLevel=1 -Delbo4j.jit=c1";

    @TempDir
    Path tmp;

    Path repo;
    Path bin;
    Path jar;
    Path log;

    @BeforeEach
    void scratchRepository() throws IOException {
        repo = tmp.resolve("repo");
        Path launcher = Path.of("..", "elbo4j").toAbsolutePath().normalize(); // surefire runs in elbo4j-cli/
        assertTrue(Files.isRegularFile(launcher), "launcher not found at " + launcher);
        Files.createDirectories(repo.resolve("elbo4j-cli/src/main/java"));
        Files.copy(launcher, repo.resolve("elbo4j"));
        Files.writeString(repo.resolve("pom.xml"), "<project/>");
        Files.writeString(repo.resolve("elbo4j-cli/pom.xml"), "<project/>");
        Files.writeString(repo.resolve("elbo4j-cli/src/main/java/A.java"), "class A {}");
        jar = repo.resolve("elbo4j-cli/target/elbo4j.jar");
        log = tmp.resolve("calls.log");
        bin = Files.createDirectories(tmp.resolve("bin"));
        // Fake mvn: logs, then creates the jar (or fails when FAKE_MVN_FAIL is set).
        script(bin.resolve("mvn"), """
        #!/usr/bin/env bash
        echo "mvn $*" >> "%s"
        if [[ -n "${FAKE_MVN_FAIL:-}" ]]; then echo "[ERROR] COMPILATION ERROR" >&2; exit 1; fi
        mkdir -p elbo4j-cli/target && echo jar > elbo4j-cli/target/elbo4j.jar
        printf '\\033[0m\\033[0m'
        """.formatted(log));
        // Fake java: the JVM's warning first, partial progress lines, a later warning, exit code from args.
        Path javaHome = Files.createDirectories(tmp.resolve("jdk/bin")).getParent();
        script(javaHome.resolve("bin/java"), """
        #!/usr/bin/env bash
        for a in "$@"; do
          if [[ "$a" == -XX:ArchiveClassesAtExit=* || "$a" == -XX:AOTCacheOutput=* ]]; then   # a training run
            echo "train $*" >> "%s.train"
            while [[ -n "${FAKE_TRAIN_GATE:-}" && ! -e "$FAKE_TRAIN_GATE" ]]; do sleep 0.1; done
            [[ -n "${FAKE_TRAIN_FAIL:-}" ]] && exit 3
            echo archive > "${a#-XX:*=}"
            exit 0
          fi
        done
        [[ "$*" == *CompilerDirectivesFile* ]] && echo "2 compiler directives added" >&2
        echo "WARNING: Using incubator modules: jdk.incubator.vector" >&2
        echo "java $*" >> "%s"
        for a in "$@"; do echo "arg<$a>"; done
        printf '\\rstep 1' >&2; printf '\\rstep 2' >&2; printf '\\n' >&2
        echo "WARNING: a warning of the program itself" >&2
        exit "${FAKE_JAVA_EXIT:-0}"
        """.formatted(log, log));
        this.javaHome = javaHome;
    }

    Path javaHome;

    record Run(int status, String out, String err) {}

    Run launch(Map<String, String> extraEnv, String... args) throws Exception {
        List<String> cmd =
                new ArrayList<>(List.of("bash", repo.resolve("elbo4j").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile()); // not the repository root
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("JAVA_HOME", javaHome.toString());
        pb.environment().remove("JAVA_OPTS");
        pb.environment().put("ELBO4J_JVM_CACHE", "off"); // the class-data archive has its own tests below
        pb.environment().putAll(extraEnv);
        if ("".equals(extraEnv.get("JAVA_HOME"))) {
            pb.environment().remove("JAVA_HOME");
        }
        pb.redirectOutput(tmp.resolve("out.txt").toFile());
        pb.redirectError(tmp.resolve("err.txt").toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "launcher did not finish");
        return new Run(
                p.exitValue(), Files.readString(tmp.resolve("out.txt")), Files.readString(tmp.resolve("err.txt")));
    }

    @Test
    void buildsWhenMissingThenRunsWithTheVectorModule() throws Exception {
        Run r = launch(Map.of(), "--version", "two words");
        assertEquals(0, r.status, r.err);
        List<String> calls = Files.readAllLines(log);
        assertEquals("mvn -q -B -DskipTests -pl elbo4j-cli -am package", calls.get(0));
        assertEquals(
                "java --add-modules jdk.incubator.vector -XX:+UseParallelGC" + JIT + " -jar " + jar
                        + " --version two words",
                calls.get(1));
        assertEquals(
                "arg<--add-modules>\narg<jdk.incubator.vector>\narg<-XX:+UseParallelGC>\narg<-XX:CompileCommand=quiet>\n"
                        + "arg<-XX:CompileCommand=CompileThresholdScaling,org.elbo4j.tensor.blas.Vector*::*,0.05>\narg<-jar>\narg<"
                        + jar
                        + ">\narg<--version>\narg<two words>\n",
                r.out,
                "stdout carries only the program's output");
        assertTrue(r.err.startsWith("elbo4j: building the CLI jar"), r.err);
        assertFalse(r.err.contains("\u001b[0m"), "ANSI resets of Debian's mvn are dropped");
        assertFalse(r.err.contains("Using incubator modules"), r.err);
        assertTrue(r.err.endsWith("\rstep 1\rstep 2\nWARNING: a warning of the program itself\n"), r.err);
    }

    @Test
    void rebuildsOnlyWhenASourceOrPomIsNewer() throws Exception {
        launch(Map.of());
        Instant built = Instant.now().minusSeconds(100);
        Files.setLastModifiedTime(jar, FileTime.from(built));
        for (Path p : List.of(
                repo.resolve("pom.xml"),
                repo.resolve("elbo4j-cli/pom.xml"),
                repo.resolve("elbo4j-cli/src/main/java/A.java"),
                repo.resolve("elbo4j-cli/src/main/java"),
                repo.resolve("elbo4j-cli/src/main"))) {
            Files.setLastModifiedTime(p, FileTime.from(built.minusSeconds(50)));
        }
        Files.delete(log);
        launch(Map.of());
        assertEquals(1, Files.readAllLines(log).size(), "up to date: java only, no mvn");
        Files.setLastModifiedTime(repo.resolve("elbo4j-cli/src/main/java/A.java"), FileTime.from(Instant.now()));
        Files.delete(log);
        Run r = launch(Map.of());
        assertEquals(0, r.status, r.err);
        assertTrue(Files.readAllLines(log).get(0).startsWith("mvn "), "a newer source triggers a build");
    }

    @Test
    void failedBuildExitsWithStatus1AndNeverRunsAStaleJar() throws Exception {
        Run r = launch(Map.of("FAKE_MVN_FAIL", "1"), "--version");
        assertEquals(1, r.status);
        assertTrue(r.err.contains("[ERROR] COMPILATION ERROR"), r.err);
        assertTrue(r.err.contains("elbo4j: error: the build failed (mvn exit status 1)"), r.err);
        assertFalse(Files.readString(log).contains("java "), "java must not run");
    }

    @Test
    void exitStatusAndJavaOptsPassThrough() throws Exception {
        Run r = launch(Map.of("FAKE_JAVA_EXIT", "7", "JAVA_OPTS", "-Xmx64m -Dfoo=bar"), "fit");
        assertEquals(7, r.status);
        List<String> calls = Files.readAllLines(log);
        assertEquals(
                "java --add-modules jdk.incubator.vector -XX:+UseParallelGC" + JIT + C1 + " -Xmx64m -Dfoo=bar -jar "
                        + jar + " fit",
                calls.get(calls.size() - 1));
    }

    @Test
    void aCollectorChosenInJavaOptsReplacesTheDefaultOne() throws Exception {
        Run r = launch(Map.of("JAVA_OPTS", "-XX:+UseG1GC"), "fit");
        assertEquals(0, r.status, r.err);
        List<String> calls = Files.readAllLines(log);
        assertEquals(
                "java --add-modules jdk.incubator.vector" + JIT + C1 + " -XX:+UseG1GC -jar " + jar + " fit",
                calls.get(calls.size() - 1),
                "two collectors would make the JVM refuse to start");
    }

    @Test
    void aCompileThresholdScalingInJavaOptsReplacesTheLaunchersOne() throws Exception {
        Run r = launch(Map.of("JAVA_OPTS", "-XX:CompileThresholdScaling=0.5"), "fit");
        assertEquals(0, r.status, r.err);
        List<String> calls = Files.readAllLines(log);
        assertEquals(
                "java --add-modules jdk.incubator.vector -XX:+UseParallelGC -XX:TieredStopAtLevel=1 -Delbo4j.jit=c1 -XX:CompileThresholdScaling=0.5 -jar "
                        + jar + " fit",
                calls.get(calls.size() - 1));
    }

    @Test
    void realErrorsOnTheFirstLineAreKept() throws Exception {
        script(javaHome.resolve("bin/java"), """
        #!/usr/bin/env bash
        echo "Error occurred during initialization of VM" >&2
        printf 'no newline at the end' >&2
        exit 1
        """);
        launch(Map.of()); // builds
        Run r = launch(Map.of());
        assertEquals(1, r.status);
        assertEquals("Error occurred during initialization of VM\nno newline at the end", r.err);
    }

    @Test
    void warningCanBeShownOnRequest() throws Exception {
        launch(Map.of());
        Run r = launch(Map.of("ELBO4J_SHOW_JVM_WARNINGS", "1"));
        assertTrue(r.err.startsWith("WARNING: Using incubator modules: jdk.incubator.vector\n"), r.err);
    }

    /** The archives in the launcher's cache directory. */
    List<Path> archives() throws IOException {
        Path dir = repo.resolve("elbo4j-cli/target/jvm-cache");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jsa")
                            || f.getFileName().toString().endsWith(".aot"))
                    .sorted()
                    .toList();
        }
    }

    String lastJavaCall() throws IOException {
        List<String> calls = Files.readAllLines(log);
        return calls.get(calls.size() - 1);
    }

    @Test
    void archiveIsTrainedOnceAfterTheFirstCommandThenUsed() throws Exception {
        Map<String, String> sync = Map.of("ELBO4J_JVM_CACHE", "sync", "JAVA_OPTS", "-Xmx64m");
        Run first = launch(sync, "fit", "x");
        assertEquals(0, first.status, first.err);
        assertEquals(
                "java --add-modules jdk.incubator.vector -XX:+UseParallelGC" + JIT + C1 + " -Xmx64m -jar " + jar
                        + " fit x",
                lastJavaCall(),
                "the first command runs without an archive");
        List<String> trained = Files.readAllLines(Path.of(log + ".train"));
        assertEquals(1, trained.size());
        assertTrue(
                trained.get(0)
                        .startsWith("train --add-modules jdk.incubator.vector -XX:+UseParallelGC "
                                + "-XX:ArchiveClassesAtExit="),
                "the training run ignores JAVA_OPTS: " + trained.get(0));
        assertTrue(
                trained.get(0)
                        .contains(" -jar " + jar + " fit eight_schools_noncentered --out "
                                + repo.resolve("elbo4j-cli/target/jvm-cache/train-out.")),
                trained.get(0));
        List<Path> made = archives();
        assertEquals(1, made.size(), made.toString());

        Run second = launch(sync, "fit", "y");
        assertEquals(0, second.status, second.err);
        assertEquals(
                "java --add-modules jdk.incubator.vector -XX:+UseParallelGC" + JIT + C1
                        + " -Xmx64m -XX:SharedArchiveFile=" + made.get(0) + " -Xlog:cds=off -Xlog:cds+dynamic=off -jar "
                        + jar + " fit y",
                lastJavaCall());
        assertEquals(1, Files.readAllLines(Path.of(log + ".train")).size(), "trained once");

        // A rebuilt jar gets its own archive; the old one is deleted when the new one is written.
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
        launch(sync, "fit", "z");
        assertFalse(lastJavaCall().contains("SharedArchiveFile"), "an archive of another jar is not used");
        List<Path> now = archives();
        assertEquals(1, now.size(), now.toString());
        assertFalse(now.equals(made), "a new archive replaced the old one");

        launch(Map.of("ELBO4J_JVM_CACHE", "off"), "fit");
        assertFalse(lastJavaCall().contains("SharedArchiveFile"), "ELBO4J_JVM_CACHE=off");
        launch(Map.of("JAVA_OPTS", "-Xshare:off"), "fit");
        assertEquals(
                "java --add-modules jdk.incubator.vector -XX:+UseParallelGC" + JIT + C1 + " -Xshare:off -jar " + jar
                        + " fit",
                lastJavaCall(),
                "class-data options of the user's turn the archive off");
    }

    @Test
    void aFailedTrainingRunChangesNothingForTheUserAndIsNotRetried() throws Exception {
        Map<String, String> failing = Map.of("ELBO4J_JVM_CACHE", "sync", "FAKE_TRAIN_FAIL", "1", "FAKE_JAVA_EXIT", "5");
        Run r = launch(failing, "fit");
        assertEquals(5, r.status, "the command's own exit status");
        assertEquals(List.of(), archives());
        launch(failing, "fit");
        assertEquals(1, Files.readAllLines(Path.of(log + ".train")).size(), "no retry for the same jar and JDK");
        assertFalse(lastJavaCall().contains("SharedArchiveFile"));
    }

    @Test
    void trainingRunsInTheBackgroundAfterTheCommand() throws Exception {
        Path gate = tmp.resolve("gate");
        Run r = launch(Map.of("ELBO4J_JVM_CACHE", "auto", "FAKE_TRAIN_GATE", gate.toString()), "fit");
        // launch() has waited for the launcher to exit while the training run is still held at the gate
        assertEquals(0, r.status, r.err);
        assertEquals(List.of(), archives(), "not written yet: the training run waits for the gate");
        Files.writeString(gate, "");
        for (int i = 0; i < 600 && archives().isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertEquals(1, archives().size(), "written by the background run");
    }

    /** The JIT options the launcher adds for the short commands when elbo4j-cli/c2-directives.json is there. */
    String directives() {
        return " -XX:+UnlockDiagnosticVMOptions -XX:CompilerDirectivesFile="
                + repo.resolve("elbo4j-cli/c2-directives.json") + " -XX:+DisplayVMOutputToStderr";
    }

    @Test
    void checkGetsTheCompilerDirectivesAndTheirLineIsDropped() throws Exception {
        Files.writeString(repo.resolve("elbo4j-cli/c2-directives.json"), "[]");
        List<Map<String, String>> envs = List.of(Map.of(), Map.of("ELBO4J_JIT", "directives"));
        String[] cmds = {"check", "fit"};
        for (int i = 0; i < cmds.length; i++) {
            Run r = launch(envs.get(i), cmds[i], "x");
            assertEquals(0, r.status, r.err);
            List<String> calls = Files.readAllLines(log);
            assertEquals(
                    "java --add-modules jdk.incubator.vector -XX:+UseParallelGC" + JIT + directives() + " -jar " + jar
                            + " " + cmds[i] + " x",
                    calls.get(calls.size() - 1));
            assertFalse(r.err.contains("compiler directives"), r.err);
            assertFalse(r.err.contains("Using incubator modules"), r.err);
            assertTrue(r.err.endsWith("\rstep 1\rstep 2\nWARNING: a warning of the program itself\n"), r.err);
        }
        Run debug = launch(Map.of(), "--debug", "check");
        assertEquals(0, debug.status, debug.err);
        List<String> calls = Files.readAllLines(log);
        assertTrue(calls.get(calls.size() - 1).contains(directives()), calls.get(calls.size() - 1));
    }

    @Test
    void theOtherShortCommandsRunWithC1Only() throws Exception {
        Files.writeString(repo.resolve("elbo4j-cli/c2-directives.json"), "[]");
        for (String cmd : new String[] {"fit", "stan", "gradients", "models", "data"}) {
            Run r = launch(Map.of(), cmd, "x");
            assertEquals(0, r.status, r.err);
            List<String> calls = Files.readAllLines(log);
            assertEquals(
                    "java --add-modules jdk.incubator.vector -XX:+UseParallelGC" + JIT + C1 + " -jar " + jar + " " + cmd
                            + " x",
                    calls.get(calls.size() - 1));
            assertTrue(r.err.endsWith("\rstep 1\rstep 2\nWARNING: a warning of the program itself\n"), r.err);
        }
        Run debug = launch(Map.of(), "--debug", "fit");
        assertEquals(0, debug.status, debug.err);
        List<String> calls = Files.readAllLines(log);
        assertTrue(calls.get(calls.size() - 1).contains(" -XX:TieredStopAtLevel=1 "), calls.get(calls.size() - 1));
    }

    @Test
    void longCommandsAndOptOutsRunWithTheJvmsOwnJit() throws Exception {
        Files.writeString(repo.resolve("elbo4j-cli/c2-directives.json"), "[]");
        List<Map<String, String>> envs = List.of(
                Map.of(),
                Map.of(),
                Map.of("ELBO4J_JIT", "default"),
                Map.of("ELBO4J_JIT", "default"),
                Map.of("JAVA_OPTS", "-XX:TieredStopAtLevel=1"),
                Map.of("JAVA_OPTS", "-XX:+UnlockDiagnosticVMOptions -XX:CompilerDirectivesFile=mine.json"));
        String[] cmds = {"vae", "cavi", "fit", "check", "fit", "check"};
        for (int i = 0; i < cmds.length; i++) {
            Run r = launch(envs.get(i), cmds[i]);
            assertEquals(0, r.status, r.err);
            List<String> calls = Files.readAllLines(log);
            String call = calls.get(calls.size() - 1);
            assertFalse(call.contains("c2-directives.json"), cmds[i] + " " + envs.get(i) + ": " + call);
            // the user's own -XX:TieredStopAtLevel=1 (JAVA_OPTS) comes after the launcher's options, once
            assertEquals(
                    envs.get(i).getOrDefault("JAVA_OPTS", "").contains("TieredStopAtLevel") ? 1 : 0,
                    call.split("TieredStopAtLevel", -1).length - 1,
                    cmds[i] + " " + envs.get(i) + ": " + call);
        }
    }

    /**
     * A fake JDK home under {@code dir}: the fake java (logging as {@code name}) and a release file saying
     * {@code version}.
     */
    Path fakeJdk(Path dir, String name, String version) throws IOException {
        Path home = Files.createDirectories(dir.resolve(name + "/bin")).getParent();
        script(
                home.resolve("bin/java"),
                Files.readString(javaHome.resolve("bin/java")).replace("echo \"java $*\"", "echo \"" + name + " $*\""));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home;
    }

    @Test
    void aJdk25RunsTheShortCommandsWithoutTheVectorModuleAndWithAnAotCache() throws Exception {
        Path jdk25 = fakeJdk(tmp.resolve("jvms"), "java25", "25.0.3");
        Map<String, String> sync = Map.of("ELBO4J_JVM_CACHE", "sync", "JAVA_HOME", jdk25.toString());
        Run first = launch(sync, "fit", "x");
        assertEquals(0, first.status, first.err);
        assertEquals(
                "java25 -XX:+UseParallelGC" + JIT + C1 + " -jar " + jar + " fit x",
                lastJavaCall(),
                "no module, no cache");
        List<String> trained = Files.readAllLines(Path.of(log + ".train"));
        assertEquals(1, trained.size());
        assertTrue(trained.get(0).startsWith("train -XX:+UseParallelGC -XX:AOTCacheOutput="), trained.get(0));
        assertTrue(
                trained.get(0).contains(" -Xlog:aot=off -Xlog:cds=off -jar " + jar + " fit eight_schools_noncentered"),
                trained.get(0));
        List<Path> made = archives();
        assertEquals(1, made.size(), made.toString());
        assertTrue(made.get(0).toString().endsWith(".aot"), made.toString());

        Run second = launch(sync, "models");
        assertEquals(0, second.status, second.err);
        assertEquals(
                "java25 -XX:+UseParallelGC" + JIT + C1 + " -XX:AOTCache=" + made.get(0)
                        + " -Xlog:aot=off -Xlog:cds=off -jar " + jar + " models",
                lastJavaCall());
        assertEquals("arg<-XX:+UseParallelGC>", second.out.lines().findFirst().orElseThrow(), second.out);

        // vae needs the Vector API: the module, and a class-data archive of its own (trained, then used)
        launch(sync, "vae");
        assertTrue(lastJavaCall().startsWith("java25 --add-modules jdk.incubator.vector"), lastJavaCall());
        assertFalse(lastJavaCall().contains("AOTCache"), lastJavaCall());
        assertEquals(2, archives().size(), "the .aot cache and a .jsa archive side by side: " + archives());
        launch(sync, "vae");
        assertTrue(lastJavaCall().contains(" -XX:SharedArchiveFile="), lastJavaCall());
        launch(sync, "fit");
        assertTrue(lastJavaCall().contains(" -XX:AOTCache=" + made.get(0)), "the .jsa left the .aot alone");
        // the user's module option keeps the Vector API (and so JDK 17's way of running)
        launch(Map.of("JAVA_HOME", jdk25.toString(), "JAVA_OPTS", "--add-modules jdk.incubator.vector"), "fit");
        assertFalse(lastJavaCall().contains("AOT"), lastJavaCall());
    }

    @Test
    void withoutJavaHomeTheHighestInstalledJdk25IsPickedForShortCommandsOnly() throws Exception {
        Path jvms = tmp.resolve("jvms");
        fakeJdk(jvms, "java17", "17.0.15");
        fakeJdk(jvms, "java25", "25.0.3");
        fakeJdk(jvms, "java26", "26");
        Files.createDirectories(jvms.resolve("not-a-jdk"));
        Files.copy(javaHome.resolve("bin/java"), bin.resolve("java")); // PATH's java
        Map<String, String> env =
                Map.of("ELBO4J_JVM_CACHE", "sync", "JAVA_HOME", "", "ELBO4J_JDK_DIRS", jvms.toString());
        launch(env, "fit", "x");
        assertTrue(lastJavaCall().startsWith("java26 -XX:+UseParallelGC"), lastJavaCall());
        launch(env, "vae");
        assertTrue(
                lastJavaCall().startsWith("java --add-modules jdk.incubator.vector"), "PATH's java: " + lastJavaCall());
        launch(with(env, "ELBO4J_JDK25", "off"), "fit");
        assertTrue(lastJavaCall().startsWith("java --add-modules"), lastJavaCall());
        launch(with(env, "JAVA_OPTS", "-Xshare:off"), "fit");
        assertTrue(lastJavaCall().startsWith("java --add-modules"), "no cache, no JDK 25: " + lastJavaCall());
        // only a JDK 17 installed (a fresh Debian machine): as before
        Path only17 = tmp.resolve("only17");
        fakeJdk(only17, "java17", "17.0.15");
        launch(Map.of("ELBO4J_JVM_CACHE", "sync", "JAVA_HOME", "", "ELBO4J_JDK_DIRS", only17.toString()), "fit");
        assertTrue(lastJavaCall().startsWith("java --add-modules"), lastJavaCall());
    }

    /** The real directives file parses: the JVM reports both directives and starts (a syntax error stops it). */
    @Test
    void theShippedDirectivesFileParses() throws Exception {
        Path file = Path.of("c2-directives.json").toAbsolutePath(); // surefire runs in elbo4j-cli/
        assertTrue(Files.isRegularFile(file), file.toString());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (boolean broken : new boolean[] {false, true}) {
            Path f = file;
            if (broken) { // the check can fail: a file with a syntax error stops the JVM
                f = tmp.resolve("broken.json");
                Files.writeString(f, Files.readString(file).replaceFirst("\\[", "[ ]"));
            }
            Process p = new ProcessBuilder(
                            java, "-XX:+UnlockDiagnosticVMOptions", "-XX:CompilerDirectivesFile=" + f, "-version")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            if (broken) {
                assertTrue(p.exitValue() != 0, out);
            } else {
                assertEquals(0, p.exitValue(), out);
                assertTrue(out.startsWith("2 compiler directives added"), out);
            }
        }
    }

    private static void script(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** {@code env} with one more variable. */
    private static Map<String, String> with(Map<String, String> env, String name, String value) {
        Map<String, String> m = new java.util.HashMap<>(env);
        m.put(name, value);
        return m;
    }
}
