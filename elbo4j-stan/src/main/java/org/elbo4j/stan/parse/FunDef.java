package org.elbo4j.stan.parse;

import java.util.List;

/**
 * A user-defined function: its return type, name, parameters and body (null for a forward declaration).
 */
public final class FunDef {
    /** One parameter: {@code data array[] real x}. */
    public record Param(Pos pos, UnsizedType type, boolean dataOnly, String name) {}

    public final Pos pos;
    public final UnsizedType returnType;
    public final String name;
    public final List<Param> params;
    public final Stmt.Block body;

    public FunDef(Pos pos, UnsizedType returnType, String name, List<Param> params, Stmt.Block body) {
        this.pos = pos;
        this.returnType = returnType;
        this.name = name;
        this.params = params;
        this.body = body;
    }
}
