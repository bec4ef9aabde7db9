package org.elbo4j.stan.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.elbo4j.random.RandomStream;
import org.elbo4j.stan.StanException;
import org.elbo4j.stan.StanFatalException;
import org.elbo4j.stan.StanRejectException;
import org.elbo4j.stan.check.CheckedProgram;
import org.elbo4j.stan.check.Symbol;
import org.elbo4j.stan.parse.DeclType;
import org.elbo4j.stan.parse.Source;
import org.elbo4j.stan.parse.UnsizedType;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tape;
import org.elbo4j.tensor.Tensor;

/**
 * A compiled program bound to one data set: the data checked against the declarations, transformed data run
 * once, the parameter layout fixed. Evaluates the log density over the unconstrained parameters (with the
 * Jacobian of every constraining transform) and the constrained values plus generated quantities of a draw.
 */
public final class ModelRuntime {
    /** A program-level variable with its sizes, as it appears in the output. */
    public record Variable(String name, String block, DeclType type, int[] dims, int offset, int unconstrainedSize) {
        /** Number of values (elements). */
        public int size() {
            int n = 1;
            for (int d : dims) n *= d;
            return n;
        }
    }

    private final CompiledProgram cp;
    private final Source src;
    private final Object[] base;
    private final List<Variable> params = new ArrayList<>(), tparams = new ArrayList<>(), gqs = new ArrayList<>();
    private final List<CompiledProgram.Decl> paramDecls = new ArrayList<>(),
            tparamDecls = new ArrayList<>(),
            gqDecls = new ArrayList<>();
    private final int usize;
    private Consumer<String> printer;

    private ModelRuntime(CompiledProgram cp, Map<String, DataValue> data, long seed, Consumer<String> printer) {
        this.cp = cp;
        this.printer = printer;
        CheckedProgram ch = cp.checked;
        this.src = ch.program().source();
        base = new Object[ch.globals().size()];
        int[][] fs = ch.frameSizes();
        Context ctx = new Context(RandomStream.of(seed), printer);
        Frame f = new Frame(
                base,
                fs[CheckedProgram.Block.TRANSFORMED_DATA.ordinal()][0],
                fs[CheckedProgram.Block.TRANSFORMED_DATA.ordinal()][1],
                ctx);
        for (Symbol s : ch.globals()) {
            if (s.origin != Symbol.Origin.DATA) continue;
            CompiledProgram.Decl d = cp.decls.get(s);
            int[] dims = dims(d, f, "data");
            base[s.slot] = DataCheck.read(src, d, dims, data.get(s.name), f);
        }
        try {
            cp.transformedData.run(f);
        } catch (StanRejectException e) {
            throw new StanException("transformed data: " + e.getMessage(), e);
        }
        freeze(base);
        for (Symbol s : ch.globals()) {
            if (s.origin == Symbol.Origin.TRANSFORMED_DATA) {
                String err = DataCheck.violation(cp.decls.get(s), base[s.slot], f);
                if (err != null)
                    throw new StanException(
                            src.name() + ":" + s.pos.line() + ": transformed data '" + s.name + "': " + err);
            }
        }
        int off = 0;
        for (Symbol s : ch.globals()) {
            CompiledProgram.Decl d = cp.decls.get(s);
            switch (s.origin) {
                case PARAMETER -> {
                    int[] dims = dims(d, f, "parameter");
                    int n = Transforms.unconstrainedSize(d.type, dims, src);
                    params.add(new Variable(s.name, "parameters", d.type, dims, off, n));
                    paramDecls.add(d);
                    off += n;
                }
                case TRANSFORMED_PARAMETER -> {
                    tparams.add(new Variable(
                            s.name, "transformed parameters", d.type, dims(d, f, "transformed parameter"), -1, 0));
                    tparamDecls.add(d);
                }
                case GENERATED -> {
                    gqs.add(new Variable(
                            s.name, "generated quantities", d.type, dims(d, f, "generated quantity"), -1, 0));
                    gqDecls.add(d);
                }
                default -> {}
            }
        }
        usize = off;
    }

