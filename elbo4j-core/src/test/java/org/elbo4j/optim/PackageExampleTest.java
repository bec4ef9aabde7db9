package org.elbo4j.optim;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The example of package-info.java, run as written. */
class PackageExampleTest {
    @Test
    void packageExampleRuns() {
        ParamStore p = new ParamStore();
        p.put("w", Tensor.of(3.0, -2.0));
        Optimizer opt = Clip.byGlobalNorm(Adam.of(0.1).schedule(Schedule.cosine(500)), 10.0);
        for (int k = 0; k < 500; k++) opt.step(p, Map.of("w", p.get("w")));   // gradient of ½‖w‖²
        // ≈ [0, 0]: within 1e-3 (Adam's steps shrink with the cosine factor; measured well inside this)
        assertTrue(Steps.maxAbsDiff(p.get("w"), new double[] {0, 0}) < 1e-3, p.get("w").toString());
    }
}
