package org.elbo4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the project's shared data directory (MNIST, posteriordb) for tests: the environment
 * variable {@code ELBO4J_DATA}, else {@code shared/data} beside any ancestor of the working
 * directory (CI clones the repository next to {@code shared/}), else {@code /work/shared/data}.
 * Tests that need it fail, rather than skip, when it is absent.
 */
public final class TestData {

  private TestData() {}

  /**
   * @return the data directory
   * @throws IllegalStateException if none of the places holds it (the message lists them)
   */
  public static Path dir() {
    List<Path> tried = new ArrayList<>();
    String env = System.getenv("ELBO4J_DATA");
    if (env != null && !env.isBlank()) {
      tried.add(Path.of(env));
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      tried.add(p.resolve("shared").resolve("data"));
    }
    tried.add(Path.of("/work/shared/data"));
    for (Path p : tried) {
      if (Files.isDirectory(p.resolve("posteriordb"))) {
        return p;
      }
    }
    throw new IllegalStateException("shared data directory not found; set ELBO4J_DATA. Tried " + tried);
  }
}
