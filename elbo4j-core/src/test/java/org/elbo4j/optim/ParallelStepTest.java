package org.elbo4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.elbo4j.tensor.NonFiniteException;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.tensor.blas.Blas;
import org.junit.jupiter.api.Test;

/**
 * Large steps (≥ 2¹⁷ scalars) update their parameters on several threads (AbstractOptimizer.computeAll): the values,
 * the state and the failure behaviour must be those of the one-thread step, bit for bit.
 */
class ParallelStepTest {
    private static Map<String, Tensor> random(long seed, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        Map<String, Tensor> m = new LinkedHashMap<>();
        int[] sizes = {200_000, 3, 150_000, 70_000, 1};
        for (int p = 0; p < sizes.length; p++) {
            double[] v = new double[sizes[p]];
            for (int i = 0; i < v.length; i++) v[i] = scale * r.nextGaussian();
            m.put("p" + p, Tensor.of(v));
        }
        return m;
    }

    private static ParamStore run(Optimizer opt, int threads) {
        int saved = Blas.threads();
        try {
            Blas.setThreads(threads);
            ParamStore p = new ParamStore();
            random(1, 1.0).forEach(p::put);
            for (int k = 0; k < 3; k++) opt.step(p, random(10 + k, 0.1));
            return p;
        } finally {
            Blas.setThreads(saved);
        }
    }

    @Test
    void oneAndTwoThreadsGiveTheSameBits() {
        Map<String, Supplier<Optimizer>> kinds = new LinkedHashMap<>();
        kinds.put("adam", () -> Adam.of(0.01));
        kinds.put("amsgrad", () -> Adam.of(0.01).amsgrad(true));
        kinds.put("adagrad", () -> AdaGrad.of(0.1));
        kinds.put("rmsprop", () -> RmsProp.of(0.01));
        kinds.put("momentum", () -> Momentum.of(0.01));
        kinds.put("sgd", () -> Sgd.of(0.01));
        for (Map.Entry<String, Supplier<Optimizer>> k : kinds.entrySet()) {
            Optimizer a = k.getValue().get(), b = k.getValue().get();
            ParamStore one = run(a, 1), two = run(b, 2);
            for (String name : one.names())
                assertTrue(one.get(name).valueEquals(two.get(name)), k.getKey() + " " + name);
            OptimizerState sa = a.saveState(), sb = b.saveState();
            assertEquals(sa.scalars(), sb.scalars(), k.getKey());
            for (String name : sa.buffers().keySet()) {
                assertTrue(sa.buffers().get(name).valueEquals(sb.buffers().get(name)), k.getKey() + " buffer " + name);
            }
        }
    }

    @Test
    void aNonFiniteUpdateOnAWorkerChangesNothingAndNamesTheFirstParameter() {
        int saved = Blas.threads();
        try {
            Blas.setThreads(2);
            ParamStore p = new ParamStore();
            random(1, 1.0).forEach(p::put);
            ParamStore before = p.copy();
            Map<String, Tensor> g = random(3, 0.1);
            double[] g2 = g.get("p2").toArray();
            g2[17] = Double.MAX_VALUE; // x − 10·g overflows to −∞ in p2 ...
            g.put("p2", Tensor.of(g2));
            double[] g3 = g.get("p3").toArray();
            g3[5] = -Double.MAX_VALUE; // ... and to +∞ in p3, which comes later in the store's order
            g.put("p3", Tensor.of(g3));
            Optimizer opt = Sgd.of(10.0);
            NonFiniteException e = assertThrows(NonFiniteException.class, () -> opt.step(p, g));
            assertTrue(e.getMessage().contains("parameter 'p2' gives element 17"), e.getMessage());
            for (String name : p.names()) assertTrue(p.get(name).valueEquals(before.get(name)), name + " unchanged");
            assertEquals(0, opt.steps(), "the failed step is not counted");
        } finally {
            Blas.setThreads(saved);
        }
    }
}
