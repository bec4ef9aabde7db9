package org.elbo4j.tensor.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Backend selection: the property, the default, and a JVM without the Vector API module. */
class BackendSelectionTest {

    @Test
    void propertyForcesAKernel() {
        String[] note = new String[1];
        assertSame(Blas.JAVA, Blas.select("java", note));
        assertEquals(null, note[0]);
        Blas.select("fortran", note);
        assertTrue(note[0].contains("elbo4j.blas=fortran"), note[0]);
    }

    @Test
    void vectorKernelIsTheDefaultWhenTheModuleIsPresent() {
        // surefire runs with --add-modules jdk.incubator.vector (parent pom), so the module is here
        assertTrue(Blas.vectorModulePresent(), "tests are meant to run with the Vector API module");
        GemmKernel v = Blas.select("vector", new String[1]);
        assertTrue(v.name().startsWith("vector-api"), v.name());
        String forced = System.getProperty(Blas.BACKEND_PROPERTY);
        if (forced == null || forced.isBlank()) {
            assertTrue(Blas.backend().startsWith("vector-api"), Blas.backend());
        }
    }

    @Test
    void worksWithoutTheVectorModule() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(List.of(
                        java,
                        "-XX:TieredStopAtLevel=1",
                        "-D" + Blas.BACKEND_PROPERTY + "=vector",
                        "-cp",
                        System.getProperty("java.class.path"),
                        NoVectorModuleMain.class.getName()))
                .redirectErrorStream(true)
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("backend=java, "), out);
        assertTrue(out.contains("jdk.incubator.vector is absent"), out);
        assertTrue(out.contains("c=[19.0, 22.0, 43.0, 50.0]"), out);
        assertNotNull(Blas.backend());
    }
}
