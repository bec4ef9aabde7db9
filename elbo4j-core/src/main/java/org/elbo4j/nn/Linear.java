package org.elbo4j.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.elbo4j.optim.ParamStore;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.tensor.TensorData;
import org.elbo4j.tensor.blas.Blas;

/**
 * A fully connected layer with its activation, h = f(x·W + b), x ∈ ℝ^{R×n<sub>in</sub>} (R rows: a minibatch,
 * or L samples of one), W ∈ ℝ^{n<sub>in</sub>×n<sub>out</sub>}, b ∈ ℝ^{n<sub>out</sub>}.
 *
 * <p>Parameters: {@code "<name>.weight"} [n<sub>in</sub>, n<sub>out</sub>] (stored as x·W multiplies it:
 * PyTorch stores the transpose) and {@code "<name>.bias"} [n<sub>out</sub>].
 *
 * <p><b>One tape node.</b> {@link #apply} computes the whole layer as a single op: b is copied into every row of
 * the output, one GEMM adds x·W with β = 1, and f is applied in place. Its backward rule, with
 * ā = h̄ ⊙ f′(h) (f′ from the output, see {@link Activation}):
 * \[ \bar W \mathrel{+}= x^\top \bar a, \qquad \bar b \mathrel{+}= \textstyle\sum_r \bar a_{r\cdot}, \qquad
 *    \bar x \mathrel{+}= \bar a\, W^\top, \]
 * the two products by GEMM with β = 1 straight into the adjoint buffers, x̄ only when x needs a gradient (not for
 * data). The op-by-op form (matmul, add, tanh) would record three nodes and allocate three outputs and their
 * adjoints; {@code LinearBench} in elbo4j-bench measures the difference.
 *
 * <pre>{@code
 * Linear layer = Linear.of("enc", 784, 400).activation(Activation.TANH);
 * ParamStore store = new ParamStore();
 * layer.initialize(store, RandomStream.of(1));
 * Tensor h = layer.forward(Params.of(store), Tensor.zeros(100, 784));   // [100, 400]
 * }</pre>
 */
public final class Linear implements Module {
    private final String name;
    private final int in;
    private final int out;
    private final Activation activation;
    private final Init init;

    private Linear(String name, int in, int out, Activation activation, Init init) {
        this.name = Objects.requireNonNull(name, "name");
        if (name.isEmpty()) throw new IllegalArgumentException("Linear: name must not be empty");
        if (in < 1) throw new IllegalArgumentException("Linear '" + name + "': in must be >= 1, got " + in);
        if (out < 1) throw new IllegalArgumentException("Linear '" + name + "': out must be >= 1, got " + out);
        this.in = in;
        this.out = out;
        this.activation = Objects.requireNonNull(activation, "activation");
        this.init = Objects.requireNonNull(init, "init");
    }

    /**
     * A layer {@code in → out} with no activation.
     *
     * @implSpec identity activation, {@link Init#xavierUniform()}.
     * @throws IllegalArgumentException if a size is &lt; 1 or the name is empty
     */
    public static Linear of(String name, int in, int out) {
        return new Linear(name, in, out, Activation.IDENTITY, Init.xavierUniform());
    }

    /** The same layer with activation {@code f}. */
    public Linear activation(Activation f) {
        return new Linear(name, in, out, f, init);
    }

    /** The same layer with initialisation {@code i}. */
    public Linear init(Init i) {
        return new Linear(name, in, out, activation, i);
    }

    /** The name prefix of the parameters. */
    public String name() {
        return name;
    }

    /** n<sub>in</sub>. */
    public int in() {
        return in;
    }

    /** n<sub>out</sub>. */
    public int out() {
        return out;
    }

    /** The activation. */
    public Activation activation() {
        return activation;
    }

    /** {@code "<name>.weight"}. */
    public String weightName() {
        return name + ".weight";
    }

    /** {@code "<name>.bias"}. */
    public String biasName() {
        return name + ".bias";
    }

