package org.elbo4j.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The data kept outside the repository ({@code ../shared/data}: MNIST at full size, the posteriordb-all corpus, the
 * 2.3 MB diamonds data) for the corpus-level tests that cannot run on the small fixtures in {@code src/test/resources}.
 *
 * <p>Where it looks: the directory named by the environment variable {@code ELBO4J_DATA} when that is set (and
 * nowhere else, so that pointing it at an empty directory shows what a fresh clone does); otherwise
 * {@code shared/data} beside the working directory or any of its ancestors (a checkout with {@code ../shared} beside
 * it, as on the project's machines).
 *
 * <p>When a test needs an entry that is not there, the test is skipped (a JUnit assumption) and the reason is printed
 * to standard error once per test class, so that a quiet {@code mvn -q verify} on a fresh clone says what did not
 * run and why. Under CI (environment {@code CI=true}) a missing entry fails the test instead, with the places
 * looked in: CI must run the whole suite. Use: {@code Path corpus = SharedData.require("posteriordb-all");}
 */
public final class SharedData {
    /** The environment variable naming the data directory. */
    public static final String ENV = "ELBO4J_DATA";

    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    private SharedData() {}

    /**
     * The places looked in, in order.
     *
     * @return candidate data directories (they need not exist)
     */
    public static List<Path> candidates() {
        List<Path> tried = new ArrayList<>();
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            tried.add(Path.of(env).toAbsolutePath());
            return tried;
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            tried.add(p.resolve("shared").resolve("data"));
        }
        return tried;
    }

    /**
     * An entry of the shared data directory, or the test is skipped (failed under {@code CI=true}).
     *
     * @param entry a relative path inside the data directory, e.g. {@code "posteriordb-all"} or
     *     {@code "posteriordb/diamonds-diamonds/data.json"}
     * @return the existing file or directory
     */
    public static Path require(String entry) {
        for (Path dir : candidates()) {
            Path p = dir.resolve(entry);
            if (Files.exists(p)) {
                return p;
            }
        }
        String reason = "needs " + entry + " from the shared data directory, which is not in the repository;"
                + " looked in "
                + (System.getenv(ENV) != null && !System.getenv(ENV).isBlank()
                        ? ENV + "=" + candidates().get(0)
                        : "shared/data beside " + Path.of("").toAbsolutePath() + " and its ancestors")
                + " (set " + ENV + " to a directory holding it)";
        if (underCi()) {
            Assertions.fail("CI=true and " + reason);
        }
        String test = callingClass();
        if (REPORTED.add(test + "\n" + entry)) {
            System.err.println("[elbo4j tests] SKIPPED " + test + ": " + reason);
        }
        Assumptions.abort(reason);
        throw new AssertionError("unreachable");
    }

    /**
     * Whether the tests run under CI, where missing shared data is a failure.
     *
     * @return true when the environment variable {@code CI} is {@code true}
     */
    public static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** The test class that asked: the first class on the stack named *Test, else the first outside this package. */
    private static String callingClass() {
        List<Class<?>> stack = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(s -> s.map(StackWalker.StackFrame::getDeclaringClass)
                        .map(SharedData::outermost)
                        .toList());
        return stack.stream()
                .filter(c -> c.getSimpleName().endsWith("Test"))
                .findFirst()
                .or(() -> stack.stream()
                        .filter(c -> !c.getPackageName().equals(SharedData.class.getPackageName()))
                        .findFirst())
                .map(Class::getName)
                .orElse("?");
    }

    private static Class<?> outermost(Class<?> c) {
        Class<?> top = c;
        while (top.getEnclosingClass() != null) {
            top = top.getEnclosingClass();
        }
        return top;
    }
}
