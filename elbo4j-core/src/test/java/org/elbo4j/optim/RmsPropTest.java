package org.elbo4j.optim;

import static org.elbo4j.optim.Steps.*;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class RmsPropTest {
    // Expected values: the update rule evaluated in 40-digit decimal arithmetic (Python's decimal module).

    @Test
    void firstSteps() {
        Optimizer opt = RmsProp.of(0.01).alpha(0.9); // eps = 1e-8
        ParamStore p = start(X0);
        // v1 = 0.1 g1² = [0.1, 0.4]; x1 = x0 - 0.01 [1/(0.316228 + 1e-8), -2/(0.632456 + 1e-8)] = x0 - 0.0316228
        // sign(g1)
        assertClose(new double[] {0.96837722439831618, -1.9683772238983162}, step(opt, p, 1, -2), HAND_TOL, "x1");
        // v2 = 0.9 v1 + 0.1 [0.25, 16] = [0.115, 1.96]; x2 = x1 - 0.01 [0.5/0.339116, 4/1.4]
        assertClose(new double[] {0.95363302921760906, -1.9969486522656631}, step(opt, p, 0.5, 4), HAND_TOL, "x2");
    }

    @Test
    void centeredFirstSteps() {
        Optimizer opt = RmsProp.of(0.01).alpha(0.9).centered(true);
        ParamStore p = start(X0);
        // v1 = [0.1, 0.4], ḡ1 = 0.1 g1 = [0.1, -0.2]; v1 - ḡ1² = [0.09, 0.36]; x1 = x0 - 0.01 [1/0.3, -2/0.6]
        assertClose(new double[] {0.96666666777777774, -1.9666666672222222}, step(opt, p, 1, -2), HAND_TOL, "x1");
        // v2 = [0.115, 1.96], ḡ2 = [0.14, 0.22]; v2 - ḡ2² = [0.0954, 1.9116]; x2 = x1 - 0.01 [0.5/0.308869, 4/1.382606]
        assertClose(new double[] {0.95047857059593234, -1.9955975361198232}, step(opt, p, 0.5, 4), HAND_TOL, "x2");
    }

    @Test
    void rejectsBadHyperParameters() {
        var e = assertThrows(
                IllegalArgumentException.class, () -> RmsProp.of(0.01).alpha(1));
        assertEquals("RmsProp: alpha must be in [0, 1), got 1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RmsProp.of(0.01).eps(Double.NaN));
        assertEquals("RmsProp: eps must be finite and > 0, got NaN", e.getMessage());
    }
}
