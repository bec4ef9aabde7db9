package org.elbo4j.tensor;

import java.util.Arrays;
import java.util.List;

/**
 * An immutable n-dimensional array of doubles (row-major, contiguous), and the unit of reverse-mode automatic
 * differentiation.
 *
 * <p>A tensor is a value: no method modifies it. Each op returns a new tensor; when any input lives on a
 * {@link Tape} (it is a parameter of a gradient evaluation, or was computed from one) the op also records its
 * backward rule there. A tensor with no tape upstream records nothing and costs nothing extra.
 *
 * <p>Elementwise binary ops broadcast as NumPy does. Ops that can fail on bad input throw
 * {@link IllegalArgumentException} naming the op and the shapes; none lets an index error escape a kernel.
 *
 * <pre>{@code
 * Tensor x = Tensor.of(new double[][] {{1, 2}, {3, 4}});
 * Tensor w = Tensor.of(0.5, -1);
 * Tensor y = x.matmul(w).add(1.0).sigmoid();       // shape [2]
 * System.out.println(y);                            // [0.377541, 0.182426]
 * }</pre>
 */
public final class Tensor {
    final Shape shape;
    final double[] data;
    final Tape tape;
    final int id;
    /** Facts remembered about the values (see {@link Facts}); null until the first. */
    Facts facts;

    Tensor(Shape shape, double[] data, Tape tape, int id) {
        this.shape = shape;
        this.data = data;
        this.tape = tape;
        this.id = id;
    }

    Tensor(Shape shape, double[] data) {
        this(shape, data, null, -1);
    }

    // ---------------------------------------------------------------- construction

    /** A scalar (rank 0). */
    public static Tensor scalar(double v) {
        return new Tensor(Shape.SCALAR, new double[] {v});
    }

    /** A vector (rank 1) holding a copy of {@code values}. */
    public static Tensor of(double... values) {
        return new Tensor(Shape.of(values.length), values.clone());
    }

