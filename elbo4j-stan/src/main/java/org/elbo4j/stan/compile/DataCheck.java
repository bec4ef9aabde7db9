package org.elbo4j.stan.compile;

import java.util.ArrayList;
import java.util.List;
import org.elbo4j.stan.StanException;
import org.elbo4j.stan.parse.DeclType;
import org.elbo4j.stan.parse.Expr;
import org.elbo4j.stan.parse.Source;
import org.elbo4j.tensor.Tensor;

/**
 * Data read against the declarations (type, sizes, integer-ness, constraints), and the constraint checks of
 * transformed data, transformed parameters and generated quantities. Messages name the variable, what was
 * declared and what was found: {@code data 'y': declared array[N] real with N = 8, found 7 values}.
 */
final class DataCheck {
    private DataCheck() {}

    static Object read(Source src, CompiledProgram.Decl d, int[] dims, DataValue v, Frame f) {
        String name = d.sym.name;
        String decl = declText(src, d.type, null) + withSizes(d, dims);
        if (v == null) {
            throw new StanException("data '" + name + "': missing from the data (declared " + decl + " at " + src.name()
                    + ":" + d.sym.pos.line() + ")");
        }
        int n = 1;
        for (int x : dims) n *= x;
        boolean sameDims = java.util.Arrays.equals(dims, v.dims()) || n == 0 && v.values().length == 0;
        if (!sameDims) {
            String found = v.values().length != n
                    ? "found " + v.values().length + " value" + (v.values().length == 1 ? "" : "s")
                            + (v.dims().length > 1 ? " with dimensions " + java.util.Arrays.toString(v.dims()) : "")
                    : "found dimensions " + java.util.Arrays.toString(v.dims()) + ", expected "
                            + java.util.Arrays.toString(dims);
            if (dims.length == 0 && v.dims().length > 0)
                found = "found an array of " + v.values().length + " values, expected a single value";
            throw new StanException("data '" + name + "': declared " + decl + ", " + found + " (" + v.where() + ")");
        }
        Object value;
        if (d.type.kind == DeclType.Kind.INT) {
            int[] ints = new int[n];
            for (int k = 0; k < n; k++) {
                double x = v.values()[k];
                if (x != Math.rint(x) || Double.isInfinite(x) || Math.abs(x) > Integer.MAX_VALUE) {
                    throw new StanException("data '" + name + "': declared " + decl + ", found the non-integer value "
                            + x + (n > 1 || dims.length > 0 ? " at index " + indexText(k, dims) : "") + " (" + v.where()
                            + ")");
                }
                ints[k] = (int) x;
            }
            value = dims.length == 0 ? (Object) ints[0] : dims.length == 1 ? ints : Values.nest(ints, dims, 0, 0);
            if (n == 0 && dims.length > 1) value = Compiler.defaultValue(d.sym.type, dims);
        } else {
            value = Tensor.of(v.values().clone(), dims);
        }
        String err = violation(d, value, f);
        if (err != null) throw new StanException("data '" + name + "': " + err + " (" + v.where() + ")");
        return value;
    }