    /**
     * Binds a compiled program to data: checks the data, runs transformed data (its {@code _rng} calls seeded
     * by {@code seed}).
     *
     * @throws StanException naming the variable, what was declared and what was found
     */
    public static ModelRuntime create(
            CompiledProgram cp, Map<String, DataValue> data, long seed, Consumer<String> printer) {
        return new ModelRuntime(cp, data, seed, printer);
    }

    private int[] dims(CompiledProgram.Decl d, Frame f, String what) {
        int[] dims = new int[d.sizes.length];
        for (int k = 0; k < dims.length; k++) {
            try {
                dims[k] = d.sizes[k].i(f);
            } catch (RuntimeException e) {
                throw new StanException(src.name() + ":" + d.sym.pos.line() + ": size of " + what + " '" + d.sym.name
                        + "': " + e.getMessage());
            }
            if (dims[k] < 0) {
                throw new StanException(src.name() + ":" + d.sym.pos.line() + ": " + what + " '" + d.sym.name
                        + "' has size " + dims[k] + ", must be >= 0");
            }
        }
        return dims;
    }

    private static void freeze(Object[] g) {
        for (int k = 0; k < g.length; k++) if (g[k] instanceof Cells c) g[k] = c.freeze();
    }

    /** Number of unconstrained parameters. */
    public int unconstrainedSize() {
        return usize;
    }

    /** The parameters in declaration order, with their unconstrained offsets. */
    public List<Variable> parameters() {
        return List.copyOf(params);
    }

    /** The transformed parameters in declaration order. */
    public List<Variable> transformedParameters() {
        return List.copyOf(tparams);
    }

    /** The generated quantities in declaration order. */
    public List<Variable> generatedQuantities() {
        return List.copyOf(gqs);
    }

    /** Where {@code print} output goes (null: discarded). */
    public void printer(Consumer<String> p) {
        this.printer = p;
    }

    /**
     * The log density at the unconstrained point {@code upars} (shape [D]), with the log-Jacobians of the
     * transforms, differentiable through the tape when {@code upars} is on one.
     *
     * @throws StanRejectException when the program rejects at this point (reject, index out of range, a
     *                             transformed parameter outside its constraints, a domain error)
     */
    public Tensor logDensity(Tensor upars) {
        if (upars.size() != usize)
            throw new IllegalArgumentException(
                    "logDensity: " + upars.size() + " values for " + usize + " unconstrained parameters");
        Tape tape = upars.tape();
        int start = tape == null ? 0 : tape.size();
        if (tape != null) tape.reserve(start + tapeHint);
        Object[] g = base.clone();
        Context ctx = new Context(null, printer);
        constrainParams(g, upars, ctx, true);
        runTransformedParameters(g, ctx);
        int[] fs = cp.checked.frameSizes()[CheckedProgram.Block.MODEL.ordinal()];
        cp.model.run(new Frame(g, fs[0], fs[1], ctx));
        Tensor target = ctx.target();
        if (tape != null) tapeHint = tape.size() - start;
        return target;
    }

    /**
     * Length of the previous evaluation's tape, reserved up front by the next one (a hint: a race between threads
     * only costs a resize).
     */
    private int tapeHint;

    private void constrainParams(Object[] g, Tensor upars, Context ctx, boolean jacobian) {
        Frame f = new Frame(g, 0, 0, ctx);
        for (int k = 0; k < params.size(); k++) {
            Variable v = params.get(k);
            CompiledProgram.Decl d = paramDecls.get(k);
            Tensor u = upars.flatSlice(v.offset(), v.offset() + v.unconstrainedSize(), Shape.of(v.unconstrainedSize()));
            try {
                Transforms.Result r = Transforms.constrain(d, u, v.dims(), f);
                if (jacobian && r.logJacobian() != null) ctx.terms.add(r.logJacobian());
                g[d.sym.slot] = r.value();
            } catch (StanRejectException | StanFatalException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new StanRejectException(
                        src.name() + ":" + d.sym.pos.line() + ": parameter '" + d.sym.name + "': " + e.getMessage(),
                        d.sym.pos.line());
            }
        }
    }