    /**
     * A matrix from rows.
     *
     * @throws IllegalArgumentException if the rows are ragged or there are none
     */
    public static Tensor of(double[][] rows) {
        if (rows.length == 0) throw new IllegalArgumentException("Tensor.of: no rows");
        int c = rows[0].length;
        double[] d = new double[rows.length * c];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != c) {
                throw new IllegalArgumentException(
                        "Tensor.of: row " + i + " has " + rows[i].length + " entries, row 0 has " + c);
            }
            System.arraycopy(rows[i], 0, d, i * c, c);
        }
        return new Tensor(Shape.of(rows.length, c), d);
    }

    /**
     * A tensor of the given shape holding a copy of {@code values} (row-major).
     *
     * @throws IllegalArgumentException if the length does not match the shape
     */
    public static Tensor of(double[] values, int... shape) {
        return of(values, Shape.of(shape));
    }

    /** As {@link #of(double[], int...)}. */
    public static Tensor of(double[] values, Shape shape) {
        if (values.length != shape.size()) {
            throw new IllegalArgumentException("Tensor.of: " + values.length + " values do not fill shape " + shape
                    + " (" + shape.size() + " elements)");
        }
        return new Tensor(shape, values.clone());
    }

    /** Wraps {@code values} without copying: the caller gives up the array and must never modify it. */
    public static Tensor wrap(double[] values, Shape shape) {
        if (values.length != shape.size()) {
            throw new IllegalArgumentException("Tensor.wrap: " + values.length + " values do not fill shape " + shape);
        }
        return new Tensor(shape, values);
    }

    /** All zeros. */
    public static Tensor zeros(int... shape) {
        return full(0.0, shape);
    }

    /** All ones. */
    public static Tensor ones(int... shape) {
        return full(1.0, shape);
    }

    /** Every element {@code value}. */
    public static Tensor full(double value, int... shape) {
        return full(value, Shape.of(shape));
    }

    /** Every element {@code value}. */
    public static Tensor full(double value, Shape shape) {
        double[] d = new double[shape.size()];
        if (value != 0.0) Arrays.fill(d, value);
        return new Tensor(shape, d);
    }

    /** {@code [0, 1, ..., n-1]}. */
    public static Tensor range(int n) {
        return range(0, n, 1);
    }

    /**
     * {@code start, start+step, ...} below {@code end} (above, for a negative step), as NumPy's arange.
     *
     * @throws IllegalArgumentException if {@code step} is 0 or not finite
     */
    public static Tensor range(double start, double end, double step) {
        if (!(step != 0) || !Double.isFinite(step))
            throw new IllegalArgumentException("range: step must be finite and non-zero, got " + step);
        int n = (int) Math.max(0, Math.ceil((end - start) / step));
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = start + i * step;
        return new Tensor(Shape.of(n), d);
    }

    /** The n×n identity matrix. */
    public static Tensor eye(int n) {
        double[] d = new double[n * n];
        for (int i = 0; i < n; i++) d[i * n + i] = 1;
        return new Tensor(Shape.of(n, n), d);
    }

    // ---------------------------------------------------------------- inspection

    /** The shape. */
    public Shape shape() {
        return shape;
    }

    /** Number of elements. */
    public int size() {
        return data.length;
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.rank();
    }

    /** Size of dimension {@code i} (negative counts from the end). */
    public int dim(int i) {
        return shape.dim(i);
    }

    /**
     * The single value of a one-element tensor.
     *
     * @throws IllegalArgumentException if the tensor has more than one element
     */
    public double item() {
        if (data.length != 1)
            throw new IllegalArgumentException(
                    "item: tensor of shape " + shape + " has " + data.length + " elements, not 1");
        return data[0];
    }

    /**
     * The element at the given index (one coordinate per dimension).
     *
     * @throws IllegalArgumentException if the index has the wrong rank or is out of range
     */
    public double get(int... index) {
        int[] d = shape.raw();
        if (index.length != d.length) {
            throw new IllegalArgumentException("get: index of rank " + index.length + " for tensor of shape " + shape);
        }
        int flat = 0;
        for (int i = 0; i < d.length; i++) {
            if (index[i] < 0 || index[i] >= d[i]) {
                throw new IllegalArgumentException(
                        "get: index " + Arrays.toString(index) + " out of range for shape " + shape);
            }
            flat = flat * d[i] + index[i];
        }
        return data[flat];
    }

    /** A copy of the values, row-major. */
    public double[] toArray() {
        return data.clone();
    }

    /** The values of a matrix as rows (a copy). */
    public double[][] toMatrix() {
        if (rank() != 2) throw new IllegalArgumentException("toMatrix: tensor of shape " + shape + " is not a matrix");
        int r = shape.dim(0), c = shape.dim(1);
        double[][] m = new double[r][c];
        for (int i = 0; i < r; i++) System.arraycopy(data, i * c, m[i], 0, c);
        return m;
    }

    /**
     * The value at flat (row-major) position {@code i}.
     *
     * @throws IllegalArgumentException if {@code i} is outside [0, size)
     */
    public double at(int i) {
        if (i < 0 || i >= data.length) {
            throw new IllegalArgumentException("at: flat index " + i + " out of range for tensor of shape " + shape);
        }
        return data[i];
    }

    /** True when gradients flow into this tensor (it is on a tape). */
    public boolean requiresGrad() {
        return tape != null;
    }

    /** The tape this tensor is recorded on, or {@code null} for a constant. */
    public Tape tape() {
        return tape;
    }

    /** The same values as a constant: gradients stop here (PyTorch's detach, JAX's stop_gradient). */
    public Tensor detach() {
        return tape == null ? this : new Tensor(shape, data);
    }

    /** True when every element is finite. */
    public boolean allFinite() {
        return TensorData.allFinite(this);
    }

    /**
     * Returns this tensor if every element is finite.
     *
     * @param what names the value in the error (e.g. "data y", "parameter mu")
     * @throws NonFiniteException naming {@code what}, the position and the value otherwise
     */
    public Tensor requireFinite(String what) {
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                throw new NonFiniteException(what + ": element " + i + " of shape " + shape + " is " + data[i]);
            }
        }
        return this;
    }

    // ---------------------------------------------------------------- custom ops

    /**
     * Records a user-defined op: the caller computed {@code values} from {@code inputs} and supplies the backward
     * rule. Used for fused kernels with closed-form partials (Stan's style) and implicit gradients.
     *
     * @param op       a name, shown in error messages
     * @param shape    the output shape
     * @param values   the output values; ownership passes to the tensor (do not modify afterwards)
     * @param backward accumulates into the inputs' adjoints; only called when some input is on a tape
     */
    public static Tensor custom(String op, Shape shape, double[] values, Backward backward, Tensor... inputs) {
        if (values.length != shape.size()) {
            throw new IllegalArgumentException(op + ": " + values.length + " values for output shape " + shape);
        }
        Tape t = Tape.common(op, inputs);
        if (t == null) return new Tensor(shape, values);
        return t.push(op, shape, values, backward);
    }

    /**
     * A scalar whose partial derivatives with respect to its operands the caller has computed (Stan Math's
     * {@code precomputed_gradients}): {@code value} depends on element {@code offsets[i]} (flat, row-major) of
     * {@code operands[i]} with partial derivative {@code partials[i]}, for {@code i < n}. On a tape this is a
     * <em>scalar record</em>: a few slots of the tape's primitive arrays, no closure, no adjoint array (see
     * {@link Tape}); the backward pass adds {@code partials[i] * adjoint} into each operand's element. The arrays
     * are copied, so a caller may reuse them as scratch. Constants among the operands are skipped; a repeated
     * operand (the same element twice) receives the sum of its partials. When no operand is on a tape the result
     * is a constant scalar.
     *
     * <pre>{@code
     * Tape tape = new Tape();
     * Tensor x = tape.leaf(Tensor.of(2.0, 3.0));
     * // y = x[0] * x[1], with dy/dx[0] = x[1] and dy/dx[1] = x[0]
     * Tensor y = Tensor.precomputed(6.0, new Tensor[] {x, x}, new int[] {0, 1}, new double[] {3.0, 2.0}, 2);
     * double[] g = tape.backward(y, new double[] {1.0}).of(x);   // [3.0, 2.0]
     * }</pre>
     *
     * @throws IllegalArgumentException if an offset is outside its operand, the arrays are shorter than {@code n},
     *                                  or operands belong to two different gradient evaluations
     */
    public static Tensor precomputed(double value, Tensor[] operands, int[] offsets, double[] partials, int n) {
        return precomputed("precomputed", value, operands, offsets, partials, n);
    }

    /**
     * As {@link #precomputed(double, Tensor[], int[], double[], int)}, with the name the tape's checks and errors
     * show for this record (the tape's {@link Tape#checkFinite} mode checks the value).
     */
    public static Tensor precomputed(
            String op, double value, Tensor[] operands, int[] offsets, double[] partials, int n) {
        if (n < 0 || operands.length < n || offsets.length < n || partials.length < n) {
            throw new IllegalArgumentException(op + ": " + n + " operands, arrays of " + operands.length + ", "
                    + offsets.length + " and " + partials.length + " entries");
        }
        return Tape.record(op, value, operands, offsets, partials, n);
    }

    /**
     * As {@link #precomputed(String, double, Tensor[], int[], double[], int)} with one operand, without the arrays:
     * {@code value} depends on element {@code offset} of {@code operand} with partial derivative {@code partial}
     * ({@code x[i]} read as a scalar is {@code precomputed("index", x.at(i), x, i, 1.0)}).
     *
     * @throws IllegalArgumentException if {@code offset} is outside {@code operand}
     */
    public static Tensor precomputed(String op, double value, Tensor operand, int offset, double partial) {
        if (offset < 0 || offset >= operand.data.length) throw Tape.badOffset(op, operand, 0, offset);
        if (operand.tape == null) return new Tensor(Shape.SCALAR, new double[] {value});
        return operand.tape.pushScalar(op, value, operand, offset, partial);
    }

    // ---------------------------------------------------------------- elementwise arithmetic

    /** {@code this + o}, broadcasting. */
    public Tensor add(Tensor o) {
        return Elementwise.add(this, o);
    }
    /** {@code this - o}, broadcasting. */
    public Tensor sub(Tensor o) {
        return Elementwise.sub(this, o);
    }
    /** {@code this * o}, broadcasting. */
    public Tensor mul(Tensor o) {
        return Elementwise.mul(this, o);
    }
    /** {@code this / o}, broadcasting. */
    public Tensor div(Tensor o) {
        return Elementwise.div(this, o);
    }
    /** {@code this ^ o}, broadcasting; the gradient w.r.t. the exponent uses log(this) and needs this > 0. */
    public Tensor pow(Tensor o) {
        return Elementwise.pow(this, o);
    }

    /** {@code this + c}. */
    public Tensor add(double c) {
        return Elementwise.addScalar(this, c);
    }
    /** {@code this - c}. */
    public Tensor sub(double c) {
        return Elementwise.addScalar(this, -c);
    }
    /** {@code this * c}. */
    public Tensor mul(double c) {
        return Elementwise.mulScalar(this, c);
    }
    /** {@code this / c}, bit for bit as {@code div(scalar(c))}. */
    public Tensor div(double c) {
        return Elementwise.divScalar(this, c);
    }
    /** {@code this ^ p} for a constant exponent. */
    public Tensor pow(double p) {
        return Elementwise.powScalar(this, p);
    }
    /** {@code c - this}. */
    public Tensor rsub(double c) {
        return Elementwise.addScalar(Elementwise.mulScalar(this, -1.0), c);
    }
    /** {@code c / this}. */
    public Tensor rdiv(double c) {
        return Elementwise.mulScalar(Elementwise.reciprocal(this), c);
    }

    /** {@code -this}. */
    public Tensor neg() {
        return Elementwise.mulScalar(this, -1.0);
    }
    /** {@code 1 / this}. */
    public Tensor reciprocal() {
        return Elementwise.reciprocal(this);
    }
    /** {@code this²}. */
    public Tensor square() {
        return Elementwise.square(this);
    }
    /** {@code √this}. */
    public Tensor sqrt() {
        return Elementwise.sqrt(this);
    }
    /** {@code e^this}. */
    public Tensor exp() {
        return Elementwise.exp(this);
    }
    /** Natural log; NaN below 0 (see {@link #logChecked}). */
    public Tensor log() {
        return Elementwise.log(this);
    }
    /**
     * Natural log that refuses a negative or NaN argument.
     *
     * @throws IllegalArgumentException naming the position and the value
     */
    public Tensor logChecked() {
        return Elementwise.logChecked(this);
    }
    /** log(1 + this), accurate near 0. */
    public Tensor log1p() {
        return Elementwise.log1p(this);
    }
    /** e^this − 1, accurate near 0. */
    public Tensor expm1() {
        return Elementwise.expm1(this);
    }
    /** |this|; the gradient at 0 is 0. */
    public Tensor abs() {
        return Elementwise.abs(this);
    }
    /** log(1 + e^this), computed without overflow. */
    public Tensor softplus() {
        return Elementwise.softplus(this);
    }
    /** 1 / (1 + e^−this). */
    public Tensor sigmoid() {
        return Elementwise.sigmoid(this);
    }
    /** log σ(this) = −softplus(−this), stable for large |x|. */
    public Tensor logSigmoid() {
        return Elementwise.logSigmoid(this);
    }
    /** Hyperbolic tangent. */
    public Tensor tanh() {
        return Elementwise.tanh(this);
    }
    /** max(this, 0); the gradient at 0 is 0. */
    public Tensor relu() {
        return Elementwise.relu(this);
    }
    /** log |Γ(this)|; +∞ at the poles 0, −1, −2, ... */
    public Tensor lgamma() {
        return Elementwise.lgamma(this);
    }
    /** ψ(this) = d/dx log |Γ(x)|; −∞ at 0, NaN at the negative integers. */
    public Tensor digamma() {
        return Elementwise.digamma(this);
    }
    /** Elementwise clamp to [lo, hi]; the gradient is 0 where clamped. */
    public Tensor clamp(double lo, double hi) {
        return Elementwise.clamp(this, lo, hi);
    }
    /** Elementwise maximum with broadcasting; ties send the gradient to {@code this}. */
    public Tensor maximum(Tensor o) {
        return Elementwise.maximum(this, o);
    }

    /**
     * Chooses elementwise: {@code cond != 0 ? a : b}, broadcasting all three. {@code cond} is a constant mask.
     */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        return Elementwise.where(cond, a, b);
    }

    // ---------------------------------------------------------------- reductions

    /** Sum of all elements (a scalar). */
    public Tensor sum() {
        return Reductions.sum(this);
    }

    /** Σ of every element of every part, as one scalar and one tape node (e.g. the terms of a log joint). */
    public static Tensor total(Tensor... parts) {
        return Reductions.total(parts);
    }
    /** Sum along {@code axis} (negative counts from the end); the axis is removed unless {@code keepDims}. */
    public Tensor sum(int axis, boolean keepDims) {
        return Reductions.sum(this, axis, keepDims);
    }
    /** Sum along {@code axis}, removing it. */
    public Tensor sum(int axis) {
        return Reductions.sum(this, axis, false);
    }
    /** Mean of all elements (sum / n, as NumPy; NaN for an empty tensor). */
    public Tensor mean() {
        return Reductions.sum(this).div(data.length);
    }
    /** Mean along {@code axis}, removing it. */
    public Tensor mean(int axis) {
        return mean(axis, false);
    }
    /** Mean along {@code axis}; the axis is removed unless {@code keepDims}. */
    public Tensor mean(int axis, boolean keepDims) {
        return Reductions.sum(this, axis, keepDims).div(shape.dim(axis));
    }
    /** Maximum of all elements; the gradient goes to the first maximiser. */
    public Tensor max() {
        return Reductions.max(this);
    }
    /** Maximum along {@code axis}, removing it. */
    public Tensor max(int axis) {
        return Reductions.max(this, axis, false);
    }
    /** Maximum along {@code axis}; the axis is removed unless {@code keepDims}. Ties: the first maximiser. */
    public Tensor max(int axis, boolean keepDims) {
        return Reductions.max(this, axis, keepDims);
    }
    /** log Σ e^x over all elements, shifted by the max; −∞ entries contribute nothing. */
    public Tensor logSumExp() {
        return Reductions.logSumExp(this);
    }
    /** log Σ e^x along {@code axis}, removing it. */
    public Tensor logSumExp(int axis) {
        return Reductions.logSumExp(this, axis, false);
    }
    /** log Σ e^x along {@code axis}. */
    public Tensor logSumExp(int axis, boolean keepDims) {
        return Reductions.logSumExp(this, axis, keepDims);
    }
    /** Sums this tensor down to {@code target}, the adjoint of broadcasting to this tensor's shape. */
    public Tensor sumTo(Shape target) {
        return Reductions.sumTo(this, target);
    }
    /** This tensor broadcast (copied) to {@code target}. */
    public Tensor broadcastTo(Shape target) {
        return ShapeOps.broadcastTo(this, target);
    }

    // ---------------------------------------------------------------- shape

    /** The same values in a new shape (one dimension may be −1: inferred). No copy. */
    public Tensor reshape(int... dims) {
        return ShapeOps.reshape(this, dims);
    }
    /** The same values in shape {@code s}. No copy. */
    public Tensor reshape(Shape s) {
        return ShapeOps.reshape(this, s.raw());
    }
    /** Transpose of a matrix; for higher rank, swaps the last two dimensions. */
    public Tensor transpose() {
        return ShapeOps.transpose(this);
    }
    /** Element {@code i} along the first dimension (rank drops by one). */
    public Tensor index(int i) {
        return ShapeOps.index(this, i);
    }
    /** Elements {@code from} (inclusive) to {@code to} (exclusive) along the first dimension. */
    public Tensor slice(int from, int to) {
        return ShapeOps.slice(this, from, to);
    }
    /** Rows {@code idx[0], idx[1], ...} along the first dimension, repeats allowed: shape {@code [idx.length, ...]}. */
    public Tensor gather(int[] idx) {
        return ShapeOps.gather(this, idx);
    }
    /** For rank ≥ 1: picks {@code this[..., idx[j]]} for each leading position j; shape drops the last dimension. */
    public Tensor takeLast(int[] idx) {
        return ShapeOps.takeLast(this, idx);
    }
    /** Concatenation along {@code axis}. */
    public static Tensor concat(int axis, Tensor... ts) {
        return ShapeOps.concat(axis, ts);
    }
    /** Concatenation along {@code axis}. */
    public static Tensor concat(int axis, List<Tensor> ts) {
        return ShapeOps.concat(axis, ts.toArray(new Tensor[0]));
    }
    /** Stacks equal-shaped tensors along a new first dimension. */
    public static Tensor stack(Tensor... ts) {
        return ShapeOps.stack(ts);
    }
    /** Every element of every part, flattened and concatenated (shape [Σ sizes]), as one op. */
    public static Tensor flatConcat(Tensor... ts) {
        return ShapeOps.flatConcat(ts);
    }
    /** Elements [from, to) of the flattened tensor, reshaped to {@code shape}, as one op. */
    public Tensor flatSlice(int from, int to, Shape shape) {
        return ShapeOps.flatSlice(this, from, to, shape);
    }
    /** Stacks equal-shaped tensors along a new first dimension. */
    public static Tensor stack(List<Tensor> ts) {
        return ShapeOps.stack(ts.toArray(new Tensor[0]));
    }

    // ---------------------------------------------------------------- linear algebra

    /**
     * Matrix product: [m,k]·[k,n] → [m,n]; [m,k]·[k] → [m]; [k]·[k,n] → [n]; [k]·[k] → []; batched
     * [b,m,k]·[b,k,n] or [b,m,k]·[k,n] → [b,m,n]. Through {@link org.elbo4j.tensor.blas.Blas}.
     */
    public Tensor matmul(Tensor o) {
        return LinearAlgebra.matmul(this, o);
    }
    /** Inner product of two vectors. */
    public Tensor dot(Tensor o) {
        return LinearAlgebra.dot(this, o);
    }
    /** Outer product of two vectors: [m]⊗[n] → [m,n]. */
    public Tensor outer(Tensor o) {
        return LinearAlgebra.outer(this, o);
    }
    /** Lower Cholesky factor L of a symmetric positive-definite matrix, A = L·Lᵀ (only the lower triangle is read). */
    public Tensor cholesky() {
        return LinearAlgebra.cholesky(this);
    }
    /**
     * Solves {@code op(this)·X = b} for X, where {@code this} is triangular, op is identity or transpose; b is a
     * vector or a matrix.
     */
    public Tensor solveTriangular(Tensor b, boolean lower, boolean transpose) {
        return LinearAlgebra.solveTriangular(this, b, lower, transpose);
    }

    // ---------------------------------------------------------------- equality and printing

    /** True when both have the same shape and bit-identical values (tape ignored). */
    public boolean valueEquals(Tensor o) {
        return shape.equals(o.shape) && Arrays.equals(data, o.data);
    }

    /** NumPy-style text for small tensors, summarised with "..." beyond 1,000 elements. */
    @Override
    public String toString() {
        return TensorFormat.format(this);
    }
}
