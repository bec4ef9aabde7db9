package org.elbo4j.cli;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.elbo4j.testkit.SharedData;

/**
 * The data files of the CLI tests, all in the repository except one:
 * <ul>
 *   <li>posteriordb's ten posteriors ({@code data.json}, {@code reference.json}, {@code model.stan}, {@code index.json})
 *       are test resources ({@code src/test/resources/posteriordb}, BSD-3-Clause, its README says what was copied);</li>
 *   <li>the 10,000 MNIST digits are the copies {@code elbo4j vae} embeds ({@code src/main/resources/.../data});</li>
 *   <li>diamonds' {@code data.json} (2.3 MB) is not in the repository: {@link #posterior} finds it through
 *       {@link SharedData}, which skips the test with a printed reason when it is absent (fails under CI).</li>
 * </ul>
 */
public final class TestData {

    private TestData() {}

    /**
     * The posteriordb fixture directory (index.json and one directory per posterior).
     *
     * @return the directory in the test classpath
     */
    public static Path posteriordb() {
        return resource("/posteriordb/index.json").getParent();
    }

    /**
     * A posterior directory with its {@code data.json}: the fixture, or the shared copy when the fixture has no data
     * (diamonds), in which case the test is skipped if the shared data is absent.
     *
     * @param name posteriordb's name, e.g. {@code eight_schools-eight_schools_noncentered}
     * @return the directory
     */
    public static Path posterior(String name) {
        Path dir = posteriordb().resolve(name);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no posteriordb fixture named " + name + " in " + posteriordb());
        }
        if (Files.isRegularFile(dir.resolve("data.json"))) {
            return dir;
        }
        return SharedData.require("posteriordb/" + name + "/data.json").getParent();
    }

    /**
     * The embedded MNIST images (10,000 digits, IDX, gzip).
     *
     * @return the file
     */
    public static Path mnistImages() {
        return resource(VaeDataset.EMBEDDED_IMAGES);
    }

    /**
     * The embedded MNIST labels.
     *
     * @return the file
     */
    public static Path mnistLabels() {
        return resource(VaeDataset.EMBEDDED_LABELS);
    }

    private static Path resource(String name) {
        URL url = TestData.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException(name + " is not on the test classpath");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(url.toString(), e);
        }
    }
}