    private void runTransformedParameters(Object[] g, Context ctx) {
        int[] fs = cp.checked.frameSizes()[CheckedProgram.Block.TRANSFORMED_PARAMETERS.ordinal()];
        Frame f = new Frame(g, fs[0], fs[1], ctx);
        cp.transformedParameters.run(f);
        freeze(g);
        for (CompiledProgram.Decl d : tparamDecls) {
            String err = DataCheck.violation(d, g[d.sym.slot], f);
            if (err != null) {
                throw new StanRejectException(
                        src.name() + ":" + d.sym.pos.line() + ": transformed parameter '" + d.sym.name + "': " + err,
                        d.sym.pos.line());
            }
        }
    }

    /**
     * The values of a draw for the output: parameters, transformed parameters and generated quantities, each
     * flattened in CmdStan's column-major order, in the order of {@link #outputNames()}.
     *
     * @param rng the random stream of the generated quantities' {@code _rng} calls
     * @throws StanRejectException when the program rejects at this draw
     */
    public double[] constrain(double[] upars, RandomStream rng) {
        Object[] g = base.clone();
        Context ctx = new Context(rng, printer);
        constrainParams(g, Tensor.of(upars), ctx, false);
        runTransformedParameters(g, ctx);
        int[] fs = cp.checked.frameSizes()[CheckedProgram.Block.GENERATED_QUANTITIES.ordinal()];
        Frame f = new Frame(g, fs[0], fs[1], ctx);
        cp.generatedQuantities.run(f);
        freeze(g);
        for (CompiledProgram.Decl d : gqDecls) {
            String err = DataCheck.violation(d, g[d.sym.slot], f);
            if (err != null) {
                throw new StanRejectException(
                        src.name() + ":" + d.sym.pos.line() + ": generated quantity '" + d.sym.name + "': " + err,
                        d.sym.pos.line());
            }
        }
        List<Double> out = new ArrayList<>();
        List<List<Variable>> groups = List.of(params, tparams, gqs);
        List<List<CompiledProgram.Decl>> decls = List.of(paramDecls, tparamDecls, gqDecls);
        double[] res = new double[outputSize()];
        int o = 0;
        for (int gI = 0; gI < 3; gI++) {
            for (int k = 0; k < groups.get(gI).size(); k++) {
                Variable v = groups.get(gI).get(k);
                Object val = g[decls.get(gI).get(k).sym.slot];
                double[] rowMajor = val instanceof Tensor t ? t.toArray() : toDoubles(val);
                int[] perm = columnMajor(v.dims());
                for (int p : perm) res[o++] = p < rowMajor.length ? rowMajor[p] : Double.NaN;
            }
        }
        return res;
    }

    private static double[] toDoubles(Object v) {
        if (v instanceof Integer n) return new double[] {n};
        int[] flat = Values.flatten(v);
        double[] d = new double[flat.length];
        for (int k = 0; k < d.length; k++) d[k] = flat[k];
        return d;
    }

    /** Row-major positions listed in column-major order (first index fastest), as CmdStan writes them. */
    static int[] columnMajor(int[] dims) {
        int n = 1;
        for (int d : dims) n *= d;
        int[] out = new int[n];
        int[] strides = Values.strides(dims);
        int[] ix = new int[dims.length];
        for (int k = 0; k < n; k++) {
            int p = 0;
            for (int j = 0; j < dims.length; j++) p += ix[j] * strides[j];
            out[k] = p;
            for (int j = 0; j < dims.length; j++) {
                if (++ix[j] < dims[j]) break;
                ix[j] = 0;
            }
        }
        return out;
    }

