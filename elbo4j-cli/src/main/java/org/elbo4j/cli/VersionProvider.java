package org.elbo4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code elbo4j --version}: the project version (from the Maven-filtered resource
 * {@code org/elbo4j/cli/version.properties}), the Java runtime, whether the Vector API module is
 * present, and the BLAS backend.
 */
public final class VersionProvider implements IVersionProvider {

    static final String RESOURCE = "/org/elbo4j/cli/version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {
            "elbo4j " + version(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                    + System.getProperty("java.vendor") + ")",
            "Vector API (jdk.incubator.vector): " + (vectorApiPresent() ? "present" : "absent"),
            "BLAS backend: " + blasBackend()
        };
    }

    /**
     * The project version Maven wrote into the filtered resource.
     *
     * @return e.g. {@code 0.1.0-SNAPSHOT}
     * @throws IllegalStateException if the resource is missing or was not filtered (a broken build)
     */
    public static String version() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the jar");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + RESOURCE, e);
        }
        String v = p.getProperty("version", "");
        if (v.isBlank() || v.contains("${")) {
            throw new IllegalStateException("resource " + RESOURCE + " was not filtered by Maven: version='" + v + "'");
        }
        return v;
    }

    /** Whether the JDK's incubating Vector API module is in the boot layer (--add-modules given). */
    static boolean vectorApiPresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /**
     * The BLAS backend in use, as elbo4j-core reports it (kernel, vector width, threads).
     *
     * @return a short description
     */
    static String blasBackend() {
        return org.elbo4j.tensor.blas.Blas.backend();
    }
}
