package org.elbo4j.stan.compile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.elbo4j.stan.check.CheckedProgram;
import org.elbo4j.stan.check.Symbol;
import org.elbo4j.stan.parse.DeclType;
import org.elbo4j.stan.parse.Program;

/**
 * A checked program compiled once into closure trees: one statement tree per block, and for every
 * program-level variable the compiled sizes and constraint expressions. Independent of the data; a
 * {@link ModelRuntime} binds it to one data set.
 */
public final class CompiledProgram {
    final CheckedProgram checked;
    final Ex transformedData, transformedParameters, model, generatedQuantities;
    final Map<Symbol, Decl> decls = new HashMap<>();

    /** A program-level declaration: its sizes and constraint expressions, compiled. */
    static final class Decl {
        final Symbol sym;
        final DeclType type;
        final Ev[] sizes;
        final Ev lower, upper, offset, multiplier;

        Decl(Symbol sym, DeclType type, Ev[] sizes, Ev lower, Ev upper, Ev offset, Ev multiplier) {
            this.sym = sym;
            this.type = type;
            this.sizes = sizes;
            this.lower = lower;
            this.upper = upper;
            this.offset = offset;
            this.multiplier = multiplier;
        }
    }

    private CompiledProgram(CheckedProgram cp) {
        this.checked = cp;
        Compiler c = new Compiler(cp.program().source());
        Program p = cp.program();
        for (List<org.elbo4j.stan.parse.Stmt> block : List.of(
                p.data(), p.transformedData(), p.parameters(), p.transformedParameters(), p.generatedQuantities())) {
            for (var s : block) {
                if (s instanceof org.elbo4j.stan.parse.Stmt.VarDecl d
                        && d.binding instanceof Symbol sym
                        && sym.global) {
                    DeclType t = d.type;
                    decls.put(
                            sym,
                            new Decl(
                                    sym,
                                    t,
                                    c.sizesOf(t),
                                    t.lower == null ? null : c.expr(t.lower),
                                    t.upper == null ? null : c.expr(t.upper),
                                    t.offset == null ? null : c.expr(t.offset),
                                    t.multiplier == null ? null : c.expr(t.multiplier)));
                }
            }
        }
        transformedData = c.block(p.transformedData());
        transformedParameters = c.block(p.transformedParameters());
        model = c.block(p.model());
        generatedQuantities = c.block(p.generatedQuantities());
    }

    /**
     * Compiles a checked program (library calls are bound here).
     *
     * @throws org.elbo4j.stan.StanException when a library function named by the signatures is missing
     */
    public static CompiledProgram compile(CheckedProgram cp) {
        return new CompiledProgram(cp);
    }

    /** The checked program. */
    public CheckedProgram checked() {
        return checked;
    }
}
