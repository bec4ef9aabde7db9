package org.elbo4j.stan.check;

import org.elbo4j.stan.parse.DeclType;
import org.elbo4j.stan.parse.Pos;
import org.elbo4j.stan.parse.UnsizedType;

/**
 * A declared variable as the type checker resolved it, with the frame slot the compiler uses: program
 * variables (data ... generated quantities) live in the global slots, everything else in the slots of the
 * enclosing block or function; int scalars in an {@code int[]} frame, all other values in an {@code Object[]}.
 */
public final class Symbol {
    /** Where a variable was declared. */
    public enum Origin {
        DATA,
        TRANSFORMED_DATA,
        PARAMETER,
        TRANSFORMED_PARAMETER,
        GENERATED,
        LOCAL,
        LOOP,
        ARGUMENT
    }

    public final String name;
    public final UnsizedType type;
    public final Origin origin;
    /** The declaration (null for loop variables and function arguments). */
    public final DeclType decl;

    public final Pos pos;
    /** True for program-level variables (slots in the global frame). */
    public final boolean global;
    /** The slot: into the global frame, or into the local int or object frame. */
    public final int slot;

    Symbol(String name, UnsizedType type, Origin origin, DeclType decl, Pos pos, boolean global, int slot) {
        this.name = name;
        this.type = type;
        this.origin = origin;
        this.decl = decl;
        this.pos = pos;
        this.global = global;
        this.slot = slot;
    }

    /** True when the value is a scalar int kept in the int frame (locals only). */
    public boolean intSlot() {
        return !global && type.isInt();
    }

    @Override
    public String toString() {
        return name + ":" + type + "@" + (global ? "g" : "l") + slot;
    }
}
