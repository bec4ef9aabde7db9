package org.elbo4j.stan.compile;

import org.elbo4j.stan.StanException;
import org.elbo4j.stan.parse.DeclType;
import org.elbo4j.stan.parse.Source;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * The bridge from a parameter declaration to its constraining transform: unconstrained sizes, Stan's
 * unconstrained layout (arrays in order, each matrix column-major) and the transform with its log-Jacobian.
 */
final class Transforms {
    private Transforms() {}

    record Result(Tensor value, Tensor logJacobian) {}

    static int unconstrainedSize(DeclType t, int[] dims, Source src) {
        int arr = 1;
        for (int k = 0; k < t.arrayDims.size(); k++) arr *= dims[k];
        int a = t.arrayDims.size();
        int elem = switch (t.kind) {
            case REAL -> 1;
            case VECTOR, ROW_VECTOR -> dims[a];
            case MATRIX -> dims[a] * dims[a + 1];
            default -> throw new StanException(src.format(t.pos, "unsupported",
                    "parameters of type " + t.kind.stan + " need the transforms package (not yet available in this build)"));
        };
        return arr * elem;
    }

    static Result constrain(CompiledProgram.Decl d, Tensor u, int[] dims, Frame f) {
        DeclType t = d.type;
        Tensor x = u.reshape(dims);
        if (t.kind == DeclType.Kind.MATRIX) x = columnMajorMatrices(u, dims);
        Tensor lb = bound(d.lower, f), ub = bound(d.upper, f);
        if (lb != null && ub != null) {
            StandinTransforms.Constrained c = StandinTransforms.lowerUpper(x, lb, ub);
            return new Result(c.value(), c.logJacobian());
        }
        if (lb != null) {
            StandinTransforms.Constrained c = StandinTransforms.lower(x, lb);
            return new Result(c.value(), c.logJacobian());
        }
        if (ub != null) {
            StandinTransforms.Constrained c = StandinTransforms.upper(x, ub);
            return new Result(c.value(), c.logJacobian());
        }
        if (d.offset != null || d.multiplier != null) {
            Tensor o = d.offset == null ? Tensor.scalar(0) : d.offset.t(f);
            Tensor m = d.multiplier == null ? Tensor.scalar(1) : d.multiplier.t(f);
            StandinTransforms.Constrained c = StandinTransforms.affine(x, o, m);
            return new Result(c.value(), c.logJacobian());
        }
        return new Result(x, null);
    }

    private static Tensor bound(Ev e, Frame f) {
        if (e == null) return null;
        Tensor b = e.t(f);
        if (b.rank() == 0 && Double.isInfinite(b.item())) return null;
        return b;
    }

    /** Unconstrained values of (arrays of) matrices are column-major; the runtime value is row-major. */
    static Tensor columnMajorMatrices(Tensor u, int[] dims) {
        int r = dims[dims.length - 2], c = dims[dims.length - 1];
        int n = u.size(), per = r * c;
        int[] pos = new int[n];
        for (int m = 0; m < (per == 0 ? 0 : n / per); m++) {
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < c; j++) pos[m * per + i * c + j] = m * per + j * r + i;
            }
        }
        double[] vals = new double[n];
        for (int k = 0; k < n; k++) vals[k] = u.at(pos[k]);
        if (!u.requiresGrad()) return Tensor.of(vals, dims);
        return Tensor.custom("colmajor", Shape.of(dims), vals, (g, adj) -> {
            double[] a = adj.of(u);
            if (a == null) return;
            for (int k = 0; k < g.length; k++) a[pos[k]] += g[k];
        }, u);
    }
}
