package org.elbo4j.stan.check;

import java.util.List;
import org.elbo4j.stan.parse.FunDef;
import org.elbo4j.stan.parse.UnsizedType;

/**
 * A user-defined function after checking: its definition, and the frame sizes its body needs. Forward
 * declarations and the definition share one instance.
 */
public final class UserFunction {
    public final String name;
    public final List<UnsizedType> params;
    public final UnsizedType returnType;
    /** The definition (with body); set when the definition is seen. */
    public FunDef def;
    /** The argument symbols, in order. */
    public List<Symbol> args;
    /** Local frame sizes (object slots, int slots). */
    public int objectSlots, intSlots;

    UserFunction(String name, List<UnsizedType> params, UnsizedType returnType) {
        this.name = name;
        this.params = params;
        this.returnType = returnType;
    }

    @Override
    public String toString() {
        return name + params + " => " + returnType;
    }
}
