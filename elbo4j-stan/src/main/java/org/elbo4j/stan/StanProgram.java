package org.elbo4j.stan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.elbo4j.stan.check.CheckedProgram;
import org.elbo4j.stan.check.Signatures;
import org.elbo4j.stan.check.TypeChecker;
import org.elbo4j.stan.compile.CompiledProgram;
import org.elbo4j.stan.parse.Parser;
import org.elbo4j.stan.parse.Source;

/**
 * A Stan program, parsed and type-checked. {@link #instantiate} binds it to data and gives a {@link StanModel}.
 * The program is compiled to a closure tree once (on the first instantiation) and shared by its models.
 *
 * <pre>{@code
 * StanProgram p = StanProgram.parse("data { real y; } parameters { real mu; } model { y ~ normal(mu, 1); }", "demo");
 * StanModel m = p.instantiate(StanData.parse("{\"y\": 0.5}", "demo.json"));
 * double lp = m.logDensity(Tensor.of(0.5)).item();
 * }</pre>
 */
public final class StanProgram {
    private final CheckedProgram checked;
    private CompiledProgram compiled;

    private StanProgram(CheckedProgram checked) {
        this.checked = checked;
    }

    /**
     * Reads, parses and type-checks a {@code .stan} file.
     *
     * @throws StanException a syntax or type error with {@code file:line:column}, the line and a caret
     * @throws UncheckedIOException when the file cannot be read
     */
    public static StanProgram parse(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Stan program " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses and type-checks program text; {@code name} is shown in messages.
     *
     * @throws StanException a syntax or type error
     */
    public static StanProgram parse(String text, String name) {
        Source src = new Source(name, text);
        return new StanProgram(TypeChecker.check(Parser.parse(src), Signatures.standard()));
    }

    /**
     * Binds the program to data: checks the data against the declarations and runs transformed data (its
     * {@code _rng} calls seeded with 0).
     *
     * @throws StanException naming the data variable, the declaration and what was found
     */
    public StanModel instantiate(StanData data) {
        return instantiate(data, 0L);
    }

    /** As {@link #instantiate(StanData)} with the seed of transformed data's random numbers. */
    public synchronized StanModel instantiate(StanData data, long seed) {
        if (compiled == null) compiled = CompiledProgram.compile(checked);
        return new StanModel(this, compiled, data, seed);
    }

    /** The checked program (AST with types). */
    public CheckedProgram checked() {
        return checked;
    }

    /** The program's name (file path or the name given). */
    public String name() {
        return checked.program().source().name();
    }
}
