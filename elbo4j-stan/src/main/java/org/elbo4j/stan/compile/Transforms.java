package org.elbo4j.stan.compile;

import java.util.Arrays;
import org.elbo4j.stan.parse.DeclType;
import org.elbo4j.stan.parse.Source;
import org.elbo4j.stan.transforms.Constrained;
import org.elbo4j.stan.transforms.StanConstraint;
import org.elbo4j.stan.transforms.StanTransforms;
import org.elbo4j.tensor.Tensor;

/**
 * The bridge from a parameter declaration to Stan's constraining transform ({@link StanTransforms}): the
 * constraint kind, the unconstrained size, Stan's unconstrained layout (arrays in order, each element whole;
 * matrices column-major) and the transform with its log-Jacobian.
 */
final class Transforms {
    private Transforms() {}

    record Result(Tensor value, Tensor logJacobian) {}

    static StanConstraint kind(DeclType t) {
        return switch (t.kind) {
            case SIMPLEX -> StanConstraint.SIMPLEX;
            case UNIT_VECTOR -> StanConstraint.UNIT_VECTOR;
            case ORDERED -> StanConstraint.ORDERED;
            case POSITIVE_ORDERED -> StanConstraint.POSITIVE_ORDERED;
            case CHOLESKY_FACTOR_CORR -> StanConstraint.CHOLESKY_FACTOR_CORR;
            case CHOLESKY_FACTOR_COV -> StanConstraint.CHOLESKY_FACTOR_COV;
            case CORR_MATRIX -> StanConstraint.CORR_MATRIX;
            case COV_MATRIX -> StanConstraint.COV_MATRIX;
            default ->
                t.lower != null && t.upper != null
                        ? StanConstraint.LOWER_UPPER
                        : t.lower != null
                                ? StanConstraint.LOWER
                                : t.upper != null
                                        ? StanConstraint.UPPER
                                        : t.offset != null || t.multiplier != null
                                                ? StanConstraint.OFFSET_MULTIPLIER
                                                : StanConstraint.NONE;
        };
    }

    /** The type's own sizes as {@link StanConstraint} wants them. */
    private static int[] typeDims(DeclType t, int[] dims) {
        int a = t.arrayDims.size();
        int[] own = Arrays.copyOfRange(dims, a, dims.length);
        return switch (t.kind) {
            case CHOLESKY_FACTOR_CORR, CORR_MATRIX, COV_MATRIX -> new int[] {own[0]};
            default -> own;
        };
    }

    static int unconstrainedSize(DeclType t, int[] dims, Source src) {
        int a = t.arrayDims.size();
        return kind(t).unconstrainedSize(Arrays.copyOf(dims, a), typeDims(t, dims));
    }

    static Result constrain(CompiledProgram.Decl d, Tensor u, int[] dims, Frame f) {
        DeclType t = d.type;
        StanConstraint k = kind(t);
        int a = t.arrayDims.size();
        int n = 1;
        for (int x : dims) n *= x;
        if (n == 0 || u.size() == 0 && k != StanConstraint.SIMPLEX) return new Result(Tensor.zeros(dims), null);
        int[] td = typeDims(t, dims);
        int[] arr = Arrays.copyOf(dims, a);
        switch (k) {
            case NONE, LOWER, UPPER, LOWER_UPPER, OFFSET_MULTIPLIER: {
                Tensor x = t.kind == DeclType.Kind.MATRIX ? StanTransforms.fromStanOrder(u, dims) : u.reshape(dims);
                Constrained c = switch (k) {
                    case LOWER -> StanTransforms.lower(x, d.lower.t(f));
                    case UPPER -> StanTransforms.upper(x, d.upper.t(f));
                    case LOWER_UPPER -> StanTransforms.lowerUpper(x, d.lower.t(f), d.upper.t(f));
                    case OFFSET_MULTIPLIER ->
                        StanTransforms.offsetMultiplier(
                                x,
                                d.offset == null ? Tensor.scalar(0) : d.offset.t(f),
                                d.multiplier == null ? Tensor.scalar(1) : d.multiplier.t(f));
                    default -> null;
                };
                return c == null ? new Result(x, null) : new Result(c.value(), c.logJacobian());
            }
            default:
                break;
        }
        int per = k.unconstrainedSize(new int[0], td);
        int[] freeShape = Arrays.copyOf(arr, a + 1);
        freeShape[a] = per;
        Tensor y = u.reshape(freeShape);
        Constrained c = switch (k) {
            case SIMPLEX -> StanTransforms.simplex(y);
            case UNIT_VECTOR -> StanTransforms.unitVector(y);
            case ORDERED -> StanTransforms.ordered(y);
            case POSITIVE_ORDERED -> StanTransforms.positiveOrdered(y);
            case CHOLESKY_FACTOR_CORR -> StanTransforms.choleskyFactorCorr(y, td[0]);
            case CHOLESKY_FACTOR_COV -> StanTransforms.choleskyFactorCov(y, td[0], td[1]);
            case CORR_MATRIX -> StanTransforms.corrMatrix(y, td[0]);
            case COV_MATRIX -> StanTransforms.covMatrix(y, td[0]);
            default -> throw new IllegalStateException(k.toString());
        };
        Tensor v = c.value();
        if (!Arrays.equals(v.shape().dims(), dims)) v = v.reshape(dims);
        return new Result(v, c.logJacobian());
    }
}