    private int outputSize() {
        int n = 0;
        for (List<Variable> l : List.of(params, tparams, gqs)) for (Variable v : l) n += v.size();
        return n;
    }

    /** The output names in CmdStan's order with Stan's element syntax: {@code theta[1]}, {@code L[2,1]}. */
    public List<String> outputNames() {
        List<String> out = new ArrayList<>();
        for (List<Variable> l : List.of(params, tparams, gqs)) {
            for (Variable v : l) out.addAll(elementNames(v.name(), v.dims()));
        }
        return out;
    }

    /** Element names of a variable, column-major. */
    public static List<String> elementNames(String name, int[] dims) {
        List<String> out = new ArrayList<>();
        if (dims.length == 0) {
            out.add(name);
            return out;
        }
        int n = 1;
        for (int d : dims) n *= d;
        int[] ix = new int[dims.length];
        for (int k = 0; k < n; k++) {
            StringBuilder b = new StringBuilder(name).append('[');
            for (int j = 0; j < dims.length; j++) b.append(j > 0 ? "," : "").append(ix[j] + 1);
            out.add(b.append(']').toString());
            for (int j = 0; j < dims.length; j++) {
                if (++ix[j] < dims[j]) break;
                ix[j] = 0;
            }
        }
        return out;
    }

    /** A declared type as written, e.g. {@code array[J] real<lower=0>}. */
    public static String declaredType(DeclType t) {
        return DataCheck.declText(null, t, null);
    }

    /** The type of a variable's declaration as written, e.g. {@code array[J] real<lower=0>}. */
    public String declared(Variable v) {
        return DataCheck.declText(src, v.type(), null);
    }

    /** One evaluation: the log density and the program-level values (constrained) by variable. */
    public record Evaluation(Tensor target, List<Variable> variables, List<Object> values) {}

    /**
     * Evaluates at {@code upars}: parameters constrained (Jacobian included in the target), transformed
     * parameters, the model block, and the generated quantities when {@code rng} is not null.
     */
    public Evaluation evaluate(Tensor upars, RandomStream rng) {
        Object[] g = base.clone();
        Context ctx = new Context(rng, printer);
        constrainParams(g, upars, ctx, true);
        runTransformedParameters(g, ctx);
        int[] fs = cp.checked.frameSizes()[CheckedProgram.Block.MODEL.ordinal()];
        cp.model.run(new Frame(g, fs[0], fs[1], ctx));
        Tensor target = ctx.target();
        List<Variable> vs = new ArrayList<>(params);
        vs.addAll(tparams);
        List<Object> vals = new ArrayList<>();
        for (CompiledProgram.Decl d : paramDecls) vals.add(g[d.sym.slot]);
        for (CompiledProgram.Decl d : tparamDecls) vals.add(g[d.sym.slot]);
        if (rng != null) {
            int[] gs = cp.checked.frameSizes()[CheckedProgram.Block.GENERATED_QUANTITIES.ordinal()];
            Context gctx = new Context(rng, printer);
            Frame f = new Frame(g, gs[0], gs[1], gctx);
            cp.generatedQuantities.run(f);
            freeze(g);
            vs.addAll(gqs);
            for (CompiledProgram.Decl d : gqDecls) {
                String err = DataCheck.violation(d, g[d.sym.slot], f);
                if (err != null) {
                    throw new StanRejectException(
                            src.name() + ":" + d.sym.pos.line() + ": generated quantity '" + d.sym.name + "': " + err,
                            d.sym.pos.line());
                }
                vals.add(g[d.sym.slot]);
            }
        }
        return new Evaluation(target, vs, vals);
    }

    /** Unused type marker (keeps UnsizedType imported for javadoc links). */
    static UnsizedType unused() {
        return null;
    }
}