    /** The constraint a value violates, as a message ("declared <lower=0>, found -1 at index 3"), or null. */
    static String violation(CompiledProgram.Decl d, Object value, Frame f) {
        if (value == null) return null;
        DeclType t = d.type;
        double[] vals;
        int[] dims;
        if (value instanceof Tensor x) {
            vals = x.toArray();
            dims = x.shape().dims();
        } else if (value instanceof Integer i) {
            vals = new double[] {i};
            dims = new int[0];
        } else {
            int[] flat = Values.flatten(value);
            vals = new double[flat.length];
            for (int k = 0; k < flat.length; k++) vals[k] = flat[k];
            dims = Values.intDims(value);
        }
        if (d.lower != null || d.upper != null) {
            double[] lo = d.lower == null ? null : d.lower.t(f).toArray();
            double[] hi = d.upper == null ? null : d.upper.t(f).toArray();
            for (int k = 0; k < vals.length; k++) {
                double lb = lo == null ? Double.NEGATIVE_INFINITY : lo[lo.length == 1 ? 0 : k % lo.length];
                double ub = hi == null ? Double.POSITIVE_INFINITY : hi[hi.length == 1 ? 0 : k % hi.length];
                if (!(vals[k] >= lb && vals[k] <= ub)) {
                    String c = "<" + (d.lower != null ? "lower=" + Compiler.format(d.lower.o(f)) : "")
                            + (d.lower != null && d.upper != null ? ", " : "")
                            + (d.upper != null ? "upper=" + Compiler.format(d.upper.o(f)) : "") + ">";
                    return "declared " + c + ", found " + num(vals[k])
                            + (dims.length > 0 ? " at index " + indexText(k, dims) : "");
                }
            }
        }
        String kind = t.kind.stan;
        int a = t.arrayDims.size();
        int per = 1;
        for (int k = a; k < dims.length; k++) per *= dims[k];
        for (int e = 0; per > 0 && e < vals.length / per; e++) {
            int o = e * per;
            String where = a > 0 ? " in element " + indexText(e, java.util.Arrays.copyOf(dims, a)) : "";
            switch (t.kind) {
                case SIMPLEX -> {
                    double s = 0;
                    for (int k = 0; k < per; k++) {
                        if (!(vals[o + k] >= 0))
                            return "declared simplex, found the negative value " + num(vals[o + k]) + where;
                        s += vals[o + k];
                    }
                    if (Math.abs(s - 1) > 1e-8) return "declared simplex, found elements summing to " + num(s) + where;
                }
                case ORDERED, POSITIVE_ORDERED -> {
                    for (int k = 0; k < per; k++) {
                        if (t.kind == DeclType.Kind.POSITIVE_ORDERED && !(vals[o + k] > 0))
                            return "declared positive_ordered, found " + num(vals[o + k]) + where;
                        if (k > 0 && !(vals[o + k] > vals[o + k - 1]))
                            return "declared " + kind + ", found " + num(vals[o + k - 1]) + " before "
                                    + num(vals[o + k]) + where;
                    }
                }
                case UNIT_VECTOR -> {
                    double s = 0;
                    for (int k = 0; k < per; k++) s += vals[o + k] * vals[o + k];
                    if (Math.abs(s - 1) > 1e-8) return "declared unit_vector, found squared norm " + num(s) + where;
                }
                case COV_MATRIX, CORR_MATRIX, CHOLESKY_FACTOR_CORR, CHOLESKY_FACTOR_COV -> {
                    int r = dims[dims.length - 2], c = dims[dims.length - 1];
                    for (int i = 0; i < r; i++) {
                        for (int j = 0; j < c; j++) {
                            double x = vals[o + i * c + j];
                            if ((t.kind == DeclType.Kind.COV_MATRIX || t.kind == DeclType.Kind.CORR_MATRIX)
                                    && Math.abs(x - vals[o + j * c + i]) > 1e-8 * Math.max(1, Math.abs(x))) {
                                return "declared " + kind + ", found a non-symmetric matrix" + where;
                            }
                            if ((t.kind == DeclType.Kind.CHOLESKY_FACTOR_CORR
                                            || t.kind == DeclType.Kind.CHOLESKY_FACTOR_COV)
                                    && j > i
                                    && x != 0) {
                                return "declared " + kind + ", found a non-zero value above the diagonal" + where;
                            }
                        }
                        double dg = vals[o + i * c + i];
                        if (t.kind == DeclType.Kind.CORR_MATRIX && Math.abs(dg - 1) > 1e-8)
                            return "declared corr_matrix, found diagonal " + num(dg) + where;
                        if (t.kind != DeclType.Kind.CORR_MATRIX && !(dg > 0))
                            return "declared " + kind + ", found diagonal element " + num(dg) + where;
                    }
                }
                default -> {}
            }
        }
        return null;
    }

    static String num(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) return Long.toString((long) x);
        return Double.toString(x);
    }

    /** "3" for a vector, "[2,3]" for more dimensions (1-based, from a row-major flat index). */
    static String indexText(int flat, int[] dims) {
        if (dims.length <= 1) return Integer.toString(flat + 1);
        int[] ix = new int[dims.length];
        for (int k = dims.length - 1; k >= 0; k--) {
            ix[k] = flat % dims[k];
            flat /= dims[k];
        }
        StringBuilder b = new StringBuilder("[");
        for (int k = 0; k < ix.length; k++) b.append(k > 0 ? "," : "").append(ix[k] + 1);
        return b.append(']').toString();
    }

    private static String withSizes(CompiledProgram.Decl d, int[] dims) {
        List<Expr> es = new ArrayList<>(d.type.arrayDims);
        es.addAll(d.type.sizes);
        List<String> parts = new ArrayList<>();
        for (int k = 0; k < es.size() && k < dims.length; k++) {
            Expr e = es.get(k);
            if (e instanceof Expr.IntLit) continue;
            String s = ExprText.of(e) + " = " + dims[k];
            if (!parts.contains(s)) parts.add(s);
        }
        return parts.isEmpty() ? "" : " with " + String.join(", ", parts);
    }

    /** The declared type as written, e.g. {@code array[N] real<lower=0>}. */
    static String declText(Source src, DeclType t, Object unused) {
        StringBuilder b = new StringBuilder();
        if (!t.arrayDims.isEmpty()) {
            b.append("array[");
            for (int k = 0; k < t.arrayDims.size(); k++)
                b.append(k > 0 ? ", " : "").append(ExprText.of(t.arrayDims.get(k)));
            b.append("] ");
        }
        b.append(t.kind.stan);
        List<String> c = new ArrayList<>();
        if (t.lower != null) c.add("lower=" + ExprText.of(t.lower));
        if (t.upper != null) c.add("upper=" + ExprText.of(t.upper));
        if (t.offset != null) c.add("offset=" + ExprText.of(t.offset));
        if (t.multiplier != null) c.add("multiplier=" + ExprText.of(t.multiplier));
        if (!c.isEmpty()) b.append('<').append(String.join(", ", c)).append('>');
        if (!t.sizes.isEmpty()) {
            b.append('[');
            for (int k = 0; k < t.sizes.size(); k++) b.append(k > 0 ? ", " : "").append(ExprText.of(t.sizes.get(k)));
            b.append(']');
        }
        return b.toString();
    }
}
