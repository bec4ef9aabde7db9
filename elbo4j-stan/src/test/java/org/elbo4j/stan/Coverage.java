package org.elbo4j.stan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.elbo4j.autodiff.Autodiff;
import org.elbo4j.autodiff.ValueAndGrad;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;

/**
 * Coverage of the posteriordb corpus: for every posterior directory (model.stan + data.json), whether the
 * program parses and type-checks, and whether it builds with its data and gives a finite log density and
 * gradient at 3 Stan-style inits (uniform(−2, 2) on the unconstrained scale, seed 1; as Stan does, a draw where
 * the log density or gradient is not finite or the program rejects is drawn again, up to
 * {@link #MAX_INIT_ATTEMPTS} times per init, and the number of such draws is reported).
 *
 * <p>Run (prints the markdown table kept in docs/stan.md):
 * {@code mvn -q -pl elbo4j-stan -am test-compile && java -cp "elbo4j-stan/target/test-classes:elbo4j-stan/target/classes:elbo4j-core/target/classes" org.elbo4j.stan.Coverage ../shared/data/posteriordb-all}
 */
public final class Coverage {
    /** Stan's limit on initialisation attempts (CmdStan: 100). */
    static final int MAX_INIT_ATTEMPTS = 100;
    /** One posterior: its name, parse+check, runs, and why not. */
    public record Row(String posterior, boolean parses, boolean runs, String why, String matchesStan) {
        Row(String posterior, boolean parses, boolean runs, String why) {
            this(posterior, parses, runs, why, "");
        }
    }

    private Coverage() {}

    /** The corpus directory: $ELBO4J_DATA/posteriordb-all, else ../shared/data/posteriordb-all from the module's parent. */
    public static Path corpus() {
        String env = System.getenv("ELBO4J_DATA");
        Path base = env != null
                ? Path.of(env)
                : Path.of(System.getProperty("user.dir")).toAbsolutePath();
        if (env == null) {
            Path p = base;
            // from the module dir (elbo4j-stan) or the project root: <root>/../shared/data
            if (p.getFileName() != null && p.getFileName().toString().equals("elbo4j-stan")) p = p.getParent();
            base = p.resolve("../shared/data").normalize();
        }
        return base.resolve("posteriordb-all");
    }

