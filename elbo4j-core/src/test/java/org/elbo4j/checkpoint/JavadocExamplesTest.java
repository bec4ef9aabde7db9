package org.elbo4j.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.elbo4j.optim.Adam;
import org.elbo4j.optim.ParamStore;
import org.elbo4j.optim.Sgd;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The javadoc examples of {@code org.elbo4j.checkpoint}, verbatim (JavadocExamplesCoverageTest checks that they stay
 * so), each followed by checks of what its comments claim.
 */
class JavadocExamplesTest {

    @Test
    void packageInfo() {
        ParamStore p = new ParamStore();
        p.put("w", Tensor.of(1.0, 2.0));
        Checkpoint c = new Checkpoint(
                "mine",
                7,
                Map.of("lr", "0.1"),
                p.asMap(),
                Sgd.of(0.1).saveState(),
                Map.of(),
                Map.of(),
                Map.of(),
                Map.of());
        Checkpoint back = CheckpointFormat.decode(CheckpointFormat.encode(c), "mem"); // back.step() == 7
        assertEquals(7, back.step());
        assertEquals(p.get("w").toString(), back.params().get("w").toString());
    }

    @Test
    void checkpoint() {
        ParamStore params = new ParamStore();
        params.put("w", Tensor.of(1.0, 2.0));
        Checkpoint c = new Checkpoint(
                "svi",
                100,
                Map.of("seed", "1"),
                params.asMap(),
                Adam.of(0.01).saveState(),
                Map.of("step", RandomStream.of(1).state()),
                Map.of(),
                Map.of(),
                Map.of());
        byte[] bytes = CheckpointFormat.encode(c); // the caller writes them (atomically) where it likes
        Checkpoint back = CheckpointFormat.decode(bytes, "mem"); // equal parameters, bit for bit
        back.requireSettings(Map.of("seed", "1")); // throws, naming the setting, if one differs
        CheckpointFormatTest.assertSame(c, back);
        assertThrows(IllegalArgumentException.class, () -> back.requireSettings(Map.of("seed", "2")));
    }

    @Test
    void checkpointFormat() throws Exception {
        Checkpoint checkpoint = CheckpointFormatTest.sample();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CheckpointFormat.write(checkpoint, out);
        Checkpoint back = CheckpointFormat.read(new ByteArrayInputStream(out.toByteArray()), "mem");
        CheckpointFormatTest.assertSame(checkpoint, back);
    }
}
