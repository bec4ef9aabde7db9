package org.elbo4j.stan.check;

import java.util.List;
import org.elbo4j.stan.parse.UnsizedType;

/**
 * One overload of a library function as listed in {@code signatures.txt}:
 * {@code <return type> <stan name>(<arg type>, ...) = <Class>.<javaMethod>}.
 *
 * @param returnType the Stan return type
 * @param name       the Stan name
 * @param args       the argument types
 * @param className  the implementing class: a simple name in {@code org.elbo4j.stan.functions}, or a fully
 *                   qualified name
 * @param method     the Java static method
 */
public record Signature(UnsizedType returnType, String name, List<ArgType> args, String className, String method) {
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(name).append('(');
        for (int i = 0; i < args.size(); i++) b.append(i > 0 ? ", " : "").append(args.get(i));
        return b.append(") => ").append(returnType).toString();
    }
}