    /** Evaluates every posterior in {@code dir}. */
    public static List<Row> run(Path dir) throws IOException {
        List<Path> posts = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.filter(p -> Files.exists(p.resolve("model.stan"))).sorted().forEach(posts::add);
        }
        List<Row> rows = new ArrayList<>();
        Map<String, Object> programs = new HashMap<>(); // program text -> StanProgram or the error
        for (Path p : posts) {
            String name = p.getFileName().toString();
            String text = Files.readString(p.resolve("model.stan"));
            Object prog = programs.computeIfAbsent(text, t -> {
                try {
                    return StanProgram.parse(t, name + "/model.stan");
                } catch (StanException | IllegalStateException e) {
                    return e;
                }
            });
            if (prog instanceof Exception e) {
                rows.add(new Row(name, false, false, firstLine(e)));
                continue;
            }
            try {
                Path data = p.resolve("data.json");
                StanData d = Files.exists(data) ? StanData.read(data) : StanData.empty();
                StanModel m = ((StanProgram) prog).instantiate(d);
                RandomStream rng = RandomStream.of(1);
                int n = m.unconstrainedSize();
                int redrawn = 0;
                for (int rep = 0; rep < 3; rep++) {
                    // Stan's initialisation: a draw where the log density or its gradient is not finite, or the
                    // program rejects, is drawn again, up to MAX_INIT_ATTEMPTS times for one init
                    for (int attempt = 1; ; attempt++) {
                        double[] u = new double[n];
                        for (int k = 0; k < n; k++) u[k] = rng.nextDouble() * 4 - 2;
                        String why = null;
                        try {
                            ValueAndGrad vg = Autodiff.valueAndGrad(Tensor.of(u), m::logDensity);
                            if (!Double.isFinite(vg.valueAsDouble())) why = "log density " + vg.valueAsDouble();
                            else if (!vg.gradient(0).allFinite()) why = "non-finite gradient";
                        } catch (StanRejectException e) {
                            why = e.getMessage();
                        }
                        if (why == null) break;
                        redrawn++;
                        if (attempt == MAX_INIT_ATTEMPTS)
                            throw new StanException(why + " at all " + attempt + " draws for init " + rep);
                    }
                }
                rows.add(new Row(
                        name, true, true, redrawn == 0 ? "" : redrawn + " init draws redrawn", stanMatch(name, m)));
            } catch (RuntimeException e) {
                rows.add(new Row(name, true, false, firstLine(e)));
            }
        }
        return rows;
    }

    /** "yes (err 3e-13 / 1e-12)" against the committed rstan reference, or "" when there is none. */
    private static String stanMatch(String posterior, StanModel m) {
        var url = Coverage.class.getResource("/org/elbo4j/stan/reference/" + posterior + ".json");
        if (url == null) url = Coverage.class.getResource("/org/elbo4j/stan/reference/" + posterior + ".json.gz");
        if (url == null) return "";
        try {
            Reference r = Reference.read(Path.of(url.toURI()));
            Path dir = corpus().resolve(posterior), program = Reference.program(posterior, dir);
            if (!program.equals(dir.resolve("model.stan"))) { // rstan ran a rewritten program (Reference.program)
                m = StanProgram.parse(program).instantiate(StanData.read(dir.resolve("data.json")));
            }
            Reference.Comparison c = r.compare(m);
            return String.format(
                    Locale.ROOT,
                    "%s (log p %.1e, grad %.1e)",
                    c.within(1e-8) ? "yes" : "NO",
                    c.logDensityError(),
                    c.gradientError());
        } catch (Exception e) {
            return "error: " + firstLine(e);
        }
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (!(e instanceof StanException)) m = e.getClass().getSimpleName() + ": " + m;
        m = m.split("\n")[0];
        return m.replace("|", "\\|");
    }

    /** Distinct program texts among the posteriors, and how many of them parse and type-check. */
    static int[] programCounts(Path dir) throws IOException {
        Map<String, Boolean> ok = new HashMap<>();
        try (var s = Files.list(dir)) {
            for (Path p : s.filter(q -> Files.exists(q.resolve("model.stan"))).toList()) {
                String t = Files.readString(p.resolve("model.stan"));
                ok.computeIfAbsent(t, x -> {
                    try {
                        StanProgram.parse(x, p.getFileName() + "/model.stan");
                        return true;
                    } catch (StanException e) {
                        return false;
                    }
                });
            }
        }
        int good = (int) ok.values().stream().filter(b -> b).count();
        return new int[] {ok.size(), good};
    }

    /** Prints the markdown table and the totals. */
    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Path.of(args[0]) : corpus();
        List<Row> rows = run(dir);
        int[] pc = programCounts(dir);
        long parses = rows.stream().filter(Row::parses).count(),
                runs = rows.stream().filter(Row::runs).count();
        System.out.printf(
                Locale.ROOT,
                "programs: %d distinct, %d parse and type-check (%.1f%%)%n",
                pc[0],
                pc[1],
                100.0 * pc[1] / pc[0]);
        System.out.printf(
                Locale.ROOT,
                "posteriors: %d, %d parse+check, %d run (finite log density and gradient at 3 inits, redrawing as Stan does) (%.1f%%)%n%n",
                rows.size(),
                parses,
                runs,
                100.0 * runs / rows.size());
        long refs = rows.stream().filter(r -> !r.matchesStan().isEmpty()).count();
        long match =
                rows.stream().filter(r -> r.matchesStan().startsWith("yes")).count();
        System.out.printf(
                Locale.ROOT,
                "log density and gradient equal rstan's (1e-8 relative, up to a constant): %d of %d posteriors with a"
                        + " committed reference%n%n",
                match,
                refs);
        System.out.println("| posterior | parses | runs | matches Stan (max rel. error) | why not |");
        System.out.println("| --- | --- | --- | --- | --- |");
        for (Row r : rows) {
            System.out.printf(
                    "| %s | %s | %s | %s | %s |%n",
                    r.posterior(),
                    r.parses() ? "yes" : "no",
                    r.runs() ? "yes" : "no",
                    r.matchesStan().isEmpty() ? "(no reference yet)" : r.matchesStan(),
                    r.why());
        }
    }
}
