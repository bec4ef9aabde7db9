/**
 * Small neural networks for amortized inference: {@link org.elbo4j.nn.Linear} layers (one fused tape node each:
 * f(x·W + b) forward, three GEMMs with β = 1 into the adjoint buffers backward), {@link org.elbo4j.nn.Mlp}s of any
 * depth, {@link org.elbo4j.nn.Activation}s (tanh, relu, softplus, sigmoid) and {@link org.elbo4j.nn.Init}ialisations
 * (Glorot, the AEVB paper's N(0, 0.01²), PyTorch's default). Weights live in an {@link org.elbo4j.optim.ParamStore}
 * under fixed names ({@code "<layer>.weight"} [in, out], {@code "<layer>.bias"}), so every optimizer of
 * {@code org.elbo4j.optim} trains them and checkpoints save them by name; {@link org.elbo4j.nn.ParamGradients}
 * differentiates a loss with respect to all of them.
 *
 * <pre>{@code
 * Mlp net = Mlp.of("net", new int[] {2, 16, 1}, Activation.TANH, Activation.IDENTITY, Init.xavierUniform());
 * ParamStore store = new ParamStore();
 * net.initialize(store, RandomStream.of(1));
 * Optimizer adam = Adam.of(0.01);
 * for (int k = 0; k < 500; k++) adam.step(store, ParamGradients.valueAndGrad(store, p -> net.forward(p, x).sub(y).square().mean()).gradients());
 * }</pre>
 */
package org.elbo4j.nn;
