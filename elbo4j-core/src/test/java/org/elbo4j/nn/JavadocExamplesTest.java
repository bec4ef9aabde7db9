package org.elbo4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.optim.Adam;
import org.elbo4j.optim.Optimizer;
import org.elbo4j.optim.ParamStore;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The javadoc examples of {@code org.elbo4j.nn}, verbatim, each followed by checks of what its comments claim. */
class JavadocExamplesTest {

    /** y = sin(x₀) + x₁ / 2 on 64 points: a smooth target a small tanh network fits. */
    private static Tensor[] data() {
        RandomStream rng = RandomStream.of(5);
        double[] xs = new double[128], ys = new double[64];
        for (int i = 0; i < 64; i++) {
            xs[2 * i] = 2 * rng.nextDouble() - 1;
            xs[2 * i + 1] = 2 * rng.nextDouble() - 1;
            ys[i] = Math.sin(xs[2 * i]) + xs[2 * i + 1] / 2;
        }
        return new Tensor[] {Tensor.of(xs, 64, 2), Tensor.of(ys, 64, 1)};
    }

    @Test
    void packageInfo() {
        Tensor x = Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        Tensor y = Tensor.of(new double[][] {{0}, {1}, {1}, {0}});
        Mlp net = Mlp.of("net", new int[] {2, 16, 1}, Activation.TANH, Activation.IDENTITY, Init.xavierUniform());
        ParamStore store = new ParamStore();
        net.initialize(store, RandomStream.of(1));
        Optimizer adam = Adam.of(0.01);
        for (int k = 0; k < 500; k++)
            adam.step(
                    store,
                    ParamGradients.valueAndGrad(
                                    store,
                                    p -> net.forward(p, x).sub(y).square().mean())
                            .gradients());
        double mse = net.forward(Params.of(store), x).sub(y).square().mean().item();
        assertTrue(mse < 0.01, "XOR fitted: mse " + mse); // measured 7.6e-21
    }

    @Test
    void linear() {
        Linear layer = Linear.of("enc", 784, 400).activation(Activation.TANH);
        ParamStore store = new ParamStore();
        layer.initialize(store, RandomStream.of(1));
        Tensor h = layer.forward(Params.of(store), Tensor.zeros(100, 784)); // [100, 400]
        assertEquals(Shape.of(100, 400), h.shape());
    }

    @Test
    void mlp() {
        Mlp net = Mlp.of(
                "net", new int[] {784, 400, 400, 10}, Activation.RELU, Activation.IDENTITY, Init.xavierUniform());
        ParamStore store = new ParamStore();
        net.initialize(store, RandomStream.of(1));
        assertEquals(
                Shape.of(3, 10),
                net.forward(Params.of(store), Tensor.zeros(3, 784)).shape());
    }

    @Test
    void paramGradients() {
        Tensor x = data()[0];
        Mlp net = Mlp.of("net", new int[] {2, 16, 1}, Activation.TANH, Activation.IDENTITY, Init.xavierUniform());
        ParamStore store = new ParamStore();
        net.initialize(store, RandomStream.of(1));
        Optimizer optimizer = Adam.of(0.01);
        double before = net.forward(Params.of(store), x).square().mean().item();
        ParamGradients r = ParamGradients.valueAndGrad(
                store, p -> net.forward(p, x).square().mean());
        optimizer.step(store, r.gradients());
        assertEquals(before, r.value(), 1e-12);
        assertTrue(net.forward(Params.of(store), x).square().mean().item() < before, "one step down the gradient");
    }
}