    @Override
    public Map<String, Shape> parameterShapes() {
        Map<String, Shape> m = new LinkedHashMap<>();
        m.put(weightName(), Shape.of(in, out));
        m.put(biasName(), Shape.of(out));
        return m;
    }

    @Override
    public void initialize(ParamStore store, RandomStream rng) {
        double[] w = new double[in * out], b = new double[out];
        init.fill(w, b, in, out, rng);
        store.put(weightName(), Tensor.wrap(w, Shape.of(in, out)));
        store.put(biasName(), Tensor.wrap(b, Shape.of(out)));
    }

    /**
     * f(x·W + b).
     *
     * @param x [..., in]. Not modified.
     * @return [..., out]
     * @throws IllegalArgumentException if the last dimension of x is not {@code in}, or a parameter is missing or
     *         has the wrong shape (naming it)
     */
    @Override
    public Tensor forward(Params p, Tensor x) {
        Tensor w = p.get(weightName()), b = p.get(biasName());
        if (!w.shape().equals(Shape.of(in, out))) {
            throw new IllegalArgumentException("Linear '" + name + "': " + weightName() + " has shape " + w.shape()
                    + ", expected [" + in + ", " + out + "]");
        }
        if (!b.shape().equals(Shape.of(out))) {
            throw new IllegalArgumentException(
                    "Linear '" + name + "': " + biasName() + " has shape " + b.shape() + ", expected [" + out + "]");
        }
        return apply(name, x, w, b, activation);
    }

    /**
     * The fused op f(x·W + b) as one tape node (see the class doc).
     *
     * @param op names the op in error messages
     * @param x  [..., k], rank ≥ 1. Not modified.
     * @param w  [k, n]. Not modified.
     * @param b  [n]. Not modified.
     * @return [..., n]
     * @throws IllegalArgumentException if the shapes do not fit (naming them)
     */
    public static Tensor apply(String op, Tensor x, Tensor w, Tensor b, Activation f) {
        if (w.rank() != 2 || b.rank() != 1 || w.dim(1) != b.dim(0)) {
            throw new IllegalArgumentException(op + ": weight " + w.shape() + " and bias " + b.shape()
                    + " do not form a layer (need [k, n] and [n])");
        }
        int k = w.dim(0), n = w.dim(1);
        if (x.rank() < 1 || x.dim(-1) != k) {
            throw new IllegalArgumentException(
                    op + ": input of shape " + x.shape() + " does not end in the layer's" + " input size " + k);
        }
        int rows = x.size() / k;
        double[] xv = TensorData.readOnly(x), wv = TensorData.readOnly(w), bv = TensorData.readOnly(b);
        double[] h = new double[rows * n];
        for (int r = 0; r < rows; r++) System.arraycopy(bv, 0, h, r * n, n);
        Blas.dgemm(false, false, rows, n, k, 1.0, xv, 0, k, wv, 0, n, 1.0, h, 0, n);
        f.applyInPlace(h, 0, h.length);
        int[] dims = x.shape().dims();
        dims[dims.length - 1] = n;
        return Tensor.custom(
                op,
                Shape.of(dims),
                h,
                (g, adj) -> {
                    double[] a;
                    if (f == Activation.IDENTITY) {
                        a = g;
                    } else {
                        a = new double[h.length];
                        f.backward(h, g, a, h.length);
                    }
                    double[] gw = adj.of(w);
                    if (gw != null) Blas.dgemm(true, false, k, n, rows, 1.0, xv, 0, k, a, 0, n, 1.0, gw, 0, n);
                    double[] gb = adj.of(b);
                    if (gb != null) {
                        for (int r = 0; r < rows; r++) {
                            int o = r * n;
                            for (int j = 0; j < n; j++) gb[j] += a[o + j];
                        }
                    }
                    double[] gx = adj.of(x);
                    if (gx != null) Blas.dgemm(false, true, rows, k, n, 1.0, a, 0, n, wv, 0, n, 1.0, gx, 0, k);
                },
                x,
                w,
                b);
    }

    @Override
    public String toString() {
        return "Linear[" + name + ": " + in + " -> " + out + ", " + activation.id() + ", " + init.id() + "]";
    }
}
